#pragma once
// Event triggers of one sentence and their modality (docs/CODING.md rules 2, 3, 8, 13): pattern
// matches outside actor mentions, negation, future or intent, conditionals, complements of
// governing verbs, topics of consultations, questions.
#include <string>
#include <utility>
#include <vector>

#include "code/patterns.h"
#include "code/units.h"
#include "text/pipeline.h"

namespace rasad::code {

struct Trigger {
  PatternMatch match;
  std::string cameo;
  bool negated = false;
  bool future = false;
  bool conditional = false;
  bool wished = false;  // a Persian light verb in the subjunctive: wished or required, not done
  bool background = false;  // named as a case, a charge, an anniversary ("قضية اغتيال", "ذكرى"), or
                            // a conflict named as what came before the news ("منذ اغتيال", "after the attack")
  bool interview = false;  // a talk with the press ("در گفت‌وگو با خبرنگار"): the speaker's statement
  bool absorbed = false;  // the complement of a governing trigger ("condemned the attack") or a
                          // topic of a consultation ("discussed ways to support ...")
  uint32_t topic_at = UINT32_MAX;  // a consultation's topic word: its parties stand before it
};

// Roots whose verbs take an event as complement: "called for talks", "condemned the attack".
bool governs_complement(std::string_view cameo);
// The code of an announced or intended event of `cameo`; "" when such an event is not coded.
std::string future_code(std::string_view cameo);

// The sentence's triggers left to right; `in_actor` marks units inside actor mentions.
std::vector<Trigger> find_triggers(const PatternSet& patterns, const Units& u, const text::Sentence& sentence,
                                   const Grammar* g, const std::string& lang, const std::vector<bool>& in_actor);
// The same from given matches (the patterns' and the trigger tagger's, code/tagger.h), left to right.
std::vector<Trigger> find_triggers(const std::vector<PatternMatch>& matches, const Units& u,
                                   const text::Sentence& sentence, const Grammar* g, const std::string& lang,
                                   const std::vector<bool>& in_actor);

// A question ("?", "هل", "آیا" ...) reports no event.
bool is_question(const Units& u, const Grammar* g);

// The clause of trigger `ti`, [left, right) in units: from the previous trigger that is not a
// complement to the next one.
std::pair<uint32_t, uint32_t> clause_of(const std::vector<Trigger>& triggers, size_t ti, size_t n_units);

}  // namespace rasad::code
