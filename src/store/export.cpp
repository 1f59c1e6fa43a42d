#include "store/export.h"

#include <algorithm>
#include <span>

#include "code/event_io.h"
#include "store/event_csv.h"
#include "store/merge.h"

namespace rasad::store {

namespace {

using json = nlohmann::json;

// [first, last] of an inferred range (last null when open), null for any other precision: the
// coder's and `rasad doc`'s `date_range`.
json date_range_json(const std::string& precision, const std::string& from, const std::string& to) {
  if (precision != "range") return nullptr;
  return json::array({from, to.empty() ? json() : json(to)});
}

const std::vector<std::string>& mention_csv_columns() {
  static const std::vector<std::string> columns = {
      "event_id", "doc", "sentence", "lang", "cameo", "source_code", "target_code", "date", "date_precision",
      "date_from", "date_to", "sentence_start", "sentence_end", "trigger_start", "trigger_end", "url", "duplicate_of",
      "join_reason"};
  return columns;
}

std::vector<std::string> mention_csv_row(const EventRow& e, const MentionRow& m) {
  return {std::to_string(e.id), m.doc, std::to_string(m.sentence), m.lang, m.cameo, m.source_code,
          m.target_code, m.date, m.date_precision, m.date_from, m.date_to,
          std::to_string(m.sentence_span.start), std::to_string(m.sentence_span.end), std::to_string(m.trigger.start),
          std::to_string(m.trigger.end), m.url, m.duplicate_of, m.join_reason};
}

// The lines of one event in `o`'s format and table.
std::string export_lines(const EventRow& e, const std::vector<MentionRow>& ms, const ExportOptions& o) {
  const bool mentions = o.table == ExportTable::mentions;
  std::string out;
  switch (o.format) {
    case ExportFormat::jsonl:
      if (!mentions) return json_line(event_json(e, &ms)) + "\n";
      for (const auto& m : ms) {
        json j = {{"event_id", e.id}};
        j.update(mention_json(m));
        out += json_line(j) + "\n";
      }
      return out;
    case ExportFormat::csv:
      if (!mentions) return code::csv_line(event_csv_row(e));
      for (const auto& m : ms) out += code::csv_line(mention_csv_row(e, m));
      return out;
    case ExportFormat::gdelt: {  // tab-separated, no header, like the GDELT files
      static const GdeltTables none;
      if (!mentions) return code::tsv_line(gdelt_event_row(e, ms, o.gdelt ? *o.gdelt : none));
      for (const auto& row : gdelt_mention_rows(e, ms)) out += code::tsv_line(row);
      return out;
    }
  }
  return out;
}

}  // namespace

std::string json_line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json mention_json(const MentionRow& m) {
  json mj = {{"doc", m.doc}, {"sentence", m.sentence}, {"lang", m.lang},
             {"sentence_span", {m.sentence_span.start, m.sentence_span.end}},
             {"trigger", {m.trigger.start, m.trigger.end}}, {"trigger_text", m.trigger_text},
             {"source_span", {m.source_span.start, m.source_span.end}},
             {"source_code", m.source_code}, {"target_code", m.target_code},
             {"cameo", m.cameo}, {"date", m.date}, {"date_precision", m.date_precision},
             {"date_range", date_range_json(m.date_precision, m.date_from, m.date_to)}, {"text", m.sentence_text},
             {"join_reason", m.join_reason}};
  if (m.target_char >= 0) mj["target_span"] = {m.target_span.start, m.target_span.end};
  if (!m.url.empty()) mj["url"] = m.url;
  if (!m.source.empty()) mj["outlet"] = m.source;
  if (!m.duplicate_of.empty()) mj["duplicate_of"] = m.duplicate_of;
  if (m.negated) mj["negated"] = true;
  if (!m.source_person.empty()) mj["source_person"] = m.source_person;
  if (!m.target_person.empty()) mj["target_person"] = m.target_person;
  return mj;
}

json event_json(const EventRow& e, const std::vector<MentionRow>* mentions) {
  json j = {
      {"id", e.id}, {"date", e.date}, {"date_precision", e.date_precision}, {"date_min", e.date_min},
      {"date_max", e.date_max}, {"date_range", date_range_json(e.date_precision, e.date_from, e.date_to)},
      {"plover", e.plover}, {"plover_mode", e.plover_mode}, {"cameo", e.cameo},
      {"quad_class", e.quad_class}, {"goldstein", e.goldstein},
      {"source", {{"code", e.source_code}, {"country", e.source_country}, {"sector", e.source_sector}, {"name", e.source_name},
                  {"person", e.source_person}}},
      {"target", {{"code", e.target_code}, {"country", e.target_country}, {"sector", e.target_sector}, {"name", e.target_name},
                  {"person", e.target_person}}},
      {"symmetric", e.symmetric}, {"negated", e.negated}, {"issues", split_list(e.issues)},
      {"num_mentions", e.num_mentions}, {"num_sources", e.num_sources}, {"num_articles", e.num_articles},
      {"num_languages", e.num_languages}, {"languages", split_list(e.languages)}};
  if (!e.location_name.empty() || !e.location_country.empty()) {
    j["location"] = {{"name", e.location_name}, {"country", e.location_country}};
    if (e.has_coordinates) {
      j["location"]["lat"] = e.lat;
      j["location"]["lon"] = e.lon;
    }
  }
  if (mentions) {
    auto& arr = j["mentions"] = json::array();
    for (const auto& m : *mentions) arr.push_back(mention_json(m));
  }
  return j;
}

Result<bool> write_export(Store& s, const EventQuery& q, const ExportOptions& o,
                          const std::function<void(std::string_view)>& sink) {
  auto rows = s.events(q);
  if (!rows) return Error{rows.error(), rows.error_code()};
  std::string out;
  if (o.format == ExportFormat::csv)
    out += code::csv_line(o.table == ExportTable::mentions ? mention_csv_columns() : event_csv_columns());
  // The events' CSV is the only output without anything of the mentions.
  const bool need_mentions = o.format != ExportFormat::csv || o.table == ExportTable::mentions;
  // The mentions of a page of events at once: one query, not one per event (a round trip each on
  // PostgreSQL), while a page's documents stay few enough to hold.
  constexpr size_t kPage = 256;
  for (size_t at = 0; at < rows->size(); at += kPage) {
    const std::span<const EventRow> page(rows->data() + at, std::min(kPage, rows->size() - at));
    std::vector<std::vector<MentionRow>> ms(page.size());
    if (need_mentions) {
      std::vector<int64_t> ids;
      for (const auto& e : page) ids.push_back(e.id);
      auto read = s.mentions(ids);
      if (!read) return Error{read.error(), read.error_code()};
      ms = std::move(*read);
    }
    for (size_t i = 0; i < page.size(); ++i) {
      out += export_lines(page[i], ms[i], o);
      if (out.size() > (1u << 20)) {
        sink(out);
        out.clear();
      }
    }
  }
  sink(out);
  return true;
}

}  // namespace rasad::store
