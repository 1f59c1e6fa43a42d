#pragma once
// Issues (docs/CODING.md, the `issues` field): issue names found in each sentence, and their
// spread to the events of the sentence and of the one before a follow-up sentence.
#include <cstddef>
#include <string>
#include <vector>

#include "code/event.h"
#include "code/units.h"
#include "kb/kb.h"

namespace rasad::code {

struct SentenceIssues {
  std::vector<std::string> ids;  // issue ids, first mention first, each once
  std::vector<Span> spans;       // where they are named (actors inside them are not actors)
};

SentenceIssues find_issues(const kb::KnowledgeBase& kb, const Units& u, const std::string& lang);

// Gives the events of each sentence (`first_event[s]`: index in `events` of sentence s's first event,
// SIZE_MAX when none) the sentence's issues and those of up to two following sentences without
// events ("the two sides discussed ...").
void spread_issues(std::vector<Event>& events, const std::vector<std::vector<std::string>>& sentence_issues,
                   const std::vector<size_t>& first_event);

}  // namespace rasad::code
