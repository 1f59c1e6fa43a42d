#include "serve/api.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "code/event_io.h"
#include "ingest/prepare.h"
#include "io/jsonl.h"
#include "serve/body.h"
#include "store/event_csv.h"
#include "store/filters.h"
#include "store/merge.h"
#include "store/open.h"
#include "text/pipeline.h"

namespace rasad::serve {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string param(const Params& p, const std::string& name) {
  auto it = p.find(name);
  return it == p.end() ? "" : it->second;
}

std::optional<int64_t> to_int(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

json span_json(const Span& s) { return json::array({s.start, s.end}); }

const char* quad_name(int q) {
  switch (q) {
    case 1: return "verbal_cooperation";
    case 2: return "material_cooperation";
    case 3: return "verbal_conflict";
    case 4: return "material_conflict";
    default: return "unknown";
  }
}

// The person holding an actor's role, when the coder named one: id and display name.
void add_person(json& actor, const std::string& id, const kb::KnowledgeBase* kb) {
  if (id.empty()) return;
  actor["person"] = id;
  const kb::Person* p = kb ? kb->person(id) : nullptr;
  actor["person_name"] = p && !p->display.empty() ? p->display : id;
}

// [first, last] of an inferred range (last null when open), null for any other precision.
json date_range_json(const std::string& precision, const std::string& from, const std::string& to) {
  if (precision != "range") return nullptr;
  return json::array({from, to.empty() ? json(nullptr) : json(to)});
}

json event_json(const store::EventRow& e, const kb::KnowledgeBase* kb) {
  json j = {{"id", e.id},
            {"date", e.date},
            {"date_precision", e.date_precision},
            {"date_min", e.date_min},
            {"date_max", e.date_max},
            // An undated event's inferred range, and how the page shows it: "undated, inferred 2013–2021".
            {"date_range", date_range_json(e.date_precision, e.date_from, e.date_to)},
            {"date_label", e.date_precision == "range" ? "undated, inferred " + store::date_label(e)
                           : e.date.empty() ? std::string("undated") : e.date},
            {"plover", e.plover},
            {"plover_mode", e.plover_mode},
            {"cameo", e.cameo},
            {"quad_class", e.quad_class},
            {"goldstein", e.goldstein},
            {"source", {{"code", e.source_code}, {"country", e.source_country}, {"sector", e.source_sector}, {"name", e.source_name}}},
            {"target", {{"code", e.target_code}, {"country", e.target_country}, {"sector", e.target_sector}, {"name", e.target_name}}},
            {"symmetric", e.symmetric},
            {"negated", e.negated},
            {"issues", store::split_list(e.issues)},
            {"num_mentions", e.num_mentions},
            {"num_sources", e.num_sources},
            {"num_articles", e.num_articles},
            {"num_languages", e.num_languages},
            {"languages", store::split_list(e.languages)}};
  add_person(j["source"], e.source_person, kb);
  add_person(j["target"], e.target_person, kb);
  if (!e.location_name.empty() || !e.location_country.empty()) {
    j["location"] = {{"name", e.location_name}, {"country", e.location_country}};
    if (e.has_coordinates) j["location"]["lat"] = e.lat, j["location"]["lon"] = e.lon;
  }
  return j;
}

// Spans are UTF-8 byte offsets into the document text; `text` is the sentence, i.e. the bytes of
// `sentence_span`, so a span relative to the sentence is span - sentence_span[0].
json mention_json(const store::MentionRow& m) {
  json j = {{"id", m.id},
            {"doc", m.doc},
            {"sentence", m.sentence},
            {"lang", m.lang},
            {"dir", m.lang == "ar" || m.lang == "fa" ? "rtl" : "ltr"},
            {"text", m.sentence_text},
            {"sentence_span", span_json(m.sentence_span)},
            {"source_span", span_json(m.source_span)},
            {"trigger_span", span_json(m.trigger)},
            {"target_span", m.target_char >= 0 ? span_json(m.target_span) : json(nullptr)},
            {"trigger_text", m.trigger_text},
            {"source_code", m.source_code},
            {"target_code", m.target_code},
            {"cameo", m.cameo},
            {"plover", m.plover},
            {"date", m.date},
            {"date_precision", m.date_precision},
            {"date_range", date_range_json(m.date_precision, m.date_from, m.date_to)},
            {"outlet", m.source},
            {"url", m.url},
            {"negated", m.negated},
            {"confidence", m.confidence},
            {"join_reason", m.join_reason}};
  if (!m.duplicate_of.empty()) j["duplicate_of"] = m.duplicate_of;
  // The people this report names (person ids): what person= and actor=NAME match.
  if (!m.source_person.empty()) j["source_person"] = m.source_person;
  if (!m.target_person.empty()) j["target_person"] = m.target_person;
  return j;
}

// The filters /api/events and /api/timeline share with the command line (store/filters.h).
store::FilterText filter_text(const Params& p) {
  return {param(p, "dyad"), param(p, "actor"),  param(p, "type"),   param(p, "cameo"), param(p, "from"),
          param(p, "to"),   param(p, "lang"),   param(p, "person"), param(p, "side"),  param(p, "ranged")};
}

// The reply to a failed store query: over its time limit, or the store's own failure.
Reply store_failure(const std::string& error, int code) {
  if (code == store::kInterrupted) return Reply::error(503, "the query took longer than the time limit");
  return Reply::error(500, error);
}

}  // namespace

Reply Reply::error(int status, std::string message) {
  return Reply{status, json{{"error", {{"status", status}, {"message", std::move(message)}}}}};
}

std::string encode_cursor(const Cursor& c) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char ch : c.key) out += hex[ch >> 4], out += hex[ch & 15];
  return out + "." + std::to_string(c.id);
}

Result<Cursor> decode_cursor(const std::string& s) {
  const auto dot = s.find('.');
  if (dot == std::string::npos || dot % 2 != 0 || dot > 64) return Error{"malformed cursor"};
  Cursor c;
  auto nibble = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < dot; i += 2) {
    const int hi = nibble(s[i]), lo = nibble(s[i + 1]);
    if (hi < 0 || lo < 0) return Error{"malformed cursor"};
    c.key += static_cast<char>(hi * 16 + lo);
  }
  auto id = to_int(std::string_view(s).substr(dot + 1));
  if (!id || *id < 0) return Error{"malformed cursor"};
  c.id = *id;
  return c;
}

// Read-only connections, one per concurrent request, created on demand and kept. A statement that
// runs past the request's deadline is interrupted (Store::set_deadline).
class Api::Pool {
 public:
  struct Conn {
    std::unique_ptr<store::Store> store;
  };
  class Lease {
   public:
    Lease(Pool& p, std::unique_ptr<Conn> c) : pool_(p), c_(std::move(c)) {}
    ~Lease() { pool_.give_back(std::move(c_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Store& store() { return *c_->store; }

   private:
    Pool& pool_;
    std::unique_ptr<Conn> c_;
  };

  Pool(std::string path, std::chrono::milliseconds budget) : path_(std::move(path)), budget_(budget) {}

  Result<std::unique_ptr<Lease>> lease() {
    const auto deadline = Clock::now() + budget_;
    // A kept connection the server dropped (a PostgreSQL restart) fails setting the deadline and
    // is let go: the request gets a new one.
    while (auto c = take()) {
      c->store->set_deadline(deadline);
      if (c->store->connected()) return std::make_unique<Lease>(*this, std::move(c));
    }
    auto s = store::open_store(path_, store::Access::read);
    if (!s) return Error{s.error()};
    auto c = std::make_unique<Conn>();
    c->store = std::move(*s);
    c->store->set_deadline(deadline);
    return std::make_unique<Lease>(*this, std::move(c));
  }


 private:
  std::unique_ptr<Conn> take() {
    std::lock_guard lock(m_);
    if (free_.empty()) return nullptr;
    auto c = std::move(free_.back());
    free_.pop_back();
    return c;
  }
  void give_back(std::unique_ptr<Conn> c) {
    std::lock_guard lock(m_);
    free_.push_back(std::move(c));
  }

  std::string path_;
  std::chrono::milliseconds budget_;
  std::mutex m_;
  std::vector<std::unique_ptr<Conn>> free_;
};

struct Api::Coding {
  std::unique_ptr<ingest::Preparer> preparer;  // as `rasad ingest` without --date/--lang
  std::mutex write;  // one ingest writes at a time; readers are not blocked (WAL)
  std::unique_ptr<store::Store> writer;
};

Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::create(const std::string& db, const std::string& data_dir, bool allow_ingest,
                                         Limits limits) {
  std::unique_ptr<Api> api(new Api());
  api->db_path_ = db;
  api->limits_ = limits;
  std::vector<Diagnostic> problems;
  if (allow_ingest) {
    // The writer opens first: it creates a missing store and migrates an older one.
    auto writer = store::open_store(db, store::Access::write);
    if (!writer) return Error{writer.error()};
    auto resources = code::CodingResources::load(data_dir, problems);
    if (!resources) return Error{"cannot load the coder: " + resources.error()};
    auto preparer = ingest::Preparer::create(*resources, ingest::Options{});
    if (!preparer) return Error{preparer.error()};
    auto c = std::make_unique<Coding>();
    c->preparer = std::move(*preparer);
    c->writer = std::move(*writer);
    api->kb_ = c->preparer->resources().kb;
    api->coding_ = std::move(c);
  } else {
    auto kb = kb::KnowledgeBase::load(data_dir, problems);
    if (kb) api->kb_ = *kb;  // without it actor search is empty and full-text search is plain
  }
  api->expander_ = std::make_unique<store::SearchExpander>(api->kb_);
  api->pool_ = std::make_unique<Pool>(db, limits.query_time);
  // Fail at start rather than on the first request when the store cannot be read.
  auto probe = api->pool_->lease();
  if (!probe) return Error{probe.error()};
  return api;
}

Reply Api::handle(const std::string& method, const std::string& path, const Params& params, const std::string& body) {
  try {
    const bool get = method == "GET" || method == "HEAD";
    auto only = [&](bool ok, auto&& f) -> Reply {
      return ok ? f() : Reply::error(405, "method " + method + " is not allowed on " + path);
    };
    if (path == "/healthz") return only(get, [&] { return health(); });
    if (path == "/api/events") return only(get, [&] { return events(params); });
    if (path.rfind("/api/events/", 0) == 0) return only(get, [&] { return event(path.substr(12)); });
    if (path == "/api/timeline") return only(get, [&] { return timeline(params); });
    if (path == "/api/actors") return only(get, [&] { return actors(params); });
    if (path == "/api/dyads") return only(get, [&] { return dyads(params); });
    if (path == "/api/search") return only(get, [&] { return search(params); });
    if (path == "/api/vocabulary") return only(get, [&] { return vocabulary(); });
    if (path == "/api/places") return only(get, [&] { return places(params); });
    if (path == "/api/documents") return only(method == "POST", [&] { return documents(body); });
    return Reply::error(404, "no such endpoint: " + path);
  } catch (const std::exception& e) {
    return Reply::error(500, std::string("internal error: ") + e.what());
  }
}

Reply Api::health() {
  auto lease = pool_->lease();
  if (!lease) return Reply::error(503, lease.error());
  auto counts = (*lease)->store().counts();
  if (!counts) return store_failure(counts.error(), counts.error_code());
  const store::Counts& c = *counts;
  return Reply{200, json{{"status", "ok"},
                         {"schema_version", (*lease)->store().schema_version()},
                         {"documents", c.documents},
                         {"mentions", c.mentions},
                         {"events", c.events},
                         {"ingest", ingest_allowed()}}};
}

struct Api::View {
  store::EventQuery q;            // the filters, as the store takes them
  json filters = json::object();  // the filters as read, for the answer
};

// Filters as `rasad events` (store/filters.h), plus `text` (full-text search over the documents
// reporting an event) and `undated` (0 = dated events only,
// 1 = with from/to, keep the undated events too, only = only them; not given: from/to leave the
// undated events out, except, with ranged=overlap|within, those whose inferred range meets them).
Result<Api::View> Api::view(const Params& p) const {
  auto checked = store::parse_filters(filter_text(p), kb_.get(), "");
  if (!checked) return Error{checked.error()};
  View v;
  store::EventQuery& q = v.q;
  q = *checked;
  const std::string undated = param(p, "undated");
  if (!undated.empty() && undated != "0" && undated != "1" && undated != "only")
    return Error{"undated wants 0, 1 or only, got '" + undated + "'"};
  // from/to compare with the event's dates (and with ranged, an undated event's inferred range);
  // undated=1 keeps the events without a date as well (the seeds' reports often give none),
  // undated=only keeps only those: all of them, or with ranged those whose range meets the period.
  const bool ranged = q.ranged != store::RangedMatch::exclude && (!q.from.empty() || !q.to.empty());
  if (undated == "only") {
    q.undated = store::Undated::only;
    v.filters["undated"] = "only";
  } else if (undated == "1") {
    q.undated = store::Undated::also;
    if (!q.from.empty() || !q.to.empty()) v.filters["undated"] = true;
  } else if (undated == "0") {  // also without from/to: the dated events only
    q.undated = store::Undated::exclude;
    v.filters["undated"] = false;
  }
  if (ranged) v.filters["ranged"] = q.ranged == store::RangedMatch::overlap ? "overlap" : "within";
  if (!q.dyad_a.empty()) v.filters["dyad"] = q.dyad_a + "-" + q.dyad_b;
  if (!q.actor.empty()) v.filters["actor"] = q.actor;
  if (!q.person_ids.empty()) v.filters["person"] = q.person_ids;
  if (!q.side.empty()) v.filters["side"] = q.side;
  for (const auto& [k, val] : {std::pair{"type", q.type}, {"cameo", q.cameo}, {"from", q.from}, {"to", q.to}, {"lang", q.lang}})
    if (!val.empty()) v.filters[k] = val;
  if (auto text = param(p, "text"); !text.empty()) {
    if (text.size() > 1000) return Error{"text is too long"};
    q.text = expander_->terms(text);
    if (store::SearchExpander::fts_query(q.text).empty()) return Error{"text has no words to search for"};
    v.filters["text"] = text;
  }
  return v;
}

std::optional<Reply> Api::query_view(const View& v, const std::function<Result<bool>(store::Store&)>& body) {
  auto lease = pool_->lease();
  if (!lease) return Reply::error(503, lease.error());
  auto r = body((*lease)->store());
  if (r) return std::nullopt;
  if (r.error_code() != store::kInterrupted && v.filters.contains("text"))
    return Reply::error(400, "bad text query: " + r.error());
  return store_failure(r.error(), r.error_code());
}

std::optional<Reply> Api::read_view(const View& v, store::EventOrder order, int64_t max, const std::string& too_many,
                                    std::vector<store::EventRow>& rows) {
  store::EventQuery q = v.q;
  q.order = order;
  q.limit = max + 1;
  auto error = query_view(v, [&](store::Store& s) -> Result<bool> {
    auto r = s.events(q);
    if (!r) return Error{r.error(), r.error_code()};
    rows = std::move(*r);
    return true;
  });
  if (error) return error;
  if (static_cast<int64_t>(rows.size()) > max)
    return Reply::error(413, "more than " + std::to_string(max) + " " + too_many);
  return std::nullopt;
}

Reply Api::events(const Params& p) {
  // Pages are in the order of the event's date (its first report's), then id: the order of the
  // store's events_date index (date, rowid), so an unfiltered page reads 50 index entries.
  auto checked = view(p);
  if (!checked) return Reply::error(400, checked.error());
  View& v = *checked;
  if (auto format = param(p, "format"); !format.empty() && format != "json") {
    if (format != "csv" && format != "jsonl") return Reply::error(400, "format wants json, csv or jsonl, got '" + format + "'");
    return download(v, format);
  }
  int64_t limit = limits_.page_default;
  if (auto l = param(p, "limit"); !l.empty()) {
    auto n = to_int(l);
    if (!n || *n < 1) return Reply::error(400, "limit wants a positive integer, got '" + l + "'");
    limit = std::min(*n, limits_.page_max);
  }
  // Keyset pagination on (date, id): a cursor keeps pointing at the same place while new events
  // are stored, so pages neither repeat nor skip the events that were there.
  if (auto c = param(p, "cursor"); !c.empty()) {
    auto cur = decode_cursor(c);
    if (!cur) return Reply::error(400, cur.error());
    v.q.after = store::EventCursor{cur->key, cur->id};
  }
  std::vector<store::EventRow> page;
  v.q.order = store::EventOrder::date;
  v.q.limit = limit + 1;
  auto error = query_view(v, [&](store::Store& s) -> Result<bool> {
    auto r = s.events(v.q);
    if (!r) return Error{r.error(), r.error_code()};
    page = std::move(*r);
    return true;
  });
  if (error) return *error;
  const bool more = static_cast<int64_t>(page.size()) > limit;
  if (more) page.pop_back();
  json list = json::array();
  for (const auto& e : page) list.push_back(event_json(e, kb_.get()));
  json out = {{"events", std::move(list)}, {"filters", v.filters}, {"limit", limit}};
  out["next_cursor"] = more ? json(encode_cursor(Cursor{page.back().date, page.back().id})) : json(nullptr);
  return Reply{200, std::move(out)};
}

// The whole view (no pages) as CSV (the columns of `rasad events --format csv`) or JSON Lines (the
// events as /api/events gives them, without mentions), in the list's order.
Reply Api::download(const View& v, const std::string& format) {
  std::vector<store::EventRow> rows;
  if (auto error = read_view(v, store::EventOrder::date, limits_.export_max,
                             "events: narrow the view, or use rasad export", rows))
    return *error;
  Reply r;
  if (format == "csv") {
    r.raw = code::csv_line(store::event_csv_columns());
    for (const auto& e : rows) r.raw += code::csv_line(store::event_csv_row(e));
    r.content_type = "text/csv; charset=utf-8";
  } else {
    for (const auto& e : rows) r.raw += event_json(e, kb_.get()).dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    r.content_type = "application/x-ndjson; charset=utf-8";
  }
  r.filename = "rasad-events." + format;
  return r;
}

Reply Api::event(const std::string& id_text) {
  auto id = to_int(id_text);
  if (!id || *id < 1) return Reply::error(400, "event id wants a positive integer, got '" + id_text + "'");
  auto lease = pool_->lease();
  if (!lease) return Reply::error(503, lease.error());
  store::Store& s = (*lease)->store();
  auto e = s.event(*id);
  if (!e) return store_failure(e.error(), e.error_code());
  if (!*e) return Reply::error(404, "no event " + id_text);
  auto ms = s.mentions(*id);
  if (!ms) return store_failure(ms.error(), ms.error_code());
  json j = event_json(**e, kb_.get());
  auto& arr = j["mentions"] = json::array();
  for (const auto& m : *ms) arr.push_back(mention_json(m));
  return Reply{200, std::move(j)};
}

Reply Api::timeline(const Params& p) {
  // Any filters of /api/events (none: the whole store), the events in the order of their dates.
  auto checked = view(p);
  if (!checked) return Reply::error(400, checked.error());
  const View& v = *checked;
  std::string by = param(p, "by");
  if (by.empty()) by = "month";
  if (by != "day" && by != "week" && by != "month") return Reply::error(400, "by wants day, week or month, got '" + by + "'");
  std::vector<store::EventRow> all;
  if (auto error = read_view(v, store::EventOrder::first_report, limits_.timeline_events_max,
                             "events: narrow the period", all))
    return *error;
  const auto* rows = &all;

  int64_t undated = 0;
  const auto series = store::timeline(*rows, by, undated);
  // Per period: the PLOVER types (as `rasad timeline`), and counts per quad class, which is the
  // same aggregation over the events of one quad class.
  std::map<std::string, json> periods;
  auto period = [&](const std::string& name) -> json& {
    auto [it, fresh] = periods.try_emplace(name);
    if (fresh) {
      it->second = {{"period", name}, {"events", 0}, {"mentions", 0}, {"goldstein", 0.0}, {"types", json::array()}};
      for (int k = 1; k <= 4; ++k) it->second["quad"][quad_name(k)] = 0;
    }
    return it->second;
  };
  for (const auto& r : series) {
    json& j = period(r.period);
    j["events"] = j["events"].get<int64_t>() + r.events;
    j["mentions"] = j["mentions"].get<int64_t>() + r.mentions;
    j["goldstein"] = j["goldstein"].get<double>() + r.goldstein;
    j["types"].push_back({{"plover", r.plover}, {"events", r.events}, {"mentions", r.mentions}, {"goldstein", r.goldstein}});
  }
  for (int k = 1; k <= 4; ++k) {
    std::vector<store::EventRow> of_quad;
    for (const auto& e : *rows)
      if (e.quad_class == k) of_quad.push_back(e);
    int64_t ignored = 0;
    for (const auto& r : store::timeline(of_quad, by, ignored)) {
      json& n = period(r.period)["quad"][quad_name(k)];
      n = n.get<int64_t>() + r.events;
    }
  }
  json list = json::array();
  for (auto& [name, j] : periods) list.push_back(std::move(j));
  return Reply{200, json{{"by", by},
                         {"filters", v.filters},
                         {"events", rows->size()},
                         {"undated", undated},
                         {"periods", std::move(list)}}};
}

Reply Api::actors(const Params& p) {
  const std::string query = param(p, "q");
  if (query.empty()) return Reply::error(400, "actors wants q=NAME (in Arabic, Persian or English) or a code");
  if (query.size() > 200) return Reply::error(400, "q is too long");
  int limit = 20;
  if (auto l = param(p, "limit"); !l.empty()) {
    auto v = to_int(l);
    if (!v || *v < 1) return Reply::error(400, "limit wants a positive integer, got '" + l + "'");
    limit = static_cast<int>(std::min<int64_t>(*v, limits_.actors_max));
  }
  if (!kb_) return Reply{200, json{{"query", query}, {"actors", json::array()}}};
  const std::string norm = kb_->normalizer().normalize_string(query);
  const std::string code_q = upper_ascii(query);
  // Best match per actor code: 0 exact name or code, 1 prefix, 2 elsewhere in a name.
  struct Hit {
    int score = 3;
    std::string category;
  };
  std::unordered_map<std::string, Hit> hits;
  for (const kb::NameForm& f : kb_->forms()) {
    using C = kb::FormCategory;
    const bool person = f.category == C::person;
    if ((f.category != C::country && f.category != C::organization && !person) || f.code.empty()) continue;
    if (f.kind == "capital" || f.kind == "place") continue;
    int score = 3;
    if (f.code == (person ? query : code_q)) score = 0;
    else if (!norm.empty() && f.norm == norm) score = 0;
    else if (!norm.empty() && f.norm.rfind(norm, 0) == 0) score = 1;
    else if (!person && code_q.size() >= 2 && f.code.rfind(code_q, 0) == 0) score = 1;
    else if (norm.size() >= 3 && f.norm.find(norm) != std::string::npos) score = 2;
    if (score == 3) continue;
    Hit& h = hits[f.code];
    if (score < h.score) h.score = score;
    h.category = kb::to_string(f.category);
  }
  // People the query names as `person=` and `actor=NAME` resolve it (spelling variants a prefix
  // misses): exact matches. Keyed by person id (lower case, never an actor code).
  for (const std::string& id : kb_->people_named(query)) hits[id] = Hit{0, "person"};
  std::vector<std::string> codes, people;
  for (const auto& [code, h] : hits) (h.category == "person" ? people : codes).push_back(code);
  // Events per actor in the store, to rank equally good matches and show in the picker.
  std::unordered_map<std::string, int64_t> counts;
  if (!codes.empty() || !people.empty()) {
    auto lease = pool_->lease();
    if (!lease) return Reply::error(503, lease.error());
    auto c = (*lease)->store().actor_counts(codes, people);
    if (!c) return store_failure(c.error(), c.error_code());
    counts = std::move(*c);
  }
  codes.insert(codes.end(), people.begin(), people.end());
  std::sort(codes.begin(), codes.end(), [&](const std::string& a, const std::string& b) {
    if (hits[a].score != hits[b].score) return hits[a].score < hits[b].score;
    if (counts[a] != counts[b]) return counts[a] > counts[b];
    return a < b;
  });
  if (codes.size() > static_cast<size_t>(limit)) codes.resize(static_cast<size_t>(limit));
  json list = json::array();
  for (const auto& code : codes) {
    json names = {{"ar", json::array()}, {"fa", json::array()}, {"en", json::array()}};
    // Full names first, then short forms; a few per language.
    for (int pass = 0; pass < 2; ++pass)
      for (const kb::NameForm& f : kb_->forms()) {
        if (f.code != code || f.kind == "capital" || f.kind == "place" || !names.contains(f.lang)) continue;
        if ((pass == 0) != (f.kind == "name")) continue;
        auto& arr = names[f.lang];
        if (arr.size() < 3 && std::find(arr.begin(), arr.end(), f.form) == arr.end()) arr.push_back(f.form);
      }
    std::string display = code;
    if (!names["en"].empty()) display = names["en"][0];
    json actor = {{"code", code}, {"category", hits[code].category}, {"name", display}, {"names", names},
                  {"events", counts[code]}};
    // A person: their `code` is their id (what /api/events?person= and ?actor= take), the name to
    // show, and their latest role, to tell namesakes apart; `actor_code` is that role's actor code,
    // for views that want a country-level actor.
    if (hits[code].category == "person") {
      if (const kb::Person* person = kb_->person(code); person && !person->display.empty()) actor["name"] = person->display;
      const kb::Role* role = kb_->role_of(code, 0);
      if (role) actor["role"] = {{"actor", role->actor_code}, {"role", role->role}};
      actor["actor_code"] = role ? role->actor_code : "";
    }
    list.push_back(std::move(actor));
  }
  return Reply{200, json{{"query", query}, {"actors", std::move(list)}}};
}

// The country pairs with the most events (either direction) among the events the filters select:
// the page's default dyad and its actor network.
Reply Api::dyads(const Params& p) {
  int64_t limit = 10;
  if (auto l = param(p, "limit"); !l.empty()) {
    auto n = to_int(l);
    if (!n || *n < 1) return Reply::error(400, "limit wants a positive integer, got '" + l + "'");
    limit = std::min<int64_t>(*n, 100);
  }
  auto checked = view(p);
  if (!checked) return Reply::error(400, checked.error());
  const View& v = *checked;
  json list = json::array();
  std::set<std::string> countries;
  auto error = query_view(v, [&](store::Store& s) -> Result<bool> {
    auto rows = s.top_dyads(v.q, limit);
    if (!rows) return Error{rows.error(), rows.error_code()};
    for (const auto& d : *rows) {
      list.push_back({{"dyad", d.a + "-" + d.b}, {"events", d.events}, {"a_to_b", d.a_to_b}, {"b_to_a", d.events - d.a_to_b}});
      countries.insert({d.a, d.b});
    }
    return true;
  });
  if (error) return *error;
  json names = json::object();
  for (const auto& c : countries) names[c] = english_name(c);
  return Reply{200, json{{"dyads", std::move(list)}, {"names", std::move(names)}, {"filters", v.filters}}};
}

// The places of the events the filters select, one per point (names of one place in several
// languages and spellings share its coordinates): the page's map. Events without coordinates are
// left out, and so is (0, 0), which no place the knowledge base knows has.
Reply Api::places(const Params& p) {
  auto checked = view(p);
  if (!checked) return Reply::error(400, checked.error());
  const View& v = *checked;
  json list = json::array();
  int64_t without = 0;
  auto error = query_view(v, [&](store::Store& s) -> Result<bool> {
    auto rows = s.places(v.q, without);
    if (!rows) return Error{rows.error(), rows.error_code()};
    for (const auto& pl : *rows)
      list.push_back({{"lat", pl.lat}, {"lon", pl.lon}, {"events", pl.events}, {"names", store::split_list(pl.names)},
                      {"country", pl.country}});
    return true;
  });
  if (error) return *error;
  return Reply{200, json{{"places", std::move(list)}, {"without_coordinates", without}, {"filters", v.filters}}};
}

// The PLOVER types and the CAMEO roots, for the page's filters.
Reply Api::vocabulary() {
  json plover = json::array(), cameo = json::array();
  if (kb_) {
    for (const auto& [type, t] : kb_->ontology().plover_types())
      plover.push_back({{"type", type}, {"quad", t.quad}, {"definition", t.definition}});
    for (const auto& [code, c] : kb_->ontology().cameo_codes())
      if (code.size() == 2) cameo.push_back({{"code", code}, {"name", c.name}});
  }
  return Reply{200, json{{"plover", std::move(plover)}, {"cameo", std::move(cameo)}}};
}

std::string Api::english_name(const std::string& code) const {
  if (!kb_) return code;
  for (const kb::NameForm& f : kb_->forms())
    if (f.code == code && f.lang == "en" && f.kind == "name" &&
        (f.category == kb::FormCategory::country || f.category == kb::FormCategory::organization))
      return f.form;
  return code;
}

Reply Api::search(const Params& p) {
  const std::string query = param(p, "q");
  if (query.empty()) return Reply::error(400, "search wants q=WORDS");
  if (query.size() > 1000) return Reply::error(400, "q is too long");
  int limit = 20;
  if (auto l = param(p, "limit"); !l.empty()) {
    auto v = to_int(l);
    if (!v || *v < 1) return Reply::error(400, "limit wants a positive integer, got '" + l + "'");
    limit = static_cast<int>(std::min<int64_t>(*v, limits_.search_max));
  }
  const auto terms = expander_->terms(query);
  if (store::SearchExpander::fts_query(terms).empty()) return Reply::error(400, "the query has no words");
  auto lease = pool_->lease();
  if (!lease) return Reply::error(503, lease.error());
  auto hits = (*lease)->store().search(terms, limit);
  if (!hits) {
    if (hits.error_code() == store::kInterrupted) return Reply::error(503, "the query took longer than the time limit");
    return Reply::error(400, "cannot search for this: " + hits.error());
  }
  json expanded = json::array();
  for (const auto& t : terms) expanded.push_back({{"words", t.words}, {"codes", t.codes}, {"alternatives", t.alternatives.size()}});
  json docs = json::array();
  for (const auto& h : *hits) {
    json d = {{"doc", h.doc}, {"title", h.title}, {"lang", h.lang}, {"date", h.date}, {"rank", h.rank}, {"events", h.events}};
    if (!h.duplicate_of.empty()) d["duplicate_of"] = h.duplicate_of;
    docs.push_back(std::move(d));
  }
  return Reply{200, json{{"query", query}, {"terms", expanded}, {"documents", std::move(docs)}}};
}

Reply Api::documents(const std::string& body) {
  if (!coding_) return Reply::error(403, "ingest is disabled: start rasad serve with --allow-ingest");
  auto parsed = parse_documents_body(body);
  if (!parsed) return Reply::error(400, parsed.error());
  json items = std::move(*parsed);
  if (!items.is_array() || items.empty()) return Reply::error(400, "post one document object, an array of them, or {\"documents\": [...]}");
  if (items.size() > limits_.batch_max)
    return Reply::error(413, "at most " + std::to_string(limits_.batch_max) + " documents per request, got " + std::to_string(items.size()));
  std::vector<Document> docs;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_object()) return Reply::error(400, "document " + std::to_string(i) + " is not a JSON object");
    auto d = io::parse_jsonl_record(items[i].dump(-1, ' ', false, json::error_handler_t::replace));
    if (!d) return Reply::error(400, "document " + std::to_string(i) + ": " + d.error());
    if (d->text.size() > limits_.document_max)
      return Reply::error(413, "document " + std::to_string(i) + " is longer than " + std::to_string(limits_.document_max) + " bytes");
    d->path = "api";
    d->format = "jsonl";
    docs.push_back(std::move(*d));
  }
  // Coding runs outside the write lock, on this request's thread.
  const auto pipeline = coding_->preparer->pipeline();
  std::vector<store::IngestItem> batch;
  for (auto& d : docs) batch.push_back(coding_->preparer->prepare(std::move(d), *pipeline));
  std::lock_guard lock(coding_->write);
  if (!coding_->writer->connected()) {  // the server dropped it (a PostgreSQL restart)
    auto again = store::open_store(db_path_, store::Access::write);
    if (!again) return Reply::error(503, "the store is unavailable: " + again.error());
    coding_->writer = std::move(*again);
  }
  store::Store& w = *coding_->writer;
  if (auto r = w.begin(); !r) return Reply::error(503, "the store is busy: " + r.error());
  std::vector<store::PutOutcome> outcomes;
  for (const auto& it : batch) {
    auto r = w.put(it);
    if (!r) {
      w.rollback();
      return Reply::error(422, "document '" + it.doc.id + "' could not be stored: " + r.error());
    }
    outcomes.push_back(*r);
  }
  if (auto r = w.commit(); !r) {
    w.rollback();
    return Reply::error(503, "the store refused the batch: " + r.error());
  }
  json out = json::array();
  for (size_t i = 0; i < batch.size(); ++i) {
    const auto& it = batch[i];
    json events = json::array();
    auto ids = w.events_of_document(it.doc.id);
    if (!ids) return store_failure(ids.error(), ids.error_code());
    auto rows = w.events_by_id(*ids);
    if (!rows) return store_failure(rows.error(), rows.error_code());
    for (const auto& e : *rows) events.push_back(event_json(e, kb_.get()));
    const char* outcome = outcomes[i] == store::PutOutcome::inserted   ? "inserted"
                          : outcomes[i] == store::PutOutcome::replaced ? "replaced"
                                                                       : "unchanged";
    out.push_back({{"id", it.doc.id}, {"outcome", outcome}, {"lang", it.lang}, {"date", it.date},
                   {"mentions", it.events.size()}, {"events", std::move(events)}});
  }
  return Reply{200, json{{"documents", std::move(out)}}};
}

}  // namespace rasad::serve
