// The store commands (ingest, events, timeline, export) through the built binary: what a user sees
// on a terminal and in pipes, exit codes, and the checks of query filters.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "cli/cli_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

using rasad::test::kRasad;
using rasad::test::kSeeds;

struct Shell {
  int status = -1;
  std::string out;  // standard output and error together
};

// Runs a shell command line, stdout and stderr captured together.
Shell sh(const std::string& cmd) {
  const rasad::test::CliRun r = rasad::test::shell("(" + cmd + ") 2>&1");
  return {r.status, r.out};
}

std::string q(const std::string& s) { return "'" + s + "'"; }
std::string rasad() { return q(kRasad.string()); }

// Runs `cmd` with a pseudo-terminal as standard output and error (util-linux `script`), as a user
// at a terminal does; the command's own pipes and redirections stay as written.
Shell on_terminal(const std::string& cmd) {
  Shell r = sh("script -qec " + q(cmd + "; echo \"[exit $?]\"") + " /dev/null < /dev/null");
  std::smatch m;
  if (std::regex_search(r.out, m, std::regex(R"(\[exit (\d+)\])"))) r.status = std::stoi(m[1]);
  return r;
}

bool have_script() { return sh("command -v script").status == 0; }

// `cmd` as a user without privileges: root ignores file permissions, which some tests rely on.
// Empty when that is impossible (root without setpriv).
std::string unprivileged(const std::string& cmd) {
  if (::geteuid() != 0) return cmd;
  if (sh("command -v setpriv").status != 0) return "";
  return "setpriv --reuid=65534 --regid=65534 --clear-groups -- sh -c " + q(cmd);
}

void sql(const std::string& db, const std::string& statements) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, statements.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(h);
}

class TempDir {
 public:
  TempDir() {
    static int n = 0;
    path_ = fs::temp_directory_path() / ("rasad_cli_store_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

// `n` short English documents (no events to speak of, so coding is quick), padded so that the file
// is larger than the readers' 1 MB chunk; every `empty_every`-th has an empty text.
std::string write_jsonl(const TempDir& dir, int n, int empty_every) {
  const std::string path = dir / "docs.jsonl";
  std::ofstream out(path);
  const std::string pad(400, 'p');
  for (int i = 1; i <= n; ++i) {
    const std::string text = i % empty_every == 0 ? "" : "Note " + std::to_string(i) + ".";
    out << R"({"id": "d)" << i << R"(", "lang": "en", "url": "http://example.org/)" << pad << R"(", "text": ")" << text
        << "\"}\n";
  }
  return path;
}

uint64_t number_after(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern))) return UINT64_MAX;
  return std::stoull(m[1]);
}

TEST(IngestCli, StandardInputOnATerminalIsReadWhole) {
  if (!have_script()) GTEST_SKIP() << "util-linux `script` is needed for a pseudo-terminal";
  TempDir dir;
  const std::string input = write_jsonl(dir, 3000, 30);
  ASSERT_GT(fs::file_size(input), 1u << 20);
  const Shell piped = sh("cat " + q(input) + " | " + rasad() + " ingest - --db " + q(dir / "piped.db"));
  ASSERT_EQ(piped.status, 0) << piped.out;
  EXPECT_EQ(number_after(piped.out, R"(read (\d+) documents)"), 2900u) << piped.out;

  // stderr a terminal: the progress line is shown, and its counting pass must leave stdin alone.
  const Shell tty = on_terminal("cat " + q(input) + " | " + rasad() + " ingest - --db " + q(dir / "tty.db"));
  EXPECT_EQ(tty.status, 0) << tty.out;
  EXPECT_EQ(number_after(tty.out, R"(read (\d+) documents)"), 2900u) << tty.out;
  EXPECT_EQ(tty.out.find("not valid JSON"), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("rasad ingest: "), std::string::npos) << "no progress line:\n" << tty.out;
}

TEST(IngestCli, SummaryCountsTheInputsItSkipped) {
  TempDir dir;
  const std::string input = write_jsonl(dir, 300, 30);
  const Shell r = sh(rasad() + " ingest " + q(input) + " --db " + q(dir / "s.db"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(number_after(r.out, R"(read (\d+) documents)"), 290u) << r.out;
  EXPECT_EQ(number_after(r.out, R"((\d+) bad inputs skipped)"), 10u) << r.out;
  size_t said = 0;
  for (size_t at = 0; (at = r.out.find("field \"text\" is empty", at)) != std::string::npos; ++at) ++said;
  EXPECT_EQ(said, 10u) << r.out;
}

TEST(IngestCli, QuietGoesAfterTheSubcommandAndHidesOnlyProgress) {
  const Shell help = sh(rasad() + " ingest --help");
  EXPECT_NE(help.out.find("-q,--quiet"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("default 1"), std::string::npos) << "--threads default not documented:\n" << help.out;
  TempDir dir;
  const std::string input = write_jsonl(dir, 60, 30);
  for (const std::string& form : {"-q ingest " + q(input), "ingest " + q(input) + " -q", "ingest -q " + q(input)}) {
    const Shell r = sh(rasad() + " " + form + " --db " + q(dir / "q.db"));
    EXPECT_EQ(r.status, 0) << form << "\n" << r.out;
    size_t errors = 0;
    for (size_t at = 0; (at = r.out.find("field \"text\" is empty", at)) != std::string::npos; ++at) ++errors;
    EXPECT_EQ(errors, 2u) << form << ": -q must not hide errors\n" << r.out;
  }
  if (!have_script()) GTEST_SKIP() << "util-linux `script` is needed for a pseudo-terminal";
  const Shell quiet = on_terminal(rasad() + " ingest " + q(input) + " -q --db " + q(dir / "t.db"));
  EXPECT_EQ(quiet.out.find("rasad ingest: "), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("field \"text\" is empty"), std::string::npos) << quiet.out;
}

TEST(IngestCli, ProgressCountsMentionsAndTheSummarySaysOneThread) {
  if (!have_script()) GTEST_SKIP() << "util-linux `script` is needed for a pseudo-terminal";
  TempDir dir;
  const std::string input = write_jsonl(dir, 60, 1000);
  const Shell r = on_terminal(rasad() + " ingest " + q(input) + " --db " + q(dir / "p.db"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(rasad ingest: 60 documents, \d+ mentions)"))) << r.out;
  EXPECT_EQ(r.out.find(" events, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" 1 thread\r\n"), std::string::npos) << r.out;
}

TEST(IngestCli, DocumentsTheStoreRefusesMakeTheRunFail) {
  TempDir dir;
  const std::string db = dir / "r.db";
  const std::string input = write_jsonl(dir, 20, 1000);
  ASSERT_EQ(sh(rasad() + " ingest " + q(input) + " --db " + q(db)).status, 0);
  sql(db, "CREATE TRIGGER refuse BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");
  std::ofstream(dir / "more.jsonl") << R"({"id": "new1", "lang": "en", "text": "Another note."})" << "\n";
  const Shell r = sh(rasad() + " ingest " + q(dir / "more.jsonl") + " --db " + q(db));
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_NE(r.out.find("refused by test"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 failed"), std::string::npos) << r.out;
}

TEST(IngestCli, ReadOnlyStoreIsRefusedAtOpen) {
  TempDir dir;
  const std::string db = dir / "ro.db";
  const std::string input = write_jsonl(dir, 20, 1000);
  ASSERT_EQ(sh(rasad() + " ingest " + q(input) + " --db " + q(db)).status, 0);
  fs::permissions(dir.str(), fs::perms::all);  // the directory stays writable: only the file is read-only
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  std::ofstream(dir / "more.jsonl") << R"({"id": "new1", "lang": "en", "text": "Another note."})" << "\n";
  const std::string cmd = unprivileged(rasad() + " ingest " + q(dir / "more.jsonl") + " --db " + q(db));
  if (cmd.empty()) GTEST_SKIP() << "running as root without setpriv: a read-only file cannot be made";
  const Shell r = sh(cmd);
  EXPECT_NE(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("read-only"), std::string::npos) << r.out;
}

// A store of the seed reports, made once for the query tests.
class SeedsStore : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(kSeeds)) return;
    dir_ = new TempDir();
    const Shell r = sh(rasad() + " -q ingest " + q(kSeeds.string()) + " --db " + q(db()));
    if (r.status != 0) ADD_FAILURE() << r.out;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!dir_) GTEST_SKIP() << "no ../shared/seeds";
  }
  static std::string db() { return (*dir_) / "seeds.db"; }
  static Shell rasad_on_store(const std::string& args) { return sh(rasad() + " " + args + " --db " + q(db())); }

  static TempDir* dir_;
};
TempDir* SeedsStore::dir_ = nullptr;

TEST_F(SeedsStore, FiltersThatCanMatchNothingAreUsageErrorsWithASuggestion) {
  for (const auto& [args, says] : std::vector<std::pair<std::string, std::string>>{
           {"events --type CONSULTT", "did you mean CONSULT?"},
           {"events --from 2024/03/01", "did you mean 2024-03-01?"},
           {"events --from 2024-13", "no month 13"},
           {"events --from 2024-05 --to 2024-03", "--from 2024-05 is after --to 2024-03"},
           {"events --dyad IRN-RUS-USA", "two actor codes"},
           {"events --dyad Iran-Russia", "did you mean IRN?"},
           {"events --dyad XYZ-RUS", "'XYZ' is not an actor code"},
           {"events --dyad US-IR", "did you mean USA?"},
           {"timeline --dyad US-IR", "did you mean USA?"},
           {"export --dyad US-IR", "did you mean USA?"},
           {"events --tpye CONSULT", "did you mean --type?"},
           {"evnets", "did you mean events?"},
           {"events --format tabel", "tabel"}}) {
    const Shell r = rasad_on_store(args);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.out;
    EXPECT_NE(r.out.find(says), std::string::npos) << args << "\n" << r.out;
  }
}

TEST_F(SeedsStore, TypesAndCodesAreAcceptedInAnyCase) {
  const Shell upper = rasad_on_store("events --format jsonl --dyad IRN-RUS --type CONSULT");
  const Shell lower = rasad_on_store("events --format jsonl --dyad irn-rus --type consult");
  ASSERT_EQ(upper.status, 0) << upper.out;
  EXPECT_NE(upper.out.find("\"plover\":\"CONSULT\""), std::string::npos) << upper.out;
  EXPECT_EQ(lower.status, 0) << lower.out;
  EXPECT_EQ(lower.out, upper.out);
}

TEST(IngestCli, NothingReadLeavesNoStore) {
  TempDir dir;
  const Shell r = sh(rasad() + " ingest " + q(dir / "nonexistent") + " --db " + q(dir / "x.db"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("cannot open"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "x.db"));
}

TEST_F(SeedsStore, ExportTakesTheEventsFiltersAndWritesMentions) {
  const Shell events = rasad_on_store("events --format jsonl --cameo 04");
  const Shell exported = rasad_on_store("export --format jsonl --cameo 04");
  ASSERT_EQ(exported.status, 0) << exported.out;
  EXPECT_FALSE(exported.out.empty());
  EXPECT_EQ(exported.out, events.out);
  const Shell mentions = rasad_on_store("export --format jsonl --table mentions --cameo 04");
  ASSERT_EQ(mentions.status, 0) << mentions.out;
  std::istringstream lines(mentions.out);
  size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    EXPECT_NE(line.find("\"event_id\":"), std::string::npos) << line;
    EXPECT_NE(line.find("\"join_reason\":"), std::string::npos) << line;
    EXPECT_EQ(line.find("\"num_mentions\":"), std::string::npos) << "an event, not a mention: " << line;
  }
  EXPECT_GT(n, 0u);
}

TEST(IngestCli, TwoIngestsStartingOnANewStoreBothSucceed) {
  TempDir dir;
  const std::string a = dir / "a.jsonl", b = dir / "b.jsonl";
  std::ofstream(a) << R"({"id": "a1", "lang": "en", "text": "Note a."})" << "\n";
  std::ofstream(b) << R"({"id": "b1", "lang": "en", "text": "Note b."})" << "\n";
  for (int round = 0; round < 8; ++round) {
    const std::string db = dir / ("new" + std::to_string(round) + ".db");
    const Shell r = sh("(" + rasad() + " -q ingest " + q(a) + " --db " + q(db) + "; echo \"[a $?]\") & (" + rasad() +
                       " -q ingest " + q(b) + " --db " + q(db) + "; echo \"[b $?]\") & wait");
    EXPECT_NE(r.out.find("[a 0]"), std::string::npos) << "round " << round << "\n" << r.out;
    EXPECT_NE(r.out.find("[b 0]"), std::string::npos) << "round " << round << "\n" << r.out;
    EXPECT_EQ(r.out.find("already exists"), std::string::npos) << r.out;
  }
}

// --explain lists one row per reporting (document, sentence), as many as the event's mentions
// count and as the page shows, numbering sentences from 1 like the page.
TEST_F(SeedsStore, ExplainListsOneRowPerReportingSentence) {
  const Shell events = rasad_on_store("events --format jsonl");
  ASSERT_EQ(events.status, 0) << events.out;
  std::istringstream lines(events.out);
  int checked = 0, symmetric = 0;
  for (std::string line; std::getline(lines, line);) {
    const auto e = nlohmann::json::parse(line);
    const int64_t id = e["id"];
    std::set<std::string> sentences;  // "doc sentence N", N from 1
    for (const auto& m : e["mentions"])
      sentences.insert(m["doc"].get<std::string>() + " sentence " + std::to_string(m["sentence"].get<int>() + 1));
    symmetric += e["mentions"].size() > sentences.size();
    const Shell x = rasad_on_store("events --explain " + std::to_string(id));
    ASSERT_EQ(x.status, 0) << x.out;
    std::set<std::string> rows;
    size_t n = 0;
    std::istringstream xs(x.out);
    for (std::string row; std::getline(xs, row);)
      if (row.rfind("  - doc ", 0) == 0) {
        ++n;
        rows.insert(row.substr(8, row.find(" [") - 8));
      }
    EXPECT_EQ(static_cast<int64_t>(n), e["num_mentions"].get<int64_t>()) << x.out;
    EXPECT_EQ(rows, sentences) << x.out;
    EXPECT_NE(x.out.find(std::to_string(e["num_mentions"].get<int64_t>()) + " mentions"), std::string::npos) << x.out;
    if (++checked == 25) break;
  }
  EXPECT_GT(symmetric, 0) << "no event with two mentions in one sentence among those checked";
}

TEST(IngestCli, UnreadableDirectoriesAreReported) {
  TempDir dir;
  fs::create_directories(dir / "in/locked");
  std::ofstream(dir / "in/locked/a.jsonl") << R"({"id": "a1", "lang": "en", "text": "Note a."})" << "\n";
  std::ofstream(dir / "in/ok.jsonl") << R"({"id": "b1", "lang": "en", "text": "Note b."})" << "\n";
  fs::permissions(dir.str(), fs::perms::all);
  fs::permissions(dir / "in", fs::perms::all);
  fs::permissions(dir / "in/locked", fs::perms::none);
  const std::string part = unprivileged(rasad() + " ingest " + q(dir / "in") + " --db " + q(dir / "part.db"));
  if (part.empty()) GTEST_SKIP() << "running as root without setpriv: root reads unreadable directories";
  const Shell r = sh(part);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("locked: error: cannot read directory"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 bad inputs skipped"), std::string::npos) << r.out;
  // Nothing could be read: exit 1 (README), and no store.
  const Shell none = sh(unprivileged(rasad() + " ingest " + q(dir / "in/locked") + " --db " + q(dir / "none.db")));
  EXPECT_EQ(none.status, 1) << none.out;
  EXPECT_NE(none.out.find("cannot read directory"), std::string::npos) << none.out;
  EXPECT_FALSE(fs::exists(dir / "none.db"));
  fs::permissions(dir / "in/locked", fs::perms::all);
}

// A store in a directory its reader cannot write (read-only media): WAL needs a -shm file there,
// so the store is opened immutable and the queries still answer.
std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) v.push_back(nlohmann::json::parse(line));
  return v;
}

// Issue 11: the undated seeds' reports carry the range the tenures of the people they name allow
// (000/001: Rouhani and Putin in office, COVID-19; 003: Zarif and Lavrov), in the store as from the
// coder; an event no report dates shows as a range, never as a day.
TEST_F(SeedsStore, UndatedSeedsCarryTheirInferredRange) {
  const Shell r = rasad_on_store("events --format jsonl");
  ASSERT_EQ(r.status, 0) << r.out;
  std::map<std::string, int> ranged;  // per seed
  for (const auto& e : json_lines(r.out))
    for (const auto& m : e["mentions"]) {
      const std::string seed = m["doc"].get<std::string>().substr(0, 3);
      if (!m["date"].get<std::string>().empty()) continue;  // a date written in the sentence
      ASSERT_EQ(m["date_precision"], "range") << seed << " " << m.dump();
      const std::string from = m["date_range"][0], to = m["date_range"][1].is_null() ? "" : m["date_range"][1];
      ++ranged[seed];
      if (seed == "000" || seed == "001") {
        EXPECT_GE(from, "2013-01-01") << m.dump();
        EXPECT_FALSE(to.empty());
        EXPECT_LE(to, "2021-12-31") << m.dump();
      } else if (seed == "003") {  // Zarif's term: 2013-08 to 2021-08
        EXPECT_GE(from, "2013-08-01") << m.dump();
        EXPECT_FALSE(to.empty());
        EXPECT_LE(to, "2021-08-31") << m.dump();
      }
    }
  for (const char* seed : {"000", "001", "003"}) EXPECT_GT(ranged[seed], 0) << seed;
  // The table shows the range as years.
  const Shell table = rasad_on_store("events --format table --dyad IRN-RUS --type CONSULT");
  ASSERT_EQ(table.status, 0) << table.out;
  EXPECT_NE(table.out.find("~2020\u20132021"), std::string::npos) << table.out;
  // CSV carries the bounds.
  const Shell csv = rasad_on_store("export --format csv");
  EXPECT_EQ(csv.out.rfind("id,date,date_precision,date_min,date_max,date_from,date_to,", 0), 0u) << csv.out;
  EXPECT_NE(csv.out.find(",range,,,2020-01-01,2021-08-03,"), std::string::npos) << csv.out;
}

// A period leaves out what no report dates unless --ranged asks for the ranges that meet it.
TEST_F(SeedsStore, RangedEventsJoinPeriodsOnlyWhenAsked) {
  auto count_ranged = [&](const std::string& args) {
    const Shell r = rasad_on_store("events --format jsonl " + args);
    EXPECT_EQ(r.status, 0) << args << "\n" << r.out;
    int n = 0;
    for (const auto& e : json_lines(r.out)) n += e["date_precision"] == "range";
    return n;
  };
  const int all = count_ranged("");
  EXPECT_GT(all, 0);
  EXPECT_EQ(count_ranged("--from 2020 --to 2021"), 0);
  EXPECT_GT(count_ranged("--from 2020 --to 2021 --ranged overlap"), 0);
  EXPECT_GT(count_ranged("--from 2020 --to 2021 --ranged within"), 0);
  EXPECT_EQ(count_ranged("--from 2020 --to 2020 --ranged within"), 0);
  EXPECT_EQ(count_ranged("--from 2010 --to 2012 --ranged overlap"), 0);
  EXPECT_EQ(rasad_on_store("events --from 2020 --ranged sometimes").status, 2);
}

// Issue 12: GDELT's day is never empty; an undated event's is its range's midpoint.
TEST_F(SeedsStore, GdeltDayOfRangedEventsIsTheMidpoint) {
  const Shell r = rasad_on_store("export --format gdelt --dyad IRN-RUS --type CONSULT");
  ASSERT_EQ(r.status, 0) << r.out;
  std::istringstream in(r.out);
  int midpoints = 0;
  for (std::string line; std::getline(in, line);) {
    const std::string day = line.substr(line.find('\t') + 1, 8);
    EXPECT_TRUE(std::regex_match(day, std::regex("\\d{8}"))) << line;
    midpoints += day == "20201017";  // 2020-01-01..2021-08-03
  }
  EXPECT_GT(midpoints, 0) << r.out;
}

// Issue 11 item 5: people as actors. Their name in any language and case finds the events some
// report of which names them as source or target.
TEST_F(SeedsStore, ActorNamesFindThePersonsEvents) {
  for (const auto& [names, id] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"putin", "Putin", "بوتين", "پوتین", "putin_vladimir"}, "putin_vladimir"},
           {{"zarif", "ظريف", "ظریف"}, "zarif_mohammadjavad"}}) {
    std::string first;
    for (const auto& name : names) {
      const Shell r = rasad_on_store("events --format jsonl --actor " + q(name));
      ASSERT_EQ(r.status, 0) << name << "\n" << r.out;
      const auto events = json_lines(r.out);
      EXPECT_FALSE(events.empty()) << name;
      for (const auto& e : events) {
        bool named = false;
        for (const auto& m : e["mentions"])
          named |= m.value("source_person", "") == id || m.value("target_person", "") == id;
        EXPECT_TRUE(named) << name << ": " << e.dump();
      }
      if (first.empty()) first = r.out;
      EXPECT_EQ(r.out, first) << name;
    }
  }
  const Shell none = rasad_on_store("events --actor Puti");
  EXPECT_EQ(none.status, 2) << none.out;
  EXPECT_NE(none.out.find("nor the name of a person"), std::string::npos) << none.out;
}

// --person is the explicit form of --actor NAME: one lookup, one condition (store::event_filter_sql),
// in events and export alike; --side puts the person in one role.
TEST_F(SeedsStore, PersonAndSideFilterEventsAndExports) {
  auto event_ids = [&](const std::string& args) {
    const Shell r = rasad_on_store("events --format jsonl " + args);
    EXPECT_EQ(r.status, 0) << args << "\n" << r.out;
    std::set<int64_t> out;
    for (const auto& e : json_lines(r.out)) out.insert(e["id"].get<int64_t>());
    return out;
  };
  const auto by_person = event_ids("--person " + q("پوتین"));
  EXPECT_FALSE(by_person.empty());
  EXPECT_EQ(event_ids("--actor Putin"), by_person);
  EXPECT_EQ(event_ids("--person putin_vladimir"), by_person);
  const auto source = event_ids("--person Putin --side source"), target = event_ids("--person Putin --side target");
  EXPECT_FALSE(source.empty());
  std::set<int64_t> either = source;
  either.insert(target.begin(), target.end());
  EXPECT_EQ(either, by_person);  // a symmetric event, coded both ways, is on both sides
  // The export of the same filters lists the same events.
  const Shell csv = rasad_on_store("-q export --format csv --person Putin");
  ASSERT_EQ(csv.status, 0) << csv.out;
  EXPECT_EQ(static_cast<size_t>(std::count(csv.out.begin(), csv.out.end(), '\n')), by_person.size() + 1);
  EXPECT_NE(csv.out.find("date_from,date_to"), std::string::npos);
  const Shell both = rasad_on_store("events --actor Putin --person Raisi");
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.out.find("names a person"), std::string::npos) << both.out;
  EXPECT_EQ(rasad_on_store("events --person " + q("Nobody Atall")).status, 2);
}

TEST_F(SeedsStore, StoreInADirectoryThatCannotBeWrittenCanBeQueried) {
  TempDir ro;
  fs::copy_file(db(), ro / "seeds.db");
  ASSERT_FALSE(fs::exists(ro / "seeds.db-shm"));
  // Root writes any directory: the query then runs as an unprivileged user, for whom this
  // root-owned directory is read-only. Others make the directory read-only for themselves.
  const bool root = ::geteuid() == 0;
  const std::string cmd = unprivileged(rasad() + " events --format jsonl --dyad IRN-RUS --db " + q(ro / "seeds.db"));
  if (cmd.empty()) GTEST_SKIP() << "running as root without setpriv: root writes any directory";
  fs::permissions(ro.str(), root ? fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                       fs::perms::others_read | fs::perms::others_exec
                                 : fs::perms::owner_read | fs::perms::owner_exec);
  const Shell r = sh(cmd);
  fs::permissions(ro.str(), fs::perms::owner_all);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\"plover\":\"CONSULT\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out, rasad_on_store("events --format jsonl --dyad IRN-RUS").out);
  EXPECT_FALSE(fs::exists(ro / "seeds.db-shm"));
}

}  // namespace
