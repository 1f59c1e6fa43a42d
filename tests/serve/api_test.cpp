// The API of `rasad serve` against a running server on a loopback port: a store is built from
// ../shared/seeds with the real `rasad ingest`, then the server (in this process, on a port the
// system picks) is queried over HTTP. Behaviour and structure are checked, not the coder's output;
// the seed expectations of issue 6 are their own tests.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "serve/api.h"
#include "serve/server.h"

namespace fs = std::filesystem;
using nlohmann::json;
using rasad::serve::Api;
using rasad::serve::Server;

namespace {

const std::string kSource = RASAD_SOURCE_DIR;
const std::string kBinary = RASAD_BINARY_DIR;

std::string enc(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
  return out;
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// One server on a free loopback port, run on its own thread, stopped and joined on destruction.
struct Running {
  std::unique_ptr<Api> api;
  std::unique_ptr<Server> server;
  std::thread thread;
  int port = 0;

  Running(const std::string& db, bool ingest, rasad::serve::Limits limits = {}, size_t max_body = 4u << 20) {
    auto a = Api::create(db, kSource + "/data", ingest, limits);
    if (!a) throw std::runtime_error(a.error());
    api = std::move(*a);
    rasad::serve::ServeOptions o;
    o.port = 0;
    o.web_dir = kSource + "/web";
    o.max_body = max_body;
    server = std::make_unique<Server>(*api, o);
    auto p = server->bind();
    if (!p) throw std::runtime_error(p.error());
    port = *p;
    thread = std::thread([this] { server->run(); });
  }
  ~Running() {
    server->stop();
    thread.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    return c;
  }
};

struct Got {
  int status = 0;
  json body;
  std::string content_type, raw;
};

Got get(const Running& r, const std::string& path) {
  auto c = r.client();
  auto res = c.Get(path);
  if (!res) return {};
  Got g{res->status, json::parse(res->body, nullptr, false), res->get_header_value("Content-Type"), res->body};
  return g;
}

Got post(const Running& r, const std::string& path, const std::string& body) {
  auto c = r.client();
  auto res = c.Post(path, body, "application/json");
  if (!res) return {};
  return {res->status, json::parse(res->body, nullptr, false), res->get_header_value("Content-Type"), res->body};
}

std::vector<int64_t> ids(const json& events) {
  std::vector<int64_t> out;
  for (const auto& e : events) out.push_back(e["id"].get<int64_t>());
  return out;
}

bool has_prefix(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

class ServeApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("rasad-serve-test-" + std::to_string(getpid())));
    fs::create_directories(*dir_);
    db_ = (*dir_ / "seeds.db").string();
    const std::string seeds = kSource + "/../shared/seeds";
    if (!fs::exists(seeds)) return;
    const int rc = std::system(("'" + kBinary + "/rasad' -q ingest '" + seeds + "' --db '" + db_ + "' > /dev/null").c_str());
    if (rc != 0) return;
    server_ = new Running(db_, false);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    if (!server_) GTEST_SKIP() << "no store from ../shared/seeds (missing seeds or rasad ingest failed)";
  }
  const Running& s() { return *server_; }

  // The event reported by seeds 000 (Arabic) and 001 (Persian): the Rouhani–Putin phone call.
  int64_t merged_call() {
    auto r = get(s(), "/api/events?dyad=IRN-RUS&limit=500");
    for (const auto& e : r.body["events"]) {
      auto d = get(s(), "/api/events/" + std::to_string(e["id"].get<int64_t>()));
      std::set<std::string> docs;
      for (const auto& m : d.body["mentions"]) docs.insert(m["doc"].get<std::string>().substr(0, 3));
      if (docs.count("000") && docs.count("001")) return e["id"];
    }
    return 0;
  }

  static fs::path* dir_;
  static std::string db_;
  static Running* server_;
};
fs::path* ServeApi::dir_ = nullptr;
std::string ServeApi::db_;
Running* ServeApi::server_ = nullptr;

TEST_F(ServeApi, HealthReportsTheStore) {
  auto r = get(s(), "/healthz");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["status"], "ok");
  EXPECT_EQ(r.body["documents"], 5);
  EXPECT_GT(r.body["events"].get<int>(), 0);
  EXPECT_EQ(r.body["ingest"], false);
  EXPECT_TRUE(has_prefix(r.content_type, "application/json"));
}

TEST_F(ServeApi, EventsMatchTheCommandLineForEachFilter) {
  const std::string cli = "'" + kBinary + "/rasad' events --db '" + db_ + "' --format jsonl";
  for (const auto& [query, args] : std::vector<std::pair<std::string, std::string>>{
           {"", ""},
           {"dyad=IRN-RUS", "--dyad IRN-RUS"},
           {"dyad=RUS-IRN", "--dyad RUS-IRN"},
           {"actor=KAZ", "--actor KAZ"},
           {"type=CONSULT", "--type CONSULT"},
           {"cameo=04", "--cameo 04"},
           {"from=2024-03&to=2024-03", "--from 2024-03 --to 2024-03"},
           {"lang=fa", "--lang fa"},
           {"dyad=IRN-RUS&lang=ar&type=CONSULT", "--dyad IRN-RUS --lang ar --type CONSULT"}}) {
    std::vector<int64_t> want;
    std::istringstream lines(run(cli + " " + args));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) want.push_back(json::parse(line)["id"].get<int64_t>());
    auto r = get(s(), "/api/events?limit=500&" + query);
    ASSERT_EQ(r.status, 200) << query << ": " << r.raw;
    auto got = ids(r.body["events"]);
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want) << query;
    EXPECT_TRUE(r.body["next_cursor"].is_null()) << query;
    // The API lists by (date, id).
    for (size_t i = 1; i < r.body["events"].size(); ++i) {
      const auto& a = r.body["events"][i - 1];
      const auto& b = r.body["events"][i];
      EXPECT_LE(std::make_pair(a["date"].get<std::string>(), a["id"].get<int64_t>()),
                std::make_pair(b["date"].get<std::string>(), b["id"].get<int64_t>())) << query;
    }
  }
}

TEST_F(ServeApi, FiltersHoldForEveryEvent) {
  auto r = get(s(), "/api/events?limit=500&dyad=IRN-RUS");
  ASSERT_EQ(r.status, 200);
  ASSERT_FALSE(r.body["events"].empty());
  for (const auto& e : r.body["events"]) {
    const std::string a = e["source"]["code"], b = e["target"]["code"];
    EXPECT_TRUE((has_prefix(a, "IRN") && has_prefix(b, "RUS")) || (has_prefix(a, "RUS") && has_prefix(b, "IRN"))) << a << " " << b;
  }
  r = get(s(), "/api/events?limit=500&lang=fa");
  ASSERT_FALSE(r.body["events"].empty());
  for (const auto& e : r.body["events"]) EXPECT_NE(e["languages"].dump().find("\"fa\""), std::string::npos);
  // text: events reported by documents that mention Russia in any language (روسیه finds روسيا).
  r = get(s(), "/api/events?limit=500&text=" + enc("روسیه"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_FALSE(r.body["events"].empty());
  r = get(s(), "/api/events?limit=500&text=" + enc("qwxzvbnm"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body["events"].empty());
  // undated=1 adds the events without a date to a period.
  auto dated = get(s(), "/api/events?limit=500&from=2020&to=2024");
  auto with_undated = get(s(), "/api/events?limit=500&from=2020&to=2024&undated=1");
  for (const auto& e : dated.body["events"]) EXPECT_FALSE(e["date_min"].get<std::string>().empty());
  EXPECT_GT(with_undated.body["events"].size(), dated.body["events"].size());
}

TEST_F(ServeApi, CursorPagesCoverEverythingOnce) {
  auto all = get(s(), "/api/events?limit=500");
  ASSERT_EQ(all.status, 200);
  std::vector<int64_t> paged;
  std::string cursor;
  int pages = 0;
  do {
    auto r = get(s(), "/api/events?limit=7" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_LE(r.body["events"].size(), 7u);
    for (int64_t id : ids(r.body["events"])) paged.push_back(id);
    cursor = r.body["next_cursor"].is_null() ? "" : r.body["next_cursor"].get<std::string>();
    ASSERT_LT(++pages, 100);
  } while (!cursor.empty());
  EXPECT_EQ(paged, ids(all.body["events"]));
  EXPECT_GT(pages, 1);
  // The same cursor gives the same page.
  auto first = get(s(), "/api/events?limit=7");
  const std::string c = first.body["next_cursor"];
  EXPECT_EQ(get(s(), "/api/events?limit=7&cursor=" + c).raw, get(s(), "/api/events?limit=7&cursor=" + c).raw);
}

TEST_F(ServeApi, LimitsAreEnforced) {
  auto r = get(s(), "/api/events?limit=100000");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["limit"], s().api->limits().page_max);
  EXPECT_EQ(get(s(), "/api/events?limit=0").status, 400);
  EXPECT_EQ(get(s(), "/api/events?limit=abc").status, 400);
  EXPECT_LE(get(s(), "/api/search?q=" + enc("روسيا") + "&limit=100000").body["documents"].size(),
            static_cast<size_t>(s().api->limits().search_max));
}

TEST_F(ServeApi, EventHasMentionsWithSentenceAndByteSpans) {
  const int64_t id = merged_call();
  ASSERT_GT(id, 0) << "no IRN-RUS event reported by both seed 000 and seed 001";
  auto r = get(s(), "/api/events/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["id"], id);
  ASSERT_GE(r.body["mentions"].size(), 2u);
  std::set<std::string> langs;
  for (const auto& m : r.body["mentions"]) {
    langs.insert(m["lang"]);
    const std::string text = m["text"];
    const uint32_t s0 = m["sentence_span"][0], s1 = m["sentence_span"][1];
    ASSERT_EQ(s1 - s0, text.size()) << "text is the bytes of sentence_span";
    for (const char* k : {"source_span", "trigger_span"}) {
      const uint32_t a = m[k][0], b = m[k][1];
      EXPECT_LE(s0, a) << k;
      EXPECT_LT(a, b) << k;
      EXPECT_LE(b, s1) << k;
    }
    if (!m["target_span"].is_null()) {
      const uint32_t a = m["target_span"][0], b = m["target_span"][1];
      EXPECT_TRUE(s0 <= a && a < b && b <= s1);
    }
    const uint32_t t0 = m["trigger_span"][0], t1 = m["trigger_span"][1];
    EXPECT_EQ(text.substr(t0 - s0, t1 - t0), m["trigger_text"].get<std::string>()) << "byte offsets, not characters";
    EXPECT_EQ(m["dir"], m["lang"] == "en" ? "ltr" : "rtl");
  }
  EXPECT_TRUE(langs.count("ar") && langs.count("fa"));
}

// Issue 6: "opening the page shows the Iran–Russia dyad from 2020 to 2024 with the merged 000/001
// call". Needs the coder to date the call (the reports say "today"/"Tuesday" without a dated
// dateline in the text): fails until it does.
// Seeds 000 and 001 carry no date at all (only "today, Tuesday"), so their call is undated; the
// page's default view (2020-2024, undated events included) must still show it. Dating it from the
// tenures of the people named is a known gap (docs/CODING.md).
TEST_F(ServeApi, SeedCallIsInTheDefaultIranRussiaView) {
  const int64_t id = merged_call();
  ASSERT_GT(id, 0) << "no IRN-RUS event reported by both seed 000 and seed 001";
  auto r = get(s(), "/api/events?dyad=IRN-RUS&from=2020&to=2024&undated=1&limit=500");
  ASSERT_EQ(r.status, 200);
  const auto in = ids(r.body["events"]);
  EXPECT_NE(std::find(in.begin(), in.end(), id), in.end())
      << "event " << id << " (the merged call) is not in the 2020-2024 view: " << get(s(), "/api/events/" + std::to_string(id)).body["date"];
  auto e = get(s(), "/api/events/" + std::to_string(id));
  EXPECT_GE(e.body["num_articles"].get<int>(), 2);
}

TEST_F(ServeApi, TimelineAddsUp) {
  auto r = get(s(), "/api/timeline?dyad=IRN-RUS&by=month");
  ASSERT_EQ(r.status, 200) << r.raw;
  auto all = get(s(), "/api/events?dyad=IRN-RUS&limit=500");
  EXPECT_EQ(r.body["events"], all.body["events"].size());
  int64_t in_periods = 0;
  std::string last;
  for (const auto& p : r.body["periods"]) {
    const std::string period = p["period"];
    EXPECT_EQ(period.size(), 7u) << period;  // YYYY-MM
    EXPECT_LT(last, period);
    last = period;
    int64_t by_type = 0, by_quad = 0;
    double goldstein = 0;
    for (const auto& t : p["types"]) by_type += t["events"].get<int64_t>(), goldstein += t["goldstein"].get<double>();
    for (const auto& [k, n] : p["quad"].items()) by_quad += n.get<int64_t>();
    EXPECT_EQ(by_type, p["events"].get<int64_t>());
    EXPECT_EQ(by_quad, p["events"].get<int64_t>());
    EXPECT_NEAR(goldstein, p["goldstein"].get<double>(), 1e-9);
    in_periods += p["events"].get<int64_t>();
  }
  EXPECT_EQ(in_periods + r.body["undated"].get<int64_t>(), r.body["events"].get<int64_t>());
  EXPECT_EQ(get(s(), "/api/timeline?dyad=IRN-RUS&by=week").status, 200);
  EXPECT_EQ(get(s(), "/api/timeline?dyad=IRN-RUS&by=year").status, 400);
  // Without a dyad: any filter of /api/events, or the whole store.
  auto everything = get(s(), "/api/timeline");
  ASSERT_EQ(everything.status, 200) << everything.raw;
  EXPECT_EQ(everything.body["events"], get(s(), "/api/events?limit=500").body["events"].size());
  auto rus = get(s(), "/api/timeline?actor=RUS&side=source&type=CONSULT");
  ASSERT_EQ(rus.status, 200) << rus.raw;
  EXPECT_EQ(rus.body["events"], get(s(), "/api/events?limit=500&actor=RUS&side=source&type=CONSULT").body["events"].size());
}

TEST_F(ServeApi, ActorsAcrossThreeLanguages) {
  for (const std::string q : {"روسيا", "روسیه", "Russia", "RUS"}) {
    auto r = get(s(), "/api/actors?q=" + enc(q));
    ASSERT_EQ(r.status, 200) << q;
    ASSERT_FALSE(r.body["actors"].empty()) << q;
    const auto& first = r.body["actors"][0];
    EXPECT_EQ(first["code"], "RUS") << q;
    EXPECT_FALSE(first["names"]["ar"].empty());
    EXPECT_FALSE(first["names"]["fa"].empty());
    EXPECT_FALSE(first["names"]["en"].empty());
    EXPECT_GT(first["events"].get<int>(), 0);
  }
  EXPECT_EQ(get(s(), "/api/actors?q=" + enc("ایران")).body["actors"][0]["code"], "IRN");
  EXPECT_EQ(get(s(), "/api/actors").status, 400);
}

// An actor's event count is what /api/events?actor=CODE lists: its events and those of longer
// codes it starts (IRN counts IRNGOV's), each once.
TEST_F(ServeApi, ActorEventCountsAreTheActorsEvents) {
  int compared = 0;
  for (const std::string q : {"IRN", "RUS", "Iran"}) {
    auto r = get(s(), "/api/actors?q=" + enc(q) + "&limit=50");
    ASSERT_EQ(r.status, 200) << r.raw;
    for (const auto& a : r.body["actors"]) {
      const std::string code = a["code"];
      auto events = get(s(), "/api/events?limit=500&actor=" + code);
      if (events.status != 200) continue;  // a code the filters refuse (none expected)
      EXPECT_EQ(a["events"].get<size_t>(), events.body["events"].size()) << code;
      compared += !events.body["events"].empty();
    }
  }
  EXPECT_GE(compared, 3);  // IRN, IRNGOV, RUS, RUSGOV... have events in the seeds
}

// Issue 11: people as actors. /api/actors finds a person by any of their names (ar, fa, en, any
// case); their `code` (the person id) lists in /api/events?actor= the events some report of which
// names them, as many as `events` says; `actor_code` is their office's code for the dyad pickers.
TEST_F(ServeApi, PeopleAreActorsInEveryLanguage) {
  for (const std::string q : {"بوتين", "پوتین", "putin", "Putin"}) {
    auto r = get(s(), "/api/actors?q=" + enc(q));
    ASSERT_EQ(r.status, 200) << r.raw;
    const json* putin = nullptr;
    for (const auto& a : r.body["actors"])
      if (a["code"] == "putin_vladimir") putin = &a;
    ASSERT_TRUE(putin) << q << ": " << r.raw;
    EXPECT_EQ((*putin)["category"], "person");
    EXPECT_EQ((*putin)["actor_code"], "RUSGOV");
    EXPECT_FALSE((*putin)["names"]["ar"].empty());
    EXPECT_FALSE((*putin)["names"]["fa"].empty());
    EXPECT_GT((*putin)["events"].get<int>(), 0);
    auto events = get(s(), "/api/events?limit=500&actor=" + enc(q));
    ASSERT_EQ(events.status, 200) << events.raw;
    EXPECT_EQ(events.body["events"].size(), (*putin)["events"].get<size_t>()) << q;
    EXPECT_EQ(events.body["filters"]["person"][0], "putin_vladimir");
  }
}

// An undated event carries its inferred range and the words the page shows for it.
TEST_F(ServeApi, UndatedEventsShowTheirInferredRange) {
  const int64_t id = merged_call();
  ASSERT_GT(id, 0);
  auto r = get(s(), "/api/events/" + std::to_string(id));
  ASSERT_EQ(r.status, 200) << r.raw;
  const json& e = r.body;
  EXPECT_EQ(e["date_precision"], "range") << r.raw;
  EXPECT_EQ(e["date_range"], json::array({"2020-01-01", "2021-08-03"})) << r.raw;
  EXPECT_EQ(e["date_label"], "undated, inferred 2020\u20132021") << r.raw;
  // A period keeps it only when asked to.
  auto in = [&](const std::string& params) {
    auto page = get(s(), "/api/events?limit=500&dyad=IRN-RUS&" + params);
    EXPECT_EQ(page.status, 200) << page.raw;
    const std::vector<int64_t> listed = ids(page.body["events"]);
    return std::find(listed.begin(), listed.end(), id) != listed.end();
  };
  EXPECT_FALSE(in("from=2020&to=2021"));
  EXPECT_TRUE(in("from=2020&to=2021&ranged=within"));
  EXPECT_TRUE(in("from=2021-06&ranged=overlap"));
  EXPECT_FALSE(in("from=2022&ranged=overlap"));
  EXPECT_TRUE(in("from=2022&undated=1"));
  EXPECT_EQ(get(s(), "/api/events?ranged=maybe").status, 400);
}

TEST_F(ServeApi, SearchFindsDocumentsInEveryLanguage) {
  auto r = get(s(), "/api/search?q=" + enc("روسيا"));
  ASSERT_EQ(r.status, 200) << r.raw;
  std::set<std::string> langs;
  for (const auto& d : r.body["documents"]) langs.insert(d["lang"]);
  EXPECT_TRUE(langs.count("ar") && langs.count("fa")) << r.raw;
  EXPECT_FALSE(r.body["terms"][0]["codes"].empty());
  EXPECT_EQ(get(s(), "/api/search").status, 400);
  EXPECT_EQ(get(s(), "/api/search?q=" + enc("،،")).status, 400);
}

TEST_F(ServeApi, ErrorsAreJsonWithTheRightStatus) {
  for (const auto& [path, status] : std::vector<std::pair<std::string, int>>{
           {"/api/nothing", 404},
           {"/api/events/999999", 404},
           {"/api/events/abc", 400},
           {"/api/events?lang=de", 400},
           {"/api/events?dyad=IRN", 400},
           {"/api/events?from=March", 400},
           {"/api/events?cursor=nothex.1", 400},
           {"/api/events?cameo=x", 400},
           {"/no-such-file.html", 404}}) {
    auto r = get(s(), path);
    EXPECT_EQ(r.status, status) << path;
    EXPECT_TRUE(has_prefix(r.content_type, "application/json")) << path;
    ASSERT_TRUE(r.body.is_object()) << path << ": " << r.raw;
    EXPECT_EQ(r.body["error"]["status"], status) << path;
    EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty()) << path;
  }
  auto c = s().client();
  auto del = c.Delete("/api/events");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

// The API checks filters with the command line's function: the same values are refused with the
// same message (flags named without "--"), and the same are accepted.
TEST_F(ServeApi, FiltersAreCheckedLikeTheCommandLine) {
  const std::string cli = "'" + kBinary + "/rasad' events --db '" + db_ + "' --format jsonl";
  for (const auto& [query, args] : std::vector<std::pair<std::string, std::string>>{
           {"type=CONSULTT", "--type CONSULTT"},
           {"from=2024/03/01", "--from 2024/03/01"},
           {"from=2024-13", "--from 2024-13"},
           {"from=2024-05&to=2024-03", "--from 2024-05 --to 2024-03"},
           {"dyad=IRN-RUS-USA", "--dyad IRN-RUS-USA"},
           {"dyad=Iran-Russia", "--dyad Iran-Russia"},
           {"dyad=XYZ-RUS", "--dyad XYZ-RUS"},
           {"dyad=US-IR", "--dyad US-IR"}}) {
    auto r = get(s(), "/api/events?" + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.raw;
    std::string message = r.body["error"]["message"];
    std::string said = run(cli + " " + args + " 2>&1");
    for (size_t at; (at = said.find("--")) != std::string::npos;) said.erase(at, 2);
    EXPECT_NE(said.find(message), std::string::npos) << query << ": API says " << message << ", CLI says " << said;
  }
  EXPECT_NE(get(s(), "/api/events?type=CONSULTT").raw.find("did you mean CONSULT?"), std::string::npos);
  auto lower = get(s(), "/api/events?limit=500&type=consult&dyad=irn-rus");
  auto upper = get(s(), "/api/events?limit=500&type=CONSULT&dyad=IRN-RUS");
  ASSERT_EQ(lower.status, 200) << lower.raw;
  EXPECT_FALSE(upper.body["events"].empty());
  EXPECT_EQ(ids(lower.body["events"]), ids(upper.body["events"]));
  EXPECT_EQ(get(s(), "/api/timeline?dyad=US-IR").status, 400);
}

// People as actors: a name in any of the three languages, or an id; as source, target or either.
// An event is Putin's when some report of it names him (not only its first report), in the role
// `side` asks for: a symmetric event, coded both ways, is on both sides.
TEST_F(ServeApi, PersonFilterFindsTheEventsOfOnePerson) {
  auto by_id = get(s(), "/api/events?limit=500&person=putin_vladimir");
  ASSERT_EQ(by_id.status, 200) << by_id.raw;
  ASSERT_FALSE(by_id.body["events"].empty());
  // The roles the reports of event `id` name Putin in.
  auto roles = [&](int64_t id) {
    std::set<std::string> out;
    auto r = get(s(), "/api/events/" + std::to_string(id));
    for (const auto& m : r.body["mentions"])
      for (const char* role : {"source", "target"})
        if (m.value(std::string(role) + "_person", "") == "putin_vladimir") out.insert(role);
    return out;
  };
  size_t on_the_event = 0;
  for (const auto& e : by_id.body["events"]) {
    EXPECT_FALSE(roles(e["id"].get<int64_t>()).empty()) << e.dump();
    on_the_event += e["source"].value("person", "") == "putin_vladimir" || e["target"].value("person", "") == "putin_vladimir";
  }
  EXPECT_GT(on_the_event, 0u);
  for (const std::string name : {"بوتين", "پوتین", "Putin"}) {
    auto r = get(s(), "/api/events?limit=500&person=" + enc(name));
    ASSERT_EQ(r.status, 200) << name << ": " << r.raw;
    EXPECT_EQ(ids(r.body["events"]), ids(by_id.body["events"])) << name;
    // actor=NAME finds the same events through the same condition.
    auto as_actor = get(s(), "/api/events?limit=500&actor=" + enc(name));
    ASSERT_EQ(as_actor.status, 200) << name << ": " << as_actor.raw;
    EXPECT_EQ(ids(as_actor.body["events"]), ids(by_id.body["events"])) << name;
  }
  const json* named = nullptr;
  for (const auto& e : by_id.body["events"])
    for (const char* side : {"source", "target"})
      if (!named && e[side].value("person", "") == "putin_vladimir") named = &e[side];
  ASSERT_TRUE(named);
  EXPECT_EQ((*named)["person_name"], "Vladimir Putin");
  auto as_source = get(s(), "/api/events?limit=500&person=putin_vladimir&side=source");
  auto as_target = get(s(), "/api/events?limit=500&person=putin_vladimir&side=target");
  for (const auto& e : as_source.body["events"]) EXPECT_TRUE(roles(e["id"].get<int64_t>()).count("source")) << e.dump();
  for (const auto& e : as_target.body["events"]) EXPECT_TRUE(roles(e["id"].get<int64_t>()).count("target")) << e.dump();
  std::vector<int64_t> either = ids(as_source.body["events"]);
  for (int64_t id : ids(as_target.body["events"]))
    if (std::find(either.begin(), either.end(), id) == either.end()) either.push_back(id);
  std::sort(either.begin(), either.end());
  std::vector<int64_t> all = ids(by_id.body["events"]);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(either, all);
  EXPECT_FALSE(as_source.body["events"].empty());
  EXPECT_EQ(get(s(), "/api/events?actor=Putin&person=Raisi").status, 400);
  auto unknown = get(s(), "/api/events?person=" + enc("Nobody Atall"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.raw.find("no person is named"), std::string::npos) << unknown.raw;
  EXPECT_EQ(get(s(), "/api/events?actor=IRN&side=sideways").status, 400);
  // The picker finds people, with their events and role.
  auto found = get(s(), "/api/actors?q=" + enc("بوتين"));
  ASSERT_EQ(found.status, 200);
  ASSERT_FALSE(found.body["actors"].empty()) << found.raw;
  const auto& first = found.body["actors"][0];
  EXPECT_EQ(first["category"], "person");
  EXPECT_EQ(first["code"], "putin_vladimir");
  EXPECT_EQ(first["events"].get<size_t>(), by_id.body["events"].size());
  EXPECT_EQ(first["role"]["actor"], "RUSGOV");
}

// A single actor's view: "everything Iran did" is Iran as source; either side is the default.
TEST_F(ServeApi, ActorSideSelectsTheDirection) {
  auto any = get(s(), "/api/events?limit=500&actor=IRN");
  auto source = get(s(), "/api/events?limit=500&actor=IRN&side=source");
  ASSERT_EQ(source.status, 200) << source.raw;
  ASSERT_FALSE(source.body["events"].empty());
  for (const auto& e : source.body["events"]) EXPECT_TRUE(has_prefix(e["source"]["code"], "IRN")) << e.dump();
  EXPECT_LT(source.body["events"].size(), any.body["events"].size());
  // A directed dyad: A as source, B as target.
  auto directed = get(s(), "/api/events?limit=500&dyad=RUS-IRN&side=source");
  ASSERT_EQ(directed.status, 200);
  for (const auto& e : directed.body["events"]) {
    EXPECT_TRUE(has_prefix(e["source"]["code"], "RUS")) << e.dump();
    EXPECT_TRUE(has_prefix(e["target"]["code"], "IRN")) << e.dump();
  }
}

// undated=only: the events without a date, apart from the dated ones of a period.
TEST_F(ServeApi, UndatedOnlyIsTheComplementOfDated) {
  auto dated = get(s(), "/api/events?limit=500&from=1900&to=2100");
  auto undated = get(s(), "/api/events?limit=500&undated=only");
  auto all = get(s(), "/api/events?limit=500");
  ASSERT_EQ(undated.status, 200) << undated.raw;
  for (const auto& e : undated.body["events"]) EXPECT_EQ(e["date"], "") << e.dump();
  EXPECT_EQ(dated.body["events"].size() + undated.body["events"].size(), all.body["events"].size());
  EXPECT_EQ(get(s(), "/api/events?undated=2").status, 400);
}

// ranged=overlap|within is one of the filters (store::event_filter_sql): the timeline, the dyads,
// the places and the downloads of a period count the ranged events it keeps, as /api/events lists
// them; undated=only lists the undated events whose range meets the period.
TEST_F(ServeApi, RangedFilterHoldsInEveryEndpoint) {
  const std::string period = "dyad=IRN-RUS&from=2020&to=2021";
  auto plain = get(s(), "/api/events?limit=500&" + period);
  auto ranged = get(s(), "/api/events?limit=500&ranged=overlap&" + period);
  ASSERT_EQ(ranged.status, 200) << ranged.raw;
  EXPECT_EQ(ranged.body["filters"]["ranged"], "overlap");
  size_t with_range = 0;
  for (const auto& e : ranged.body["events"]) with_range += e["date_precision"] == "range";
  EXPECT_GT(with_range, 0u);
  EXPECT_EQ(plain.body["events"].size() + with_range, ranged.body["events"].size());
  for (const auto& [params, n] : std::vector<std::pair<std::string, size_t>>{{period, plain.body["events"].size()},
                                                                          {"ranged=overlap&" + period, ranged.body["events"].size()}}) {
    auto tl = get(s(), "/api/timeline?" + params);
    ASSERT_EQ(tl.status, 200) << tl.raw;
    EXPECT_EQ(tl.body["events"].get<size_t>(), n) << params;
    auto csv = get(s(), "/api/events?format=csv&" + params);
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(static_cast<size_t>(std::count(csv.raw.begin(), csv.raw.end(), '\n')), n + 1) << params;
    auto dyads = get(s(), "/api/dyads?" + params);
    ASSERT_EQ(dyads.status, 200);
    int64_t between = 0;
    for (const auto& d : dyads.body["dyads"]) between += d["events"].get<int64_t>();
    auto places = get(s(), "/api/places?" + params);
    ASSERT_EQ(places.status, 200);
    int64_t placed = places.body["without_coordinates"].get<int64_t>();
    for (const auto& pl : places.body["places"]) placed += pl["events"].get<int64_t>();
    EXPECT_EQ(static_cast<size_t>(placed), n) << params;
    EXPECT_LE(static_cast<size_t>(between), n) << params;
    if (params != period) {
      EXPECT_GT(static_cast<size_t>(between), 0u);
    }
  }
  // undated=only: all undated events, or with ranged those whose range meets the period.
  auto all_undated = get(s(), "/api/events?limit=500&undated=only&" + period);
  auto met = get(s(), "/api/events?limit=500&undated=only&ranged=within&" + period);
  ASSERT_EQ(met.status, 200) << met.raw;
  EXPECT_LT(met.body["events"].size(), all_undated.body["events"].size());
  EXPECT_FALSE(met.body["events"].empty());
  for (const auto& e : met.body["events"]) {
    ASSERT_EQ(e["date_precision"], "range") << e.dump();
    EXPECT_GE(e["date_range"][0].get<std::string>(), "2020") << e.dump();
    EXPECT_LE(e["date_range"][1].get<std::string>(), "2021~") << e.dump();
  }
}

// Downloads of a view: every matching event (no pages), CSV with the command line's columns or
// JSON Lines with the API's event objects.
TEST_F(ServeApi, DownloadsTheWholeViewAsCsvOrJsonLines) {
  auto page = get(s(), "/api/events?limit=500&actor=RUS&type=CONSULT");
  ASSERT_FALSE(page.body["events"].empty());
  auto csv = get(s(), "/api/events?actor=RUS&type=CONSULT&limit=1&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_TRUE(has_prefix(csv.content_type, "text/csv")) << csv.content_type;
  std::istringstream lines(csv.raw);
  std::string header, line;
  std::getline(lines, header);
  EXPECT_TRUE(has_prefix(header, "id,date,date_precision")) << header;
  std::vector<int64_t> csv_ids;
  while (std::getline(lines, line))
    if (!line.empty()) csv_ids.push_back(std::stoll(line.substr(0, line.find(','))));
  EXPECT_EQ(csv_ids, ids(page.body["events"]));
  const std::string cli = "'" + kBinary + "/rasad' events --db '" + db_ + "' --format csv --actor RUS --type CONSULT";
  EXPECT_EQ(run(cli).substr(0, header.size()), header);
  auto jsonl = get(s(), "/api/events?actor=RUS&type=CONSULT&format=jsonl");
  ASSERT_EQ(jsonl.status, 200);
  EXPECT_TRUE(has_prefix(jsonl.content_type, "application/x-ndjson")) << jsonl.content_type;
  std::vector<int64_t> jsonl_ids;
  std::istringstream jl(jsonl.raw);
  while (std::getline(jl, line)) jsonl_ids.push_back(json::parse(line)["id"].get<int64_t>());
  EXPECT_EQ(jsonl_ids, ids(page.body["events"]));
  EXPECT_EQ(get(s(), "/api/events?format=xml").status, 400);
}

// The busiest country pairs of a view (the page's network) and the vocabulary of its filters.
TEST_F(ServeApi, DyadsFollowTheFiltersAndVocabularyListsTypes) {
  auto all = get(s(), "/api/dyads?limit=100");
  ASSERT_EQ(all.status, 200);
  ASSERT_FALSE(all.body["dyads"].empty());
  for (const auto& d : all.body["dyads"]) {
    EXPECT_EQ(d["a_to_b"].get<int64_t>() + d["b_to_a"].get<int64_t>(), d["events"].get<int64_t>());
    const std::string dyad = d["dyad"];
    EXPECT_TRUE(all.body["names"].contains(dyad.substr(0, 3)));
  }
  EXPECT_NE(all.body["names"].value("IRN", "IRN"), "IRN");  // an English name
  auto consult = get(s(), "/api/dyads?limit=100&type=CONSULT&lang=ar");
  ASSERT_EQ(consult.status, 200);
  for (const auto& d : consult.body["dyads"]) {
    auto events = get(s(), "/api/events?limit=500&type=CONSULT&lang=ar&dyad=" + d["dyad"].get<std::string>());
    size_t between_countries = 0;
    for (const auto& e : events.body["events"])
      between_countries += e["source"]["country"] != e["target"]["country"] && e["source"]["country"] != "" && e["target"]["country"] != "";
    EXPECT_EQ(d["events"].get<size_t>(), between_countries) << d.dump();
  }
  auto vocabulary = get(s(), "/api/vocabulary");
  ASSERT_EQ(vocabulary.status, 200);
  EXPECT_EQ(vocabulary.body["plover"].size(), 16u);
  EXPECT_EQ(vocabulary.body["cameo"].size(), 20u);
}

// The places of a view (the page's map): each event with coordinates once, never at (0, 0).
TEST_F(ServeApi, PlacesCountEveryEventWithCoordinatesOnce) {
  for (const std::string query : {"", "dyad=IRN-RUS", "actor=SYR&type=CONSULT"}) {
    auto r = get(s(), "/api/places?" + query);
    ASSERT_EQ(r.status, 200) << r.raw;
    auto events = get(s(), "/api/events?limit=500&" + query);
    int64_t placed = 0, with = 0;
    for (const auto& pl : r.body["places"]) {
      placed += pl["events"].get<int64_t>();
      EXPECT_FALSE(pl["lat"].get<double>() == 0 && pl["lon"].get<double>() == 0);
      EXPECT_FALSE(pl["names"].empty());
    }
    for (const auto& e : events.body["events"]) with += e.contains("location") && e["location"].contains("lat");
    EXPECT_EQ(placed, with) << query;
    EXPECT_EQ(placed + r.body["without_coordinates"].get<int64_t>(), static_cast<int64_t>(events.body["events"].size())) << query;
  }
  EXPECT_FALSE(get(s(), "/api/places").body["places"].empty());
}

TEST_F(ServeApi, IngestIsOffByDefault) {
  auto r = post(s(), "/api/documents", R"({"id": "x", "text": "Russia and Iran met."})");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("--allow-ingest"), std::string::npos);
  EXPECT_EQ(get(s(), "/healthz").body["documents"], 5);
}

TEST_F(ServeApi, ServesThePage) {
  auto c = s().client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(has_prefix(page->get_header_value("Content-Type"), "text/html"));
  EXPECT_NE(page->body.find("app.js"), std::string::npos);
  auto js = c.Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_TRUE(has_prefix(js->get_header_value("Content-Type"), "text/javascript"));
  auto outside = c.Get("/../CMakeLists.txt");
  ASSERT_TRUE(outside);
  EXPECT_NE(outside->status, 200);
}

// A server with --allow-ingest on a copy of the seeds store.
class ServeIngest : public ServeApi {
 protected:
  void SetUp() override {
    ServeApi::SetUp();
    if (IsSkipped()) return;
    copy_ = (*dir_ / ("ingest-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db")).string();
    fs::copy_file(db_, copy_, fs::copy_options::overwrite_existing);
    rasad::serve::Limits limits;
    limits.batch_max = 3;
    limits.document_max = 20000;
    ingest_ = std::make_unique<Running>(copy_, true, limits, 64 * 1024);
  }
  void TearDown() override { ingest_.reset(); }
  std::string copy_;
  std::unique_ptr<Running> ingest_;
};

// Written for this test: a phone call between the two presidents, in English.
const char* kCallDoc = R"({"id": "api-call-1", "date": "2023-05-10", "lang": "en", "source": "test",
  "text": "Russian President Vladimir Putin held a phone call with Iranian President Ebrahim Raisi on Wednesday. The two presidents discussed trade and energy cooperation between Moscow and Tehran."})";

TEST_F(ServeIngest, PostCodesStoresAndAnswersWithEvents) {
  auto r = post(*ingest_, "/api/documents", kCallDoc);
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.body["documents"].size(), 1u);
  const auto& d = r.body["documents"][0];
  EXPECT_EQ(d["id"], "api-call-1");
  EXPECT_EQ(d["outcome"], "inserted");
  EXPECT_EQ(d["lang"], "en");
  EXPECT_EQ(d["mentions"].get<size_t>() > 0, !d["events"].empty());
  for (const auto& e : d["events"]) {
    auto got = get(*ingest_, "/api/events/" + std::to_string(e["id"].get<int64_t>()));
    EXPECT_EQ(got.status, 200);
  }
  EXPECT_EQ(get(*ingest_, "/healthz").body["documents"], 6);
  // The same document again changes nothing.
  auto again = post(*ingest_, "/api/documents", std::string("[") + kCallDoc + "]");
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["documents"][0]["outcome"], "unchanged");
  EXPECT_EQ(get(*ingest_, "/healthz").body["documents"], 6);
}

TEST_F(ServeIngest, PostIsBounded) {
  EXPECT_EQ(post(*ingest_, "/api/documents", "{not json").status, 400);
  EXPECT_EQ(post(*ingest_, "/api/documents", R"({"id": "no-text"})").status, 400);
  EXPECT_EQ(post(*ingest_, "/api/documents", "[]").status, 400);
  std::string four = R"({"documents": [)";
  for (int i = 0; i < 4; ++i) four += std::string(i ? "," : "") + R"({"id": "d)" + std::to_string(i) + R"(", "text": "Some text."})";
  four += "]}";
  auto many = post(*ingest_, "/api/documents", four);
  EXPECT_EQ(many.status, 413) << many.raw;
  auto long_doc = post(*ingest_, "/api/documents", R"({"id": "long", "text": ")" + std::string(30000, 'a') + "\"}");
  EXPECT_EQ(long_doc.status, 413) << long_doc.raw;
  auto huge = post(*ingest_, "/api/documents", R"({"id": "huge", "text": ")" + std::string(100 * 1024, 'a') + "\"}");
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(huge.body["error"]["status"], 413) << huge.raw;
  EXPECT_EQ(get(*ingest_, "/healthz").body["documents"], 5);
}

TEST_F(ServeIngest, CursorStaysStableWhileEventsAreAdded) {
  auto before = get(*ingest_, "/api/events?limit=500");
  auto first = get(*ingest_, "/api/events?limit=10");
  ASSERT_FALSE(first.body["next_cursor"].is_null());
  std::vector<int64_t> seen = ids(first.body["events"]);
  std::string cursor = first.body["next_cursor"];
  ASSERT_EQ(post(*ingest_, "/api/documents", kCallDoc).status, 200);
  auto after = get(*ingest_, "/api/events?limit=500");
  ASSERT_GT(after.body["events"].size(), before.body["events"].size()) << "the posted call added events";
  while (!cursor.empty()) {
    auto r = get(*ingest_, "/api/events?limit=10&cursor=" + cursor);
    ASSERT_EQ(r.status, 200);
    for (int64_t id : ids(r.body["events"])) seen.push_back(id);
    cursor = r.body["next_cursor"].is_null() ? "" : r.body["next_cursor"].get<std::string>();
  }
  // Every event that was there is seen once, in the original order; new ones only after the cursor.
  std::vector<int64_t> old_seen;
  const auto old_ids = ids(before.body["events"]);
  const std::set<int64_t> old_set(old_ids.begin(), old_ids.end());
  for (int64_t id : seen)
    if (old_set.count(id)) old_seen.push_back(id);
  EXPECT_EQ(old_seen, old_ids);
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), seen.size()) << "no event twice";
}

TEST_F(ServeIngest, ReadersAnswerWhileIngestWrites) {
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, bad{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t)
    readers.emplace_back([&, t] {
      while (!stop) {
        auto r = get(*ingest_, t % 2 ? "/api/timeline?dyad=IRN-RUS" : "/api/events?limit=50&dyad=IRN-RUS");
        (r.status == 200 ? ok : bad)++;
      }
    });
  for (int i = 0; i < 5; ++i) {
    std::string doc = kCallDoc;
    doc.replace(doc.find("api-call-1"), 10, "api-call-" + std::to_string(i + 10));
    doc.replace(doc.find("Wednesday"), 9, "day " + std::to_string(i));
    auto r = post(*ingest_, "/api/documents", doc);
    EXPECT_EQ(r.status, 200) << r.raw;
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(get(*ingest_, "/healthz").body["documents"], 10);
}

TEST(ServeCursor, RoundTripsAndRejectsGarbage) {
  for (const rasad::serve::Cursor& c : {rasad::serve::Cursor{"", 1}, {"2024-03-19", 42}, {"2024", 7}}) {
    auto back = rasad::serve::decode_cursor(rasad::serve::encode_cursor(c));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->key, c.key);
    EXPECT_EQ(back->id, c.id);
  }
  for (const char* bad : {"", "x", "abc.1", "zz.1", "32.", "32.-1", "32.1x"}) EXPECT_FALSE(rasad::serve::decode_cursor(bad)) << bad;
}

TEST(ServeStart, RefusesAMissingStoreWithoutIngest) {
  auto a = Api::create("/nonexistent/rasad.db", kSource + "/data", false);
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().find("rasad ingest"), std::string::npos);
}

}  // namespace
