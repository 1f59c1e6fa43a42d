#include "cli/json_out.h"

#include <fmt/format.h>

namespace rasad::cli {

using nlohmann::json;

namespace {

json span_json(Span s) { return json::array({s.start, s.end}); }

json date_json(const text::DocumentDate& d, std::string_view text) {
  json j;
  const std::string iso = d.value.iso();
  j["value"] = iso.empty() ? json(nullptr) : json(iso);
  j["precision"] = text::to_string(d.value.precision);
  j["origin"] = d.origin;
  if (!d.span.empty()) {
    j["span"] = span_json(d.span);
    j["text"] = std::string(d.span.slice(text));
  }
  return j;
}

}  // namespace

std::string dump_line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json analysis_to_json(const Document& doc, const text::Analysis& a, bool with_tokens) {
  const std::string_view text = doc.text;
  json j;
  j["id"] = doc.id;
  j["path"] = doc.path;
  if (doc.line) j["line"] = doc.line;
  j["format"] = doc.format;
  j["encoding"] = doc.encoding;
  j["bytes"] = doc.text.size();
  j["lang"] = a.lang;
  j["lang_origin"] = a.lang_origin;
  j["lang_detected"] = {{"code", a.detected.code}, {"percent", a.detected.percent}, {"reliable", a.detected.reliable}};
  j["date"] = date_json(a.date, text);
  j["title"] = a.title;
  j["source"] = a.source;
  if (!doc.url.empty()) j["url"] = doc.url;

  json sentences = json::array();
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    const text::Sentence& s = a.sentences[i];
    json js = {{"index", i}, {"start", s.span.start}, {"end", s.span.end}, {"lang", s.lang},
               {"text", std::string(s.span.slice(text))}};
    if (with_tokens) {
      json tokens = json::array();
      for (const text::Token& t : s.tokens) {
        json jt = {{"start", t.span.start}, {"end", t.span.end}, {"text", std::string(t.span.slice(text))},
                   {"kind", text::to_string(t.kind)}, {"norm", t.norm}};
        if (!t.morph.prefixes.empty() || !t.morph.suffixes.empty()) {
          jt["prefixes"] = t.morph.prefixes;
          jt["stem"] = t.morph.stem;
          jt["suffixes"] = t.morph.suffixes;
        }
        tokens.push_back(std::move(jt));
      }
      js["tokens"] = std::move(tokens);
    }
    sentences.push_back(std::move(js));
  }
  j["sentences"] = std::move(sentences);

  json dates = json::array();
  for (const text::DateMention& m : a.dates) {
    const std::string iso = m.value.iso();
    dates.push_back({{"start", m.span.start}, {"end", m.span.end}, {"text", std::string(m.span.slice(text))},
                     {"value", iso.empty() ? json(nullptr) : json(iso)},
                     {"precision", text::to_string(m.value.precision)}, {"calendar", m.calendar},
                     {"relative", m.relative}, {"resolved", m.resolved}});
    if (!m.context.empty()) dates.back()["context"] = m.context;
  }
  j["dates"] = std::move(dates);

  json removed = json::array();
  for (const text::RemovedLine& r : a.removed)
    removed.push_back({{"start", r.span.start}, {"end", r.span.end}, {"text", std::string(r.span.slice(text))},
                       {"reason", r.reason}});
  j["removed"] = std::move(removed);
  j["warnings"] = a.warnings;
  return j;
}

void add_date_range_json(json& j, const kb::DateRange& r) {
  auto day = [](kb::Day d) { return d == 0 ? json(nullptr) : json(kb::day_iso(d)); };
  j["date_range"] = json::array({day(r.first), day(r.last)});
  j["date_precision"] = "range";
  j["date_range_evidence"] = r.evidence;
}

std::string date_range_to_text(const kb::DateRange& r) {
  return fmt::format("date range {} .. {} (inferred from: {})\n", kb::day_iso(r.first),
                     r.last == 0 ? "open" : kb::day_iso(r.last), fmt::join(r.evidence, "; "));
}

std::string analysis_to_text(const Document& doc, const text::Analysis& a) {
  const std::string_view text = doc.text;
  std::string out;
  const std::string date = a.date.value.iso();
  out += fmt::format("== {}  [{} {}]  lang {} ({}; CLD2 {} {}%{})  date {} ({})\n", doc.id, doc.format, doc.encoding,
                     a.lang, a.lang_origin, a.detected.code, a.detected.percent, a.detected.reliable ? ", reliable" : "",
                     date.empty() ? "unknown" : date, a.date.origin);
  if (!a.title.empty()) out += fmt::format("title: {}\n", a.title);
  if (!a.source.empty()) out += fmt::format("source: {}\n", a.source);
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    const auto& s = a.sentences[i];
    out += fmt::format("[{}] {}-{} {}: {}\n", i, s.span.start, s.span.end, s.lang, s.span.slice(text));
  }
  for (const auto& m : a.dates)
    out += fmt::format("date {}-{} \"{}\" -> {}{}{}\n", m.span.start, m.span.end, m.span.slice(text),
                       m.resolved ? m.value.iso() : "unresolved", m.relative ? " (relative)" : "",
                       m.context.empty() ? "" : " (" + m.context + ")");
  for (const auto& r : a.removed)
    out += fmt::format("removed ({}): {}\n", r.reason, r.span.slice(text));
  for (const auto& w : a.warnings) out += fmt::format("warning: {}\n", w);
  return out;
}

}  // namespace rasad::cli
