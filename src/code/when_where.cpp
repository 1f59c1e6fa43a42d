#include "code/when_where.h"

namespace rasad::code {

namespace {

// `p`: the gazetteer's entry for the form, if any (its coordinates).
EventLocation location_of(const kb::NameForm& f, const kb::Place* p, Span span, std::string_view text) {
  EventLocation loc;
  loc.span = span;
  loc.name = std::string(loc.span.slice(text));
  loc.country = f.code;
  if (p) {
    loc.lat = p->lat;
    loc.lon = p->lon;
    loc.has_coordinates = p->has_coordinates;
  }
  return loc;
}

}  // namespace

std::optional<EventLocation> find_place(const kb::KnowledgeBase& kb, const Units& u, const std::string& lang,
                                        const std::vector<bool>& in_actor, const std::vector<bool>& in_named,
                                        const std::vector<text::DateMention>& dates, uint32_t si, std::string_view text,
                                        std::optional<EventLocation>& dateline) {
  std::optional<EventLocation> place;
  const kb::PhraseMatcher* pm = kb.place_matcher(lang);
  if (!pm) return place;
  for (const auto& m : pm->match(u.units)) {
    const kb::NameForm& form = kb.forms()[m.payloads->front()];
    // A locative mention counts when the gazetteer (places.tsv) knows it: a capital, city or region,
    // not a country name the imported dictionaries also list as a place.
    const kb::Place* gazetteer = kb.place(form.lang, form.form);
    const std::vector<bool>& blocked = gazetteer ? in_named : in_actor;
    bool overlaps = false;
    for (uint32_t k = m.begin; k < m.end; ++k) overlaps |= blocked[k];
    const Span where = u.span_of(m.begin, m.end);
    bool in_date = false;
    for (const auto& dm : dates) in_date |= dm.span.start <= where.start && where.end <= dm.span.end;
    if (in_date) continue;
    const EventLocation loc = location_of(form, gazetteer, where, text);
    if (si == 0 && m.begin < 4 && !dateline) {
      dateline = loc;
      dateline->span = {};
    }
    if (!overlaps && !place) place = loc;
  }
  return place;
}

Event event_header(const Document& doc, const text::Analysis& analysis, uint32_t si, const std::string& lang,
                   const std::string& cameo, const kb::CameoCode& cc, const std::optional<EventLocation>& location,
                   const std::vector<text::DateMention>& dates, bool sentence_dates) {
  const text::Sentence& sentence = analysis.sentences[si];
  Event e;
  e.doc = doc.id;
  e.sentence = si;
  e.sentence_span = sentence.span;
  e.lang = lang;
  e.cameo = cameo;
  e.plover = cc.plover;
  e.plover_mode = cc.plover_mode;
  e.goldstein = cc.goldstein;
  e.quad_class = cc.quad_class;
  // Date: an explicit or relative date in the sentence, else the document's.
  e.date = analysis.date.value.iso();
  e.date_origin = e.date.empty() ? "none" : "document";
  text::DatePrecision precision = analysis.date.value.precision;
  // Events the sentence classifiers add without a rule trigger (sentence_dates false) have always
  // taken the document's date only; the rule events' sentence dates are not applied to them. This
  // divergence is kept as it is until it is decided on (issue 10).
  if (sentence_dates)
    for (const auto& dm : dates) {
      if (dm.resolved && dm.span.start >= sentence.span.start && dm.span.end <= sentence.span.end &&
          dm.value.precision == text::DatePrecision::day) {
        e.date = dm.value.iso();
        e.date_origin = "sentence";
        precision = text::DatePrecision::day;
        break;
      }
    }
  e.date_precision = text::to_string(e.date.empty() ? text::DatePrecision::unknown : precision);
  e.location = location;
  return e;
}

void apply_date_range(std::vector<Event>& events, const std::optional<kb::DateRange>& range) {
  if (!range) return;
  for (Event& e : events) {
    if (e.date_origin != "none") continue;
    e.date_precision = "range";
    e.date_origin = "inferred";
    e.date_from = kb::day_iso(range->first);
    e.date_to = kb::day_iso(range->last);  // "" for an open end
  }
}

}  // namespace rasad::code
