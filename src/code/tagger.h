#pragma once
// The learned trigger tagger: proposes event triggers the patterns miss. Each word of a sentence
// outside actor mentions and pattern matches is scored for "no trigger" and for each PLOVER type
// the model knows by a linear model over named features (the word, its stems and clitics, its
// neighbours, nearby actors); a word whose best type beats "no trigger" by the model's margin
// becomes a one-word trigger of that type's CAMEO code, and from there the coder treats it as a
// pattern match (modality, arguments, gates); a word the model has no weights for is not scored.
// scripts/train/train_tagger.py fits the weights and the margin on the annotated corpus from the
// rows `rasad code --tagger-rows` prints.
// Models: data/models/tagger_<lang>.tsv (format in data/models/README.md).
#include <memory>
#include <string>
#include <vector>

#include "code/attach.h"
#include "code/linear.h"
#include "code/patterns.h"
#include "code/units.h"
#include "core/result.h"
#include "core/span.h"

namespace rasad::code {

// The features of unit `i` for the tagger, each named by its pieces (FeatureNames for training
// rows, FeatureIds for the model: one function, so the two cannot drift).
void tagger_features(const Units& u, const text::Sentence& sentence, uint32_t i, const std::vector<bool>& in_actor,
                     FeatureSink& sink);

// Which units the tagger reads: words outside actor mentions and pattern matches.
std::vector<bool> tagger_candidates(const Units& u, const text::Sentence& sentence, const std::vector<bool>& in_actor,
                                    const std::vector<PatternMatch>& matches);

// A training row: one candidate unit with its features.
struct TagRow {
  std::string doc;
  Span unit;
  std::vector<std::string> features;
};

class TriggerTagger {
 public:
  // Reads "@label NAME CAMEO sym|-" lines (the first label is "O", no trigger, with CAMEO "-"),
  // one "@margin M" line and "feature <TAB> weight per label" lines ('#' comments). Errors name
  // the file and line.
  static Result<std::shared_ptr<const TriggerTagger>> load(const std::string& path);

  // One-word matches of the proposed triggers, left to right, each with its label's pattern.
  std::vector<PatternMatch> propose(const Units& u, const text::Sentence& sentence, const std::vector<bool>& in_actor,
                                    const std::vector<bool>& candidates) const;

  // Whether the model has weights for the unit's form or one of its stems (tagger_features' "w="
  // and "s="): a word it has none for is not scored (train_tagger.py decide()), most words of a text.
  bool knows(const kb::MatchUnit& unit) const;

  // The labels' patterns (cameo, symmetric), to check the codes against the ontology once loaded.
  const std::vector<Pattern>& patterns() const { return patterns_; }

 private:
  std::vector<Pattern> patterns_;  // per label; patterns_[0] (no trigger) is never proposed
  float margin_ = 0;
  LinearWeights weights_;
};

}  // namespace rasad::code
