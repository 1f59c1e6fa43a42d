#pragma once
// The SQL both stores run for queries: one text, written with `?` placeholders, which the SQLite
// store binds as is and the PostgreSQL store numbers ($1, $2...: numbered()). It keeps to what
// both dialects read alike (CASE rather than two-argument min/max, TRUE, "symmetric" quoted); the
// PostgreSQL schema gives the compared text columns the "C" collation, so comparisons and orders
// are bytewise as in SQLite.
#include <string>
#include <vector>

#include "store/store.h"

namespace rasad::store {

// The columns of the events table (alias `e`) in the order event_row() reads them.
extern const char* const kEventColumns;

// One row of `SELECT kEventColumns`, from either store's row: `s.text(col)`, `s.integer(col)`
// and `s.real(col)` read column `col` (0-based).
template <class Row>
EventRow event_row(const Row& s) {
  EventRow r;
  int c = 0;
  r.id = s.integer(c++);
  r.plover = s.text(c++);
  r.plover_mode = s.text(c++);
  r.cameo = s.text(c++);
  r.quad_class = static_cast<int>(s.integer(c++));
  r.goldstein = s.real(c++);
  r.source_code = s.text(c++);
  r.source_country = s.text(c++);
  r.source_name = s.text(c++);
  r.target_code = s.text(c++);
  r.target_country = s.text(c++);
  r.target_name = s.text(c++);
  r.source_sector = s.text(c++);
  r.target_sector = s.text(c++);
  r.symmetric = s.integer(c++) != 0;
  r.negated = s.integer(c++) != 0;
  r.date = s.text(c++);
  r.date_precision = s.text(c++);
  r.date_min = s.text(c++);
  r.date_max = s.text(c++);
  r.location_name = s.text(c++);
  r.location_country = s.text(c++);
  r.lat = s.real(c++);
  r.lon = s.real(c++);
  r.has_coordinates = s.integer(c++) != 0;
  r.issues = s.text(c++);
  r.num_mentions = s.integer(c++);
  r.num_sources = s.integer(c++);
  r.num_articles = s.integer(c++);
  r.num_languages = s.integer(c++);
  r.languages = s.text(c++);
  r.first_seen = s.text(c++);
  r.source_person = s.text(c++);
  r.target_person = s.text(c++);
  r.date_from = s.text(c++);
  r.date_to = s.text(c++);
  return r;
}

// The columns of the mentions table (alias `m`) and of their documents (`d`) in the order
// mention_row() reads them. What comes from the document's text (the sentence, character offsets,
// the document's length) is sliced from it by Store::mentions, the same way for both stores.
extern const char* const kMentionColumns;

template <class Row>
MentionRow mention_row(const Row& s) {
  MentionRow r;
  int c = 0;
  auto span = [&] {
    const Span out{static_cast<uint32_t>(s.integer(c)), static_cast<uint32_t>(s.integer(c + 1))};
    c += 2;
    return out;
  };
  r.id = s.integer(c++);
  r.event_id = s.integer(c++);
  r.doc = s.text(c++);
  r.lang = s.text(c++);
  r.url = s.text(c++);
  r.source = s.text(c++);
  r.duplicate_of = s.text(c++);
  r.sentence = static_cast<uint32_t>(s.integer(c++));
  r.sentence_span = span();
  r.trigger = span();
  r.source_span = span();
  if (s.is_null(c)) {
    c += 2;  // no target: target_char stays -1
  } else {
    r.target_span = span();
    r.target_char = 0;  // from the text
  }
  r.trigger_text = s.text(c++);
  r.cameo = s.text(c++);
  r.plover = s.text(c++);
  r.source_code = s.text(c++);
  r.target_code = s.text(c++);
  r.source_person = s.text(c++);
  r.target_person = s.text(c++);
  r.date = s.text(c++);
  r.date_precision = s.text(c++);
  r.location_name = s.text(c++);
  r.issues = s.text(c++);
  r.negated = s.integer(c++) != 0;
  r.symmetric = s.integer(c++) != 0;
  r.confidence = s.real(c++);
  r.join_reason = s.text(c++);
  r.added = s.text(c++);
  r.date_from = s.text(c++);
  r.date_to = s.text(c++);
  r.doc_date = s.text(c++);
  r.doc_added = s.text(c++);
  return r;
}

// Selects kMentionColumns of the mentions of `n` events (their ids bound in order), by event id,
// then mention id.
std::string mentions_sql(size_t n);
// Selects (id, text) of `n` documents (their ids bound in order).
std::string document_texts_sql(size_t n);

// The WHERE conditions of `q`'s filters over the events table (alias `e`), each starting with
// " AND ", with their `?` values appended to `args` in order. Not read here: q.text (full text
// is each store's own), q.order, q.after, q.limit.
std::string event_filter_sql(const EventQuery& q, std::vector<std::string>& args);

// Parts of event_filter_sql, each one condition over `e` ("" when the query has none), their
// arguments appended to `args`: the period (from/to, with `ranged` and `undated`) and the people
// (person_ids, with `side`).
std::string date_condition(const EventQuery& q, std::vector<std::string>& args);
std::string person_condition(const EventQuery& q, std::vector<std::string>& args);

// The ORDER BY (without the words) and keyset condition of `q` (" AND ..." or ""; its arguments
// appended). `plain_date`: order by e.date without its index (SQLite's "+e.date") when few events
// are expected.
std::string order_sql(const EventQuery& q, bool plain_date);
std::string after_sql(const EventQuery& q, std::vector<std::string>& args);

// Selects (a, b, events, a_to_b) of top_dyads for the filters `where` (event_filter_sql's).
std::string dyads_sql(const std::string& where, int64_t limit);
// Selects (lat, lon, events, names, country) of places; `list_agg` is the dialect's
// comma-joined distinct list of `e.location_name`.
std::string places_sql(const std::string& where, const std::string& list_agg);
std::string without_coordinates_sql(const std::string& where);
// Selects (person, events) for `n` person ids bound twice (2n arguments: ids, then ids again).
std::string person_counts_sql(size_t n);

// `sql` with its `?` placeholders numbered $1, $2... (PostgreSQL). No `?` may appear in literals.
std::string numbered(const std::string& sql);

}  // namespace rasad::store
