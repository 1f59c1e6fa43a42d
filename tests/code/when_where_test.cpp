// Dating, places and the event header (code/when_where.h, code/issues.h).
#include "code/when_where.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "code/issues.h"
#include "stage_harness.h"

namespace rasad::code {
namespace {

using testing::Analysed;
using testing::harness;

TEST(EventHeader, SentenceDateOnlyForRuleEvents) {
  const Analysed a("Iran and Russia signed an agreement on 5 March 2024.", "en", "2024-03-19");
  const kb::CameoCode* cc = harness().res->kb->ontology().cameo("057");
  ASSERT_NE(cc, nullptr);
  const Event rule = event_header(a.doc, a.analysis, 0, "en", "057", *cc, std::nullopt, a.analysis.dates, true);
  EXPECT_EQ(rule.date, "2024-03-05");
  EXPECT_EQ(rule.date_origin, "sentence");
  EXPECT_EQ(rule.plover, cc->plover);
  const Event alone = event_header(a.doc, a.analysis, 0, "en", "057", *cc, std::nullopt, a.analysis.dates, false);
  EXPECT_EQ(alone.date, "2024-03-19");
  EXPECT_EQ(alone.date_origin, "document");
}

TEST(EventHeader, UndatedDocument) {
  const Analysed a("Iran met Russia.", "en");
  const kb::CameoCode* cc = harness().res->kb->ontology().cameo("040");
  ASSERT_NE(cc, nullptr);
  const Event e = event_header(a.doc, a.analysis, 0, "en", "040", *cc, std::nullopt, a.analysis.dates, true);
  EXPECT_EQ(e.date, "");
  EXPECT_EQ(e.date_precision, "unknown");
  EXPECT_EQ(e.date_origin, "none");
}

// Events with no date take the document's inferred range; dated ones keep their date.
TEST(EventHeader, InferredRangeOnlyForUndatedEvents) {
  std::vector<Event> es(3);
  es[0].date_origin = "none";
  es[0].date_precision = "unknown";
  es[1].date_origin = "sentence";
  es[1].date = "2020-04-07";
  es[1].date_precision = "day";
  es[2].date_origin = "none";
  es[2].date_precision = "unknown";
  apply_date_range(es, std::nullopt);
  EXPECT_EQ(es[0].date_precision, "unknown");
  apply_date_range(es, kb::DateRange{20200101, 0, {"issue covid19"}});
  EXPECT_EQ(es[0].date_precision, "range");
  EXPECT_EQ(es[0].date_origin, "inferred");
  EXPECT_EQ(es[0].date_from, "2020-01-01");
  EXPECT_EQ(es[0].date_to, "");  // open
  EXPECT_EQ(es[0].date, "");
  EXPECT_EQ(es[1].date_precision, "day");
  EXPECT_EQ(es[1].date_from, "");
  EXPECT_EQ(es[2].date_precision, "range");
}

TEST(Places, FirstPlaceOutsideActorsAndTheDateline) {
  const Analysed a("Moscow - Iran and Russia held talks.", "en", "2024-03-19");
  const Units u = a.units(0);
  std::optional<EventLocation> dateline;
  const auto place = find_place(*harness().res->kb, u, "en", std::vector<bool>(u.units.size(), false),
                                std::vector<bool>(u.units.size(), false), a.analysis.dates, 0,
                                a.doc.text, dateline);
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->name, "Moscow");
  ASSERT_TRUE(dateline.has_value());
  EXPECT_EQ(dateline->name, "Moscow");
  EXPECT_TRUE(dateline->span.empty());
}

TEST(Issues, FoundAndSpreadToTheEventsBefore) {
  const Analysed a("Iran and the United States discussed the nuclear deal.", "en");
  const SentenceIssues found = find_issues(*harness().res->kb, a.units(0), "en");
  ASSERT_FALSE(found.ids.empty());
  EXPECT_EQ(found.ids[0], "jcpoa");
  // Sentence 0 has events, 1 none (its issues go to sentence 0's events), 2 has its own.
  std::vector<Event> es(3);
  es[0].sentence = 0;
  es[1].sentence = 0;
  es[2].sentence = 2;
  spread_issues(es, {{"a"}, {"b"}, {"c"}}, {0, SIZE_MAX, 2});
  EXPECT_EQ(es[0].issues, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(es[1].issues, es[0].issues);
  EXPECT_EQ(es[2].issues, (std::vector<std::string>{"c"}));
}

}  // namespace
}  // namespace rasad::code
