// rasad ingest/events end to end with the real coder: kill -9 safety, bad input, and the seeds
// golden (the Rouhani–Putin call reported in Arabic (000) and Persian (001) is one event).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "store/sqlite.h"
#include "store/sqlite_store.h"

namespace rasad::store {
namespace {

namespace fs = std::filesystem;

const std::string kRasad = std::string(RASAD_BINARY_DIR) + "/rasad";
const std::string kShared = std::string(RASAD_SOURCE_DIR) + "/../shared";

class TempDir {
 public:
  TempDir() {
    static int n = 0;
    path_ = fs::temp_directory_path() / ("rasad_store_cli_" + std::to_string(getpid()) + "_" + std::to_string(n++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string run(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int st = pclose(p);
  if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

struct Snapshot {
  Counts counts;
  int64_t sum_mentions = 0, sum_sources = 0, sum_articles = 0;
  std::string integrity;
};

Snapshot snapshot(const std::string& db) {
  Snapshot s;
  auto st = SqliteStore::open(db, true);
  EXPECT_TRUE(st) << (st ? "" : st.error());
  if (!st) return s;
  s.counts = (*st)->counts().value();
  Stmt q((*st)->db().raw(), "SELECT total(num_mentions), total(num_sources), total(num_articles) FROM events");
  if (q.step()) {
    s.sum_mentions = static_cast<int64_t>(q.real(0));
    s.sum_sources = static_cast<int64_t>(q.real(1));
    s.sum_articles = static_cast<int64_t>(q.real(2));
  }
  auto ic = (*st)->integrity_check();
  s.integrity = ic ? *ic : ic.error();
  return s;
}

void expect_same(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.counts.documents, b.counts.documents);
  EXPECT_EQ(a.counts.duplicates, b.counts.duplicates);
  EXPECT_EQ(a.counts.mentions, b.counts.mentions);
  EXPECT_EQ(a.counts.events, b.counts.events);
  EXPECT_EQ(a.sum_mentions, b.sum_mentions);
  EXPECT_EQ(a.sum_sources, b.sum_sources);
  EXPECT_EQ(a.sum_articles, b.sum_articles);
}

// A real-news input large enough to take several seconds.
std::string make_input(const TempDir& dir, int docs) {
  const std::string path = dir / "input.jsonl";
  const std::string corpus = kShared + "/corpus/saudinewsnet.jsonl.xz";
  run("xz -dc '" + corpus + "' | head -n " + std::to_string(docs) + " > '" + path + "'");
  return path;
}

TEST(StoreCli, KilledIngestLeavesAConsistentStoreAndARerunCompletesIt) {
  if (!fs::exists(kShared + "/corpus/saudinewsnet.jsonl.xz")) GTEST_SKIP() << "no ../shared corpus";
  TempDir dir;
  const std::string input = make_input(dir, 1000);
  const std::string ref_db = dir / "ref.db", db = dir / "killed.db";
  int status = -1;
  run(kRasad + " -q ingest '" + input + "' --db '" + ref_db + "' --threads 2 --batch 16 2>&1", &status);
  ASSERT_EQ(status, 0);
  const Snapshot ref = snapshot(ref_db);
  ASSERT_GT(ref.counts.events, 0);

  // Start the same ingest and kill it while it writes.
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(kRasad.c_str(), "rasad", "-q", "ingest", input.c_str(), "--db", db.c_str(), "--threads", "2", "--batch", "16",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until some batches are committed (a large WAL alone may hold only an open transaction),
  // then SIGKILL.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool killed = false;
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (fs::exists(db + "-wal")) {
      auto st = SqliteStore::open(db, true);
      if (st && (*st)->counts().value().documents > 0) {
        kill(pid, SIGKILL);
        killed = true;
        break;
      }
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) break;
  }
  int wst = 0;
  waitpid(pid, &wst, 0);
  ASSERT_TRUE(killed) << "ingest finished before it could be killed";
  ASSERT_TRUE(WIFSIGNALED(wst));

  const Snapshot partial = snapshot(db);
  EXPECT_EQ(partial.integrity, "ok");
  EXPECT_GT(partial.counts.documents, 0);
  EXPECT_LT(partial.counts.documents, ref.counts.documents);

  run(kRasad + " -q ingest '" + input + "' --db '" + db + "' --threads 2 --batch 16 2>&1", &status);
  ASSERT_EQ(status, 0);
  const Snapshot done = snapshot(db);
  EXPECT_EQ(done.integrity, "ok");
  expect_same(done, ref);
}

TEST(StoreCli, BadInputDoesNotCorruptTheStore) {
  TempDir dir;
  fs::create_directories(dir / "in");
  {
    std::ofstream j(dir / "in/a.jsonl");
    j << R"({"id": "ok1", "lang": "ar", "date": "2020-04-07", "text": "أجرى الرئيس الإيراني اتصالا هاتفيا مع الرئيس الروسي."})" << "\n";
    j << "{\"id\": \"broken\", \"text\": \"unterminated\n";
    j << "not json at all\n";
    j << R"({"id": 5, "text": 7})" << "\n";
    j << R"({"id": "ok2", "lang": "en", "date": "2020-04-07", "text": "Iran's president spoke to Russia's president by phone."})" << "\n";
    std::ofstream b(dir / "in/blob.bin", std::ios::binary);
    for (int i = 0; i < 5000; ++i) b.put(static_cast<char>((i * 7919) & 0xff));
  }
  const std::string db = dir / "bad.db";
  int status = -1;
  run(kRasad + " -q ingest '" + (dir / "in") + "' --db '" + db + "' 2>&1", &status);
  EXPECT_EQ(status, 0);
  const Snapshot s = snapshot(db);
  EXPECT_EQ(s.integrity, "ok");
  EXPECT_GE(s.counts.documents, 2);
  run(kRasad + " -q ingest '" + (dir / "in") + "' --db '" + db + "' 2>&1", &status);
  expect_same(snapshot(db), s);
}

TEST(StoreCli, SeedsConsultationsMergeAcrossLanguagesAndReingestChangesNothing) {
  if (!fs::exists(kShared + "/seeds")) GTEST_SKIP() << "no ../shared/seeds";
  TempDir dir;
  const std::string db = dir / "seeds.db";
  int status = -1;
  run(kRasad + " -q ingest '" + kShared + "/seeds' --db '" + db + "' 2>&1", &status);
  ASSERT_EQ(status, 0);
  const Snapshot first = snapshot(db);
  const std::string out = run(kRasad + " events --db '" + db + "' --dyad IRN-RUS --type CONSULT --format jsonl");
  std::istringstream lines(out);
  std::string line;
  int merged = 0;
  std::set<std::string> docs_seen;
  while (std::getline(lines, line)) {
    const auto e = nlohmann::json::parse(line);
    std::set<std::string> docs, langs;
    for (const auto& m : e["mentions"]) {
      docs.insert(m["doc"].get<std::string>().substr(0, 3));
      langs.insert(m["lang"].get<std::string>());
    }
    docs_seen.insert(docs.begin(), docs.end());
    if (docs.count("000") && docs.count("001")) {
      ++merged;
      EXPECT_EQ(docs.size(), 2u) << line;
      EXPECT_EQ(langs, (std::set<std::string>{"ar", "fa"}));
      // Two reports (one article each; an article may refer to the call in more than one sentence).
      EXPECT_EQ(e["num_articles"], 2) << line;
    }
    // The calls of 2021 (002) and 2024 (004) and the meeting of 003 are events of their own.
    EXPECT_LE(int(docs.count("002")) + int(docs.count("003")) + int(docs.count("004")), 1) << line;
  }
  EXPECT_EQ(merged, 1) << out;
  for (const char* d : {"000", "001", "002", "003", "004"}) EXPECT_TRUE(docs_seen.count(d)) << d << "\n" << out;
  run(kRasad + " -q ingest '" + kShared + "/seeds' --db '" + db + "' 2>&1", &status);
  ASSERT_EQ(status, 0);
  expect_same(snapshot(db), first);
}

}  // namespace
}  // namespace rasad::store
