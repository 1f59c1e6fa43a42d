// The Segmenter's contract as the rest of rasad relies on it: sentence boundaries in the three
// languages, and spans that slice the original text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/utf8.h"
#include "text/segment.h"

namespace rasad::text {
namespace {

struct Fixture {
  Normalizer normalizer;
  Morphology morphology;
  SegmentRules rules;
  Fixture()
      : morphology(load_morph_rules(RASAD_SOURCE_DIR "/data/text/morphology/ar.tsv").value(),
                   load_morph_rules(RASAD_SOURCE_DIR "/data/text/morphology/fa.tsv").value()) {
    std::ifstream in(RASAD_SOURCE_DIR "/data/text/abbreviations/en.txt");
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != '#') rules.abbreviations_en.push_back(line);
  }
};

std::vector<std::string> sentences(std::string_view text, std::string_view lang) {
  static Fixture f;
  Segmenter seg(f.rules, f.normalizer, f.morphology);
  std::vector<std::string> out;
  for (const Sentence& s : seg.split(text, {0, static_cast<uint32_t>(text.size())}, lang))
    out.emplace_back(s.span.slice(text));
  return out;
}

TEST(SegmentContract, SentenceBoundaries) {
  EXPECT_EQ(sentences("أكد الوزير، في مؤتمر صحفي؛ أن التعاون مستمر.", "ar").size(), 1u);
  EXPECT_EQ(sentences("هل ستستمر المحادثات؟ قال الوزير إنها ستستمر.", "ar").size(), 2u);
  EXPECT_EQ(sentences("Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.", "en"),
            (std::vector<std::string>{"Mr. Smith met Dr. Jones in the U.S. on Monday.", "They talked."}));
  // No split inside a quotation that closes within the line; a split after it is fine.
  const auto fa = sentences("وزیر گفت: «ما آماده‌ایم. گفتگو ادامه دارد.» سپس جلسه پایان یافت.", "fa");
  ASSERT_FALSE(fa.empty());
  EXPECT_EQ(fa[0], "وزیر گفت: «ما آماده‌ایم. گفتگو ادامه دارد.»");
  EXPECT_EQ(sentences("line one without stop\nline two without stop", "en").size(), 2u);
}

TEST(SegmentContract, ZwnjJoinedPersianWordIsOneToken) {
  static Fixture f;
  Segmenter seg(f.rules, f.normalizer, f.morphology);
  const std::string text = "گسترش همکاری\u200cها";
  const auto tokens = seg.tokenize(text, {0, static_cast<uint32_t>(text.size())}, "fa");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].span.slice(text), "همکاری\u200cها");
  EXPECT_EQ(tokens[1].norm, f.normalizer.normalize_string("همکاریها"));
  EXPECT_EQ(tokens[1].morph.stem, f.normalizer.normalize_string("همکاری"));
}

TEST(SegmentContract, ArabicCliticsAreAnalyzed) {
  static Fixture f;
  const auto best = [&](std::string_view w) { return f.morphology.analyze(f.normalizer.normalize_string(w), "ar").front(); };
  const MorphAnalysis a = best("والرئيس");
  EXPECT_EQ(a.prefixes, (std::vector<std::string>{"و", "ال"}));
  EXPECT_EQ(a.stem, f.normalizer.normalize_string("رئيس"));
  EXPECT_EQ(best("بوتين").stem, "بوتين");
  // The unanalyzed token is always a candidate, so dictionaries never lose a word.
  for (const char* w : {"وزير", "بوتين", "والرئيس", "لافروف"}) {
    const auto all = f.morphology.analyze(f.normalizer.normalize_string(w), "ar");
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const MorphAnalysis& m) {
      return m.prefixes.empty() && m.suffixes.empty() && m.stem == f.normalizer.normalize_string(w);
    })) << w;
  }
}

TEST(SegmentContract, SeedSpansSliceTheOriginal) {
  namespace fs = std::filesystem;
  static Fixture f;
  Segmenter seg(f.rules, f.normalizer, f.morphology);
  int files = 0;
  for (const auto& e : fs::directory_iterator(fs::path(RASAD_SOURCE_DIR) / ".." / "shared" / "seeds")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    ++files;
    uint32_t last = 0;
    for (const Sentence& s : seg.split(text, {0, static_cast<uint32_t>(text.size())}, "ar")) {
      EXPECT_GE(s.span.start, last);
      last = s.span.end;
      EXPECT_TRUE(utf8::is_boundary(text, s.span.start) && utf8::is_boundary(text, s.span.end));
      uint32_t tok_last = s.span.start;
      for (const Token& t : s.tokens) {
        EXPECT_GE(t.span.start, tok_last);
        EXPECT_LE(t.span.end, s.span.end);
        EXPECT_FALSE(t.span.empty());
        EXPECT_EQ(t.norm, f.normalizer.normalize_string(t.span.slice(text)));
        tok_last = t.span.end;
      }
    }
  }
  EXPECT_EQ(files, 5);
}

}  // namespace
}  // namespace rasad::text
