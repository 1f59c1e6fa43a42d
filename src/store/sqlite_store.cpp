#include "store/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store/merge.h"
#include "store/query_sql.h"
#include "store/sqlite.h"

namespace rasad::store {

namespace {

// Version 1: documents, mentions, merged events.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
  num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT, line INTEGER, format TEXT, lang TEXT,
  date TEXT, source TEXT, url TEXT, title TEXT, text TEXT, content_hash TEXT NOT NULL, n_events INTEGER,
  added TEXT NOT NULL);
CREATE TABLE events(
  id INTEGER PRIMARY KEY, merge_key TEXT NOT NULL, day INTEGER,
  plover TEXT, plover_mode TEXT, cameo TEXT, quad_class INTEGER, goldstein REAL,
  source_code TEXT, source_country TEXT, source_sector TEXT, source_person TEXT, source_name TEXT,
  target_code TEXT, target_country TEXT, target_sector TEXT, target_person TEXT, target_name TEXT,
  symmetric INTEGER, negated INTEGER, date TEXT, date_precision TEXT, date_min TEXT, date_max TEXT,
  location_name TEXT, location_country TEXT, lat REAL, lon REAL, has_coordinates INTEGER, issues TEXT,
  num_mentions INTEGER NOT NULL DEFAULT 0, num_sources INTEGER NOT NULL DEFAULT 0,
  num_articles INTEGER NOT NULL DEFAULT 0, num_languages INTEGER NOT NULL DEFAULT 0, languages TEXT,
  added TEXT NOT NULL);
CREATE INDEX events_key ON events(merge_key, day);
CREATE INDEX events_date ON events(date);
CREATE TABLE mentions(
  id INTEGER PRIMARY KEY, doc TEXT NOT NULL, sentence INTEGER, sentence_start INTEGER, sentence_end INTEGER,
  trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT, lang TEXT,
  date TEXT, date_precision TEXT, date_origin TEXT, cameo TEXT, plover TEXT, plover_mode TEXT,
  goldstein REAL, quad_class INTEGER,
  source_code TEXT, source_country TEXT, source_sector TEXT, source_person TEXT, source_name TEXT,
  source_role TEXT, source_text TEXT, source_start INTEGER, source_end INTEGER,
  target_code TEXT, target_country TEXT, target_sector TEXT, target_person TEXT, target_name TEXT,
  target_role TEXT, target_text TEXT, target_start INTEGER, target_end INTEGER,
  location_name TEXT, location_country TEXT, lat REAL, lon REAL, has_coordinates INTEGER,
  issues TEXT, negated INTEGER, symmetric INTEGER, confidence REAL,
  event_id INTEGER NOT NULL, join_reason TEXT, added TEXT NOT NULL);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_event ON mentions(event_id);
)sql";

// Version 2: near-duplicate sketches with their LSH index, and full-text search.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE documents ADD COLUMN sketch BLOB;
ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
ALTER TABLE documents ADD COLUMN similarity REAL;
CREATE INDEX documents_dup ON documents(duplicate_of);
CREATE TABLE lsh(key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(key, doc)) WITHOUT ROWID;
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
)sql";

// Version 3: inferred date ranges of undated reports (code::Event::date_from/date_to) on mentions and
// events, and the mentions' people indexed for `--actor NAME`.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE mentions ADD COLUMN date_from TEXT;
ALTER TABLE mentions ADD COLUMN date_to TEXT;
ALTER TABLE events ADD COLUMN date_from TEXT;
ALTER TABLE events ADD COLUMN date_to TEXT;
CREATE INDEX mentions_source_person ON mentions(source_person);
CREATE INDEX mentions_target_person ON mentions(target_person);
)sql";

template <class F>
auto guarded(F&& f) -> Result<decltype(f())> {
  try {
    return f();
  } catch (const SqliteError& e) {
    return Error{e.what(), (e.code & 0xff) == SQLITE_INTERRUPT ? kInterrupted : e.code};
  } catch (const std::exception& e) {
    return Error{e.what()};
  }
}


void bind_actor(Stmt& s, int at, const code::EventActor* a) {
  // code, country, sector, person, name, role, text, start, end
  if (!a) {
    for (int i = 0; i < 9; ++i) s.bind_null(at + i);
    return;
  }
  s.bind(at, a->code).bind(at + 1, a->country).bind(at + 2, a->sector).bind(at + 3, a->person);
  s.bind(at + 4, a->name).bind(at + 5, a->role).bind(at + 6, a->text);
  s.bind(at + 7, static_cast<int64_t>(a->span.start)).bind(at + 8, static_cast<int64_t>(a->span.end));
}

// A new file is switched to WAL by whichever process gets there first. A concurrent switch fails
// at once, without the busy handler (SQLITE_BUSY, or an I/O error while the other process turns
// the rollback journal into a WAL), so it is retried for as long as the busy timeout.
void switch_to_wal(Db& db) {
  for (int attempt = 0;; ++attempt) {
    try {
      db.exec("PRAGMA journal_mode=WAL");
      return;
    } catch (const SqliteError&) {
      const int code = sqlite3_errcode(db.raw()) & 0xff;
      if (attempt >= 1000 || (code != SQLITE_BUSY && code != SQLITE_LOCKED && code != SQLITE_IOERR)) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, bool read_only) {
  return guarded([&] {
    auto s = std::unique_ptr<SqliteStore>(new SqliteStore(std::make_unique<Db>(path, read_only)));
    if (!read_only) {
      switch_to_wal(*s->db_);
      // In WAL mode NORMAL keeps the database consistent after a crash of the process or the
      // machine; a power loss may lose the last commits, which a re-run redoes.
      s->db_->exec("PRAGMA synchronous=NORMAL");
    }
    s->db_->exec("PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY");
    sqlite3_progress_handler(s->db_->raw(), 10000, &SqliteStore::check_deadline, s.get());
    s->migrate(read_only);
    return s;
  });
}

int SqliteStore::schema_version() const { return version_; }

int SqliteStore::check_deadline(void* self) {
  const auto& deadline = static_cast<SqliteStore*>(self)->deadline_;
  return deadline && Clock::now() > *deadline ? 1 : 0;
}

int SqliteStore::stored_version() {
  auto& st = db_->cached("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
  st.step();
  const bool has_meta = st.integer(0) > 0;
  st.reset();
  if (!has_meta) return 0;
  auto& v = db_->cached("SELECT value FROM meta WHERE key='schema_version'");
  const int ver = v.step() ? std::stoi(v.text(0)) : 0;
  v.reset();
  return ver;
}

void SqliteStore::check_version(bool read_only) const {
  if (version_ > kSchemaVersion)
    throw SqliteError(fmt::format("the store has schema version {}, newer than this rasad ({})", version_, kSchemaVersion));
  if (read_only && version_ < kSchemaVersion)
    throw SqliteError(fmt::format("the store has schema version {}; open it for writing (rasad ingest) to migrate", version_));
}

void SqliteStore::migrate(bool read_only) {
  version_ = stored_version();
  check_version(read_only);
  // Each step runs in its own transaction, so an interrupted migration resumes at a whole version.
  // The version is read again inside the transaction: another process may have migrated the store
  // since (two ingests starting on a new store), and then there is nothing left to do.
  while (version_ < kSchemaVersion) {
    db_->exec("BEGIN IMMEDIATE");
    try {
      version_ = stored_version();
      check_version(read_only);
      if (version_ < kSchemaVersion) {
        migrate_step();
        ++version_;
        auto& set = db_->cached("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)");
        set.bind(1, std::to_string(version_)).run();
      }
      db_->exec("COMMIT");
    } catch (...) {
      rollback_open_transaction();
      throw;
    }
  }
}

void SqliteStore::rollback_open_transaction() {
  // SQLite rolls a transaction back by itself on some errors (a full disk, I/O errors): a ROLLBACK
  // then fails with "no transaction is active" and would hide the error that mattered.
  if (sqlite3_get_autocommit(db_->raw())) return;
  try {
    db_->exec("ROLLBACK");
  } catch (...) {
  }
}

void SqliteStore::migrate_step() {
  if (version_ == 0) {
    db_->exec(kSchemaV1);
    return;
  }
  if (version_ == 2) {
    // Stored undated reports keep no range: they get one when their document is coded again.
    db_->exec(kSchemaV3);
    return;
  }
  db_->exec(kSchemaV2);
  // Index the documents stored under version 1: normalized text for search, sketches for later
  // near-duplicate checks (their own duplicate links stay unknown).
  Stmt docs(db_->raw(), "SELECT num, title, text FROM documents");
  auto& fts = db_->cached("INSERT INTO documents_fts(rowid, title, body) VALUES(?,?,?)");
  auto& sk = db_->cached("UPDATE documents SET sketch=? WHERE num=?");
  auto& lsh = db_->cached("INSERT OR IGNORE INTO lsh(key, doc) VALUES(?,?)");
  while (docs.step()) {
    const int64_t num = docs.integer(0);
    const std::string body = normalizer_.normalize_string(docs.text(2));
    fts.reset();
    fts.bind(1, num).bind(2, normalizer_.normalize_string(docs.text(1))).bind(3, body).run();
    const Sketch sketch = make_sketch(body);
    sk.reset();
    sk.bind_blob(1, sketch.to_blob()).bind(2, num).run();
    for (int64_t key : band_keys(sketch)) {
      lsh.reset();
      lsh.bind(1, key).bind(2, num).run();
    }
  }
}

Result<bool> SqliteStore::create_at_version_for_test(const std::string& path, int version) {
  return guarded([&] {
    SqliteStore s(std::make_unique<Db>(path, false));
    for (; s.version_ < version; ++s.version_) s.migrate_step();
    s.db_->exec(fmt::format("INSERT INTO meta(key, value) VALUES('schema_version', '{}')", version));
    return true;
  });
}

Result<bool> SqliteStore::begin() {
  return guarded([&] {
    db_->exec("BEGIN IMMEDIATE");
    return true;
  });
}
Result<bool> SqliteStore::commit() {
  return guarded([&] {
    // The batch's full-text changes in one go, outside any savepoint, in the order they were made.
    const std::vector<FtsChange> fts = std::exchange(fts_pending_, {});
    for (const FtsChange& c : fts) write_fts(c);
    // Counts are recomputed once per transaction: an event many documents of a batch report is
    // counted once, not once per document.
    for (int64_t id : dirty_) recount(id);
    dirty_.clear();
    db_->exec("COMMIT");
    return true;
  });
}
void SqliteStore::rollback() {
  dirty_.clear();
  fts_pending_.clear();
  rollback_open_transaction();
}

void SqliteStore::fts_change(FtsChange c, bool defer) {
  if (defer) fts_pending_.push_back(std::move(c));
  else write_fts(c);
}

void SqliteStore::write_fts(const FtsChange& c) {
  if (c.insert)
    db_->cached("INSERT INTO documents_fts(rowid, title, body) VALUES(?,?,?)").bind(1, c.num).bind(2, c.title).bind(3, c.body).run();
  else
    db_->cached("DELETE FROM documents_fts WHERE rowid=?").bind(1, c.num).run();
}

Result<std::optional<std::string>> SqliteStore::hash_of(const std::string& id) {
  return guarded([&] {
    auto& s = db_->cached("SELECT content_hash FROM documents WHERE id=?");
    s.bind(1, id);
    std::optional<std::string> out;
    if (s.step()) out = s.text(0);
    s.reset();
    return out;
  });
}

void SqliteStore::recount(int64_t event_id) {
  auto& empty = db_->cached("DELETE FROM events WHERE id=?1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE event_id=?1)");
  empty.bind(1, event_id).run();
  // Near-duplicate documents count as the article they copy; they add mentions but no sources.
  auto& up = db_->cached(R"sql(
UPDATE events SET
  num_mentions = (SELECT count(DISTINCT doc || '#' || sentence) FROM mentions WHERE event_id=?1),
  num_articles = (SELECT count(DISTINCT coalesce(d.duplicate_of, d.id)) FROM mentions m
                  JOIN documents d ON d.id=m.doc WHERE m.event_id=?1),
  num_sources = max(1, (SELECT count(DISTINCT coalesce(nullif(d.source, ''), 'doc:' || d.id)) FROM mentions m
                  JOIN documents d ON d.id=m.doc WHERE m.event_id=?1 AND d.duplicate_of IS NULL)),
  num_languages = (SELECT count(DISTINCT lang) FROM mentions WHERE event_id=?1),
  languages = (SELECT group_concat(lang) FROM (SELECT DISTINCT lang FROM mentions WHERE event_id=?1 ORDER BY lang)),
  date_min = (SELECT min(date) FROM mentions WHERE event_id=?1 AND date<>''),
  date_max = (SELECT max(date) FROM mentions WHERE event_id=?1 AND date<>'')
WHERE id=?1)sql");
  up.bind(1, event_id).run();
}

Result<PutOutcome> SqliteStore::put(const IngestItem& item) {
  // A savepoint per document: a document that fails half-way leaves nothing behind in the batch.
  // Inside a transaction the full-text index waits for commit(); alone, put() is its own transaction.
  const bool defer_fts = !sqlite3_get_autocommit(db_->raw());
  const size_t fts_before = fts_pending_.size();
  auto r = guarded([&] {
    db_->exec("SAVEPOINT put_doc");
    return true;
  });
  if (!r) return Error{r.error()};
  auto out = put_in_savepoint(item, defer_fts);
  if (!out) fts_pending_.resize(fts_before);
  try {
    if (!out) db_->exec("ROLLBACK TO put_doc");
    db_->exec("RELEASE put_doc");
  } catch (const std::exception& e) {
    // The savepoint is gone when SQLite rolled the whole transaction back: keep the first error.
    return Error{out ? e.what() : out.error()};
  }
  return out;
}

Result<PutOutcome> SqliteStore::put_in_savepoint(const IngestItem& item, bool defer_fts) {
  return guarded([&] {
    const Document& d = item.doc;
    std::set<int64_t> touched;
    PutOutcome outcome = PutOutcome::inserted;
    int64_t num = 0;
    {
      auto& q = db_->cached("SELECT num, content_hash, sketch FROM documents WHERE id=?");
      q.bind(1, d.id);
      if (q.step()) {
        if (q.text(1) == item.content_hash) return PutOutcome::unchanged;
        outcome = PutOutcome::replaced;
        num = q.integer(0);
        const Sketch old = Sketch::from_blob(q.blob(2));
        q.reset();
        auto& ev = db_->cached("SELECT DISTINCT event_id FROM mentions WHERE doc=?");
        ev.bind(1, d.id);
        while (ev.step()) touched.insert(ev.integer(0));
        ev.reset();
        db_->cached("DELETE FROM mentions WHERE doc=?").bind(1, d.id).run();
        for (int64_t key : band_keys(old)) db_->cached("DELETE FROM lsh WHERE key=? AND doc=?").bind(1, key).bind(2, num).run();
        fts_change({num, false, {}, {}}, defer_fts);
      }
      q.reset();
    }

    // Near-duplicates: LSH candidates, confirmed by the estimated Jaccard similarity of the sketches.
    const auto keys = band_keys(item.sketch);
    std::vector<StoredSketch> candidates;
    {
      std::set<int64_t> nums;  // in storing order
      auto& c = db_->cached("SELECT doc FROM lsh WHERE key=?");
      for (int64_t key : keys) {
        c.reset();
        c.bind(1, key);
        while (c.step())
          if (c.integer(0) != num) nums.insert(c.integer(0));
      }
      c.reset();
      auto& g = db_->cached("SELECT id, sketch, coalesce(duplicate_of, '') FROM documents WHERE num=?");
      for (int64_t cand : nums) {
        g.reset();
        g.bind(1, cand);
        if (g.step()) candidates.push_back({g.text(0), Sketch::from_blob(g.blob(1)), g.text(2)});
      }
      g.reset();
    }
    const DuplicateLink link = find_original(d.id, item.sketch, candidates);

    {
      auto& w = outcome == PutOutcome::replaced
                    ? db_->cached(
                          "UPDATE documents SET path=?2, line=?3, format=?4, lang=?5, date=?6, source=?7, url=?8, "
                          "title=?9, text=?10, content_hash=?11, n_events=?12, added=datetime('now'), sketch=?13, "
                          "duplicate_of=?14, similarity=?15 WHERE num=?1")
                    : db_->cached(
                          "INSERT INTO documents(num, path, line, format, lang, date, source, url, title, text, "
                          "content_hash, n_events, added, sketch, duplicate_of, similarity, id) "
                          "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,datetime('now'),?13,?14,?15,?16)");
      if (outcome == PutOutcome::replaced) w.bind(1, num); else w.bind_null(1);
      w.bind(2, d.path).bind(3, static_cast<int64_t>(d.line)).bind(4, d.format).bind(5, item.lang).bind(6, item.date);
      w.bind(7, item.source).bind(8, d.url).bind(9, d.title).bind(10, d.text).bind(11, item.content_hash);
      w.bind(12, static_cast<int64_t>(item.events.size())).bind_blob(13, item.sketch.to_blob());
      if (link.original.empty()) w.bind_null(14).bind_null(15);
      else w.bind(14, link.original).bind(15, link.similarity);
      if (outcome != PutOutcome::replaced) w.bind(16, d.id);
      w.run();
      if (outcome != PutOutcome::replaced) num = db_->last_rowid();
    }
    for (int64_t key : keys) db_->cached("INSERT OR IGNORE INTO lsh(key, doc) VALUES(?,?)").bind(1, key).bind(2, num).run();
    fts_change({num, true, item.normalized_title, item.normalized_text}, defer_fts);

    // Mentions, each joined to the best compatible event or starting a new one. Mentions of one
    // sentence with the same key (the two directions of a symmetric event) are one event.
    std::map<std::pair<uint32_t, std::string>, int64_t> by_sentence;
    for (const code::Event& e : item.events) {
      const MergeFacts f = facts_of(e);
      const std::string key = f.key();
      int64_t event_id = 0;
      Verdict chosen;
      if (auto it = by_sentence.find({e.sentence, key}); it != by_sentence.end()) {
        event_id = it->second;
        chosen.reason = fmt::format("same sentence as another mention of this event ({}{})", f.type,
                                    e.symmetric ? ", symmetric" : "");
      } else if (!f.a.empty() && !f.b.empty()) {  // judge() refuses the rest: skip the search
        const auto window = f.day_window();
        auto& c = window ? db_->cached(
                               "SELECT id, cameo, plover_mode, source_sector, source_person, target_sector, "
                               "target_person, date, date_precision, day, location_country, location_name, issues, "
                               "coalesce(date_from, ''), coalesce(date_to, '') "
                               "FROM events WHERE merge_key=?1 AND ((day BETWEEN ?2 AND ?3) OR day IS NULL) "
                               "ORDER BY id")
                         : db_->cached(
                               "SELECT id, cameo, plover_mode, source_sector, source_person, target_sector, "
                               "target_person, date, date_precision, day, location_country, location_name, issues, "
                               "coalesce(date_from, ''), coalesce(date_to, '') "
                               "FROM events WHERE merge_key=?1 AND day IS NULL ORDER BY id");
        c.bind(1, key);
        if (window) c.bind(2, window->first).bind(3, window->second);
        while (c.step()) {
          MergeFacts ef = f;  // same key: type, actor units, negation
          ef.cameo = c.text(1);
          ef.plover_mode = c.text(2);
          ef.a_sector = c.text(3);
          ef.a_person = c.text(4);
          ef.b_sector = c.text(5);
          ef.b_person = c.text(6);
          set_date(ef, c.text(7), c.text(8), c.text(13), c.text(14));
          ef.location_country = c.text(10);
          ef.location_name = c.text(11);
          ef.issues = split_list(c.text(12));
          Verdict v = judge(f, ef);
          if (v.join && (event_id == 0 || v.score > chosen.score)) {
            event_id = c.integer(0);
            chosen = std::move(v);
          }
        }
        c.reset();
      }
      if (event_id == 0) {
        auto& ins = db_->cached(
            "INSERT INTO events(merge_key, day, plover, plover_mode, cameo, quad_class, goldstein, source_code, "
            "source_country, source_sector, source_person, source_name, target_code, target_country, target_sector, "
            "target_person, target_name, symmetric, negated, date, date_precision, location_name, location_country, "
            "lat, lon, has_coordinates, issues, date_from, date_to, added) "
            "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,"
            "?28,?29,datetime('now'))");
        // The event keeps the actors in key order (sorted for symmetric events).
        const code::EventActor* a = &e.source;
        const code::EventActor* b = e.target ? &*e.target : nullptr;
        if (f.swapped && b) std::swap(a, b);
        ins.bind(1, key).bind(2, f.day).bind(3, e.plover).bind(4, e.plover_mode).bind(5, e.cameo);
        ins.bind(6, e.quad_class).bind(7, e.goldstein);
        ins.bind(8, a->code).bind(9, a->country).bind(10, f.a_sector).bind(11, f.a_person).bind(12, a->name);
        if (b) {
          ins.bind(13, b->code).bind(14, b->country).bind(15, f.b_sector).bind(16, f.b_person).bind(17, b->name);
        } else {
          for (int i = 13; i <= 17; ++i) ins.bind(i, "");
        }
        ins.bind(18, static_cast<int64_t>(e.symmetric)).bind(19, static_cast<int64_t>(e.negated));
        ins.bind(20, e.date).bind(21, f.precision);
        if (e.location) {
          ins.bind(22, e.location->name).bind(23, e.location->country).bind(24, e.location->lat).bind(25, e.location->lon);
          ins.bind(26, static_cast<int64_t>(e.location->has_coordinates));
        } else {
          ins.bind(22, "").bind(23, "").bind_null(24).bind_null(25).bind(26, 0);
        }
        ins.bind(27, join_list(e.issues)).bind(28, f.date_from).bind(29, f.date_to);
        ins.run();
        event_id = db_->last_rowid();
        chosen.reason = "first mention";
      }
      touched.insert(event_id);
      by_sentence.emplace(std::pair{e.sentence, key}, event_id);

      auto& m = db_->cached(
          "INSERT INTO mentions(doc, sentence, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, "
          "lang, date, date_precision, date_origin, cameo, plover, plover_mode, goldstein, quad_class, "
          "source_code, source_country, source_sector, source_person, source_name, source_role, source_text, "
          "source_start, source_end, target_code, target_country, target_sector, target_person, target_name, "
          "target_role, target_text, target_start, target_end, location_name, location_country, lat, lon, "
          "has_coordinates, issues, negated, symmetric, confidence, event_id, join_reason, date_from, date_to, added) "
          "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,"
          "?28,?29,?30,?31,?32,?33,?34,?35,?36,?37,?38,?39,?40,?41,?42,?43,?44,?45,?46,?47,datetime('now'))");
      m.bind(1, d.id).bind(2, static_cast<int64_t>(e.sentence));
      m.bind(3, static_cast<int64_t>(e.sentence_span.start)).bind(4, static_cast<int64_t>(e.sentence_span.end));
      m.bind(5, static_cast<int64_t>(e.trigger.start)).bind(6, static_cast<int64_t>(e.trigger.end)).bind(7, e.trigger_text);
      m.bind(8, e.lang.empty() ? item.lang : e.lang).bind(9, e.date).bind(10, f.precision).bind(11, e.date_origin);
      m.bind(12, e.cameo).bind(13, e.plover).bind(14, e.plover_mode).bind(15, e.goldstein).bind(16, e.quad_class);
      bind_actor(m, 17, &e.source);
      bind_actor(m, 26, e.target ? &*e.target : nullptr);
      if (e.location) {
        m.bind(35, e.location->name).bind(36, e.location->country).bind(37, e.location->lat).bind(38, e.location->lon);
        m.bind(39, static_cast<int64_t>(e.location->has_coordinates));
      } else {
        m.bind(35, "").bind(36, "").bind_null(37).bind_null(38).bind(39, 0);
      }
      m.bind(40, join_list(e.issues)).bind(41, static_cast<int64_t>(e.negated)).bind(42, static_cast<int64_t>(e.symmetric));
      m.bind(43, e.confidence).bind(44, event_id).bind(45, chosen.reason).bind(46, f.date_from).bind(47, f.date_to);
      m.run();
    }
    dirty_.insert(touched.begin(), touched.end());
    return outcome;
  });
}

Result<Counts> SqliteStore::counts() {
  return guarded([&] {
  Counts c;
  auto one = [&](const char* sql) {
    auto& s = db_->cached(sql);
    const int64_t v = s.step() ? s.integer(0) : 0;
    s.reset();
    return v;
  };
  c.documents = one("SELECT count(*) FROM documents");
  c.duplicates = one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL");
  c.mentions = one("SELECT count(*) FROM mentions");
  c.events = one("SELECT count(*) FROM events");
  return c;
  });
}


std::string SqliteStore::where(const EventQuery& q, std::vector<std::string>& args) const {
  std::string sql = event_filter_sql(q, args);
  if (!q.text.empty()) {
    sql += " AND e.id IN (SELECT m.event_id FROM mentions m JOIN documents d ON d.id=m.doc WHERE d.num IN "
           "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))";
    args.push_back(SearchExpander::fts_query(q.text));
  }
  return sql;
}

namespace {
void bind_args(Stmt& st, const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
}
}  // namespace

Result<std::vector<EventRow>> SqliteStore::events(const EventQuery& q) {
  return guarded([&] {
    std::vector<std::string> args;
    std::string sql = std::string("SELECT ") + kEventColumns + " FROM events e WHERE TRUE";
    sql += where(q, args) + after_sql(q, args);
    // A dyad, actor or person keeps few events of a large store: scanning and sorting them beats
    // walking the date index through every other event (the unary + keeps SQLite off the index).
    const bool selective = !q.dyad_a.empty() || !q.actor.empty() || !q.person_ids.empty();
    sql += " ORDER BY " + order_sql(q, selective);
    if (q.limit >= 0) sql += " LIMIT " + std::to_string(q.limit);
    Stmt s(db_->raw(), sql);
    bind_args(s, args);
    std::vector<EventRow> out;
    while (s.step()) out.push_back(event_row(s));
    return out;
  });
}

Result<std::vector<int64_t>> SqliteStore::events_of_document(const std::string& doc) {
  return guarded([&] {
    auto& e = db_->cached("SELECT DISTINCT event_id FROM mentions WHERE doc=? ORDER BY event_id");
    e.bind(1, doc);
    std::vector<int64_t> out;
    while (e.step()) out.push_back(e.integer(0));
    e.reset();
    return out;
  });
}

Result<std::vector<DyadRow>> SqliteStore::top_dyads(const EventQuery& q, int64_t limit) {
  return guarded([&] {
    std::vector<std::string> args;
    Stmt st(db_->raw(), dyads_sql(where(q, args), limit));
    bind_args(st, args);
    std::vector<DyadRow> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), st.integer(2), st.integer(3)});
    return out;
  });
}

Result<std::vector<PlaceRow>> SqliteStore::places(const EventQuery& q, int64_t& without_coordinates) {
  return guarded([&] {
    std::vector<std::string> args;
    const std::string w = where(q, args);
    Stmt st(db_->raw(), places_sql(w, "group_concat(DISTINCT e.location_name)"));
    bind_args(st, args);
    std::vector<PlaceRow> out;
    while (st.step()) out.push_back({st.real(0), st.real(1), st.integer(2), st.text(3), st.text(4)});
    Stmt rest(db_->raw(), without_coordinates_sql(w));
    bind_args(rest, args);
    without_coordinates = rest.step() ? rest.integer(0) : 0;
    return out;
  });
}

Result<bool> SqliteStore::each_actor_pair(const std::function<void(const std::string&, const std::string&)>& f) {
  return guarded([&] {
    Stmt st(db_->raw(), "SELECT source_code, target_code FROM events");
    while (st.step()) f(st.text(0), st.text(1));
    return true;
  });
}

Result<std::unordered_map<std::string, int64_t>> SqliteStore::person_counts(const std::vector<std::string>& ids) {
  return guarded([&] {
    std::unordered_map<std::string, int64_t> counts;
    constexpr size_t kChunk = 400;  // bound the number of SQL variables
    for (size_t at = 0; at < ids.size(); at += kChunk) {
      const std::vector<std::string> chunk(ids.begin() + at, ids.begin() + std::min(ids.size(), at + kChunk));
      Stmt st(db_->raw(), person_counts_sql(chunk.size()));
      for (size_t i = 0; i < chunk.size(); ++i) {
        st.bind(static_cast<int>(i + 1), chunk[i]);
        st.bind(static_cast<int>(chunk.size() + i + 1), chunk[i]);
      }
      while (st.step()) counts[st.text(0)] = st.integer(1);
    }
    return counts;
  });
}

Result<std::vector<MentionRow>> SqliteStore::mention_rows(const std::vector<int64_t>& event_ids) {
  return guarded([&] {
    Stmt st(db_->raw(), mentions_sql(event_ids.size()));
    for (size_t i = 0; i < event_ids.size(); ++i) st.bind(static_cast<int>(i + 1), event_ids[i]);
    std::vector<MentionRow> out;
    while (st.step()) out.push_back(mention_row(st));
    return out;
  });
}

Result<std::unordered_map<std::string, std::string>> SqliteStore::document_texts(const std::vector<std::string>& ids) {
  return guarded([&] {
    Stmt st(db_->raw(), document_texts_sql(ids.size()));
    bind_args(st, ids);
    std::unordered_map<std::string, std::string> out;
    while (st.step()) out.emplace(st.text(0), st.text(1));
    return out;
  });
}

Result<std::vector<SearchHit>> SqliteStore::search(const std::vector<QueryTerm>& terms, int limit) {
  const std::string fts_query = SearchExpander::fts_query(terms);
  if (fts_query.empty()) return Error{"the query has no words"};
  return guarded([&] {
    auto& s = db_->cached(
        "SELECT d.id, d.title, d.lang, d.date, coalesce(d.duplicate_of, ''), bm25(documents_fts) AS r "
        "FROM documents_fts JOIN documents d ON d.num = documents_fts.rowid WHERE documents_fts MATCH ? "
        "ORDER BY r LIMIT ?");
    s.bind(1, fts_query).bind(2, limit);
    std::vector<SearchHit> out;
    while (s.step()) {
      SearchHit h;
      h.doc = s.text(0);
      h.title = s.text(1);
      h.lang = s.text(2);
      h.date = s.text(3);
      h.duplicate_of = s.text(4);
      h.rank = s.real(5);
      out.push_back(std::move(h));
    }
    s.reset();
    auto& e = db_->cached("SELECT DISTINCT event_id FROM mentions WHERE doc=? ORDER BY event_id");
    for (auto& h : out) {
      e.reset();
      e.bind(1, h.doc);
      while (e.step()) h.events.push_back(e.integer(0));
    }
    e.reset();
    return out;
  });
}

Result<std::string> SqliteStore::integrity_check() {
  return guarded([&] {
    Stmt s(db_->raw(), "PRAGMA integrity_check");
    std::string out;
    while (s.step()) out += (out.empty() ? "" : "\n") + s.text(0);
    return out;
  });
}

}  // namespace rasad::store
