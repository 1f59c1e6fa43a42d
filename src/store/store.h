#pragma once
// The event store: documents, the events coded from them (mentions) and the merged real-world
// events (docs/STORE.md), behind one interface with two implementations: one SQLite file
// (store/sqlite_store.h, the default) and a shared PostgreSQL database (store/pg/pg_store.h,
// docs/SCALING.md). store/open.h chooses by the --db text. Every query returns a Result; an error
// keeps the store's result code (Error::code, kInterrupted for a query past its deadline).
// One Store is one connection: use it from one thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "code/event.h"
#include "core/document.h"
#include "core/result.h"
#include "store/search.h"
#include "store/sketch.h"
#include "text/normalize.h"

namespace rasad::store {

// Error::code of a query stopped at its deadline (SQLite's SQLITE_INTERRUPT; PostgreSQL's
// statement timeout is mapped to it).
inline constexpr int kInterrupted = 9;

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

// Events no report dates (no date_min, no date): as the period decides (left out by from/to, kept
// otherwise), also kept besides the period's events, left out, or only they (the API's `undated`
// = "", 1, 0, only; with `only` the period applies only with `ranged`).
enum class Undated { as_period, also, exclude, only };

enum class EventOrder {
  first_report,  // coalesce(date_min, date), id: the command line, exports, timelines
  date,          // date, id: the API's pages, resumed with EventQuery::after
};

// Where a keyset page resumes: after the event with this date and id (EventOrder::date).
struct EventCursor {
  std::string date;
  int64_t id = 0;
};

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
  Undated undated = Undated::as_period;
  // Full text: some document reporting the event matches every term (SearchExpander::terms).
  std::vector<QueryTerm> text;
  std::vector<int64_t> ids;  // only these events (empty: no such filter)
  EventOrder order = EventOrder::first_report;
  std::optional<EventCursor> after;  // with EventOrder::date
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

// How an event's date reads: "2024-03-19", "2024-03", or for an inferred range "2013–2021"
// (years), "2021-03–2021-08" (months within one year), "2021–" (open); "" when undated.
std::string date_label(const EventRow& e);

// Periods of `rows` by day|week|month; events whose date is too coarse for the period are counted
// in `undated`.
std::vector<TimelineRow> timeline(const std::vector<EventRow>& rows, const std::string& by, int64_t& undated);

struct SearchHit {
  std::string doc, title, lang, date, duplicate_of;
  double rank = 0;
  std::vector<int64_t> events;
};

// A country pair (a < b) and its events among a query's: the API's dyads.
struct DyadRow {
  std::string a, b;
  int64_t events = 0, a_to_b = 0;
};

// A point of the map: events at rounded coordinates, the names they give the place.
struct PlaceRow {
  double lat = 0, lon = 0;
  int64_t events = 0;
  std::string names;  // comma-separated
  std::string country;
};

class Store {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~Store() = default;

  virtual int schema_version() const = 0;
  // False once the connection is lost for good (a PostgreSQL restart): open the store again.
  virtual bool connected() const { return true; }

  // Writing. put() stores one document with its events, between begin() and commit() (the
  // PostgreSQL store commits every document on its own; there begin() and commit() only bracket).
  virtual Result<bool> begin() = 0;
  virtual Result<bool> commit() = 0;
  virtual void rollback() = 0;
  virtual Result<PutOutcome> put(const IngestItem& item) = 0;
  // The stored content hash of document `id`, if stored.
  virtual Result<std::optional<std::string>> hash_of(const std::string& id) = 0;

  // Queries stop with kInterrupted once `deadline` has passed (none: no limit).
  virtual void set_deadline(std::optional<Clock::time_point> deadline) = 0;
  virtual Result<Counts> counts() = 0;
  // The events `q` selects, in q.order, at most q.limit.
  virtual Result<std::vector<EventRow>> events(const EventQuery& q) = 0;
  Result<std::optional<EventRow>> event(int64_t id);
  // The events of `ids` that exist, by id: a few queries however many ids (on a PostgreSQL store
  // partitioned by month, a lookup by id visits every month).
  Result<std::vector<EventRow>> events_by_id(const std::vector<int64_t>& ids);
  // The mentions of each of `event_ids` (out[i] those of event_ids[i]), by mention id. A few
  // queries however many events (on PostgreSQL each is a round trip): exports read a page at once.
  Result<std::vector<std::vector<MentionRow>>> mentions(const std::vector<int64_t>& event_ids);
  Result<std::vector<MentionRow>> mentions(int64_t event_id);
  // The events a document's mentions belong to, by id.
  virtual Result<std::vector<int64_t>> events_of_document(const std::string& doc) = 0;
  // The country pairs with most events among those `q` selects (either direction), at most `limit`.
  virtual Result<std::vector<DyadRow>> top_dyads(const EventQuery& q, int64_t limit) = 0;
  // The places with coordinates of the events `q` selects (at most 1000), and how many have none.
  virtual Result<std::vector<PlaceRow>> places(const EventQuery& q, int64_t& without_coordinates) = 0;
  // For each actor code, the events with it (or a longer code it starts) as source or target; for
  // each person id, the events some report of which names them: as `--actor`/`--person` count.
  Result<std::unordered_map<std::string, int64_t>> actor_counts(const std::vector<std::string>& codes,
                                                                const std::vector<std::string>& people);
  // `q`'s events per period (store::timeline).
  Result<std::vector<TimelineRow>> timeline(const EventQuery& q, const std::string& by, int64_t& undated,
                                            int64_t* events = nullptr);
  // Documents matching every term (normalized text), best first, with their events.
  virtual Result<std::vector<SearchHit>> search(const std::vector<QueryTerm>& terms, int limit) = 0;

 protected:
  // Calls `f` with the source and target code of every event.
  virtual Result<bool> each_actor_pair(const std::function<void(const std::string&, const std::string&)>& f) = 0;
  virtual Result<std::unordered_map<std::string, int64_t>> person_counts(const std::vector<std::string>& ids) = 0;
  // The rows of mentions_sql() (store/query_sql.h) for these events, read by mention_row(): what
  // comes from the document's text is left for mentions() to slice.
  virtual Result<std::vector<MentionRow>> mention_rows(const std::vector<int64_t>& event_ids) = 0;
  // The text of each stored document of `ids` (document_texts_sql()).
  virtual Result<std::unordered_map<std::string, std::string>> document_texts(const std::vector<std::string>& ids) = 0;
};

}  // namespace rasad::store
