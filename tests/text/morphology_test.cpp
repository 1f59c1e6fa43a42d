// Arabic clitic and Persian affix analysis against the shipped data/text/morphology tables.
#include "text/morphology.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/normalize.h"

namespace rasad::text {
namespace {

const Normalizer& normalizer() {
  static const Normalizer n;
  return n;
}
std::string norm(const std::string& s) { return normalizer().normalize_string(s); }

const Morphology& morphology() {
  static const Morphology m = [] {
    auto ar = load_morph_rules(RASAD_SOURCE_DIR "/data/text/morphology/ar.tsv");
    auto fa = load_morph_rules(RASAD_SOURCE_DIR "/data/text/morphology/fa.tsv");
    EXPECT_TRUE(ar.ok()) << (ar.ok() ? "" : ar.error());
    EXPECT_TRUE(fa.ok()) << (fa.ok() ? "" : fa.error());
    return Morphology(ar.ok() ? ar.value() : MorphRules{}, fa.ok() ? fa.value() : MorphRules{});
  }();
  return m;
}

std::vector<std::string> norm_all(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(norm(s));
  return out;
}

struct BestCase {
  std::string token;  // as written; normalized before analysis
  std::string lang;
  std::vector<std::string> prefixes;
  std::string stem;
  std::vector<std::string> suffixes;
};

class MorphBest : public ::testing::TestWithParam<BestCase> {};

TEST_P(MorphBest, FirstCandidate) {
  const BestCase& c = GetParam();
  const MorphAnalysis a = morphology().best(norm(c.token), c.lang);
  EXPECT_EQ(a.prefixes, norm_all(c.prefixes)) << c.token;
  EXPECT_EQ(a.stem, norm(c.stem)) << c.token;
  EXPECT_EQ(a.suffixes, norm_all(c.suffixes)) << c.token;
  // best() is analyze().front().
  const auto all = morphology().analyze(norm(c.token), c.lang);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front(), a);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MorphBest,
    ::testing::Values(
        // Arabic proclitics and the article.
        BestCase{"والرئيس", "ar", {"و", "ال"}, "رئيس", {}},  // ئ folds to ي in the stem
        BestCase{"الرئيس", "ar", {"ال"}, "رئيس", {}}, BestCase{"للرئيس", "ar", {"ل", "ال"}, "رئيس", {}},  // لل = ل + ال
        BestCase{"وللرئيس", "ar", {"و", "ل", "ال"}, "رئيس", {}}, BestCase{"بالتعاون", "ar", {"ب", "ال"}, "تعاون", {}},
        BestCase{"وقال", "ar", {"و"}, "قال", {}}, BestCase{"سيزور", "ar", {"س"}, "يزور", {}},
        BestCase{"وسيزور", "ar", {"و", "س"}, "يزور", {}}, BestCase{"بزيارة", "ar", {"ب"}, "زيارة", {}},
        BestCase{"زيارته", "ar", {}, "زيارت", {"ه"}},
        // Not split: name with a long vowel after ب, words listed as stems, short stems, س nouns.
        BestCase{"بوتين", "ar", {}, "بوتين", {}}, BestCase{"وزير", "ar", {}, "وزير", {}},
        BestCase{"لبنان", "ar", {}, "لبنان", {}}, BestCase{"ليبيا", "ar", {}, "ليبيا", {}},
        BestCase{"الذي", "ar", {}, "الذي", {}}, BestCase{"سياسة", "ar", {}, "سياسة", {}},
        BestCase{"سنوات", "ar", {}, "سنوات", {}}, BestCase{"ساعة", "ar", {}, "ساعة", {}},
        BestCase{"الروسي", "ar", {"ال"}, "روسي", {}},  // article and enclitic exclude each other
        BestCase{"روسي", "ar", {}, "روسي", {}}, BestCase{"مدرسة", "ar", {}, "مدرسة", {}},  // ة -> ه is not the pronoun
        BestCase{"لوزير", "ar", {"ل"}, "وزير", {}},  // a listed stem makes the split win
        // Persian prefixes and suffixes (ZWNJ or not).
        BestCase{"همکاری‌ها", "fa", {}, "همکاری", {"ها"}}, BestCase{"همکاریها", "fa", {}, "همکاری", {"ها"}},
        BestCase{"همکاری‌های", "fa", {}, "همکاری", {"ها", "ی"}},
        BestCase{"می‌گویند", "fa", {"می"}, "گویند", {}}, BestCase{"میگویند", "fa", {"می"}, "گویند", {}},
        BestCase{"نمی‌توانند", "fa", {"نمی"}, "توانند", {}},
        BestCase{"بزرگترین", "fa", {}, "بزرگ", {"ترین"}}, BestCase{"میلیارد", "fa", {}, "میلیارد", {}},
        BestCase{"میدان", "fa", {}, "میدان", {}}, BestCase{"تنها", "fa", {}, "تنها", {}},
        BestCase{"همکاری", "fa", {}, "همکاری", {}}, BestCase{"افغانستان", "fa", {}, "افغانستان", {}},
        // Other languages and non-letters are never split.
        BestCase{"unless", "en", {}, "unless", {}}, BestCase{"والرئيس", "en", {}, "والرئيس", {}},
        BestCase{"2015", "ar", {}, "2015", {}}));

struct CandidateCase {
  std::string token;
  std::string lang;
  std::vector<std::string> prefixes;
  std::string stem;
  std::vector<std::string> suffixes;
};

class MorphCandidates : public ::testing::TestWithParam<CandidateCase> {};

TEST_P(MorphCandidates, ContainsAnalysisAndUnanalyzed) {
  const CandidateCase& c = GetParam();
  const std::string t = norm(c.token);
  const auto all = morphology().analyze(t, c.lang);
  const MorphAnalysis want{norm_all(c.prefixes), norm(c.stem), norm_all(c.suffixes)};
  EXPECT_NE(std::find(all.begin(), all.end(), want), all.end()) << c.token;
  const MorphAnalysis whole{{}, t, {}};
  EXPECT_NE(std::find(all.begin(), all.end(), whole), all.end()) << c.token;
}

INSTANTIATE_TEST_SUITE_P(Table, MorphCandidates,
                         ::testing::Values(CandidateCase{"وزير", "ar", {"و"}, "زير", {}},
                                           CandidateCase{"بوتين", "ar", {"ب"}, "وتين", {}},
                                           CandidateCase{"والرئيس", "ar", {"و"}, "الرئيس", {}},
                                           CandidateCase{"الذي", "ar", {"ال"}, "ذي", {}},
                                           CandidateCase{"همکاری", "fa", {}, "همکار", {"ی"}},
                                           // ZWNJ is gone after normalization, so "منطقه‌ای" reads like منطق + های;
                                           // the intended split stays a candidate.
                                           CandidateCase{"منطقه‌ای", "fa", {}, "منطقه", {"ای"}}));

TEST(Morphology, StemLengthLimits) {
  // One affix needs a 2-letter stem, two affixes a 3-letter one; no candidate breaks that.
  for (const std::string tok : {"وله", "بها", "والان", "لها", "فيه", "ميها"}) {
    for (const std::string lang : {"ar", "fa"}) {
      for (const auto& a : morphology().analyze(norm(tok), lang)) {
        const size_t affixes = a.prefixes.size() + a.suffixes.size();
        if (affixes == 0) continue;
        EXPECT_GE(a.stem.size(), affixes >= 2 ? 6u : 4u) << tok << " stem " << a.stem;
      }
    }
  }
}

TEST(Morphology, SplitsRebuildTheToken) {
  // Every candidate's pieces concatenate back to the token, except the contracted لل article.
  for (const std::string tok : {"والرئيس", "وبحكومتهم", "سيزورها", "همکاریهایشان", "نمیخواهند"}) {
    const std::string t = norm(tok);
    for (const std::string lang : {"ar", "fa"}) {
      for (const auto& a : morphology().analyze(t, lang)) {
        std::string joined;
        for (const auto& p : a.prefixes) joined += p;
        joined += a.stem;
        for (const auto& s : a.suffixes) joined += s;
        EXPECT_EQ(joined, t) << tok;
      }
    }
  }
}

struct BadFile {
  std::string content;
  std::string line_part;
  std::string message_part;
};

TEST(Morphology, LoadErrorsNameFileAndLine) {
  const std::vector<BadFile> cases = {
      {"# c\nproclitic\tو\tnope\n", ":2:", "proclitic note must be"},
      {"setting\tmin_stem_bytes\tx\n", ":1:", "setting value must be a number"},
      {"setting\tmin_stem\t3\n", ":1:", "unknown setting"},
      {"prefix\tمی\tsometimes\n", ":1:", "prefix note must be"},
      {"bogus\tو\n", ":1:", "unknown kind"},
      {"prefix\n", ":1:", "columns"},
  };
  for (const auto& c : cases) {
    const std::string path = ::testing::TempDir() + "/morph_bad.tsv";
    {
      FILE* f = fopen(path.c_str(), "wb");
      ASSERT_NE(f, nullptr);
      fwrite(c.content.data(), 1, c.content.size(), f);
      fclose(f);
    }
    auto r = load_morph_rules(path);
    ASSERT_FALSE(r.ok()) << c.content;
    EXPECT_NE(r.error().find("morph_bad.tsv" + c.line_part), std::string::npos) << r.error();
    EXPECT_NE(r.error().find(c.message_part), std::string::npos) << r.error();
  }
  EXPECT_FALSE(load_morph_rules("/nonexistent/ar.tsv").ok());
}

TEST(Morphology, SettingsAreRead) {
  auto ar = load_morph_rules(RASAD_SOURCE_DIR "/data/text/morphology/ar.tsv");
  ASSERT_TRUE(ar.ok());
  EXPECT_EQ(ar->min_stem_bytes, 4u);
  EXPECT_EQ(ar->min_stem_bytes_multi, 6u);
  EXPECT_EQ(ar->conjunctions.size(), 2u);
  EXPECT_EQ(ar->articles, std::vector<std::string>{norm("ال")});
}

TEST(Morphology, PersianBasesFollowTheZwnj) {
  const Morphology& m = morphology();
  auto bases = [&](const std::string& original) { return m.persian_bases(norm(original), original); };
  // Plural, indefinite and plural+clitic after a ZWNJ: the part before it is the stem.
  EXPECT_EQ(bases("حمله‌ای"), norm_all({"حمله"}));
  EXPECT_EQ(bases("تحریم‌های"), norm_all({"تحریم"}));
  EXPECT_EQ(bases("کشور‌ها"), norm_all({"کشور"}));
  // What follows the ZWNJ is not an affix (a verb after می, a compound): no stem.
  EXPECT_TRUE(bases("می‌کند").empty());
  EXPECT_TRUE(bases("حمله‌ور").empty());
  // The ZWNJ lost: only the silent-h stem before the indefinite ای is offered.
  EXPECT_EQ(bases("حملهای"), norm_all({"حمله"}));
  EXPECT_TRUE(bases("کتابها").empty());
}

}  // namespace
}  // namespace rasad::text
