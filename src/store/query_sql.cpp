#include "store/query_sql.h"

namespace rasad::store {

const char* const kEventColumns =
    "e.id, e.plover, e.plover_mode, e.cameo, e.quad_class, e.goldstein, e.source_code, e.source_country, "
    "e.source_name, e.target_code, e.target_country, e.target_name, e.source_sector, e.target_sector, e.\"symmetric\", "
    "e.negated, e.date, e.date_precision, e.date_min, e.date_max, e.location_name, e.location_country, e.lat, e.lon, "
    "e.has_coordinates, e.issues, e.num_mentions, e.num_sources, e.num_articles, e.num_languages, e.languages, e.added, "
    "coalesce(e.source_person, ''), coalesce(e.target_person, ''), coalesce(e.date_from, ''), coalesce(e.date_to, '')";

const char* const kMentionColumns =
    "m.id, m.event_id, m.doc, m.lang, d.url, d.source, coalesce(d.duplicate_of, ''), m.sentence, "
    "m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end, m.source_start, m.source_end, "
    "m.target_start, m.target_end, m.trigger_text, m.cameo, m.plover, m.source_code, m.target_code, "
    "m.source_person, m.target_person, m.date, m.date_precision, m.location_name, m.issues, m.negated, "
    "m.\"symmetric\", m.confidence, m.join_reason, m.added, coalesce(m.date_from, ''), coalesce(m.date_to, ''), "
    "coalesce(d.date, ''), coalesce(d.added, '')";

namespace {

// `n` placeholders, comma-separated: an IN list.
std::string marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

// The dates of the event's reports (date_min..date_max) meet the period, or with `ranged`, an
// event no report dates has an inferred range that overlaps the period or lies inside it.
std::string period_condition(const EventQuery& q, std::vector<std::string>& args) {
  if (q.from.empty() && q.to.empty()) return "";
  std::string dated = "TRUE";
  if (!q.from.empty()) {
    dated += " AND coalesce(e.date_max, '') >= ?";
    args.push_back(q.from);
  }
  if (!q.to.empty()) {
    dated += " AND coalesce(e.date_min, '') <> '' AND e.date_min <= ?";
    args.push_back(q.to + "~");  // "2024-03" <= "2024-03~" keeps every day of the month
  }
  if (q.ranged == RangedMatch::exclude) return "(" + dated + ")";
  std::string ranged = "e.date_precision = 'range' AND coalesce(e.date_min, '') = '' AND coalesce(e.date_from, '') <> ''";
  const bool within = q.ranged == RangedMatch::within;
  if (!q.from.empty()) {
    ranged += within ? " AND e.date_from >= ?" : " AND (coalesce(e.date_to, '') = '' OR e.date_to >= ?)";
    args.push_back(q.from);
  }
  if (!q.to.empty()) {
    ranged += within ? " AND coalesce(e.date_to, '') <> '' AND e.date_to <= ?" : " AND e.date_from <= ?";
    args.push_back(q.to + "~");
  }
  return "((" + dated + ") OR (" + ranged + "))";
}

constexpr const char* kNoDate = "coalesce(e.date_min, e.date, '') = ''";

}  // namespace

std::string date_condition(const EventQuery& q, std::vector<std::string>& args) {
  const bool ranged = q.ranged != RangedMatch::exclude && (!q.from.empty() || !q.to.empty());
  switch (q.undated) {
    case Undated::only: {
      const std::string range = ranged ? period_condition(q, args) : "";
      return std::string(kNoDate) + (range.empty() ? "" : " AND " + range);
    }
    case Undated::also: {
      const std::string range = period_condition(q, args);
      return range.empty() ? "" : "(" + range + " OR " + kNoDate + ")";
    }
    case Undated::exclude: {
      const std::string range = period_condition(q, args);
      return (range.empty() ? "" : range + " AND ") + "NOT " + kNoDate;
    }
    case Undated::as_period: break;
  }
  return period_condition(q, args);
}

std::string person_condition(const EventQuery& q, std::vector<std::string>& args) {
  if (q.person_ids.empty()) return "";
  // Any report of the event naming the person, not only the first: an event first reported as
  // "IRNGOV" may be named "Rouhani" by a later report. `side`: named in that role by a report.
  // Both columns are indexed.
  auto role = [&](const char* column) {
    args.insert(args.end(), q.person_ids.begin(), q.person_ids.end());
    return std::string("SELECT event_id FROM mentions WHERE ") + column + " IN (" + marks(q.person_ids.size()) + ")";
  };
  if (q.side == "source") return "e.id IN (" + role("source_person") + ")";
  if (q.side == "target") return "e.id IN (" + role("target_person") + ")";
  const std::string source = role("source_person");
  return "e.id IN (" + source + " UNION " + role("target_person") + ")";
}

std::string event_filter_sql(const EventQuery& q, std::vector<std::string>& args) {
  std::string sql;
  if (!q.ids.empty()) {  // numbers, written into the SQL: no value to bind
    sql += " AND e.id IN (";
    for (size_t i = 0; i < q.ids.size(); ++i) sql += (i ? "," : "") + std::to_string(q.ids[i]);
    sql += ")";
  }
  auto like = [](const std::string& p) { return p + "%"; };
  // Either direction unless `side` says which side A (and the actor, the person) is on.
  auto either = [&](const std::string& source_test, const std::string& target_test) {
    if (q.side == "source") return " AND " + source_test;
    if (q.side == "target") return " AND " + target_test;
    return " AND (" + source_test + " OR " + target_test + ")";
  };
  if (!q.dyad_a.empty()) {
    sql += either("(e.source_code LIKE ? AND e.target_code LIKE ?)", "(e.target_code LIKE ? AND e.source_code LIKE ?)");
    args.insert(args.end(), {like(q.dyad_a), like(q.dyad_b)});
    if (q.side.empty()) args.insert(args.end(), {like(q.dyad_a), like(q.dyad_b)});
  }
  if (!q.actor.empty()) {
    sql += either("e.source_code LIKE ?", "e.target_code LIKE ?");
    args.push_back(like(q.actor));
    if (q.side.empty()) args.push_back(like(q.actor));
  }
  if (const std::string people = person_condition(q, args); !people.empty()) sql += " AND " + people;
  if (!q.type.empty()) {
    sql += " AND e.plover=?";
    args.push_back(q.type);
  }
  if (!q.cameo.empty()) {
    sql += " AND e.cameo LIKE ?";
    args.push_back(like(q.cameo));
  }
  if (const std::string dates = date_condition(q, args); !dates.empty()) sql += " AND " + dates;
  if (!q.lang.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM mentions m WHERE m.event_id=e.id AND m.lang=?)";
    args.push_back(q.lang);
  }
  return sql;
}

std::string order_sql(const EventQuery& q, bool plain_date) {
  if (q.order == EventOrder::date) return plain_date ? "+e.date, e.id" : "e.date, e.id";
  return "coalesce(e.date_min, e.date), e.id";
}

std::string after_sql(const EventQuery& q, std::vector<std::string>& args) {
  if (!q.after) return "";
  // Keyset on (date, id): a cursor keeps pointing at the same place while new events are stored.
  args.push_back(q.after->date);
  args.push_back(std::to_string(q.after->id));
  return " AND (e.date, e.id) > (?, CAST(? AS BIGINT))";
}

std::string dyads_sql(const std::string& where, int64_t limit) {
  return "SELECT CASE WHEN e.source_country < e.target_country THEN e.source_country ELSE e.target_country END AS a, "
         "CASE WHEN e.source_country < e.target_country THEN e.target_country ELSE e.source_country END AS b, "
         "count(*) AS n, sum(CASE WHEN e.source_country < e.target_country THEN 1 ELSE 0 END) FROM events e "
         "WHERE e.source_country<>'' AND e.target_country<>'' AND e.source_country<>e.target_country" + where +
         " GROUP BY a, b ORDER BY n DESC, a, b LIMIT " + std::to_string(limit);
}

std::string places_sql(const std::string& where, const std::string& list_agg) {
  return "SELECT round(CAST(e.lat AS NUMERIC), 3) AS y, round(CAST(e.lon AS NUMERIC), 3) AS x, count(*) AS n, " + list_agg +
         ", max(e.location_country) FROM events e WHERE e.has_coordinates=1 AND NOT (e.lat=0 AND e.lon=0)" + where +
         " GROUP BY y, x ORDER BY n DESC, y, x LIMIT 1000";
}

std::string without_coordinates_sql(const std::string& where) {
  return "SELECT count(*) FROM events e WHERE NOT (coalesce(e.has_coordinates, 0)=1 AND NOT (e.lat=0 AND e.lon=0))" + where;
}

std::string person_counts_sql(size_t n) {
  return "SELECT person, count(DISTINCT event_id) FROM (SELECT source_person AS person, event_id FROM mentions "
         "WHERE source_person IN (" + marks(n) + ") UNION SELECT target_person, event_id FROM mentions WHERE "
         "target_person IN (" + marks(n) + ")) p JOIN events e ON e.id=p.event_id GROUP BY person";
}

std::string mentions_sql(size_t n) {
  return std::string("SELECT ") + kMentionColumns +
         " FROM mentions m JOIN documents d ON d.id=m.doc WHERE m.event_id IN (" + marks(n) +
         ") ORDER BY m.event_id, m.id";
}

std::string document_texts_sql(size_t n) { return "SELECT id, text FROM documents WHERE id IN (" + marks(n) + ")"; }

std::string numbered(const std::string& sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

}  // namespace rasad::store
