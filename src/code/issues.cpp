#include "code/issues.h"

#include <algorithm>
#include <cstdint>

namespace rasad::code {

SentenceIssues find_issues(const kb::KnowledgeBase& kb, const Units& u, const std::string& lang) {
  SentenceIssues out;
  const kb::PhraseMatcher* im = kb.issue_matcher(lang);
  if (!im) return out;
  for (const auto& m : im->match(u.units)) {
    out.spans.push_back(u.span_of(m.begin, m.end));
    for (uint32_t id : *m.payloads) {
      const std::string& issue = kb.forms()[id].code;
      if (std::find(out.ids.begin(), out.ids.end(), issue) == out.ids.end()) out.ids.push_back(issue);
    }
  }
  return out;
}

void spread_issues(std::vector<Event>& events, const std::vector<std::vector<std::string>>& sentence_issues,
                   const std::vector<size_t>& first_event) {
  const size_t n = sentence_issues.size();
  for (uint32_t si = 0; si < n; ++si) {
    if (first_event[si] == SIZE_MAX) continue;
    std::vector<std::string> issues = sentence_issues[si];
    for (uint32_t k = si + 1; k < n && k <= si + 2; ++k) {
      if (first_event[k] != SIZE_MAX) break;
      for (const auto& i : sentence_issues[k])
        if (std::find(issues.begin(), issues.end(), i) == issues.end()) issues.push_back(i);
    }
    for (size_t k = first_event[si]; k < events.size() && events[k].sentence == si; ++k) events[k].issues = issues;
  }
}

}  // namespace rasad::code
