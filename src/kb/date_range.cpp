#include "kb/date_range.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace rasad::kb {

namespace {

constexpr Day kOpen = 99991231;

// A set of days as sorted, disjoint, inclusive intervals.
using Intervals = std::vector<std::pair<Day, Day>>;

Intervals normalized(Intervals v) {
  std::sort(v.begin(), v.end());
  Intervals out;
  for (const auto& iv : v) {
    if (!out.empty() && iv.first <= out.back().second)
      out.back().second = std::max(out.back().second, iv.second);
    else
      out.push_back(iv);
  }
  return out;
}

Intervals intersect(const Intervals& a, const Intervals& b) {
  Intervals out;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    const Day lo = std::max(a[i].first, b[j].first), hi = std::min(a[i].second, b[j].second);
    if (lo <= hi) out.push_back({lo, hi});
    (a[i].second < b[j].second ? i : j) += 1;
  }
  return out;
}

// The days a tenure may cover: month-precision dates read widely, an open or ">DATE" end as open
// (the range must contain the document's day, so it errs on the wide side).
std::pair<Day, Day> tenure(const Role& r) {
  const Day first = r.start_early;
  const Day last = r.end_late == 0 || r.end_lower_bound ? kOpen : r.end_late;
  return {first, last};
}

}  // namespace

std::string day_iso(Day d) {
  if (d == 0) return {};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return buf;
}

void collect_date_evidence(const std::vector<ActorMention>& mentions, DateEvidence& e) {
  for (const ActorMention& m : mentions) {
    if (!m.person.empty()) e.people.push_back(m.person);
    if (m.kind == "agent" && !m.country.empty() && !m.role.empty()) e.offices.emplace_back(m.country, m.role);
    if (!m.title_role.empty() && !m.country.empty()) e.offices.emplace_back(m.country, m.title_role);
  }
}

DateEvidence gather_date_evidence(const std::vector<text::Sentence>& sentences, std::string_view text,
                                  std::string_view lang, const ActorResolver& resolver, const KnowledgeBase& kb) {
  DateEvidence e;
  for (const text::Sentence& s : sentences) {
    const std::string_view l = s.lang == "ar" || s.lang == "fa" || s.lang == "en" ? std::string_view(s.lang) : lang;
    std::vector<Span> spans;
    const std::vector<MatchUnit> units = resolver.units(s.tokens, text, l, &spans);
    if (units.empty()) continue;
    collect_date_evidence(resolver.resolve_units(units, spans, text, l, /*day=*/0), e);
    if (const PhraseMatcher* im = kb.issue_matcher(l))
      for (const auto& m : im->match(units))
        for (uint32_t id : *m.payloads) e.issues.push_back(kb.forms()[id].code);
  }
  return e;
}

std::optional<DateRange> infer_date_range(const DateEvidence& evidence, const KnowledgeBase& kb) {
  const std::set<std::string> people(evidence.people.begin(), evidence.people.end());
  const std::set<std::pair<std::string, std::string>> offices(evidence.offices.begin(), evidence.offices.end());
  const std::set<std::string> issues(evidence.issues.begin(), evidence.issues.end());

  Intervals allowed{{0, kOpen}};
  DateRange range;
  for (const std::string& id : people) {
    const Person* p = kb.person(id);
    if (!p) continue;
    for (const auto& [country, role] : offices) {
      Intervals terms;
      for (uint32_t i : p->roles) {
        const Role& r = kb.roles()[i];
        if (r.country == country && r.role == role) terms.push_back(tenure(r));
      }
      if (terms.empty()) continue;
      allowed = intersect(allowed, normalized(std::move(terms)));
      range.evidence.push_back(id + " " + role + " " + country);
    }
  }
  for (const std::string& issue : issues) {
    const auto period = kb.issue_period(issue);
    if (!period) continue;
    allowed = intersect(allowed, Intervals{{period->first, period->second == 0 ? kOpen : period->second}});
    range.evidence.push_back("issue " + issue);
  }
  if (range.evidence.empty() || allowed.empty()) return std::nullopt;
  range.first = allowed.front().first;
  range.last = allowed.back().second == kOpen ? 0 : allowed.back().second;
  return range;
}

}  // namespace rasad::kb
