// Golden expectations for the five seed articles (../shared/seeds), written from reading them.
// Each reports a consultation between Iran and Russia; the people are resolved by name or by the
// role they held. Other events are checked only for plausibility (see each comment).
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "code/coder.h"
#include "io/reader.h"

namespace rasad::code {
namespace {

const std::string kSeeds = std::string(RASAD_SOURCE_DIR) + "/../shared/seeds/";

struct Coded {
  Document doc;
  text::Analysis analysis;
  std::vector<Event> events;
};

Coded code_seed(const std::string& name) {
  static std::shared_ptr<const CodingResources> res = [] {
    std::vector<Diagnostic> problems;
    auto r = CodingResources::load(std::string(RASAD_SOURCE_DIR) + "/data", problems);
    if (!r) throw std::runtime_error(r.error());
    return *r;
  }();
  Coded c;
  io::read_paths({kSeeds + name}, io::ReadOptions{}, [&](Document&& d) { c.doc = std::move(d); },
                 [](const Diagnostic&) {});
  text::TextPipeline pipeline(res->text);
  c.analysis = pipeline.analyze(c.doc);
  c.events = EventCoder(res).code(c.doc, c.analysis);
  return c;
}

std::string describe(const std::vector<Event>& es) {
  std::string s;
  for (const auto& e : es)
    s += "\n  [" + std::to_string(e.sentence) + " " + e.cameo + " " + e.source.code + "(" + e.source.person + ")->" +
         (e.target ? e.target->code + "(" + e.target->person + ")" : "-") + " '" + e.trigger_text + "']";
  return s;
}

// An event of `cameo_root` (prefix) between persons a and b, either direction unless `directed`.
const Event* find_between(const std::vector<Event>& es, std::string_view cameo_root, std::string_view a,
                          std::string_view b) {
  for (const auto& e : es)
    if (e.cameo.rfind(cameo_root, 0) == 0 && e.target && e.source.person == a && e.target->person == b) return &e;
  return nullptr;
}

void expect_spans_slice(const Coded& c) {
  for (const auto& e : c.events) {
    EXPECT_EQ(e.trigger_text, e.trigger.slice(c.doc.text));
    if (!e.source.text.empty()) {
      EXPECT_EQ(e.source.text, e.source.span.slice(c.doc.text));
    }
    if (e.target) {
      EXPECT_EQ(e.target->text, e.target->span.slice(c.doc.text));
    }
    EXPECT_LE(e.sentence_span.end, c.doc.text.size());
  }
}

// 000 (Arabic, April 2020): Putin phoned Rouhani ("اتصال هاتفي للرئيس الروسي ... مع الرئيس روحاني").
TEST(Seeds, S000PhoneCallPutinRouhani) {
  const Coded c = code_seed("000_08c28042994c37bb.txt");
  expect_spans_slice(c);
  EXPECT_TRUE(find_between(c.events, "041", "putin_vladimir", "rouhani_hassan")) << describe(c.events);
  EXPECT_TRUE(find_between(c.events, "041", "rouhani_hassan", "putin_vladimir")) << "symmetric" << describe(c.events);
}

// 001 (Persian, the same call): "در تماس تلفنی «ولادیمیر پوتین»، رئیس جمهور روسیه با وی".
TEST(Seeds, S001PersianReportOfTheSameCall) {
  const Coded c = code_seed("001_783e3036fd1b3a4b.txt");
  expect_spans_slice(c);
  const Event* e = find_between(c.events, "041", "rouhani_hassan", "putin_vladimir");
  if (!e) e = find_between(c.events, "041", "putin_vladimir", "rouhani_hassan");
  EXPECT_TRUE(e) << describe(c.events);
  if (e) {
    EXPECT_EQ(e->lang, "fa");
  }
}

// 002 (Arabic, August 2021): Raisi and Putin by telephone; Raisi thanks Moscow (support/praise).
TEST(Seeds, S002PhoneCallRaisiPutin) {
  const Coded c = code_seed("002_177dc29227984ed5.txt");
  expect_spans_slice(c);
  EXPECT_TRUE(find_between(c.events, "041", "raisi_ebrahim", "putin_vladimir")) << describe(c.events);
}

// 003 (Arabic, 2020): Zarif's press conference with Lavrov in Moscow after their talks.
TEST(Seeds, S003ZarifLavrovTalksInMoscow) {
  const Coded c = code_seed("003_4e8b63863ce1e992.txt");
  expect_spans_slice(c);
  EXPECT_TRUE(find_between(c.events, "04", "zarif_mohammadjavad", "lavrov_sergey")) << describe(c.events);
}

// Issue 11: the undated seeds' events carry the range the tenures of the office holders they name
// allow (and COVID-19, from 2020-01), which holds the date each was written (comments above): 000
// and 001 (Rouhani and Putin in office, COVID-19), 003 (Zarif and Lavrov) within 2013–2021 and
// Zarif's term; 002 from Raisi's inauguration. A range is never a day: `date` stays empty.
TEST(Seeds, UndatedSeedsAreBoundedByTheirOfficeHolders) {
  for (const auto& [name, from, to] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"000_08c28042994c37bb.txt", "2020-01-01", "2021-08-03"},
           {"001_783e3036fd1b3a4b.txt", "2020-01-01", "2021-08-03"},
           {"002_177dc29227984ed5.txt", "2021-08-03", "2024-05-19"},
           {"003_4e8b63863ce1e992.txt", "2020-01-01", "2021-08-03"}}) {
    const Coded c = code_seed(name);
    ASSERT_FALSE(c.events.empty()) << name;
    for (const Event& e : c.events) {
      if (e.date_origin == "sentence") continue;
      EXPECT_EQ(e.date, "") << name;
      EXPECT_EQ(e.date_precision, "range") << name;
      EXPECT_EQ(e.date_origin, "inferred") << name;
      EXPECT_EQ(e.date_from, from) << name;
      EXPECT_EQ(e.date_to, to) << name;
    }
  }
  // 004 has a date: no range.
  for (const Event& e : code_seed("004_13aa7759e27f0578.txt").events) EXPECT_NE(e.date_precision, "range");
}

// 004 (Arabic, dateline 19 March 2024): Raisi phones Putin to congratulate him on his re-election.
TEST(Seeds, S004PhoneCallDatedFromTheDateline) {
  const Coded c = code_seed("004_13aa7759e27f0578.txt");
  expect_spans_slice(c);
  const Event* e = find_between(c.events, "041", "raisi_ebrahim", "putin_vladimir");
  ASSERT_TRUE(e) << describe(c.events);
  EXPECT_EQ(e->date, "2024-03-19");
  EXPECT_EQ(e->plover, "CONSULT");
  // Congratulating (praise, CAMEO 051) or thanking between the two presidents is SUPPORT.
  bool support = false;
  for (const auto& ev : c.events) support |= ev.plover == "SUPPORT" && ev.source.country == "IRN" && ev.target && ev.target->country == "RUS";
  for (const auto& ev : c.events) support |= ev.plover == "SUPPORT" && ev.source.country == "RUS" && ev.target && ev.target->country == "IRN";
  EXPECT_TRUE(support) << describe(c.events);
}

}  // namespace
}  // namespace rasad::code

namespace rasad::code {
namespace {

bool has_between_countries(const std::vector<Event>& es, std::string_view plover, std::string_view a, std::string_view b) {
  for (const auto& e : es)
    if (e.plover == plover && e.source.country == a && e.target && e.target->country == b) return true;
  return false;
}

// The other events the seeds report, and the plausible codes expected for them:
// - 000 s6: Rouhani "expressed satisfaction with the strategic relations" with Moscow: SUPPORT (051).
// - 002 s2: Raisi "thanked Moscow" for its SCO initiative: SUPPORT (051), target RUS.
// - 002 s7: Raisi "expressed readiness for any cooperation": AGREE (03x, intent to cooperate).
// - 000 s7 and 003 s9: the Astana process is discussed: the issue `astana_process` on their events,
//   and "Astana" there is not Kazakhstan.
// Known miss, not asserted: the criticism of the United States (US sanctions called unjust and a
// violation of human rights in 000 s5, 001 s9) is not coded as ACCUSE; it needs clause-level syntax
// ("considered these measures a violation") the coder does not have.
TEST(Seeds, OtherEventsHavePlausibleCodes) {
  const Coded c0 = code_seed("000_08c28042994c37bb.txt");
  EXPECT_TRUE(has_between_countries(c0.events, "SUPPORT", "IRN", "RUS")) << describe(c0.events);
  const Coded c2 = code_seed("002_177dc29227984ed5.txt");
  EXPECT_TRUE(has_between_countries(c2.events, "SUPPORT", "IRN", "RUS")) << describe(c2.events);
  bool intent = false;
  for (const auto& e : c2.events) intent |= e.plover == "AGREE" && e.source.person == "raisi_ebrahim";
  EXPECT_TRUE(intent) << describe(c2.events);
  for (const char* seed : {"000_08c28042994c37bb.txt", "003_4e8b63863ce1e992.txt"}) {
    const Coded c = code_seed(seed);
    bool astana = false;
    for (const auto& e : c.events) {
      astana |= std::find(e.issues.begin(), e.issues.end(), "astana_process") != e.issues.end();
      EXPECT_NE(e.source.country, "KAZ") << seed << describe(c.events);
    }
    EXPECT_TRUE(astana) << seed << describe(c.events);
  }
}

}  // namespace
}  // namespace rasad::code
