#include "code/mentions.h"

#include <algorithm>

namespace rasad::code {

MentionKind mention_kind(std::string_view kind) {
  if (kind == "country") return MentionKind::country;
  if (kind == "agent") return MentionKind::agent;
  if (kind == "person") return MentionKind::person;
  if (kind == "organization") return MentionKind::organization;
  return MentionKind::other;
}

namespace {

// The resolver's mentions with their unit ranges. A name inside a date expression is the date:
// "دوشنبه" is Monday before it is Dushanbe; one inside an issue's name is the issue: "عملية آستانا"
// is the Astana process, not Kazakhstan.
std::vector<Mention> resolved(const MentionInput& in) {
  const Units& u = in.u;
  std::vector<kb::ActorMention> found = in.resolver.resolve_units(u.units, u.spans, in.text, in.lang, in.doc_day);
  if (in.evidence) kb::collect_date_evidence(found, *in.evidence);
  std::vector<Mention> out;
  for (auto& m : found) {
    bool drop = false;
    for (const auto& dm : in.dates) drop |= dm.span.start <= m.span.start && m.span.end <= dm.span.end;
    for (const auto& is : in.issue_spans)
      drop |= is.start <= m.span.start && m.span.end <= is.end && m.person.empty();
    if (drop) continue;
    uint32_t b = 0;
    while (b < u.units.size() && u.spans[b].end <= m.span.start) ++b;
    uint32_t e = b;
    while (e < u.units.size() && u.spans[e].start < m.span.end) ++e;
    Mention x;
    x.kind = mention_kind(m.kind);
    x.begin = b;
    x.end = std::max(e, b + 1);
    x.actor = std::move(m);
    out.push_back(std::move(x));
  }
  return out;
}

// A capital after a locative preposition is where, not who: "in Tokyo", "في موسكو", "در تهران".
void mark_locatives(const MentionInput& in, std::vector<Mention>& mentions) {
  const kb::PhraseMatcher* pm = in.kb.place_matcher(in.lang);
  if (!pm) return;
  const Units& u = in.u;
  const Grammar* g = in.g;
  std::vector<std::pair<uint32_t, uint32_t>> places;
  for (const auto& m : pm->match(u.units)) places.emplace_back(m.begin, m.end);
  for (Mention& m : mentions) {
    if (m.kind != MentionKind::country || !m.actor.person.empty()) continue;
    for (const auto& [pb, pe] : places) {
      if (pb != m.begin || pe != m.end) continue;
      const auto& pre = u.prefixes(in.sentence, m.begin);
      // A dateline ("BAGHDAD —", "طهران -") names where the story was filed.
      const bool dateline_place = m.begin == 0 && m.end < u.units.size() && is_clause_punct(u.units[m.end].forms[0]);
      m.locative = dateline_place || (m.begin > 0 && word_at(g, "locative", u, m.begin - 1)) ||
                   std::any_of(pre.begin(), pre.end(), [&](const std::string& x) { return g && g->has("locative", x); });
    }
    // A place has no role (it used to carry the marker role "@locative" until grouping).
    if (m.locative) m.actor.role.clear();
  }
}

// An agent without a country takes the country named right after it: "opposition groups in
// Zimbabwe", "المعارضة في سوريا".
void join_agent_country(const MentionInput& in, std::vector<Mention>& mentions) {
  for (size_t i = 0; i + 1 < mentions.size(); ++i) {
    Mention& m = mentions[i];
    if (!m.actor.country.empty() || m.kind != MentionKind::agent) continue;
    const Mention& next = mentions[i + 1];
    if (next.kind != MentionKind::country || next.actor.country.empty()) continue;
    const uint32_t gap = next.begin - m.end;
    if (gap > 2) continue;
    // Only prepositions between them: "protesters marched in Cairo" is a protest in Cairo.
    bool via_prep = true;
    for (uint32_t k = m.end; k < next.begin; ++k)
      via_prep &= word_at(in.g, "locative", in.u, k) || word_at(in.g, "preposition", in.u, k);
    if (!via_prep) continue;
    m.actor.country = next.actor.country;
    m.actor.code = m.actor.country + m.actor.sector;
    m.actor.span.end = next.actor.span.end;
    m.actor.text = std::string(m.actor.span.slice(in.text));
    m.end = next.end;
    mentions.erase(mentions.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  }
}

// Roles seen before: a named holder of a role, or the country last seen with a role (rule 11).
void apply_discourse_roles(std::vector<Mention>& mentions, Discourse& d) {
  for (const Mention& x : mentions) {
    const kb::ActorMention& m = x.actor;
    if (x.kind == MentionKind::person && !m.person.empty() && !m.country.empty() && !m.role.empty())
      d.named_holder[m.country + "|" + m.role] = m;
  }
  for (Mention& x : mentions) {
    kb::ActorMention& m = x.actor;
    if (x.kind == MentionKind::agent && m.person.empty() && !m.country.empty() && !m.role.empty()) {
      if (auto it = d.named_holder.find(m.country + "|" + m.role); it != d.named_holder.end()) {
        m.person = it->second.person;
        m.person_name = it->second.person_name;
      }
    }
    if (m.role.empty()) continue;
    if (!m.country.empty()) {
      d.last_in_role[m.role] = m;
    } else if (x.kind == MentionKind::agent) {
      auto it = d.last_in_role.find(m.role);
      if (it == d.last_in_role.end()) continue;
      const kb::ActorMention& known = it->second;
      m.country = known.country;
      m.code = known.code;
      m.sector = known.sector;
      if (m.person.empty()) {
        m.person = known.person;
        m.person_name = known.person_name;
      }
    }
  }
}

// An agent still without a country, in a sentence that names exactly one country, is of it; else
// of the dateline's: "Police fired tear gas" in a story filed from Baghdad.
void apply_only_country(std::vector<Mention>& mentions, const Discourse& d) {
  std::string only;
  bool unique = true;
  for (const Mention& m : mentions)
    if (!m.actor.country.empty() && !m.locative) {
      if (only.empty()) only = m.actor.country;
      else if (only != m.actor.country) unique = false;
    }
  if (only.empty() || !unique) only = unique && !only.empty() ? only : (d.dateline ? d.dateline->country : "");
  if (only.empty()) return;
  for (Mention& m : mentions)
    if (m.kind == MentionKind::agent && m.actor.country.empty() && !m.actor.sector.empty()) {
      m.actor.country = only;
      m.actor.code = only + m.actor.sector;
    }
}

}  // namespace

std::vector<Mention> find_mentions(const MentionInput& in, Discourse& d) {
  std::vector<Mention> mentions = resolved(in);
  mark_locatives(in, mentions);
  join_agent_country(in, mentions);
  apply_discourse_roles(mentions, d);
  apply_only_country(mentions, d);
  return mentions;
}

std::vector<bool> units_in_mentions(const std::vector<Mention>& mentions, size_t n_units, bool with_locative) {
  std::vector<bool> in(n_units, false);
  for (const Mention& m : mentions)
    if (with_locative || !m.locative)
      for (uint32_t k = m.begin; k < m.end && k < n_units; ++k) in[k] = true;
  return in;
}

EventActor event_actor(const Mention& m, const Units& u, const Grammar* g, const kb::KnowledgeBase& kb,
                       kb::Day doc_day, const EventActor* src) {
  EventActor a;
  a.code = m.actor.code;
  a.country = m.actor.country;
  a.sector = m.actor.sector;
  a.person = m.actor.person;
  a.name = m.actor.person_name.empty() ? m.actor.organization : m.actor.person_name;
  a.role = m.actor.role;
  a.text = m.actor.text;
  a.span = m.actor.span;
  const uint32_t b = m.begin;
  const bool counterpart = m.actor.role == "counterpart" || (b > 0 && word_at(g, "counterpart", u, b - 1)) ||
                           (b > 1 && word_at(g, "counterpart", u, b - 2));
  if (!counterpart || !src || src->role.empty() || a.country.empty() || !a.person.empty()) return a;
  // Undated document: the counterpart during the source person's term.
  kb::Day day = doc_day;
  if (!day && !src->person.empty())
    if (const kb::Role* sr = kb.role_of(src->person, 0)) day = sr->end_early ? sr->end_early : sr->start_late;
  if (const kb::Role* r = kb.holder(a.country, src->role, day)) {
    a.person = r->person;
    if (const kb::Person* per = kb.person(r->person)) a.name = per->display;
    a.code = r->actor_code;
    a.sector = kb.split_code(r->actor_code).second;
    a.role = r->role;
  }
  return a;
}

}  // namespace rasad::code
