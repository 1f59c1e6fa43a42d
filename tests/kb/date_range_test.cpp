// Issue 11: an undated document gets a date range from the office holders it names in their offices
// and from dated issues (src/kb/date_range.h).
#include "kb/date_range.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace rasad::kb {
namespace {

namespace fs = std::filesystem;
using testing::kData;
using testing::shared_kb;

std::string iso_range(const std::optional<DateRange>& r) {
  if (!r) return "none";
  return day_iso(r->first) + ".." + (r->last == 0 ? "open" : day_iso(r->last));
}

// The pure function, on evidence written by hand.
TEST(DateRange, IntersectsTheTenuresOfPeopleNamedInTheirOffices) {
  const KnowledgeBase& kb = *shared_kb();
  DateEvidence e;
  e.people = {"rouhani_hassan", "putin_vladimir"};
  e.offices = {{"IRN", "head_of_state"}, {"RUS", "head_of_state"}};
  const auto r = infer_date_range(e, kb);
  EXPECT_EQ(iso_range(r), "2013-08-03..2021-08-03");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->evidence.size(), 2u);

  e.issues = {"covid19"};  // COVID-19: from 2020-01
  EXPECT_EQ(iso_range(infer_date_range(e, kb)), "2020-01-01..2021-08-03");
}

TEST(DateRange, PutinAloneSpansBothTermsAndStaysOpen) {
  DateEvidence e;
  e.people = {"putin_vladimir"};
  e.offices = {{"RUS", "head_of_state"}};
  EXPECT_EQ(iso_range(infer_date_range(e, *shared_kb())), "1999-12-31..open");
}

TEST(DateRange, NothingToGoOnOrAContradictionGivesNoRange) {
  const KnowledgeBase& kb = *shared_kb();
  DateEvidence e;
  EXPECT_FALSE(infer_date_range(e, kb));
  e.people = {"rouhani_hassan"};  // named, but not in an office the text names
  EXPECT_FALSE(infer_date_range(e, kb));
  e.offices = {{"RUS", "head_of_state"}};  // an office Rouhani never held
  EXPECT_FALSE(infer_date_range(e, kb));
  e.issues = {"sanctions"};  // an issue without dates
  EXPECT_FALSE(infer_date_range(e, kb));
  // Ahmadinejad's presidency ended before COVID-19.
  e = DateEvidence{{"ahmadinejad_mahmoud"}, {{"IRN", "head_of_state"}}, {"covid19"}};
  EXPECT_FALSE(infer_date_range(e, kb));
}

// Whole seed articles (../shared/seeds), segmented and resolved without a date.
class SeedRange : public ::testing::Test {
 protected:
  SeedRange()
      : morphology_(*text::load_morph_rules(kData + "/text/morphology/ar.tsv"),
                    *text::load_morph_rules(kData + "/text/morphology/fa.tsv")),
        segmenter_(text::SegmentRules{}, normalizer_, morphology_),
        resolver_(*shared_kb(), &morphology_) {}

  std::optional<DateRange> range_of(const std::string& prefix, const std::string& lang) {
    const fs::path seeds = fs::path(RASAD_SOURCE_DIR) / ".." / "shared" / "seeds";
    std::string text;
    for (const auto& entry : fs::directory_iterator(seeds)) {
      if (!entry.path().filename().string().starts_with(prefix)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
    EXPECT_FALSE(text.empty()) << prefix;
    const auto sentences = segmenter_.split(text, Span{0, static_cast<uint32_t>(text.size())}, lang);
    const DateEvidence e = gather_date_evidence(sentences, text, lang, resolver_, *shared_kb());
    return infer_date_range(e, *shared_kb());
  }

  text::Normalizer normalizer_;
  text::Morphology morphology_;
  text::Segmenter segmenter_;
  ActorResolver resolver_;
};

TEST_F(SeedRange, RouhaniPutinCallsFallWithinRouhanisTerm) {
  for (const auto& [seed, lang] : {std::pair{"000", "ar"}, std::pair{"001", "fa"}}) {
    const auto r = range_of(seed, lang);
    ASSERT_TRUE(r) << seed;
    EXPECT_GE(r->first, 20130101) << seed << " " << iso_range(r);
    EXPECT_NE(r->last, 0) << seed << " " << iso_range(r);
    EXPECT_LE(r->last, 20211231) << seed << " " << iso_range(r);
  }
}

TEST_F(SeedRange, ZarifLavrovPressConferenceFallsWithinZarifsTerm) {
  const auto r = range_of("003", "ar");
  ASSERT_TRUE(r);
  EXPECT_GE(r->first, 20130815) << iso_range(r);
  EXPECT_NE(r->last, 0) << iso_range(r);
  EXPECT_LE(r->last, 20210825) << iso_range(r);
}

}  // namespace
}  // namespace rasad::kb
