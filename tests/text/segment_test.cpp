// Sentence and token segmentation: splitting rules, token kinds and spans, and span properties on
// the real seeds.
#include "text/segment.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace rasad::text {
namespace {

struct Fixture {
  Normalizer normalizer;
  Morphology morphology;
  SegmentRules rules;
};

MorphRules load_or_die(const std::string& path) {
  auto r = load_morph_rules(path);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
  return r.ok() ? r.value() : MorphRules{};
}

const Fixture& fixture() {
  static const Fixture f = [] {
    SegmentRules rules;
    std::ifstream in(RASAD_SOURCE_DIR "/data/text/abbreviations/en.txt");
    EXPECT_TRUE(in.good());
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#') rules.abbreviations_en.push_back(line);
    return Fixture{Normalizer(),
                   Morphology(load_or_die(RASAD_SOURCE_DIR "/data/text/morphology/ar.tsv"),
                              load_or_die(RASAD_SOURCE_DIR "/data/text/morphology/fa.tsv")),
                   rules};
  }();
  return f;
}

std::vector<std::string> sentences(const std::string& text, const std::string& lang) {
  Segmenter seg(fixture().rules, fixture().normalizer, fixture().morphology);
  std::vector<std::string> out;
  for (const Sentence& s : seg.split(text, {0, static_cast<uint32_t>(text.size())}, lang))
    out.emplace_back(s.span.slice(text));
  return out;
}

struct SplitCase {
  std::string name;
  std::string lang;
  std::string text;
  std::vector<std::string> want;
};

class SentenceSplit : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SentenceSplit, Sentences) { EXPECT_EQ(sentences(GetParam().text, GetParam().lang), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    Table, SentenceSplit,
    ::testing::Values(
        SplitCase{"ArabicCommaSemicolon",
                  "ar",
                  "أكد الرئيسان أهمية التعاون، وضرورة الجهود المشتركة؛ متطلعا إلى تجاوز الأزمة.",
                  {"أكد الرئيسان أهمية التعاون، وضرورة الجهود المشتركة؛ متطلعا إلى تجاوز الأزمة."}},
        SplitCase{"ArabicQuestionMark",
                  "ar",
                  "هل انتهت الأزمة؟ قال الوزير إنها لم تنته.",
                  {"هل انتهت الأزمة؟", "قال الوزير إنها لم تنته."}},
        SplitCase{"ArabicQuestionMarkNoSpace", "ar", "هل انتهت الأزمة؟قال الوزير", {"هل انتهت الأزمة؟", "قال الوزير"}},
        SplitCase{"ArabicFullStops",
                  "ar",
                  "  وصل الوفد إلى الرياض. وبدأت المحادثات اليوم.  ",
                  {"وصل الوفد إلى الرياض.", "وبدأت المحادثات اليوم."}},
        SplitCase{"PersianQuestionAndStop",
                  "fa",
                  "آیا مذاکرات ادامه دارد؟ سخنگو گفت: بله.",
                  {"آیا مذاکرات ادامه دارد؟", "سخنگو گفت: بله."}},
        SplitCase{"EnglishAbbreviations",
                  "en",
                  "Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.",
                  {"Mr. Smith met Dr. Jones in the U.S. on Monday.", "They talked."}},
        SplitCase{"EnglishAbbreviationBeforeCapital",
                  "en",
                  "He met Gen. Ahmed and Sen. Brown. Then he left.",
                  {"He met Gen. Ahmed and Sen. Brown.", "Then he left."}},
        SplitCase{"EnglishInitials",
                  "en",
                  "The letter was signed by J. K. Rowling. She agreed.",
                  {"The letter was signed by J. K. Rowling.", "She agreed."}},
        SplitCase{"ArabicInitialTitle", "ar", "وقال د. محمد علي إن الوضع مستقر.", {"وقال د. محمد علي إن الوضع مستقر."}},
        SplitCase{"GuillemetsHoldQuestion",
                  "ar",
                  "قال الوزير: «هل نقبل بهذا؟ لا» ثم غادر القاعة.",
                  {"قال الوزير: «هل نقبل بهذا؟ لا» ثم غادر القاعة."}},
        SplitCase{"StopBeforeClosingGuillemetEndsSentence",
                  "ar",
                  "قال: «لن نقبل.» ثم غادر.",
                  {"قال: «لن نقبل.»", "ثم غادر."}},
        SplitCase{"PersianGuillemets",
                  "fa",
                  "او گفت «ما آماده‌ایم. مذاکره ادامه دارد» و رفت.",
                  {"او گفت «ما آماده‌ایم. مذاکره ادامه دارد» و رفت."}},
        SplitCase{"CurlyQuotes",
                  "en",
                  "He said “We are ready. Talks go on” and left. Next day came.",
                  {"He said “We are ready. Talks go on” and left.", "Next day came."}},
        SplitCase{"StraightQuotes",
                  "en",
                  "He said \"We are ready. Talks go on\" and left. Next day came.",
                  {"He said \"We are ready. Talks go on\" and left.", "Next day came."}},
        SplitCase{"UnclosedQuoteDoesNotSwallow",
                  "ar",
                  "قال «نحن مستعدون. ثم غادر. وانتهى اللقاء.",
                  {"قال «نحن مستعدون.", "ثم غادر.", "وانتهى اللقاء."}},
        SplitCase{"LineBreaksSplit",
                  "ar",
                  "عنوان الخبر\nنص الخبر الأول\r\n\n  نص ثان  \n",
                  {"عنوان الخبر", "نص الخبر الأول", "نص ثان"}},
        SplitCase{"QuoteDoesNotCrossLines", "ar", "قال «نحن\nمستعدون» ثم", {"قال «نحن", "مستعدون» ثم"}},
        SplitCase{"WhitespaceOnly", "ar", " \n\t \u00a0\n", {}}),
    [](const auto& p) { return p.param.name; });

TEST(Segmenter, RegionOnlyAndSpansIntoDocument) {
  const std::string text = "مقدمة لا تقسم. الجملة الأولى. الجملة الثانية. خاتمة.";
  const std::string region_text = "الجملة الأولى. الجملة الثانية.";
  const auto start = static_cast<uint32_t>(text.find(region_text));
  Segmenter seg(fixture().rules, fixture().normalizer, fixture().morphology);
  const auto out = seg.split(text, {start, start + static_cast<uint32_t>(region_text.size())}, "ar");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].span.slice(text), "الجملة الأولى.");
  EXPECT_EQ(out[1].span.slice(text), "الجملة الثانية.");
  EXPECT_EQ(out[0].span.start, start);
  EXPECT_EQ(out[0].lang, "ar");
}

struct TokCase {
  std::string text;
  std::string lang;
  std::vector<std::pair<std::string, TokenKind>> want;
};

TEST(Segmenter, TokensAndKinds) {
  using K = TokenKind;
  const std::vector<TokCase> cases = {
      {"قال الوزير، في 19/03/2024: «نعم»!",
       "ar",
       {{"قال", K::word},
        {"الوزير", K::word},
        {"،", K::punct},
        {"في", K::word},
        {"19", K::number},
        {"/", K::punct},
        {"03", K::number},
        {"/", K::punct},
        {"2024", K::number},
        {":", K::punct},
        {"«", K::punct},
        {"نعم", K::word},
        {"»", K::punct},
        {"!", K::punct}}},
      {"گسترش همکاری‌ها ...",
       "fa",
       {{"گسترش", K::word}, {"همکاری‌ها", K::word}, {".", K::punct}, {".", K::punct}, {".", K::punct}}},
      {"It cost $2,500.50 (approx.)",
       "en",
       {{"It", K::word},
        {"cost", K::word},
        {"$", K::symbol},
        {"2,500.50", K::number},
        {"(", K::punct},
        {"approx", K::word},
        {".", K::punct},
        {")", K::punct}}},
      {"١٩ آذار", "ar", {{"١٩", K::number}, {"آذار", K::word}}},
  };
  Segmenter seg(fixture().rules, fixture().normalizer, fixture().morphology);
  for (const auto& c : cases) {
    const auto toks = seg.tokenize(c.text, {0, static_cast<uint32_t>(c.text.size())}, c.lang);
    std::vector<std::pair<std::string, TokenKind>> got;
    for (const auto& t : toks) got.emplace_back(std::string(t.span.slice(c.text)), t.kind);
    EXPECT_EQ(got, c.want) << c.text;
  }
}

TEST(Segmenter, TokenNormAndMorph) {
  Segmenter seg(fixture().rules, fixture().normalizer, fixture().morphology);
  const Normalizer& n = fixture().normalizer;
  {
    const std::string text = "گسترش همکاری‌ها";
    const auto toks = seg.tokenize(text, {0, static_cast<uint32_t>(text.size())}, "fa");
    ASSERT_EQ(toks.size(), 2u);
    EXPECT_EQ(toks[1].span.slice(text), "همکاری‌ها");
    EXPECT_EQ(toks[1].norm, n.normalize_string("همکاریها"));
    EXPECT_EQ(toks[1].morph.stem, n.normalize_string("همکاری"));
    EXPECT_EQ(toks[1].morph.suffixes, std::vector<std::string>{n.normalize_string("ها")});
  }
  {
    const std::string text = "والرئيس يؤكد";
    const auto toks = seg.tokenize(text, {0, static_cast<uint32_t>(text.size())}, "ar");
    ASSERT_EQ(toks.size(), 2u);
    EXPECT_EQ(toks[0].morph.prefixes, (std::vector<std::string>{"و", "ال"}));
    EXPECT_EQ(toks[0].morph.stem, "رييس");
    EXPECT_EQ(toks[1].norm, n.normalize_string("یؤکد"));
  }
  {
    const std::string text = "The Minister";
    const auto toks = seg.tokenize(text, {0, static_cast<uint32_t>(text.size())}, "en");
    ASSERT_EQ(toks.size(), 2u);
    EXPECT_EQ(toks[1].norm, "minister");
    EXPECT_EQ(toks[1].morph.stem, "minister");
    EXPECT_TRUE(toks[1].morph.prefixes.empty());
  }
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool is_trimmed(std::string_view s) {
  return !s.empty() && s.front() != ' ' && s.front() != '\n' && s.back() != ' ' && s.back() != '\n' &&
         s.back() != '\r' && s.back() != '\t';
}

TEST(Segmenter, SeedSpansSliceTheOriginal) {
  const std::filesystem::path dir = RASAD_SOURCE_DIR "/../shared/seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no ../shared/seeds";
  Segmenter seg(fixture().rules, fixture().normalizer, fixture().morphology);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    const std::string text = read_file(entry.path());
    const std::string lang = entry.path().filename().string().rfind("001", 0) == 0 ? "fa" : "ar";
    const auto out = seg.split(text, {0, static_cast<uint32_t>(text.size())}, lang);
    EXPECT_GT(out.size(), 5u) << entry.path();
    uint32_t prev_end = 0;
    for (const Sentence& s : out) {
      const std::string_view st = s.span.slice(text);
      EXPECT_TRUE(utf8::is_boundary(text, s.span.start) && utf8::is_boundary(text, s.span.end));
      EXPECT_TRUE(is_trimmed(st)) << st;
      EXPECT_EQ(st.find('\n'), std::string_view::npos) << st;
      EXPECT_GE(s.span.start, prev_end);
      prev_end = s.span.end;
      EXPECT_FALSE(s.tokens.empty()) << st;
      uint32_t prev_tok = s.span.start;
      for (const Token& t : s.tokens) {
        EXPECT_GE(t.span.start, prev_tok);
        EXPECT_LT(t.span.start, t.span.end);
        EXPECT_LE(t.span.end, s.span.end);
        EXPECT_TRUE(utf8::is_boundary(text, t.span.start) && utf8::is_boundary(text, t.span.end));
        const std::string_view tt = t.span.slice(text);
        EXPECT_EQ(t.norm, fixture().normalizer.normalize_string(tt));
        EXPECT_EQ(tt.find(' '), std::string_view::npos) << tt;
        prev_tok = t.span.end;
      }
    }
  }
  EXPECT_EQ(files, 5u);
}

// Segmenter keeps the normalized form and analysis of each token text it has seen (per language):
// a segmenter that has seen the text before, in every language, gives what a fresh one gives and
// what normalize_string and Morphology::best give.
TEST(Segmenter, ReusedSegmenterAgreesWithFreshOne) {
  const std::filesystem::path dir = RASAD_SOURCE_DIR "/../shared/seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no ../shared/seeds";
  Segmenter reused(fixture().rules, fixture().normalizer, fixture().morphology);
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".txt") texts.push_back(read_file(entry.path()));
  ASSERT_FALSE(texts.empty());
  for (const std::string lang : {"ar", "fa", "en", "ar", "fa"}) {
    for (const std::string& text : texts) {
      const Span all{0, static_cast<uint32_t>(text.size())};
      Segmenter fresh(fixture().rules, fixture().normalizer, fixture().morphology);
      const auto got = reused.split(text, all, lang);
      const auto want = fresh.split(text, all, lang);
      ASSERT_EQ(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].tokens.size(), want[i].tokens.size());
        for (size_t j = 0; j < got[i].tokens.size(); ++j) {
          const Token& t = got[i].tokens[j];
          EXPECT_EQ(t.norm, want[i].tokens[j].norm);
          EXPECT_EQ(t.morph, want[i].tokens[j].morph);
          EXPECT_EQ(t.norm, fixture().normalizer.normalize_string(t.span.slice(text)));
          if (t.kind == TokenKind::word && lang != "en") {
            EXPECT_EQ(t.morph, fixture().morphology.best(t.norm, lang));
          } else {
            MorphAnalysis plain;
            plain.stem = t.norm;
            EXPECT_EQ(t.morph, plain);
          }
        }
      }
    }
  }
}

// Break iteration runs over UTF-16: spans of characters outside the BMP and of ill-formed bytes
// (each read as U+FFFD) still map back to UTF-8 boundaries of the original.
TEST(Segmenter, SpansAroundSupplementaryAndIllFormedBytes) {
  Segmenter seg(fixture().rules, fixture().normalizer, fixture().morphology);
  const std::string text = "قال \xF0\x9F\x98\x80 الرئيس \xF0\x9D\x92\x9C\xF0\x9D\x92\xB7 ok \xFF\xFE و\xD8 هنا.";
  const auto toks = seg.tokenize(text, {0, static_cast<uint32_t>(text.size())}, "ar");
  std::vector<std::string> got;
  uint32_t prev = 0;
  for (const Token& t : toks) {
    EXPECT_GE(t.span.start, prev);
    EXPECT_LT(t.span.start, t.span.end);
    prev = t.span.end;
    got.emplace_back(t.span.slice(text));
  }
  ASSERT_GE(got.size(), 6u);
  EXPECT_EQ(got[0], "قال");
  EXPECT_EQ(got[1], "\xF0\x9F\x98\x80");
  EXPECT_EQ(got[2], "الرئيس");
  EXPECT_EQ(got[3], "\xF0\x9D\x92\x9C\xF0\x9D\x92\xB7");
  EXPECT_EQ(got[4], "ok");
  EXPECT_EQ(got.back(), ".");
  EXPECT_EQ(prev, text.size());
}

TEST(Segmenter, ToStringKinds) {
  EXPECT_STREQ(to_string(TokenKind::word), "word");
  EXPECT_STREQ(to_string(TokenKind::number), "number");
  EXPECT_STREQ(to_string(TokenKind::punct), "punct");
  EXPECT_STREQ(to_string(TokenKind::symbol), "symbol");
}

}  // namespace
}  // namespace rasad::text

namespace rasad::text {
namespace {

std::string words(size_t n, const std::string& word = "كلمة") {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += (i ? " " : "") + word;
  return s;
}

std::vector<Sentence> split_all(const std::string& text) {
  Segmenter seg(fixture().rules, fixture().normalizer, fixture().morphology);
  return seg.split(text, {0, static_cast<uint32_t>(text.size())}, "ar");
}

// Issue: a document without sentence punctuation was one sentence, and coding it was quadratic.
TEST(Segmenter, RunsWithoutPunctuationAreCutAtTheTokenBound) {
  const std::string text = words(5 * kMaxSentenceTokens);
  const auto out = split_all(text);
  ASSERT_EQ(out.size(), 5u);
  size_t tokens = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].tokens.size(), kMaxSentenceTokens) << i;
    EXPECT_EQ(out[i].cut, i + 1 < out.size()) << i;
    EXPECT_EQ(out[i].span.start, out[i].tokens.front().span.start);
    EXPECT_EQ(out[i].span.end, out[i].tokens.back().span.end);
    if (i > 0) {
      EXPECT_GT(out[i].span.start, out[i - 1].span.end);
    }
    tokens += out[i].tokens.size();
  }
  EXPECT_EQ(tokens, 5 * kMaxSentenceTokens) << "no token lost or repeated";
}

TEST(Segmenter, LongRunsAreCutAfterClausePunctuation) {
  const std::string clause = words(150) + "،";
  const auto out = split_all(clause + " " + clause + " " + clause);
  ASSERT_EQ(out.size(), 3u);
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].tokens.size(), 151u) << i;
    EXPECT_TRUE(out[i].span.slice(clause + " " + clause + " " + clause).ends_with("،")) << i;
  }
  EXPECT_TRUE(out[0].cut);
  EXPECT_FALSE(out[2].cut);
  // A clause mark early in the window is not used: the piece would be needlessly short.
  const auto early = split_all(words(20) + ", " + words(400, "word"));
  ASSERT_EQ(early.size(), 3u);
  EXPECT_EQ(early[0].tokens.size(), kMaxSentenceTokens);
}

TEST(Segmenter, SentencesWithinTheBoundAreWhole) {
  const std::string text = words(kMaxSentenceTokens - 1) + ". " + words(3) + ".";
  const auto out = split_all(text);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].tokens.size(), kMaxSentenceTokens);
  EXPECT_FALSE(out[0].cut);
  EXPECT_FALSE(out[1].cut);
}

}  // namespace
}  // namespace rasad::text
