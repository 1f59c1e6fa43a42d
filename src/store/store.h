#pragma once
// rasad's embedded event store: one SQLite file (WAL) holding documents, the events coded from them
// (mentions) and the merged real-world events. Schema, versions and merge rules: docs/STORE.md.
// One Store is one connection: use it from one thread. Any number of read-only Stores may read
// while one writer writes.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "code/event.h"
#include "core/document.h"
#include "core/result.h"
#include "store/sketch.h"
#include "text/normalize.h"

namespace rasad::store {

class Db;

inline constexpr int kSchemaVersion = 3;

// One document ready to store: the document, what the text layer and coder made of it.
struct IngestItem {
  Document doc;
  std::string lang;    // the language it was processed as
  std::string date;    // the document date (ISO, any precision), "" when unknown
  std::string source;  // outlet: Document::source, else the attribution the text layer found
  std::string content_hash;      // content_hash(doc, options) of what was coded
  std::string normalized_title;  // text::Normalizer output, for full-text search
  std::string normalized_text;
  Sketch sketch;                 // of the normalized text minus boilerplate
  std::vector<code::Event> events;
};

// A stable hash of everything that decides the coding of `doc`: text, metadata, and `options`
// (e.g. --date/--lang given on the command line). Hex, 16 digits.
std::string content_hash(const Document& doc, const std::string& options);

enum class PutOutcome { inserted, unchanged, replaced };

struct Counts {
  int64_t documents = 0, duplicates = 0, mentions = 0, events = 0;
  friend bool operator==(const Counts&, const Counts&) = default;
};

// How a --from/--to period treats events that no report dates, known only by an inferred range
// (docs/STORE.md, Queries): left out (default), or kept when the range overlaps the period or lies
// within it.
enum class RangedMatch { exclude, overlap, within };

struct EventQuery {
  std::string dyad_a, dyad_b;  // actor code prefixes; either direction
  std::string actor;           // prefix of source or target code
  // Person ids: some report of the event names one of them as source or target (side: as that
  // role). Filled by `person` (store/filters.h) and by an `actor` that names people, not a code.
  std::vector<std::string> person_ids;
  std::string side;            // "source" / "target": actor, person and dyad A on that side only; "" either
  std::string type;            // PLOVER type
  std::string cameo;           // CAMEO code prefix
  std::string from, to;        // ISO dates, inclusive
  std::string lang;            // at least one mention in this language
  RangedMatch ranged = RangedMatch::exclude;  // with from/to: events known only by an inferred range
  std::optional<int64_t> id;
  int64_t limit = -1;
};

struct EventRow {
  int64_t id = 0;
  std::string plover, plover_mode, cameo;
  int quad_class = 0;
  double goldstein = 0;
  std::string source_code, source_country, source_sector, source_name;
  std::string target_code, target_country, target_sector, target_name;
  bool symmetric = false, negated = false;
  std::string date, date_precision, date_min, date_max;
  std::string location_name, location_country;
  double lat = 0, lon = 0;
  bool has_coordinates = false;
  std::string issues;  // comma-separated
  int64_t num_mentions = 0, num_sources = 0, num_articles = 0, num_languages = 0;
  std::string languages;  // comma-separated, sorted
  std::string first_seen;  // when the first mention was stored (UTC, ISO)
  std::string source_person, target_person;  // person ids, "" when not a person
  std::string date_from, date_to;  // precision "range": the anchor's inferred range (date_to "" open)
};

struct MentionRow {
  int64_t id = 0, event_id = 0;
  std::string doc, lang, url, source, duplicate_of;
  uint32_t sentence = 0;
  Span sentence_span, trigger, source_span, target_span;
  std::string sentence_text, trigger_text;
  std::string cameo, plover, source_code, target_code, source_person, target_person;
  std::string date, date_precision, location_name, issues;
  bool negated = false, symmetric = false;
  double confidence = 0;
  std::string join_reason;
  std::string added;
  // Code point offsets into the document text (GDELT counts characters), and its length.
  int64_t source_char = 0, target_char = -1, trigger_char = 0, doc_chars = 0;
  std::string doc_date;   // the document's (publication) date, ISO at its precision, "" unknown
  std::string doc_added;  // when the document was stored (UTC, "YYYY-MM-DD HH:MM:SS")
  std::string date_from, date_to;  // precision "range": the inferred range
};

struct TimelineRow {
  std::string period;  // "2024-03-19", "2024-W12", "2024-03"
  std::string plover;  // or "CAMEO" + root when PLOVER has none
  int64_t events = 0, mentions = 0;
  double goldstein = 0;  // sum over events
};

// Periods of `rows` by day|week|month; events whose date is too coarse for the period are counted
// in `undated`.
class Stmt;
// The columns of the events table (alias `e`) in the order read_event_row() reads them, for
// queries that select events their own way (the HTTP API's keyset pages) and for Store::events.
extern const char* const kEventColumns;
EventRow read_event_row(const Stmt& s);
// The WHERE conditions of `q`'s filters over the events table (alias `e`), each starting with
// " AND ", with their `?` values appended to `args` in order (q.id and q.limit are not read). The
// one place a filter becomes SQL: Store::events (the command line, exports, GDELT) and every
// endpoint of the HTTP API (events, timeline, dyads, places, downloads) read it.
std::string event_filter_sql(const EventQuery& q, std::vector<std::string>& args);

// Parts of event_filter_sql, each one condition over `e` ("" when the query has none), their
// arguments appended to `args`: the period (from/to, with `ranged`) and the people (person_ids,
// with `side`).
std::string date_condition(const EventQuery& q, std::vector<std::string>& args);
std::string person_condition(const EventQuery& q, std::vector<std::string>& args);

// How an event's date reads: "2024-03-19", "2024-03", or for an inferred range "2013–2021"
// (years), "2021-03–2021-08" (months within one year), "2021–" (open); "" when undated.
std::string date_label(const EventRow& e);

std::vector<TimelineRow> timeline(const std::vector<EventRow>& rows, const std::string& by, int64_t& undated);

struct SearchHit {
  std::string doc, title, lang, date, duplicate_of;
  double rank = 0;
  std::vector<int64_t> events;
};

class Store {
 public:
  // Opens (creating when missing and not read-only) and migrates to kSchemaVersion. A read-only open
  // of an older schema fails, asking for a writable open.
  static Result<std::unique_ptr<Store>> open(const std::string& path, bool read_only = false);
  ~Store();

  int schema_version() const;
  Result<bool> begin();
  Result<bool> commit();
  void rollback();

  // The stored content hash of document `id`, if stored.
  Result<std::optional<std::string>> hash_of(const std::string& id);
  // Stores one document with its events; call between begin() and commit().
  Result<PutOutcome> put(const IngestItem& item);

  Counts counts();
  Result<std::vector<EventRow>> events(const EventQuery& q);
  Result<std::vector<MentionRow>> mentions(int64_t event_id);
  // `fts_query` is FTS5 syntax over normalized text (see SearchExpander).
  Result<std::vector<SearchHit>> search(const std::string& fts_query, int limit);
  Result<std::string> integrity_check();
  Db& db() { return *db_; }

  // Creates the layout of an earlier `version` in an empty database (for migration tests).
  static Result<bool> create_at_version_for_test(const std::string& path, int version);
  static Result<bool> create_v1_for_test(const std::string& path) { return create_at_version_for_test(path, 1); }

 private:
  explicit Store(std::unique_ptr<Db> db);
  void migrate(bool read_only);
  int stored_version();
  void check_version(bool read_only) const;
  void migrate_step();  // from version_ to version_ + 1, inside the caller's transaction
  void rollback_open_transaction();  // never throws
  void recount(int64_t event_id);
  Result<PutOutcome> put_in_savepoint(const IngestItem& item);
  std::set<int64_t> dirty_;  // events whose counts are recomputed at commit()

  std::unique_ptr<Db> db_;
  text::Normalizer normalizer_;  // for migrations that index older documents
  int version_ = 0;
};

}  // namespace rasad::store
