// The event store against synthetic events: schema and migration, idempotent ingest, replacement,
// merge rules, near-duplicates, full-text search. The CLI (ingest with the coder, kill -9) is
// pinned in store_cli_test.cpp.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store/merge.h"
#include "store/search.h"
#include "store/sqlite.h"
#include "store/sqlite_store.h"

// Designated initializers name only the query fields a case sets.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace rasad::store {
namespace {

namespace fs = std::filesystem;

class TempDb {
 public:
  TempDb() {
    static int n = 0;
    path_ = (fs::temp_directory_path() / ("rasad_store_test_" + std::to_string(getpid()) + "_" + std::to_string(n++) + ".db")).string();
    clean();
  }
  ~TempDb() { clean(); }
  const std::string& path() const { return path_; }

 private:
  void clean() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  std::string path_;
};

code::EventActor actor(const std::string& code, const std::string& person = "") {
  code::EventActor a;
  a.code = code;
  a.country = code.substr(0, 3);
  a.sector = code.size() > 3 ? code.substr(3, 3) : "";
  a.person = person;
  return a;
}

code::Event event(const std::string& doc, uint32_t sentence, const std::string& src, const std::string& tgt,
                  const std::string& cameo, const std::string& plover, const std::string& date, const std::string& lang = "ar") {
  code::Event e;
  e.doc = doc;
  e.sentence = sentence;
  e.lang = lang;
  e.date = date;
  e.date_precision = date.size() == 10 ? "day" : date.size() == 7 ? "month" : date.empty() ? "unknown" : "year";
  e.cameo = cameo;
  e.plover = plover;
  e.source = actor(src);
  if (!tgt.empty()) e.target = actor(tgt);
  e.sentence_span = {0, 10};
  return e;
}

code::Event call(const std::string& doc, uint32_t sentence, const std::string& src, const std::string& tgt,
                 const std::string& date, const std::string& lang = "ar") {
  auto e = event(doc, sentence, src, tgt, "041", "CONSULT", date, lang);
  e.symmetric = true;
  return e;
}

IngestItem item(const std::string& id, const std::string& text, std::vector<code::Event> events,
                const std::string& lang = "ar", const std::string& source = "") {
  static const text::Normalizer normalizer;
  IngestItem it;
  it.doc.id = id;
  it.doc.text = text;
  it.doc.path = "test";
  it.doc.source = source;
  it.lang = lang;
  it.source = source;
  it.content_hash = content_hash(it.doc, "");
  it.normalized_text = normalizer.normalize_string(text);
  it.sketch = make_sketch(it.normalized_text);
  it.events = std::move(events);
  return it;
}

std::unique_ptr<SqliteStore> open(const TempDb& db) {
  auto s = SqliteStore::open(db.path());
  EXPECT_TRUE(s) << (s ? "" : s.error());
  return std::move(*s);
}

void put_all(Store& s, const std::vector<IngestItem>& items) {
  ASSERT_TRUE(s.begin());
  for (const auto& it : items) {
    auto r = s.put(it);
    ASSERT_TRUE(r) << r.error();
  }
  ASSERT_TRUE(s.commit());
}

std::vector<EventRow> all_events(Store& s) {
  auto r = s.events({});
  EXPECT_TRUE(r);
  return *r;
}

TEST(StoreSchema, NewStoreHasCurrentVersionAndWal) {
  TempDb db;
  auto s = open(db);
  EXPECT_EQ(s->schema_version(), kSchemaVersion);
  Stmt v(s->db().raw(), "SELECT value FROM meta WHERE key='schema_version'");
  ASSERT_TRUE(v.step());
  EXPECT_EQ(v.text(0), std::to_string(kSchemaVersion));
  Stmt j(s->db().raw(), "PRAGMA journal_mode");
  ASSERT_TRUE(j.step());
  EXPECT_EQ(j.text(0), "wal");
}

TEST(StoreSchema, MigratesVersion1AndIndexesItsDocuments) {
  TempDb db;
  ASSERT_TRUE(SqliteStore::create_v1_for_test(db.path()));
  {
    Db raw(db.path(), false);
    raw.exec("INSERT INTO documents(id, text, title, content_hash, added) VALUES('old', 'روحانی یؤکد على التعاون', '', 'x', 'now')");
  }
  auto s = open(db);
  EXPECT_EQ(s->schema_version(), kSchemaVersion);
  auto hits = s->search(SearchExpander(nullptr).terms("يؤكد"), 10);
  ASSERT_TRUE(hits) << hits.error();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->front().doc, "old");
  // A read-only open of an old store is refused rather than half-migrated.
  TempDb old;
  ASSERT_TRUE(SqliteStore::create_v1_for_test(old.path()));
  EXPECT_FALSE(SqliteStore::open(old.path(), true));
}

// Two processes opening a new store at the same moment: both must migrate it (one creates the
// schema, the other finds it done) instead of one failing with "table documents already exists".
TEST(StoreSchema, ConcurrentOpensOfANewStoreBothSucceed) {
  for (int round = 0; round < 40; ++round) {
    TempDb db;
    int go[2];
    ASSERT_EQ(pipe(go), 0);
    std::vector<pid_t> children;
    for (int k = 0; k < 2; ++k) {
      const pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        close(go[1]);
        char c;
        if (read(go[0], &c, 1) != 0) _exit(3);  // wait for the start signal (the write end closing)
        auto s = SqliteStore::open(db.path());
        if (!s) {
          fprintf(stderr, "round %d: %s\n", round, s.error().c_str());
          _exit(1);
        }
        _exit((*s)->schema_version() == kSchemaVersion ? 0 : 2);
      }
      children.push_back(pid);
    }
    close(go[0]);
    close(go[1]);  // both children start now
    for (pid_t pid : children) {
      int status = 0;
      waitpid(pid, &status, 0);
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round << ": a concurrent open failed";
    }
  }
}

// A disk that fills up: a VFS over the default one whose writes fail with SQLITE_FULL once a
// budget of writes is spent (SQLite's own tests inject I/O faults the same way).
namespace full_disk {
sqlite3_vfs* real = nullptr;
int writes_left = 0;
struct File {
  sqlite3_file base;
  sqlite3_file* real;  // the default VFS's file, stored right after this struct
};
sqlite3_file* inner(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }
int close(sqlite3_file* f) { return inner(f)->pMethods ? inner(f)->pMethods->xClose(inner(f)) : SQLITE_OK; }
int read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return inner(f)->pMethods->xRead(inner(f), b, n, o); }
int write(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
  if (writes_left-- <= 0) return SQLITE_FULL;
  return inner(f)->pMethods->xWrite(inner(f), b, n, o);
}
int truncate(sqlite3_file* f, sqlite3_int64 n) { return inner(f)->pMethods->xTruncate(inner(f), n); }
int sync(sqlite3_file* f, int flags) { return inner(f)->pMethods->xSync(inner(f), flags); }
int size(sqlite3_file* f, sqlite3_int64* n) { return inner(f)->pMethods->xFileSize(inner(f), n); }
int lock(sqlite3_file* f, int l) { return inner(f)->pMethods->xLock(inner(f), l); }
int unlock(sqlite3_file* f, int l) { return inner(f)->pMethods->xUnlock(inner(f), l); }
int reserved(sqlite3_file* f, int* r) { return inner(f)->pMethods->xCheckReservedLock(inner(f), r); }
int control(sqlite3_file* f, int op, void* a) { return inner(f)->pMethods->xFileControl(inner(f), op, a); }
int sector(sqlite3_file* f) { return inner(f)->pMethods->xSectorSize(inner(f)); }
int device(sqlite3_file* f) { return inner(f)->pMethods->xDeviceCharacteristics(inner(f)); }
int shm_map(sqlite3_file* f, int i, int n, int w, void volatile** p) { return inner(f)->pMethods->xShmMap(inner(f), i, n, w, p); }
int shm_lock(sqlite3_file* f, int o, int n, int fl) { return inner(f)->pMethods->xShmLock(inner(f), o, n, fl); }
void shm_barrier(sqlite3_file* f) { inner(f)->pMethods->xShmBarrier(inner(f)); }
int shm_unmap(sqlite3_file* f, int d) { return inner(f)->pMethods->xShmUnmap(inner(f), d); }
const sqlite3_io_methods methods = {2, close, read, write, truncate, sync, size, lock, unlock, reserved, control,
                                    sector, device, shm_map, shm_lock, shm_barrier, shm_unmap, nullptr, nullptr};
int open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out) {
  File* file = reinterpret_cast<File*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  file->real->pMethods = nullptr;
  const int rc = real->xOpen(real, name, file->real, flags, out);
  f->pMethods = rc == SQLITE_OK ? &methods : nullptr;
  return rc;
}
sqlite3_vfs vfs;
// Makes the full disk the default VFS while alive.
struct Installed {
  explicit Installed(int writes) {
    real = sqlite3_vfs_find(nullptr);
    vfs = *real;
    vfs.zName = "full_disk";
    vfs.szOsFile = static_cast<int>(sizeof(File)) + real->szOsFile;
    vfs.xOpen = open;
    writes_left = writes;
    sqlite3_vfs_register(&vfs, 1);
  }
  ~Installed() {
    sqlite3_vfs_unregister(&vfs);
    sqlite3_vfs_register(real, 1);
  }
};
}  // namespace full_disk

// The disk filling up while the schema is created is reported as such, not as the failed
// ROLLBACK of a transaction SQLite had already rolled back ("cannot rollback - no transaction
// is active").
TEST(StoreSchema, DiskFullDuringSchemaCreationSaysSo) {
  int failed = 0;
  for (int writes = 0; writes < 40; ++writes) {
    TempDb db;
    full_disk::Installed full(writes);
    auto s = SqliteStore::open(db.path());
    if (s) continue;
    ++failed;
    EXPECT_EQ(s.error().find("cannot rollback"), std::string::npos) << writes << " writes: " << s.error();
    EXPECT_NE(s.error().find("full"), std::string::npos) << writes << " writes: " << s.error();
  }
  EXPECT_GT(failed, 0);
}

TEST(StoreIngest, SameContentTwiceChangesNothing) {
  TempDb db;
  auto s = open(db);
  const auto a = item("a", "text a", {call("a", 0, "IRNGOV", "RUSGOV", "2020-04-07")});
  put_all(*s, {a});
  const Counts before = s->counts().value();
  ASSERT_TRUE(s->begin());
  auto r = s->put(a);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, PutOutcome::unchanged);
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(s->counts().value(), before);
  EXPECT_EQ(before.documents, 1);
  EXPECT_EQ(before.events, 1);
}

TEST(StoreIngest, ChangedTextReplacesMentionsAndRemergesEvents) {
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("a", "first text", {call("a", 0, "IRNGOV", "RUSGOV", "2020-04-07"),
                                        event("a", 1, "USAGOV", "CHN", "112", "ACCUSE", "2020-04-07")}),
               item("b", "other", {call("b", 0, "RUSGOV", "IRNGOV", "2020-04-07", "fa")}, "fa")});
  EXPECT_EQ(s->counts().value().events, 2);
  ASSERT_TRUE(s->begin());
  auto r = s->put(item("a", "second text", {event("a", 0, "TURGOV", "SYR", "190", "ASSAULT", "2020-05-01")}));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, PutOutcome::replaced);
  ASSERT_TRUE(s->commit());
  const Counts c = s->counts().value();
  EXPECT_EQ(c.documents, 2);
  EXPECT_EQ(c.mentions, 2);
  EXPECT_EQ(c.events, 2);  // the call (now only b's) and the new assault; the accusation is gone
  for (const auto& e : all_events(*s)) {
    EXPECT_NE(e.plover, "ACCUSE");
    if (e.plover == "CONSULT") {
      EXPECT_EQ(e.num_mentions, 1);
      EXPECT_EQ(e.languages, "fa");
    }
  }
}

// Version 3 adds the inferred ranges of undated reports; a version-2 store keeps its events (without
// ranges) and takes ranged reports afterwards.
TEST(StoreSchema, MigratesVersion2ToInferredRanges) {
  TempDb db;
  ASSERT_TRUE(SqliteStore::create_at_version_for_test(db.path(), 2));
  {
    Db raw(db.path(), false);
    raw.exec("INSERT INTO events(merge_key, plover, cameo, source_code, target_code, date, date_precision, added) "
             "VALUES('CONSULT|IRN|RUS', 'CONSULT', '041', 'IRNGOV', 'RUSGOV', '', 'unknown', 'now')");
    Stmt v(raw.raw(), "SELECT value FROM meta WHERE key='schema_version'");
    ASSERT_TRUE(v.step());
    ASSERT_EQ(v.text(0), "2");
  }
  // A read-only open of the old store is refused, a writable one migrates.
  EXPECT_FALSE(SqliteStore::open(db.path(), true));
  auto s = open(db);
  EXPECT_EQ(s->schema_version(), 3);
  auto old = all_events(*s);
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0].date_from, "");
  auto e = call("r", 0, "IRNGOV", "RUSGOV", "");
  e.date_precision = "range";
  e.date_from = "2020-01-01";
  e.date_to = "2021-08-03";
  put_all(*s, {item("r", "t", {e})});
  const auto ev = all_events(*s);
  ASSERT_EQ(ev.size(), 2u);  // no named person: the new report stays apart from the old event
  EXPECT_EQ(ev[1].date_precision, "range");
  EXPECT_EQ(ev[1].date_from, "2020-01-01");
  EXPECT_EQ(ev[1].date_to, "2021-08-03");
  auto ms = s->mentions(ev[1].id);
  ASSERT_TRUE(ms);
  EXPECT_EQ(ms->front().date_from, "2020-01-01");
}

TEST(StoreMerge, SymmetricDirectionsOfOneSentenceAreOneEvent) {
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("a", "t", {call("a", 3, "IRNGOV", "RUSGOV", "2020-04-07"), call("a", 3, "RUSGOV", "IRNGOV", "2020-04-07")})});
  const auto ev = all_events(*s);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].num_mentions, 1);  // one sentence
  EXPECT_EQ(s->counts().value().mentions, 2);
}

TEST(StoreMerge, SameCallInTwoLanguagesIsOneEventWithCounts) {
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("ar1", "t1", {call("ar1", 0, "IRNGOV", "RUSGOV", "2020-04-07")}, "ar", "mena"),
               item("fa1", "t2", {call("fa1", 2, "RUSGOV", "IRNGOV", "2020-04-07", "fa")}, "fa", "fars"),
               // reported next day by a third outlet: within the window
               item("ar2", "t3", {call("ar2", 1, "IRN", "RUS", "2020-04-08")}, "ar", "snn")});
  const auto ev = all_events(*s);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].num_mentions, 3);
  EXPECT_EQ(ev[0].num_articles, 3);
  EXPECT_EQ(ev[0].num_sources, 3);
  EXPECT_EQ(ev[0].num_languages, 2);
  EXPECT_EQ(ev[0].languages, "ar,fa");
  EXPECT_EQ(ev[0].date_min, "2020-04-07");
  EXPECT_EQ(ev[0].date_max, "2020-04-08");
  auto ms = s->mentions(ev[0].id);
  ASSERT_TRUE(ms);
  ASSERT_EQ(ms->size(), 3u);
  EXPECT_EQ((*ms)[0].join_reason, "first mention");
  EXPECT_NE((*ms)[2].join_reason.find("within 1 day"), std::string::npos) << (*ms)[2].join_reason;
}

// Exports read the mentions of many events at once (store.h): the same rows as one event at a time,
// in the order asked, across the pages of bound values, with the text sliced by bytes and
// GDELT's offsets counted in characters.
TEST(StoreQuery, MentionsOfManyEventsAtOnceEqualOneAtATime) {
  TempDb db;
  auto s = open(db);
  const std::string text = "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 and Iran met. Then again.";  // روسيا: 10 bytes, 5 characters
  std::vector<code::Event> events;
  for (int i = 0; i < 600; ++i) {  // a month apart: 600 events, more than one page of ids
    auto e = call("d1", static_cast<uint32_t>(i), "IRNGOV", "RUSGOV", fmt::format("{}-{:02}-01", 1900 + i / 12, 1 + i % 12));
    e.sentence_span = {0, 25};
    e.trigger = {21, 24};
    e.source.span = {15, 19};
    if (i % 2) e.target.reset();
    events.push_back(e);
  }
  put_all(*s, {item("d1", text, events)});
  const auto ev = all_events(*s);
  ASSERT_GT(ev.size(), 500u);
  std::vector<int64_t> ids;
  for (auto it = ev.rbegin(); it != ev.rend(); ++it) ids.push_back(it->id);
  ids.push_back(ev.front().id);  // asked twice
  auto all = s->mentions(ids);
  ASSERT_TRUE(all) << all.error();
  ASSERT_EQ(all->size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    auto one = s->mentions(ids[i]);
    ASSERT_TRUE(one);
    ASSERT_EQ((*all)[i].size(), one->size());
    ASSERT_FALSE(one->empty());
    for (size_t k = 0; k < one->size(); ++k) {
      const MentionRow &a = (*all)[i][k], &b = (*one)[k];
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.event_id, ids[i]);
      EXPECT_EQ(a.sentence_text, b.sentence_text);
      EXPECT_EQ(a.target_char, b.target_char);
    }
  }
  const MentionRow& m = (*all)[0][0];
  EXPECT_EQ(m.sentence_text, text.substr(0, 25));
  EXPECT_EQ(m.source_char, 10);  // 15 bytes: 5 Arabic letters of 2 bytes, then 5 ASCII
  EXPECT_EQ(m.trigger_char, 16);
  EXPECT_EQ(m.doc_chars, static_cast<int64_t>(text.size()) - 5);
  int with_target = 0;
  for (const auto& ms : *all) with_target += ms.front().target_char >= 0;
  EXPECT_GT(with_target, 0);
  EXPECT_LT(with_target, static_cast<int>(ids.size()));
}

TEST(StoreMerge, DistinctEventsStayDistinct) {
  TempDb db;
  auto s = open(db);
  auto meet = event("d", 0, "IRNGOV", "RUSGOV", "044", "CONSULT", "2020-04-07");
  meet.symmetric = true;
  put_all(*s, {item("a", "t", {call("a", 0, "IRNGOV", "RUSGOV", "2021-08-18")}),
               item("b", "t", {call("b", 0, "IRNGOV", "RUSGOV", "2024-03-19")}),
               item("c", "t", {call("c", 0, "IRNGOV", "RUSGOV", "2024-03-22")}),  // 3 days later: another call
               item("d", "t", {meet}),                                                // a meeting, not a call
               item("e", "t", {call("e", 0, "IRNGOV", "TURGOV", "2024-03-19")}),    // another dyad
               item("f", "t", {event("f", 0, "IRNGOV", "RUSGOV", "112", "ACCUSE", "2024-03-19")}),
               // one-actor reports never merge across documents
               item("g", "t", {event("g", 0, "SAUGOV", "", "051", "SUPPORT", "2024-03-19")}),
               item("h", "t", {event("h", 0, "SAUGOV", "", "051", "SUPPORT", "2024-03-19")})});
  EXPECT_EQ(all_events(*s).size(), 8u);
}

TEST(StoreMerge, UndatedReportsJoinOnlyThroughNamedPeople) {
  auto a = call("a", 0, "IRNGOV", "RUSGOV", "");
  auto b = call("b", 0, "RUSGOV", "IRNGOV", "", "fa");
  auto c = call("c", 0, "IRNGOV", "RUSGOV", "");
  a.source.person = "rouhani";
  a.target->person = "putin";
  b.source.person = "putin";
  b.target->person = "rouhani";
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("a", "t", {a}), item("b", "t", {b}, "fa"), item("c", "t", {c})});
  const auto ev = all_events(*s);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].num_languages, 2);
}

code::Event ranged_call(const std::string& doc, const std::string& from, const std::string& to,
                        const std::string& src_person = "rouhani", const std::string& tgt_person = "putin") {
  auto e = call(doc, 0, "IRNGOV", "RUSGOV", "");
  e.date_precision = "range";
  e.date_origin = "inferred";
  e.date_from = from;
  e.date_to = to;
  e.source.person = src_person;
  e.target->person = tgt_person;
  return e;
}

code::Event dated_call(const std::string& doc, const std::string& date, const std::string& src_person = "rouhani",
                       const std::string& tgt_person = "putin") {
  auto e = call(doc, 0, "IRNGOV", "RUSGOV", date);
  e.source.person = src_person;
  e.target->person = tgt_person;
  return e;
}

// An inferred range bounds a report's date: it joins only what its range allows, only through a
// named person, as undated reports do, and a dated report only when it is as narrow as a month.
TEST(MergeRules, InferredRangeJoinsOnlyWhatItAllows) {
  const auto wide = facts_of(ranged_call("a", "2020-01-01", "2021-08-03"));
  EXPECT_EQ(wide.precision, "range");
  ASSERT_TRUE(wide.days());
  EXPECT_EQ(wide.days()->first, *epoch_day("2020-01-01"));
  EXPECT_EQ(wide.days()->second, *epoch_day("2021-08-03"));
  EXPECT_FALSE(wide.day_window());  // joins no dated event: none is a candidate

  // A range of years does not date a call: the same leaders call many times in a term.
  auto v = judge(facts_of(dated_call("b", "2020-04-07")), wide);
  EXPECT_FALSE(v.join);
  EXPECT_NE(v.reason.find("too wide to date 2020-04-07"), std::string::npos) << v.reason;
  EXPECT_FALSE(judge(wide, facts_of(dated_call("b", "2020-04"))).join);
  EXPECT_FALSE(judge(wide, facts_of(dated_call("b", "2020"))).join);

  // A range as narrow as a month joins the days and months inside it, and nothing outside.
  const auto narrow = facts_of(ranged_call("a", "2020-04-01", "2020-04-20"));
  ASSERT_TRUE(narrow.day_window());
  v = judge(facts_of(dated_call("b", "2020-04-07")), narrow);
  EXPECT_TRUE(v.join) << v.reason;
  EXPECT_NE(v.reason.find("inferred 2020-04-01..2020-04-20 allows 2020-04-07"), std::string::npos) << v.reason;
  EXPECT_TRUE(judge(narrow, facts_of(dated_call("b", "2020-04-20"))).join);  // the last day is in
  v = judge(facts_of(dated_call("b", "2020-04-21")), narrow);
  EXPECT_FALSE(v.join);
  EXPECT_NE(v.reason.find("do not overlap"), std::string::npos) << v.reason;
  EXPECT_TRUE(judge(facts_of(dated_call("b", "2020-04")), narrow).join);
  EXPECT_FALSE(judge(facts_of(dated_call("b", "2020-05")), narrow).join);

  // Two ranges join when they overlap, however wide; an open range reaches every later day.
  EXPECT_TRUE(judge(facts_of(ranged_call("b", "2013-08-03", "2020-02-01")), wide).join);
  EXPECT_FALSE(judge(facts_of(ranged_call("b", "2021-08-04", "")), wide).join);
  EXPECT_TRUE(judge(facts_of(ranged_call("b", "2030-01-01", "")), facts_of(ranged_call("c", "2021-08-04", ""))).join);
  EXPECT_FALSE(judge(facts_of(dated_call("b", "2030-01-01")), facts_of(ranged_call("c", "2021-08-04", ""))).join);
  // Undated reports without a range bound nothing.
  EXPECT_TRUE(judge(facts_of(dated_call("b", "")), wide).join);
  // Without a named person in common a range ties nothing, however narrow.
  v = judge(facts_of(dated_call("b", "2020-04-07", "", "")), narrow);
  EXPECT_FALSE(v.join);
  EXPECT_NE(v.reason.find("no named person"), std::string::npos) << v.reason;
  EXPECT_FALSE(judge(facts_of(ranged_call("b", "2020-01-01", "2020-12-31", "raisi", "lukashenko")), wide).join);
  // A range that cannot be read is no range.
  EXPECT_EQ(facts_of(ranged_call("b", "2020-13-01", "")).precision, "unknown");
}

TEST(StoreMerge, RangedReportJoinsOnlyWhatItsRangeAllows) {
  TempDb db;
  auto s = open(db);
  // Two dated calls of the same leaders, then undated reports: one bounded to a term (joins neither
  // dated call), one to three weeks of April 2020 (joins the call in it), one overlapping the first.
  put_all(*s, {item("old", "t", {dated_call("old", "2015-03-02")}), item("new", "t", {dated_call("new", "2020-04-07")}),
               item("term", "t", {ranged_call("term", "2020-01-01", "2021-08-03")}, "fa"),
               item("april", "t", {ranged_call("april", "2020-04-01", "2020-04-20")}),
               item("term2", "t", {ranged_call("term2", "2013-08-03", "2021-08-03")})});
  const auto ev = all_events(*s);
  ASSERT_EQ(ev.size(), 3u);
  std::map<std::string, std::vector<std::string>> docs;  // event date or range -> its documents
  for (const auto& e : ev) {
    auto ms = s->mentions(e.id);
    ASSERT_TRUE(ms);
    for (const auto& m : *ms) docs[e.date.empty() ? e.date_from + ".." + e.date_to : e.date].push_back(m.doc);
  }
  EXPECT_EQ(docs["2015-03-02"], std::vector<std::string>{"old"});
  EXPECT_EQ(docs["2020-04-07"], (std::vector<std::string>{"new", "april"}));
  EXPECT_EQ(docs["2020-01-01..2021-08-03"], (std::vector<std::string>{"term", "term2"}));
  // A dated report joins a narrow ranged event it lies in.
  TempDb db2;
  auto s2 = open(db2);
  put_all(*s2, {item("april", "t", {ranged_call("april", "2020-04-01", "2020-04-20")}),
                item("in", "t", {dated_call("in", "2020-04-10")}), item("out", "t", {dated_call("out", "2020-04-25")})});
  const auto ev2 = all_events(*s2);
  ASSERT_EQ(ev2.size(), 2u);
  for (const auto& e : ev2) EXPECT_EQ(e.num_mentions, e.date_precision == "range" ? 2 : 1) << e.date;
}

// --from/--to leave out events no report dates unless asked: --ranged overlap keeps those whose
// range meets the period, --ranged within those whose range lies inside it.
TEST(StoreQuery, RangedEventsInPeriods) {
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("d", "t", {dated_call("d", "2020-04-07", "a", "b")}),
               item("r", "t", {ranged_call("r", "2020-01-01", "2021-08-03", "c", "d")}),
               item("o", "t", {ranged_call("o", "2021-08-03", "", "e", "f")})});
  auto ids = [&](EventQuery q) {
    std::vector<std::string> out;
    auto r = s->events(q);
    EXPECT_TRUE(r) << r.error();
    for (const auto& e : *r) out.push_back(e.date_precision == "range" ? e.date_from + ".." + e.date_to : e.date);
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}).size(), 3u);
  EXPECT_EQ(ids({.from = "2020", .to = "2020"}), V{"2020-04-07"});
  EXPECT_EQ(ids({.from = "2020", .to = "2020", .ranged = RangedMatch::overlap}), (V{"2020-01-01..2021-08-03", "2020-04-07"}));
  EXPECT_EQ(ids({.from = "2020", .to = "2021", .ranged = RangedMatch::within}), (V{"2020-01-01..2021-08-03", "2020-04-07"}));
  EXPECT_EQ(ids({.from = "2020-06", .to = "2021", .ranged = RangedMatch::within}), V{});
  EXPECT_EQ(ids({.from = "2023", .ranged = RangedMatch::overlap}), V{"2021-08-03.."});
  EXPECT_EQ(ids({.from = "2023", .ranged = RangedMatch::within}), V{});
  EXPECT_EQ(ids({.to = "2019", .ranged = RangedMatch::overlap}), V{});
  // Timelines count ranged events as too coarse for any period.
  int64_t undated = 0;
  auto rows = s->events({});
  ASSERT_TRUE(rows);
  EXPECT_EQ(timeline(*rows, "month", undated).size(), 1u);
  EXPECT_EQ(undated, 2);
  // A range is labelled as coarsely as tells its ends apart, never as a day.
  EventRow e;
  e.date_precision = "range";
  e.date_from = "2013-08-03";
  e.date_to = "2021-08-03";
  EXPECT_EQ(date_label(e), "2013\u20132021");
  e.date_from = "2021-03-01";
  EXPECT_EQ(date_label(e), "2021-03\u20132021-08");
  e.date_to = "";
  EXPECT_EQ(date_label(e), "2021\u2013");
}

// --actor NAME: the events some report of which names the person, as source or target.
TEST(StoreQuery, PersonsMatchAnyReportOfTheEvent) {
  TempDb db;
  auto s = open(db);
  auto anonymous = call("a", 0, "IRNGOV", "RUSGOV", "2020-04-07");  // no person: anchors the event
  put_all(*s, {item("a", "t", {anonymous}), item("b", "t", {dated_call("b", "2020-04-07", "rouhani", "putin")}),
               item("c", "t", {dated_call("c", "2024-01-01", "raisi", "putin")})});
  ASSERT_EQ(all_events(*s).size(), 2u);
  auto count = [&](std::vector<std::string> persons, std::string side = "") {
    EventQuery q;
    q.person_ids = std::move(persons);
    q.side = std::move(side);
    auto r = s->events(q);
    EXPECT_TRUE(r) << r.error();
    return r->size();
  };
  EXPECT_EQ(count({"putin"}), 2u);
  EXPECT_EQ(count({"rouhani"}), 1u);  // named by the second report only
  EXPECT_EQ(count({"raisi", "rouhani"}), 2u);
  EXPECT_EQ(count({"lavrov"}), 0u);
  // side: the role a report names them in.
  EXPECT_EQ(count({"putin"}, "target"), 2u);
  EXPECT_EQ(count({"putin"}, "source"), 0u);
  EXPECT_EQ(count({"rouhani"}, "source"), 1u);
  EXPECT_EQ(count({"rouhani"}, "target"), 0u);
  // The condition is event_filter_sql's, with the other filters (a period here).
  EventQuery q;
  q.person_ids = {"putin"};
  q.from = "2024";
  auto late = s->events(q);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->size(), 1u);
}

TEST(MergeRules, JudgeExplainsAndRejects) {
  const auto x = facts_of(call("a", 0, "IRNGOV", "RUSGOV", "2020-04-07"));
  auto y = facts_of(call("b", 0, "RUSGOV", "IRNGOV", "2020-04-07"));
  EXPECT_EQ(x.key(), y.key());
  auto v = judge(y, x);
  EXPECT_TRUE(v.join);
  EXPECT_NE(v.reason.find("same day"), std::string::npos);
  auto z = facts_of(call("b", 0, "IRNGOV", "RUSGOV", "2020-04-10"));
  v = judge(z, x);
  EXPECT_FALSE(v.join);
  EXPECT_NE(v.reason.find("3 days apart"), std::string::npos) << v.reason;
  auto mil = facts_of(call("b", 0, "IRNMIL", "RUSGOV", "2020-04-07"));
  EXPECT_FALSE(judge(mil, x).join);
  auto bare = facts_of(call("b", 0, "IRN", "RUS", "2020-04-07"));
  EXPECT_TRUE(judge(bare, x).join);
  auto month = facts_of(call("b", 0, "IRNGOV", "RUSGOV", "2020-04"));
  EXPECT_TRUE(judge(month, x).join);
  // Asymmetric events keep their direction in the key.
  EXPECT_NE(facts_of(event("a", 0, "USA", "CHN", "112", "ACCUSE", "2020-01-01")).key(),
            facts_of(event("a", 0, "CHN", "USA", "112", "ACCUSE", "2020-01-01")).key());
  EXPECT_EQ(epoch_day("1970-01-02"), 1);
  EXPECT_FALSE(epoch_day("2021-02-30"));
}

TEST(StoreNearDuplicates, RepublishedStoryIsLinkedAndNotAnIndependentSource) {
  std::string story;
  for (int i = 0; i < 40; ++i) story += "جملة رقم " + std::to_string(i) + " في خبر عن اتصال هاتفي بين الرئيسين الإيراني والروسي. ";
  const std::string other = "خبر آخر تماما عن الاقتصاد والنفط والأسعار في الأسواق العالمية هذا الأسبوع مع ارتفاع الطلب. ";
  std::string other_text;
  for (int i = 0; i < 40; ++i) other_text += other + std::to_string(i) + " ";
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("orig", story, {call("orig", 0, "IRNGOV", "RUSGOV", "2020-04-07")}, "ar", "agency"),
               item("copy", story + " شارك هذا الخبر", {call("copy", 0, "IRNGOV", "RUSGOV", "2020-04-07")}, "ar", "site2"),
               item("copy2", "تعليقات القراء " + story, {call("copy2", 0, "IRNGOV", "RUSGOV", "2020-04-07")}, "ar", "site3"),
               item("other", other_text, {call("other", 0, "IRNGOV", "RUSGOV", "2020-04-07")}, "ar", "site4")});
  EXPECT_EQ(s->counts().value().duplicates, 2);
  Stmt q(s->db().raw(), "SELECT id, coalesce(duplicate_of, '') FROM documents ORDER BY num");
  std::vector<std::string> dup;
  while (q.step()) dup.push_back(q.text(0) + ">" + q.text(1));
  EXPECT_EQ(dup, (std::vector<std::string>{"orig>", "copy>orig", "copy2>orig", "other>"}));
  const auto ev = all_events(*s);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].num_mentions, 4);
  EXPECT_EQ(ev[0].num_articles, 2);  // orig (with its copies) and other
  EXPECT_EQ(ev[0].num_sources, 2);   // agency and site4
}

TEST(Sketch, SimilarityEstimatesOverlap) {
  std::string a, b;
  for (int i = 0; i < 200; ++i) a += "w" + std::to_string(i) + " ";
  for (int i = 0; i < 200; ++i) b += "x" + std::to_string(i) + " ";
  const Sketch sa = make_sketch(a), sb = make_sketch(b);
  EXPECT_DOUBLE_EQ(similarity(sa, sa), 1.0);
  EXPECT_LT(similarity(sa, sb), 0.1);
  EXPECT_TRUE(make_sketch("too short to sketch").empty);
  EXPECT_EQ(Sketch::from_blob(sa.to_blob()).mins, sa.mins);
  EXPECT_EQ(band_keys(sa).size(), static_cast<size_t>(kBands));
}

// The rule both stores link near-duplicates by: the most similar candidate at the threshold or
// above, the first of equals, through to its original; never the document itself.
TEST(Sketch, FindOriginalTakesTheBestAndFollowsCopiesToTheirOriginal) {
  std::string a, b;
  for (int i = 0; i < 200; ++i) a += "w" + std::to_string(i) + " ";
  for (int i = 0; i < 200; ++i) b += "x" + std::to_string(i) + " ";
  const Sketch sa = make_sketch(a), sb = make_sketch(b);
  Sketch near = sa;
  for (int k = 0; k < 8; ++k) near.mins[k] ^= 1;  // 56 of 64 equal: 0.875
  EXPECT_EQ(find_original("new", sa, {}).original, "");
  EXPECT_EQ(find_original("new", sa, {{"other", sb, ""}}).original, "");
  auto link = find_original("new", sa, {{"close", near, ""}, {"copy", sa, "first"}, {"same", sa, ""}});
  EXPECT_EQ(link.original, "first");  // the exact copy (1.0) beats 0.875; the first of equals; its original
  EXPECT_DOUBLE_EQ(link.similarity, 1.0);
  EXPECT_EQ(find_original("close", sa, {{"close", sa, ""}}).original, "");  // itself, replaced
  EXPECT_EQ(find_original("new", near, {{"orig", sa, ""}}).similarity, 0.875);
}

TEST(StoreSearch, NormalizedSpellingsFindEachOther) {
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("fa", "روحانی یؤکد ضرورة التعاون", {}), item("ar", "روحاني يؤكد ضرورة التعاون", {}),
               item("no", "نص آخر", {})});
  const SearchExpander plain(nullptr);
  auto hits = s->search(plain.terms("يؤكد"), 10);
  ASSERT_TRUE(hits) << hits.error();
  EXPECT_EQ(hits->size(), 2u);
  hits = s->search(plain.terms("یؤکد روحانی"), 10);
  ASSERT_TRUE(hits);
  EXPECT_EQ(hits->size(), 2u);
  // FTS syntax in a query is only words.
  hits = s->search(plain.terms("\"يؤكد\" OR NEAR("), 10);
  EXPECT_TRUE(hits) << hits.error();
}

// The full-text index of a batch is written at commit (FTS5 flushes at every savepoint otherwise):
// it must still follow a document replaced within the batch, forget a rolled-back batch, and index
// a put() made outside any transaction at once.
TEST(StoreSearch, IndexFollowsReplacementsAndRollbacksOfABatch) {
  TempDb db;
  auto s = open(db);
  const SearchExpander plain(nullptr);
  auto count = [&](const char* q) {
    auto hits = s->search(plain.terms(q), 10);
    EXPECT_TRUE(hits) << hits.error();
    return hits ? hits->size() : 0u;
  };
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(s->put(item("a", "روحاني يؤكد ضرورة التعاون", {})));
  ASSERT_TRUE(s->put(item("a", "الاقتصاد الإيراني ينمو", {})));  // replaced in the same batch
  ASSERT_TRUE(s->put(item("b", "الاقتصاد الروسي", {})));
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(count("يؤكد"), 0u);
  EXPECT_EQ(count("الاقتصاد"), 2u);
  EXPECT_EQ(count("ينمو"), 1u);

  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(s->put(item("c", "مباحثات في موسكو", {})));
  s->rollback();
  EXPECT_EQ(count("مباحثات"), 0u);

  ASSERT_TRUE(s->put(item("d", "مباحثات في طهران", {})));  // its own transaction
  EXPECT_EQ(count("مباحثات"), 1u);
  put_all(*s, {item("e", "الاقتصاد التركي", {})});  // the rolled-back document stays out
  EXPECT_EQ(count("مباحثات"), 1u);
  EXPECT_EQ(count("الاقتصاد"), 3u);
}

TEST(StoreSearch, ActorNamesFindTheActorInOtherLanguages) {
  std::vector<Diagnostic> problems;
  auto kb = kb::KnowledgeBase::load(std::string(RASAD_SOURCE_DIR) + "/data", problems);
  ASSERT_TRUE(kb) << kb.error();
  SearchExpander expander(*kb);
  const auto terms = expander.terms("روسيا");
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_NE(std::find(terms[0].codes.begin(), terms[0].codes.end(), "RUS"), terms[0].codes.end());
  TempDb db;
  auto s = open(db);
  put_all(*s, {item("fa", "ایران و روسیه توافق کردند", {}, "fa"), item("en", "Iran and Russia agreed", {}, "en"),
               item("ar", "ايران وروسيا", {}), item("tr", "Iran and Turkey agreed", {}, "en")});
  auto hits = s->search(terms, 10);
  ASSERT_TRUE(hits) << hits.error();
  std::vector<std::string> docs;
  for (const auto& h : *hits) docs.push_back(h.doc);
  std::sort(docs.begin(), docs.end());
  EXPECT_EQ(docs, (std::vector<std::string>{"ar", "en", "fa"}));
}

}  // namespace
}  // namespace rasad::store
