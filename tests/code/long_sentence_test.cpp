// A document without sentence punctuation is coded in bounded sentences. Issue: 1 MB of such text
// was one sentence, and coding time grew with the square of its length (1/2/4/8 MB: 2.8/8.8/28/
// 115 s). Not timed here (bench/long_sentence.sh times it); the sentence count is what must hold.
#include <gtest/gtest.h>

#include <algorithm>

#include "code/coder.h"
#include "text/pipeline.h"

namespace rasad::code {
namespace {

// Written for this test: a report of a meeting, with its punctuation taken out.
constexpr const char* kWords =
    "التقى الرئيس الإيراني حسن روحاني نظيره الروسي فلاديمير بوتين في موسكو وبحث الجانبان التعاون "
    "الاقتصادي بين البلدين وأكد وزير الخارجية الروسي سيرغي لافروف دعم بلاده للاتفاق النووي ";

Document unpunctuated_document(const std::string& lang, const std::string& date, size_t bytes) {
  Document d;
  d.id = "unpunctuated";
  d.lang = lang;
  d.date = date;
  while (d.text.size() < bytes) d.text += kWords;
  return d;
}

TEST(LongSentence, OneMegabyteWithoutPunctuationIsCodedInBoundedSentences) {
  std::vector<Diagnostic> problems;
  auto res = CodingResources::load(std::string(RASAD_SOURCE_DIR) + "/data", problems);
  ASSERT_TRUE(res) << res.error();
  const Document d = unpunctuated_document("ar", "2020-01-10", 1u << 20);

  text::TextPipeline pipeline((*res)->text);
  const text::Analysis a = pipeline.analyze(d);
  size_t tokens = 0, longest = 0;
  for (const auto& s : a.sentences) {
    tokens += s.tokens.size();
    longest = std::max(longest, s.tokens.size());
  }
  ASSERT_GT(tokens, 50'000u);
  EXPECT_LE(longest, text::kMaxSentenceTokens);
  EXPECT_GE(a.sentences.size(), tokens / text::kMaxSentenceTokens);
  EXPECT_LE(a.sentences.size(), tokens / (text::kMaxSentenceTokens / 2) + 1);
  EXPECT_TRUE(std::any_of(a.warnings.begin(), a.warnings.end(),
                          [](const std::string& w) { return w.find("over-long sentence") != std::string::npos; }));

  const std::vector<Event> events = EventCoder(*res).code(d, a);
  EXPECT_FALSE(events.empty()) << "the meeting is found in the pieces";
  for (const auto& e : events) ASSERT_LT(e.sentence, a.sentences.size());
}

}  // namespace
}  // namespace rasad::code
