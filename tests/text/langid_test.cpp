#include "text/langid.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/normalize.h"

namespace rasad::text {
namespace {

LanguageGuess guess(std::string_view s) {
  static const Normalizer n;
  return identify_language(n.normalize_string(s));
}

TEST(LangId, ThreeLanguages) {
  EXPECT_EQ(guess("أكد وزير الخارجية المصري في اتصال هاتفي مع نظيره الأردني أهمية التنسيق بين البلدين").code, "ar");
  EXPECT_EQ(guess("وزیر امور خارجه ایران در تماس تلفنی با همتای ترکیه خود درباره مسائل منطقه گفتگو کرد").code, "fa");
  EXPECT_EQ(guess("The foreign ministers of Egypt and Jordan discussed the situation in Gaza by telephone").code, "en");
}

// Arabic written with Persian yeh and keheh (as seed 000 is) is still Arabic, and Persian written
// with Arabic yeh and kaf (as Fars News in 2008 was) is still Persian.
TEST(LangId, LetterVariantsAreNotLanguageEvidence) {
  EXPECT_EQ(guess("اکد رئیسا الجمهوریة الایراني والروسي علی اهمیة التعاون الستراتیجي بین طهران وموسکو").code, "ar");
  EXPECT_EQ(guess("رئيس جمهور ايران در گفتگوي تلفني با همتاي روسي خود بر توسعه همكاري هاي دو كشور تاكيد كرد").code, "fa");
}

TEST(LangId, EmptyIsUndetermined) {
  EXPECT_EQ(guess("").code, "und");
  EXPECT_FALSE(guess("").reliable);
}

TEST(LangId, HintDoesNotOverrideClearText) {
  static const Normalizer n;
  const auto g = identify_language(
      n.normalize_string("The foreign ministers of Egypt and Jordan discussed the situation in Gaza by telephone on Monday"),
      "ar");
  EXPECT_EQ(g.code, "en");
}

// A text up to 256 KiB is read whole; a longer one through 16 pieces spread over it, each starting
// on a UTF-8 sequence, so a language that fills the second half still has its share.
TEST(LangId, LongTextIsSampledOverItsWholeLength) {
  const std::string small(1000, 'a');
  EXPECT_EQ(language_sample(small), small);
  const std::string ar = "وزير الخارجية ";  // 2-byte letters: an odd offset falls inside one
  const std::string en = "foreign minister ";
  std::string text;
  while (text.size() < 600 * 1024) text += ar;
  while (text.size() < 1200 * 1024) text += en;
  const std::string sample = language_sample(text);
  EXPECT_LE(sample.size(), 256u * 1024 + 16);
  EXPECT_NE(sample.find("foreign"), std::string::npos);
  EXPECT_NE(sample.find("الخارجية"), std::string::npos);
  for (size_t b = 0; b < sample.size();) {
    EXPECT_NE(static_cast<unsigned char>(sample[b]) & 0xC0, 0x80) << "piece at " << b;
    const size_t nl = sample.find('\n', b);
    b = nl == std::string::npos ? sample.size() : nl + 1;
  }
  const auto g = identify_language(sample);
  EXPECT_TRUE(g.code == "ar" || g.code == "en") << g.code;
  EXPECT_LT(g.percent, 90);  // both halves count: such a document is treated as mixed
}

}  // namespace
}  // namespace rasad::text
