#include "store/pg/pg_store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "store/merge.h"
#include "store/query_sql.h"

namespace rasad::store::pg {

namespace {

// Version 1: the SQLite store's documents, events and mentions (docs/STORE.md), same columns.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE documents(
  num BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT, line BIGINT, format TEXT, lang TEXT,
  date TEXT, source TEXT, url TEXT, title TEXT, text TEXT, content_hash TEXT NOT NULL, n_events INTEGER,
  added TEXT NOT NULL, sketch BYTEA, duplicate_of TEXT, similarity DOUBLE PRECISION);
CREATE INDEX documents_dup ON documents(duplicate_of);
CREATE TABLE events(
  id BIGSERIAL PRIMARY KEY, merge_key TEXT NOT NULL, day BIGINT,
  plover TEXT, plover_mode TEXT, cameo TEXT, quad_class INTEGER, goldstein DOUBLE PRECISION,
  source_code TEXT, source_country TEXT, source_sector TEXT, source_person TEXT, source_name TEXT,
  target_code TEXT, target_country TEXT, target_sector TEXT, target_person TEXT, target_name TEXT,
  "symmetric" INTEGER, negated INTEGER, date TEXT, date_precision TEXT, date_min TEXT, date_max TEXT,
  location_name TEXT, location_country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
  has_coordinates INTEGER, issues TEXT,
  num_mentions INTEGER NOT NULL DEFAULT 0, num_sources INTEGER NOT NULL DEFAULT 0,
  num_articles INTEGER NOT NULL DEFAULT 0, num_languages INTEGER NOT NULL DEFAULT 0, languages TEXT,
  added TEXT NOT NULL);
CREATE INDEX events_key ON events(merge_key, day);
CREATE INDEX events_date ON events(date);
CREATE TABLE mentions(
  id BIGSERIAL PRIMARY KEY, doc TEXT NOT NULL, sentence INTEGER, sentence_start INTEGER, sentence_end INTEGER,
  trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT, lang TEXT,
  date TEXT, date_precision TEXT, date_origin TEXT, cameo TEXT, plover TEXT, plover_mode TEXT,
  goldstein DOUBLE PRECISION, quad_class INTEGER,
  source_code TEXT, source_country TEXT, source_sector TEXT, source_person TEXT, source_name TEXT,
  source_role TEXT, source_text TEXT, source_start INTEGER, source_end INTEGER,
  target_code TEXT, target_country TEXT, target_sector TEXT, target_person TEXT, target_name TEXT,
  target_role TEXT, target_text TEXT, target_start INTEGER, target_end INTEGER,
  location_name TEXT, location_country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, has_coordinates INTEGER,
  issues TEXT, negated INTEGER, "symmetric" INTEGER, confidence DOUBLE PRECISION,
  event_id BIGINT NOT NULL REFERENCES events(id), join_reason TEXT, added TEXT NOT NULL);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_event ON mentions(event_id);
)sql";

// Version 2: as the SQLite store's version 3, inferred date ranges and the mentions' people indexed.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE mentions ADD COLUMN date_from TEXT;
ALTER TABLE mentions ADD COLUMN date_to TEXT;
ALTER TABLE events ADD COLUMN date_from TEXT;
ALTER TABLE events ADD COLUMN date_to TEXT;
CREATE INDEX mentions_source_person ON mentions(source_person);
CREATE INDEX mentions_target_person ON mentions(target_person);
)sql";

// Version 3: the queries of every command (store/query_sql.h). Text compared or ordered by the
// shared SQL gets the "C" collation, so comparisons are bytewise as in SQLite whatever the
// database's locale; actor codes are indexed for --actor/--dyad prefixes; full-text search over the
// normalized title and text (rasad's folding, so the 'simple' configuration only splits words).
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE events ALTER COLUMN date TYPE TEXT COLLATE "C", ALTER COLUMN date_min TYPE TEXT COLLATE "C",
  ALTER COLUMN date_max TYPE TEXT COLLATE "C", ALTER COLUMN date_from TYPE TEXT COLLATE "C",
  ALTER COLUMN date_to TYPE TEXT COLLATE "C", ALTER COLUMN source_code TYPE TEXT COLLATE "C",
  ALTER COLUMN target_code TYPE TEXT COLLATE "C", ALTER COLUMN source_country TYPE TEXT COLLATE "C",
  ALTER COLUMN target_country TYPE TEXT COLLATE "C", ALTER COLUMN cameo TYPE TEXT COLLATE "C",
  ALTER COLUMN location_name TYPE TEXT COLLATE "C", ALTER COLUMN location_country TYPE TEXT COLLATE "C";
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
ALTER TABLE documents ADD COLUMN norm_title TEXT, ADD COLUMN norm_text TEXT;  -- SearchExpander::word_text
ALTER TABLE documents ADD COLUMN fts tsvector GENERATED ALWAYS AS
  (setweight(to_tsvector('simple', coalesce(norm_title, '')), 'A') || to_tsvector('simple', coalesce(norm_text, ''))) STORED;
CREATE INDEX documents_fts ON documents USING gin(fts);
)sql";

// Version 4: near-duplicates as in the SQLite store (docs/STORE.md): the LSH index of the sketches
// (documents.sketch, duplicate_of and similarity are version 1's columns, empty until now). The
// documents stored before get their sketch and keys in the same step (sketch_stored_documents).
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE lsh(key BIGINT NOT NULL, doc BIGINT NOT NULL, PRIMARY KEY(key, doc));
)sql";

// Version 5: events partitioned by month (declarative range partitions on `day`, the anchor's day
// for day-precision events): the merge's lookups (merge_key and a day window, or no day) read one
// or two months and the undated rest, and old months can be detached. events_month_partition(day)
// makes the month of `day` when missing, under an advisory lock; writers call it before storing
// (PgStore::put), and this migration for the months already stored. Events without a day
// (month, year, ranges, undated) are in events_undated (the default partition). A partitioned
// table's primary key would have to include `day`, which may be NULL: ids stay unique by their
// sequence and are indexed; mentions.event_id loses its foreign key (the SQLite store has none).
constexpr const char* kSchemaV5 = R"sql(
ALTER TABLE mentions DROP CONSTRAINT IF EXISTS mentions_event_id_fkey;
DROP INDEX events_key, events_date, events_source, events_target;
ALTER TABLE events RENAME TO events_unpartitioned;
CREATE TABLE events (LIKE events_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (day);
CREATE TABLE events_undated PARTITION OF events DEFAULT;
CREATE INDEX events_id ON events(id);
CREATE INDEX events_key ON events(merge_key, day);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
CREATE FUNCTION events_month_partition(d BIGINT) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  first date := date_trunc('month', DATE '1970-01-01' + d::integer)::date;
  name text := 'events_' || to_char(first, 'YYYY_MM');
BEGIN
  PERFORM pg_advisory_xact_lock(7526173316);  -- writers making the same month wait for each other
  IF to_regclass(name) IS NULL THEN
    -- Made, then attached: ATTACH takes a lock on events that lets other writers and readers go on
    -- (CREATE ... PARTITION OF would wait for them all, and stop them meanwhile).
    EXECUTE format('CREATE TABLE %I (LIKE events INCLUDING DEFAULTS)', name);
    EXECUTE format('ALTER TABLE events ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', name,
                   first - DATE '1970-01-01', (first + interval '1 month')::date - DATE '1970-01-01');
  END IF;
END $f$;
SELECT events_month_partition(min(day)) FROM events_unpartitioned WHERE day IS NOT NULL
  GROUP BY date_trunc('month', DATE '1970-01-01' + day::integer);
INSERT INTO events SELECT * FROM events_unpartitioned;
ALTER SEQUENCE events_id_seq OWNED BY events.id;
DROP TABLE events_unpartitioned;
)sql";

// Migration i takes the schema from version i to i + 1.
constexpr const char* kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5};
static_assert(std::size(kMigrations) == kPgSchemaVersion);

// Advisory lock ids: the migration's, and 64-bit hashes of "doc:ID" and "key:MERGEKEY".
constexpr int64_t kMigrationLock = 0x7261736164;  // "rasad"

constexpr const char* kNow = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

struct Failed {
  PgError error;
};

Rows must(Connection& c, const char* sql, const Params& p = {}) {
  auto r = c.run(sql, p);
  if (!r) throw Failed{c.last_error()};
  return std::move(*r);
}

// BYTEA travels as hex text: the statements' parameters and results are text.
std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::string unhex(std::string_view text) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  for (size_t i = 0; i + 1 < text.size(); i += 2) out += static_cast<char>(nibble(text[i]) << 4 | nibble(text[i + 1]));
  return out;
}

// A bigint[] literal: {1,2,3}.
std::string int_array(const std::vector<int64_t>& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out + "}";
}

// The LSH keys of the document `num`.
void add_bands(Connection& c, int64_t num, const std::vector<int64_t>& keys) {
  if (keys.empty()) return;
  must(c, "INSERT INTO lsh(key, doc) SELECT k, $2::bigint FROM unnest($1::bigint[]) k ON CONFLICT DO NOTHING",
       Params().add(int_array(keys)).add(num));
}

// The stored document the new document `id` near-duplicates (store/sketch.h). Writers that could
// see each other as candidates share a band key: each locks its band keys (sorted, after its merge
// keys) until it commits, so the second sees the first, as a sequential ingest would, and of
// concurrent copies of one text exactly one is the original.
DuplicateLink link_duplicate(Connection& c, const std::string& id, const Sketch& sketch) {
  const auto keys = band_keys(sketch);
  if (keys.empty()) return {};
  const std::string bands = int_array(keys);
  must(c, "SELECT pg_advisory_xact_lock(l) FROM (SELECT DISTINCT hashtextextended('lsh:' || k, 0) AS l "
          "FROM unnest($1::bigint[]) k ORDER BY l) s", Params().add(bands));
  auto rows = must(c, "SELECT id, encode(sketch, 'hex'), coalesce(duplicate_of, '') FROM documents WHERE num IN "
                      "(SELECT doc FROM lsh WHERE key = ANY($1::bigint[])) ORDER BY num", Params().add(bands));
  std::vector<StoredSketch> candidates;
  for (int i = 0; i < rows.size(); ++i)
    candidates.push_back({rows.text(i, 0), Sketch::from_blob(unhex(rows.text(i, 1))), rows.text(i, 2)});
  return find_original(id, sketch, candidates);
}

void add_actor(Params& p, const code::EventActor* a) {
  // code, country, sector, person, name, role, text, start, end
  if (!a) {
    for (int i = 0; i < 9; ++i) p.null();
    return;
  }
  p.add(a->code).add(a->country).add(a->sector).add(a->person).add(a->name).add(a->role).add(a->text);
  p.add(a->span.start).add(a->span.end);
}

// `day` is the event's (nullopt for events without one): it names the event's partition, so that
// PostgreSQL plans the statements for that month alone rather than for every month.
void recount(Connection& c, int64_t event_id, std::optional<int64_t> day) {
  Params p;
  p.add(event_id);
  if (day) p.add(*day);
  const std::string row = std::string("id=$1::bigint AND ") + (day ? "day=$2::bigint" : "day IS NULL");
  must(c, ("DELETE FROM events WHERE " + row + " AND NOT EXISTS (SELECT 1 FROM mentions WHERE event_id=$1::bigint)").c_str(), p);
  must(c, (R"sql(
UPDATE events SET
  num_mentions = (SELECT count(DISTINCT doc || '#' || sentence) FROM mentions WHERE event_id=$1::bigint),
  num_articles = (SELECT count(DISTINCT coalesce(d.duplicate_of, d.id)) FROM mentions m
                  JOIN documents d ON d.id=m.doc WHERE m.event_id=$1::bigint),
  num_sources = greatest(1, (SELECT count(DISTINCT coalesce(nullif(d.source, ''), 'doc:' || d.id)) FROM mentions m
                  JOIN documents d ON d.id=m.doc WHERE m.event_id=$1::bigint AND d.duplicate_of IS NULL)),
  num_languages = (SELECT count(DISTINCT lang) FROM mentions WHERE event_id=$1::bigint),
  languages = (SELECT string_agg(lang, ',' ORDER BY lang COLLATE "C")
               FROM (SELECT DISTINCT lang FROM mentions WHERE event_id=$1::bigint) l),
  date_min = (SELECT min(date COLLATE "C") FROM mentions WHERE event_id=$1::bigint AND date<>''),
  date_max = (SELECT max(date COLLATE "C") FROM mentions WHERE event_id=$1::bigint AND date<>'')
WHERE )sql" + row).c_str(), p);
}

// Version 4 for the documents stored before it: sketches of their normalized text (without
// removing boilerplate, which needs the text layer: as the SQLite store's version 2) and their LSH
// keys, so that later copies find them; their own duplicate links stay unknown. In pages, so a
// large store is not read into memory at once.
void sketch_stored_documents(Connection& c) {
  const text::Normalizer normalizer;
  for (int64_t after = 0;;) {
    auto rows = must(c, "SELECT num, text FROM documents WHERE num > $1::bigint ORDER BY num LIMIT 500",
                     Params().add(after));
    if (rows.size() == 0) return;
    for (int i = 0; i < rows.size(); ++i) {
      after = rows.integer(i, 0);
      const Sketch sketch = make_sketch(normalizer.normalize_string(rows.text(i, 1)));
      if (sketch.empty) continue;
      must(c, "UPDATE documents SET sketch=decode($2, 'hex') WHERE num=$1::bigint",
           Params().add(after).add(hex(sketch.to_blob())));
      add_bands(c, after, band_keys(sketch));
    }
  }
}

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url) {
  auto c = Connection::open(url);
  if (!c) return Error{c.error()};
  auto s = std::unique_ptr<PgStore>(new PgStore(std::move(*c)));
  if (auto m = s->migrate(kPgSchemaVersion); !m) return Error{m.error()};
  return s;
}

Result<bool> PgStore::create_at_version_for_test(const std::string& url, int version) {
  auto c = Connection::open(url);
  if (!c) return Error{c.error()};
  PgStore s(std::move(*c));
  return s.migrate(std::min(version, kPgSchemaVersion));
}

Result<bool> PgStore::migrate(int target) {
  try {
    must(*c_, "BEGIN");
    // Workers starting together: the first migrates, the others wait here and find it done.
    must(*c_, "SELECT pg_advisory_xact_lock($1::bigint)", Params().add(kMigrationLock));
    must(*c_, "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    auto v = must(*c_, "SELECT value FROM meta WHERE key='schema_version'");
    version_ = v.size() ? static_cast<int>(v.integer(0, 0)) : 0;
    if (version_ > kPgSchemaVersion) {
      must(*c_, "ROLLBACK");
      return Error{fmt::format("PostgreSQL store has schema version {}, newer than this rasad ({}): upgrade rasad",
                               version_, kPgSchemaVersion)};
    }
    for (; version_ < target; ++version_) {
      if (!c_->exec_script(kMigrations[version_])) throw Failed{c_->last_error()};
      if (version_ == 3) sketch_stored_documents(*c_);
    }
    must(*c_, "INSERT INTO meta(key, value) VALUES('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value=excluded.value",
         Params().add(version_));
    must(*c_, "COMMIT");
    return true;
  } catch (const Failed& f) {
    c_->run("ROLLBACK");
    return Error{"PostgreSQL migration: " + f.error.message};
  }
}

Result<std::optional<std::string>> PgStore::hash_of(const std::string& id) {
  auto r = c_->run("SELECT content_hash FROM documents WHERE id=$1", Params().add(id));
  if (!r) return Error{"PostgreSQL: " + c_->last_error().message};
  std::optional<std::string> out;
  if (r->size()) out = r->text(0, 0);
  return out;
}

Result<bool> PgStore::make_months(const IngestItem& item) {
  for (const code::Event& e : item.events) {
    const auto day = facts_of(e).day;
    if (!day) continue;
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{*day}}};
    const int month = static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month()));
    if (months_.contains(month)) continue;
    // Its own transaction, before the document's, so that the month's table is attached before any
    // writer stores an event in it (else the event would go to the default partition, and the
    // month could not be attached any more).
    for (int attempt = 0; !c_->run("SELECT events_month_partition($1::bigint)", Params().add(*day)); ++attempt) {
      const PgError& err = c_->last_error();
      if (!err.retryable() || attempt >= 8)
        return Error{"PostgreSQL: making the events partition of " + e.date + ": " + err.message};
      std::this_thread::sleep_for(std::chrono::milliseconds(10 << std::min(attempt, 6)));
    }
    months_.insert(month);
  }
  return true;
}

Result<PutOutcome> PgStore::put(const IngestItem& item) {
  if (auto m = make_months(item); !m) return Error{m.error()};
  for (int attempt = 0;; ++attempt) {
    try {
      must(*c_, "BEGIN");
      const PutOutcome out = put_in_transaction(item);
      must(*c_, "COMMIT");
      return out;
    } catch (const Failed& f) {
      c_->run("ROLLBACK");
      if (!f.error.retryable() || attempt >= 8) {
        return Error{fmt::format("PostgreSQL: {}{}", f.error.message,
                                 f.error.sqlstate.empty() ? "" : " (SQLSTATE " + f.error.sqlstate + ")")};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10 << std::min(attempt, 6)));
    }
  }
}

PutOutcome PgStore::put_in_transaction(const IngestItem& item) {
  Connection& c = *c_;
  const Document& d = item.doc;
  // One writer per document id at a time.
  must(c, "SELECT pg_advisory_xact_lock(hashtextextended('doc:' || $1::text, 0))", Params().add(d.id));
  PutOutcome outcome = PutOutcome::inserted;
  int64_t num = 0;
  Sketch old_sketch;
  {
    auto q = must(c, "SELECT num, content_hash, encode(sketch, 'hex') FROM documents WHERE id=$1", Params().add(d.id));
    if (q.size()) {
      if (q.text(0, 1) == item.content_hash) return PutOutcome::unchanged;
      outcome = PutOutcome::replaced;
      num = q.integer(0, 0);
      old_sketch = Sketch::from_blob(unhex(q.text(0, 2)));
    }
  }

  // Every merge key this document reads or writes, locked in sorted order (no deadlocks among
  // writers): the keys of its new mentions, and on replacement the keys of the events it leaves.
  std::vector<MergeFacts> facts;
  std::set<std::string> keys;
  for (const code::Event& e : item.events) {
    facts.push_back(facts_of(e));
    keys.insert(facts.back().key());
  }
  std::map<int64_t, std::optional<int64_t>> touched;  // event id -> its day (recount)
  if (outcome == PutOutcome::replaced) {
    auto old = must(c, "SELECT DISTINCT e.id, e.merge_key, e.day FROM mentions m JOIN events e ON e.id=m.event_id "
                       "WHERE m.doc=$1", Params().add(d.id));
    for (int i = 0; i < old.size(); ++i) {
      touched.emplace(old.integer(i, 0), old.is_null(i, 2) ? std::nullopt : std::optional(old.integer(i, 2)));
      keys.insert(old.text(i, 1));
    }
  }
  for (const std::string& key : keys)
    must(c, "SELECT pg_advisory_xact_lock(hashtextextended('key:' || $1::text, 0))", Params().add(key));
  if (outcome == PutOutcome::replaced && !old_sketch.empty)
    must(c, "DELETE FROM lsh WHERE key = ANY($1::bigint[]) AND doc=$2::bigint",
         Params().add(int_array(band_keys(old_sketch))).add(num));
  const DuplicateLink link = link_duplicate(c, d.id, item.sketch);

  Params doc;
  doc.add(d.id).add(d.path).add(static_cast<int64_t>(d.line)).add(d.format).add(item.lang).add(item.date);
  doc.add(item.source).add(d.url).add(d.title).add(d.text).add(item.content_hash);
  // The normalized title and text as FTS5 splits them into words (the index's 'simple' parser
  // would keep punctuation outside ASCII inside words).
  doc.add(static_cast<int64_t>(item.events.size()));
  doc.add(SearchExpander::word_text(item.normalized_title)).add(SearchExpander::word_text(item.normalized_text));
  if (item.sketch.empty) doc.null(); else doc.add(hex(item.sketch.to_blob()));
  if (link.original.empty()) doc.null().null(); else doc.add(link.original).add(link.similarity);
  if (outcome == PutOutcome::replaced) {
    must(c, "DELETE FROM mentions WHERE doc=$1", Params().add(d.id));
    must(c, (std::string("UPDATE documents SET path=$2, line=$3::bigint, format=$4, lang=$5, date=$6, source=$7, url=$8, "
                         "title=$9, text=$10, content_hash=$11, n_events=$12::integer, norm_title=$13, norm_text=$14, "
                         "sketch=decode($15, 'hex'), duplicate_of=$16, similarity=$17::float8, added=") + kNow +
             " WHERE id=$1").c_str(), doc);
  } else {
    num = must(c, (std::string("INSERT INTO documents(id, path, line, format, lang, date, source, url, title, text, "
                               "content_hash, n_events, norm_title, norm_text, sketch, duplicate_of, similarity, added) "
                               "VALUES($1,$2,$3::bigint,$4,$5,$6,$7,$8,$9,$10,$11,$12::integer,$13,$14,decode($15, 'hex'),"
                               "$16,$17::float8,") + kNow + ") RETURNING num").c_str(), doc).integer(0, 0);
  }
  add_bands(c, num, band_keys(item.sketch));

  // Mentions, each joined to the best compatible event of its key or starting a new one; as in
  // Store::put (store.cpp), with the same pure rules.
  static const std::string insert_event =
      std::string(
          "INSERT INTO events(merge_key, day, plover, plover_mode, cameo, quad_class, goldstein, source_code, "
          "source_country, source_sector, source_person, source_name, target_code, target_country, target_sector, "
          "target_person, target_name, \"symmetric\", negated, date, date_precision, location_name, location_country, "
          "lat, lon, has_coordinates, issues, date_from, date_to, added) VALUES($1,$2::bigint,$3,$4,$5,$6::integer,"
          "$7::float8,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18::integer,$19::integer,$20,$21,$22,$23,$24::float8,"
          "$25::float8,$26::integer,$27,$28,$29,") + kNow + ") RETURNING id";
  static const std::string insert_mention =
      std::string(
          "INSERT INTO mentions(doc, sentence, sentence_start, sentence_end, trigger_start, trigger_end, "
          "trigger_text, lang, date, date_precision, date_origin, cameo, plover, plover_mode, goldstein, quad_class, "
          "source_code, source_country, source_sector, source_person, source_name, source_role, source_text, "
          "source_start, source_end, target_code, target_country, target_sector, target_person, target_name, "
          "target_role, target_text, target_start, target_end, location_name, location_country, lat, lon, "
          "has_coordinates, issues, negated, \"symmetric\", confidence, event_id, join_reason, date_from, date_to, added) "
          "VALUES($1,$2::integer,$3::integer,$4::integer,$5::integer,$6::integer,$7,$8,$9,$10,$11,$12,$13,$14,"
          "$15::float8,$16::integer,$17,$18,$19,$20,$21,$22,$23,$24::integer,$25::integer,$26,$27,$28,$29,$30,$31,"
          "$32,$33::integer,$34::integer,$35,$36,$37::float8,$38::float8,$39::integer,$40,$41::integer,$42::integer,"
          "$43::float8,$44::bigint,$45,$46,$47,") + kNow + ")";

  std::map<std::pair<uint32_t, std::string>, int64_t> by_sentence;
  for (size_t i = 0; i < item.events.size(); ++i) {
    const code::Event& e = item.events[i];
    const MergeFacts& f = facts[i];
    const std::string key = f.key();
    int64_t event_id = 0;
    std::optional<int64_t> event_day;
    Verdict chosen;
    if (auto it = by_sentence.find({e.sentence, key}); it != by_sentence.end()) {
      event_id = it->second;
      event_day = touched.at(event_id);
      chosen.reason = fmt::format("same sentence as another mention of this event ({}{})", f.type,
                                  e.symmetric ? ", symmetric" : "");
    } else if (!f.a.empty() && !f.b.empty()) {
      const auto window = f.day_window();
      const char* cols =
          "SELECT id, cameo, plover_mode, source_sector, source_person, target_sector, target_person, date, "
          "date_precision, day, location_country, location_name, issues, coalesce(date_from, ''), "
          "coalesce(date_to, '') FROM events ";
      Params p;
      p.add(key);
      std::string sql = cols;
      if (window) {
        sql += "WHERE merge_key=$1 AND ((day BETWEEN $2::bigint AND $3::bigint) OR day IS NULL) ORDER BY id";
        p.add(window->first).add(window->second);
      } else {
        sql += "WHERE merge_key=$1 AND day IS NULL ORDER BY id";
      }
      auto rows = must(c, sql.c_str(), p);
      for (int r = 0; r < rows.size(); ++r) {
        MergeFacts ef = f;  // same key: type, actor units, negation
        ef.cameo = rows.text(r, 1);
        ef.plover_mode = rows.text(r, 2);
        ef.a_sector = rows.text(r, 3);
        ef.a_person = rows.text(r, 4);
        ef.b_sector = rows.text(r, 5);
        ef.b_person = rows.text(r, 6);
        set_date(ef, rows.text(r, 7), rows.text(r, 8), rows.text(r, 13), rows.text(r, 14));
        ef.location_country = rows.text(r, 10);
        ef.location_name = rows.text(r, 11);
        ef.issues = split_list(rows.text(r, 12));
        Verdict v = judge(f, ef);
        if (v.join && (event_id == 0 || v.score > chosen.score)) {
          event_id = rows.integer(r, 0);
          event_day = rows.is_null(r, 9) ? std::nullopt : std::optional(rows.integer(r, 9));
          chosen = std::move(v);
        }
      }
    }
    if (event_id == 0) {
      // The event keeps the actors in key order (sorted for symmetric events).
      const code::EventActor* a = &e.source;
      const code::EventActor* b = e.target ? &*e.target : nullptr;
      if (f.swapped && b) std::swap(a, b);
      Params p;
      p.add(key).add(f.day).add(e.plover).add(e.plover_mode).add(e.cameo).add(e.quad_class).add(e.goldstein);
      p.add(a->code).add(a->country).add(f.a_sector).add(f.a_person).add(a->name);
      if (b) {
        p.add(b->code).add(b->country).add(f.b_sector).add(f.b_person).add(b->name);
      } else {
        for (int k = 0; k < 5; ++k) p.add("");
      }
      p.add(e.symmetric).add(e.negated).add(e.date).add(f.precision);
      if (e.location) {
        p.add(e.location->name).add(e.location->country).add(e.location->lat).add(e.location->lon);
        p.add(e.location->has_coordinates);
      } else {
        p.add("").add("").null().null().add(0);
      }
      p.add(join_list(e.issues)).add(f.date_from).add(f.date_to);
      event_id = must(c, insert_event.c_str(), p).integer(0, 0);
      event_day = f.day;
      chosen.reason = "first mention";
    }
    touched.emplace(event_id, event_day);
    by_sentence.emplace(std::pair{e.sentence, key}, event_id);

    Params m;
    m.add(d.id).add(e.sentence).add(e.sentence_span.start).add(e.sentence_span.end);
    m.add(e.trigger.start).add(e.trigger.end).add(e.trigger_text);
    m.add(e.lang.empty() ? item.lang : e.lang).add(e.date).add(f.precision).add(e.date_origin);
    m.add(e.cameo).add(e.plover).add(e.plover_mode).add(e.goldstein).add(e.quad_class);
    add_actor(m, &e.source);
    add_actor(m, e.target ? &*e.target : nullptr);
    if (e.location) {
      m.add(e.location->name).add(e.location->country).add(e.location->lat).add(e.location->lon);
      m.add(e.location->has_coordinates);
    } else {
      m.add("").add("").null().null().add(0);
    }
    m.add(join_list(e.issues)).add(e.negated).add(e.symmetric).add(e.confidence).add(event_id).add(chosen.reason);
    m.add(f.date_from).add(f.date_to);
    must(c, insert_mention.c_str(), m);
  }
  for (const auto& [id, day] : touched) recount(c, id, day);
  return outcome;
}

Result<Counts> PgStore::counts() {
  auto r = c_->run(
      "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL), "
      "(SELECT count(*) FROM mentions), (SELECT count(*) FROM events)");
  if (!r) return Error{"PostgreSQL: " + c_->last_error().message};
  Counts out;
  out.documents = r->integer(0, 0);
  out.duplicates = r->integer(0, 1);
  out.mentions = r->integer(0, 2);
  out.events = r->integer(0, 3);
  return out;
}

Result<Rows> PgStore::query(const std::string& sql, const std::vector<std::string>& args) {
  Params p;
  for (const auto& a : args) p.add(a);
  auto r = c_->run(numbered(sql).c_str(), p);
  if (!r) {
    const PgError& e = c_->last_error();
    return Error{"PostgreSQL: " + e.message + (e.sqlstate.empty() ? "" : " (SQLSTATE " + e.sqlstate + ")"),
                 e.timed_out() ? kInterrupted : 0};
  }
  return std::move(*r);
}

void PgStore::set_deadline(std::optional<Clock::time_point> deadline) {
  int64_t ms = 0;  // no limit
  if (deadline) {
    ms = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
    ms = std::max<int64_t>(ms, 1);
  }
  c_->run(("SET statement_timeout = " + std::to_string(ms)).c_str());
}

namespace {
// The words of a search as a tsquery: every term (AND) as any of its alternatives (OR), each a
// phrase of normalized words; the values go to `args`.
std::string tsquery_sql(const std::vector<QueryTerm>& terms, std::vector<std::string>& args) {
  std::string sql;
  for (const auto& t : terms) {
    std::string any;
    for (const auto& alt : t.alternatives) {
      any += (any.empty() ? "" : " || ") + std::string("phraseto_tsquery('simple', ?)");
      args.push_back(SearchExpander::word_text(alt));
    }
    if (!any.empty()) sql += (sql.empty() ? "(" : " && (") + any + ")";
  }
  return sql;
}
}  // namespace

std::string PgStore::where(const EventQuery& q, std::vector<std::string>& args) const {
  std::string sql = event_filter_sql(q, args);
  if (!q.text.empty())
    sql += " AND e.id IN (SELECT m.event_id FROM mentions m JOIN documents d ON d.id=m.doc WHERE d.fts @@ (" +
           tsquery_sql(q.text, args) + "))";
  return sql;
}

namespace {
// Row `i` of `r` as event_row() reads a row.
struct RowAt {
  const Rows& r;
  int i;
  std::string text(int col) const { return r.text(i, col); }
  int64_t integer(int col) const { return r.integer(i, col); }
  double real(int col) const { return r.real(i, col); }
  bool is_null(int col) const { return r.is_null(i, col); }
};
}  // namespace

Result<std::vector<EventRow>> PgStore::events(const EventQuery& q) {
  std::vector<std::string> args;
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events e WHERE TRUE";
  sql += where(q, args) + after_sql(q, args) + " ORDER BY " + order_sql(q, false);
  if (q.limit >= 0) sql += " LIMIT " + std::to_string(q.limit);
  auto r = query(sql, args);
  if (!r) return Error{r.error(), r.error_code()};
  std::vector<EventRow> out;
  for (int i = 0; i < r->size(); ++i) out.push_back(event_row(RowAt{*r, i}));
  return out;
}

Result<std::vector<int64_t>> PgStore::events_of_document(const std::string& doc) {
  auto r = query("SELECT DISTINCT event_id FROM mentions WHERE doc=? ORDER BY event_id", {doc});
  if (!r) return Error{r.error(), r.error_code()};
  std::vector<int64_t> out;
  for (int i = 0; i < r->size(); ++i) out.push_back(r->integer(i, 0));
  return out;
}

Result<std::vector<DyadRow>> PgStore::top_dyads(const EventQuery& q, int64_t limit) {
  std::vector<std::string> args;
  auto r = query(dyads_sql(where(q, args), limit), args);
  if (!r) return Error{r.error(), r.error_code()};
  std::vector<DyadRow> out;
  for (int i = 0; i < r->size(); ++i) out.push_back({r->text(i, 0), r->text(i, 1), r->integer(i, 2), r->integer(i, 3)});
  return out;
}

Result<std::vector<PlaceRow>> PgStore::places(const EventQuery& q, int64_t& without_coordinates) {
  std::vector<std::string> args;
  const std::string w = where(q, args);
  auto r = query(places_sql(w, "string_agg(DISTINCT e.location_name, ',')"), args);
  if (!r) return Error{r.error(), r.error_code()};
  std::vector<PlaceRow> out;
  for (int i = 0; i < r->size(); ++i)
    out.push_back({r->real(i, 0), r->real(i, 1), r->integer(i, 2), r->text(i, 3), r->text(i, 4)});
  auto rest = query(without_coordinates_sql(w), args);
  if (!rest) return Error{rest.error(), rest.error_code()};
  without_coordinates = rest->integer(0, 0);
  return out;
}

Result<bool> PgStore::each_actor_pair(const std::function<void(const std::string&, const std::string&)>& f) {
  auto r = query("SELECT source_code, target_code FROM events", {});
  if (!r) return Error{r.error(), r.error_code()};
  for (int i = 0; i < r->size(); ++i) f(r->text(i, 0), r->text(i, 1));
  return true;
}

Result<std::unordered_map<std::string, int64_t>> PgStore::person_counts(const std::vector<std::string>& ids) {
  std::vector<std::string> args(ids);
  args.insert(args.end(), ids.begin(), ids.end());
  auto r = query(person_counts_sql(ids.size()), args);
  if (!r) return Error{r.error(), r.error_code()};
  std::unordered_map<std::string, int64_t> counts;
  for (int i = 0; i < r->size(); ++i) counts[r->text(i, 0)] = r->integer(i, 1);
  return counts;
}

Result<std::vector<SearchHit>> PgStore::search(const std::vector<QueryTerm>& terms, int limit) {
  std::vector<std::string> args;
  const std::string tsq = tsquery_sql(terms, args);
  if (tsq.empty()) return Error{"the query has no words"};
  // ts_rank grows with relevance; the hits' rank is negated so that, as SQLite's bm25, lower is better.
  auto r = query("SELECT d.id, coalesce(d.title, ''), coalesce(d.lang, ''), coalesce(d.date, ''), "
                 "coalesce(d.duplicate_of, ''), -ts_rank(d.fts, t.q) AS r FROM documents d, (SELECT " + tsq +
                 " AS q) t WHERE d.fts @@ t.q ORDER BY r, d.num LIMIT " + std::to_string(std::max(limit, 0)), args);
  if (!r) return Error{r.error(), r.error_code()};
  std::vector<SearchHit> out;
  for (int i = 0; i < r->size(); ++i) {
    SearchHit h{r->text(i, 0), r->text(i, 1), r->text(i, 2), r->text(i, 3), r->text(i, 4), r->real(i, 5), {}};
    auto ev = events_of_document(h.doc);
    if (!ev) return Error{ev.error(), ev.error_code()};
    h.events = std::move(*ev);
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::vector<MentionRow>> PgStore::mention_rows(const std::vector<int64_t>& event_ids) {
  std::vector<std::string> args;
  for (int64_t id : event_ids) args.push_back(std::to_string(id));
  auto r = query(mentions_sql(event_ids.size()), args);
  if (!r) return Error{r.error(), r.error_code()};
  std::vector<MentionRow> out;
  for (int i = 0; i < r->size(); ++i) out.push_back(mention_row(RowAt{*r, i}));
  return out;
}

Result<std::unordered_map<std::string, std::string>> PgStore::document_texts(const std::vector<std::string>& ids) {
  auto r = query(document_texts_sql(ids.size()), ids);
  if (!r) return Error{r.error(), r.error_code()};
  std::unordered_map<std::string, std::string> out;
  for (int i = 0; i < r->size(); ++i) out.emplace(r->text(i, 0), r->text(i, 1));
  return out;
}

}  // namespace rasad::store::pg
