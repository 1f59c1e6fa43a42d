#include "code/event_io.h"

#include <fmt/format.h>

#include <cmath>

namespace rasad::code {

namespace {

nlohmann::json span_json(const Span& s) { return nlohmann::json::array({s.start, s.end}); }



}  // namespace

nlohmann::json to_json(const EventActor& a) {
  nlohmann::json j;
  j["code"] = a.code;
  j["country"] = a.country.empty() ? nlohmann::json() : nlohmann::json(a.country);
  j["sector"] = a.sector.empty() ? nlohmann::json() : nlohmann::json(a.sector);
  j["name"] = a.name.empty() ? nlohmann::json() : nlohmann::json(a.name);
  j["person"] = a.person.empty() ? nlohmann::json() : nlohmann::json(a.person);
  j["role"] = a.role.empty() ? nlohmann::json() : nlohmann::json(a.role);
  j["text"] = a.text;
  j["span"] = a.span.empty() ? nlohmann::json() : span_json(a.span);
  return j;
}

nlohmann::json to_json(const Event& e) {
  nlohmann::json j;
  j["doc"] = e.doc;
  j["sentence"] = e.sentence;
  j["sentence_span"] = span_json(e.sentence_span);
  j["lang"] = e.lang;
  j["date"] = e.date.empty() ? nlohmann::json() : nlohmann::json(e.date);
  j["date_precision"] = e.date_precision;
  j["date_origin"] = e.date_origin;
  // [first, last] of an inferred range (last null when open), as `rasad doc` writes it; else null.
  j["date_range"] = e.date_precision != "range" ? nlohmann::json()
                    : nlohmann::json::array({e.date_from, e.date_to.empty() ? nlohmann::json() : nlohmann::json(e.date_to)});
  j["plover"] = e.plover.empty() ? nlohmann::json() : nlohmann::json(e.plover);
  j["plover_mode"] = e.plover_mode.empty() ? nlohmann::json() : nlohmann::json(e.plover_mode);
  j["cameo"] = e.cameo;
  j["goldstein"] = e.goldstein;
  j["quad_class"] = e.quad_class;
  j["source"] = e.source.code.empty() && e.source.text.empty() ? nlohmann::json() : to_json(e.source);
  j["target"] = e.target ? to_json(*e.target) : nlohmann::json();
  j["trigger"] = {{"text", e.trigger_text}, {"span", span_json(e.trigger)}};
  j["issues"] = e.issues;
  if (e.location) {
    const auto& l = *e.location;
    nlohmann::json loc = {{"name", l.name}, {"country", l.country}};
    loc["lat"] = l.has_coordinates ? nlohmann::json(l.lat) : nlohmann::json();
    loc["lon"] = l.has_coordinates ? nlohmann::json(l.lon) : nlohmann::json();
    loc["span"] = l.span.empty() ? nlohmann::json() : span_json(l.span);
    j["location"] = loc;
  } else {
    j["location"] = nullptr;
  }
  j["negated"] = e.negated;
  j["symmetric"] = e.symmetric;
  j["confidence"] = std::round(e.confidence * 1000) / 1000;
  return j;
}

const std::vector<std::string>& flat_columns() {
  static const std::vector<std::string> cols = {
      "doc", "sentence", "lang", "date", "date_precision", "date_from", "date_to", "plover", "plover_mode", "cameo", "goldstein",
      "quad_class", "source_code", "source_country", "source_sector", "source_name", "source_text",
      "source_start", "source_end", "target_code", "target_country", "target_sector", "target_name",
      "target_text", "target_start", "target_end", "trigger_text", "trigger_start", "trigger_end", "issues",
      "location_name", "location_country", "location_lat", "location_lon", "negated", "confidence"};
  return cols;
}

std::vector<std::string> flat_row(const Event& e) {
  auto actor = [](std::vector<std::string>& r, const EventActor* a) {
    if (!a) {
      r.insert(r.end(), 7, "");
      return;
    }
    r.push_back(a->code);
    r.push_back(a->country);
    r.push_back(a->sector);
    r.push_back(a->name);
    r.push_back(a->text);
    r.push_back(a->span.empty() ? "" : std::to_string(a->span.start));
    r.push_back(a->span.empty() ? "" : std::to_string(a->span.end));
  };
  std::vector<std::string> r = {e.doc, std::to_string(e.sentence), e.lang, e.date, e.date_precision, e.date_from, e.date_to, e.plover,
                                e.plover_mode, e.cameo, fmt::format("{}", e.goldstein), std::to_string(e.quad_class)};
  actor(r, e.source.code.empty() && e.source.text.empty() ? nullptr : &e.source);
  actor(r, e.target ? &*e.target : nullptr);
  r.push_back(e.trigger_text);
  r.push_back(std::to_string(e.trigger.start));
  r.push_back(std::to_string(e.trigger.end));
  std::string issues;
  for (const auto& i : e.issues) issues += (issues.empty() ? "" : ";") + i;
  r.push_back(issues);
  if (e.location && e.location->has_coordinates) {
    r.insert(r.end(), {e.location->name, e.location->country, fmt::format("{:.4f}", e.location->lat),
                       fmt::format("{:.4f}", e.location->lon)});
  } else if (e.location) {
    r.insert(r.end(), {e.location->name, e.location->country, "", ""});
  } else {
    r.insert(r.end(), 4, "");
  }
  r.push_back(e.negated ? "true" : "false");
  r.push_back(fmt::format("{:.3f}", e.confidence));
  return r;
}

std::string csv_line(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    const std::string& v = values[i];
    if (v.find_first_of(",\"\n\r") == std::string::npos) {
      out += v;
      continue;
    }
    out += '"';
    for (char c : v) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += '\n';
  return out;
}

std::string tsv_line(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += '\t';
    for (char c : values[i]) out += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
  }
  out += '\n';
  return out;
}

}  // namespace rasad::code
