#pragma once
// Argument attachment by position (docs/CODING.md rules 4, 5, 14 and what the passive, the pattern's
// gap and symmetric patterns add): the actor groups of a sentence and, for one trigger, the group
// that is its source and the one that is its target. The learned attacher (code/attach.h) uses these
// choices as features and may override them; attach_features() names the features of a pair.
#include <cstdint>
#include <string>
#include <vector>

#include "code/attach.h"
#include "code/mentions.h"
#include "code/patterns.h"
#include "code/units.h"
#include "text/pipeline.h"

namespace rasad::code {

// Actors joined by "و", "and" or commas ("إيران وروسيا", "Iran, Russia and Turkey").
struct Group {
  uint32_t begin = 0, end = 0;    // units
  std::vector<uint32_t> members;  // indices into the mention list
  bool locative = false;          // all members are places: a target only through a preposition
};

// The groups of the mentions that have an actor code, in text order.
std::vector<Group> group_mentions(const std::vector<Mention>& mentions, const Units& u, const text::Sentence& sentence);

// Drops the groups inside an attribution, from an `attribution` phrase ("به گزارش", "according
// to", "نقلا عن") to the next clause mark: the report's source is no party to what it reports
// ("به گزارش خبرنگار فارس، پلیس دو مرد را دستگیر کرد" is no arrest of the reporter).
void drop_attributions(std::vector<Group>& groups, const Units& u, const Grammar* g);

// What the rules see of a sentence around one trigger.
struct Clause {
  const Units& u;
  const text::Sentence& sentence;
  const Grammar* g;
  const std::string& lang;
  const std::vector<Group>& groups;
  const std::vector<Mention>& mentions;
  const Pattern& pattern;
  bool statement;                       // a CAMEO 01 event: no target
  uint32_t tb, te;                      // the trigger's units
  uint32_t left_limit, right_limit;     // the clause (triggers.h clause_of)

  // A group governed by a preposition (separate or attached), not a genitive.
  bool preceded_by_preposition(const Group& gr) const;
  bool followed_by_object_marker(const Group& gr) const;  // Persian را
};

struct Arguments {
  const Group* source = nullptr;
  const Group* target = nullptr;
  bool passive = false;  // the pattern's, or an English "were attacked by"
};

// The positional rules as an attacher: the counterpart of code/attach.h's Attacher.
class RuleAttacher {
 public:
  Arguments choose(const Clause& c) const;

 private:
  void choose_source(const Clause& c, Arguments& a) const;
  void choose_target(const Clause& c, Arguments& a) const;
  void fill_in(const Clause& c, Arguments& a) const;  // the rules for what is still missing
  void fill_in_source(const Clause& c, Arguments& a) const;
  void fill_in_target(const Clause& c, Arguments& a) const;
};

// The features of one (trigger, group) pair for the learned attacher, given to `out`. Names are
// stable strings: data/models/attach_<lang>.tsv and the training rows use them as written.
void attach_features(const Clause& c, bool passive, const Group& gr, size_t index, bool rule_source,
                     bool rule_target, FeatureSink& out);
// The same as names.
std::vector<std::string> attach_features(const Clause& c, bool passive, const Group& gr, size_t index,
                                         bool rule_source, bool rule_target);

}  // namespace rasad::code
