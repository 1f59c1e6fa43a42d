// Issue 12: `export --format gdelt` as GDELT 2.0 tooling reads it. Pure functions over rows
// (store/gdelt.h); the whole export against a real store is tests/store/gdelt_conformance.py.
#include "store/gdelt.h"

#include <gtest/gtest.h>

#include <set>

#include "kb/kb.h"

namespace rasad::store {
namespace {

const std::string kData = std::string(RASAD_SOURCE_DIR) + "/data";

EventRow event(const std::string& date = "", const std::string& precision = "unknown") {
  EventRow e;
  e.id = 7;
  e.cameo = "042";
  e.quad_class = 1;
  e.goldstein = 1.9;
  e.source_code = "IRNGOV";
  e.source_country = "IRN";
  e.source_sector = "GOV";
  e.target_code = "IGOUNO";
  e.date = date;
  e.date_precision = precision;
  e.num_mentions = 1;
  e.num_sources = 1;
  e.num_articles = 1;
  e.first_seen = "2026-11-30 12:00:00";
  return e;
}

MentionRow mention(const std::string& doc, uint32_t sentence, const std::string& doc_date = "") {
  MentionRow m;
  m.doc = doc;
  m.sentence = sentence;
  m.url = "https://www.Example.com:443/news/1?x=2";
  m.source = "Example News";
  m.doc_date = doc_date;
  m.doc_added = "2026-11-30 12:00:00";
  m.date = "2024-03-19";  // the event date the mention codes, not when it was published
  m.confidence = 0.8;
  return m;
}

// 1. SQLDATE, MonthYear, Year, FractionDate are never empty; the day's origin is stated.
TEST(Gdelt, Issue12DayFromEventPublicationOrIngest) {
  EXPECT_EQ(gdelt_event_day(event("2024-03-19", "day"), {}).ymd, "20240319");
  EXPECT_EQ(gdelt_event_day(event("2024-03-19", "day"), {}).origin, "event");
  // Undated event: the first mention's publication date.
  auto d = gdelt_event_day(event(), {mention("a", 0, "2024-03-20")});
  EXPECT_EQ(d.ymd, "20240320");
  EXPECT_EQ(d.origin, "publication");
  // Month-precision event: the publication date when inside that month, else the month's first day.
  EXPECT_EQ(gdelt_event_day(event("2024-03", "month"), {mention("a", 0, "2024-03-25")}).ymd, "20240325");
  d = gdelt_event_day(event("2024-03", "month"), {mention("a", 0, "2024-05-02")});
  EXPECT_EQ(d.ymd, "20240301");
  EXPECT_EQ(d.origin, "event-period");
  EXPECT_EQ(gdelt_event_day(event("2023", "year"), {mention("a", 0, "")}).ymd, "20230101");
  // No date anywhere: when the document was ingested.
  d = gdelt_event_day(event(), {mention("a", 0, "")});
  EXPECT_EQ(d.ymd, "20261130");
  EXPECT_EQ(d.origin, "ingested");

  const auto row = gdelt_event_row(event(), {mention("a", 0, "2024-03-20")}, GdeltTables{});
  ASSERT_EQ(row.size(), 61u);
  EXPECT_EQ(row[1], "20240320");
  EXPECT_EQ(row[2], "202403");
  EXPECT_EQ(row[3], "2024");
  EXPECT_EQ(row[4], "2024.3014");  // 2024 + (3*30+20)/365
}

// An undated event with an inferred range: its midpoint (its start when open), never empty, with
// FractionDate by GDELT's formula from that day.
TEST(Gdelt, Issue12InferredRangeGivesItsMidpointOrStart) {
  EventRow e = event("", "range");
  e.date_from = "2020-01-01";
  e.date_to = "2021-08-03";  // 580 days: midpoint 290 days after the start
  auto d = gdelt_event_day(e, {mention("a", 0, "")});
  EXPECT_EQ(d.ymd, "20201017");
  EXPECT_EQ(d.origin, "range-midpoint");
  const auto row = gdelt_event_row(e, {mention("a", 0, "")}, GdeltTables{});
  EXPECT_EQ(row[1], "20201017");
  EXPECT_EQ(row[2], "202010");
  EXPECT_EQ(row[3], "2020");
  EXPECT_EQ(row[4], gdelt_fraction_date("20201017"));
  EXPECT_EQ(row[4], "2020.8685");  // 2020 + (10*30+17)/365
  e.date_to = "";
  d = gdelt_event_day(e, {mention("a", 0, "")});
  EXPECT_EQ(d.ymd, "20200101");
  EXPECT_EQ(d.origin, "range-start");
  e.date_from = "2020-01-01";
  e.date_to = "2020-01-01";
  EXPECT_EQ(gdelt_event_day(e, {}).ymd, "20200101");
}

TEST(Gdelt, Issue12FractionDateIsGdeltsFormula) {
  EXPECT_EQ(gdelt_fraction_date("20240319"), "2024.2986");  // (90+19)/365
  EXPECT_EQ(gdelt_fraction_date("20241231"), "2025.0712");  // GDELT's formula passes 1 late in December
  EXPECT_EQ(gdelt_fraction_date("20240101"), "2024.0849");
  EXPECT_EQ(gdelt_fraction_date(""), "");
}

// 2. Actor names are upper-case English names from the knowledge base, never codes.
TEST(Gdelt, Issue12ActorNamesFromKnowledgeBase) {
  std::vector<Diagnostic> problems;
  auto kb = kb::KnowledgeBase::load(kData, problems);
  ASSERT_TRUE(kb) << kb.error();
  const GdeltTables t = load_gdelt_tables(kb->get(), kData, problems);
  EXPECT_EQ(t.actor_name("IRNGOV", ""), "IRAN");
  EXPECT_EQ(t.actor_name("IRN", ""), "IRAN");
  EXPECT_EQ(t.actor_name("IGOUNO", ""), "UNITED NATIONS");
  EXPECT_EQ(t.actor_name("YEMREBHTH", ""), "HOUTHI REBELS");
  EXPECT_EQ(t.actor_name("RUSGOV", ""), "RUSSIA");
  EXPECT_EQ(t.actor_name("USA", ""), "UNITED STATES");
  EXPECT_EQ(t.actor_name("SAU", ""), "SAUDI ARABIA");
  EXPECT_EQ(t.actor_name("", ""), "");
  GdeltTables accented;
  accented.person_name["erdogan"] = "Recep Tayyip Erdoğan";
  EXPECT_EQ(accented.actor_name("TURGOV", "erdogan"), "RECEP TAYYIP ERDOGAN");  // ASCII, as GDELT writes names
  // A person: the person's English name, whatever the code.
  ASSERT_FALSE(kb->get()->people().empty());
  const auto& [id, person] = *kb->get()->people().begin();
  std::string upper = person.display;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  EXPECT_EQ(t.actor_name("IRNGOV", id), upper);

  const auto row = gdelt_event_row(event("2024-03-19", "day"), {mention("a", 0)}, t);
  EXPECT_EQ(row[5], "IRNGOV");
  EXPECT_EQ(row[6], "IRAN");
  EXPECT_EQ(row[15], "IGOUNO");
  EXPECT_EQ(row[16], "UNITED NATIONS");
}

// 3. FIPS 10-4 codes: the data table on known pairs, and every country rasad knows has one.
TEST(Gdelt, Issue12IsoToFipsKnownPairs) {
  std::vector<Diagnostic> problems;
  const auto fips = load_iso_fips(kData + "/kb/ontology/iso_fips.tsv", problems);
  EXPECT_TRUE(problems.empty()) << problems.front().format();
  const std::pair<const char*, const char*> known[] = {{"IRN", "IR"}, {"RUS", "RS"}, {"DEU", "GM"}, {"GBR", "UK"},
                                                       {"SAU", "SA"}, {"ISR", "IS"}, {"CHN", "CH"}, {"USA", "US"},
                                                       {"IRQ", "IZ"}, {"SYR", "SY"}, {"YEM", "YM"}, {"LBN", "LE"},
                                                       {"EGY", "EG"}, {"ARE", "AE"}, {"AUT", "AU"}, {"AUS", "AS"}};
  for (const auto& [iso, code] : known) {
    ASSERT_TRUE(fips.count(iso)) << iso;
    EXPECT_EQ(fips.at(iso), code) << iso;
  }
  std::set<std::string> seen;
  for (const auto& [iso, code] : fips) EXPECT_TRUE(seen.insert(code).second) << "FIPS code used twice: " << code;
  std::vector<Diagnostic> kb_problems;
  auto kb = kb::KnowledgeBase::load(kData, kb_problems);
  ASSERT_TRUE(kb);
  for (const auto& f : kb->get()->forms()) {
    if (f.category == kb::FormCategory::country && f.code.size() == 3 && f.code != "ALA" && f.code != "BES" &&
        f.code != "UMI") {
      EXPECT_TRUE(fips.count(f.code)) << "no FIPS code for " << f.code;
    }
  }
}

TEST(Gdelt, Issue12Geography) {
  std::vector<Diagnostic> problems;
  auto kb = kb::KnowledgeBase::load(kData, problems);
  ASSERT_TRUE(kb);
  const GdeltTables t = load_gdelt_tables(kb->get(), kData, problems);
  EventRow e = event("2024-03-19", "day");
  e.target_country = "";
  auto row = gdelt_event_row(e, {mention("a", 0)}, t);
  // Actor1Geo from the source's country: type 1, English name, FIPS.
  EXPECT_EQ(row[35], "1");
  EXPECT_EQ(row[36], "Iran");
  EXPECT_EQ(row[37], "IR");
  EXPECT_EQ(row[43], "0");  // Actor2Geo: no country
  EXPECT_EQ(row[44], "");
  EXPECT_EQ(row[51], "0");  // ActionGeo: no place
  EXPECT_EQ(row[53], "");
  // A country only.
  e.location_country = "DEU";
  row = gdelt_event_row(e, {mention("a", 0)}, t);
  EXPECT_EQ(row[51], "1");
  EXPECT_EQ(row[52], "Germany");
  EXPECT_EQ(row[53], "GM");
  // A city as written in Arabic: its English name with the country's.
  e.location_name = "أبو ظبي";
  e.location_country = "ARE";
  e.has_coordinates = true;
  e.lat = 24.4512;
  e.lon = 54.397;
  row = gdelt_event_row(e, {mention("a", 0)}, t);
  EXPECT_EQ(row[51], "4");
  EXPECT_EQ(row[52], "Abu Dhabi, United Arab Emirates");
  EXPECT_EQ(row[53], "AE");
  EXPECT_EQ(row[56], "24.4512");
}

// 4. Mentions: one row per (document, sentence); the outlet's domain; publication time.
TEST(Gdelt, Issue12MentionRows) {
  EventRow e = event("2024-03-19", "day");
  e.num_mentions = 2;
  MentionRow a = mention("a", 2, "2024-03-20T08:15:00");
  MentionRow a_other_direction = a;  // a symmetric event stores both directions
  MentionRow b = mention("b", 0, "");
  b.url = "";
  const auto rows = gdelt_mention_rows(e, {a, a_other_direction, b});
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& r : rows) ASSERT_EQ(r.size(), 16u);
  EXPECT_EQ(rows[0][1], "20240319000000");
  EXPECT_EQ(rows[0][2], "20240320081500");  // published, not the event's date nor when stored
  EXPECT_EQ(rows[0][3], "1");
  EXPECT_EQ(rows[0][4], "example.com");
  EXPECT_EQ(rows[0][6], "3");
  EXPECT_EQ(rows[0][14], "");               // MentionDocTranslationInfo
  EXPECT_EQ(rows[1][2], "20261130120000");  // no publication date: when stored
  EXPECT_EQ(rows[1][3], "6");
  EXPECT_EQ(rows[1][4], "Example News");
  EXPECT_EQ(url_domain("http://user@News.Example.org:8080/x"), "news.example.org");
  EXPECT_EQ(url_domain("doc-17"), "");
}

}  // namespace
}  // namespace rasad::store
