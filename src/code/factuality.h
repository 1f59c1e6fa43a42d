#pragma once
// The learned factuality model (docs/CODING.md rule 8): whether a trigger the word rules of
// triggers.cpp call actual or background reports an event that happened, or one named as what came
// before the news, a case or a kind (background; the coder drops it). Negation, the future and
// conditions stay with the word rules: the annotated corpus holds too few of them to learn from.
// The rules' verdict is one of the model's features, and where a model is trained for the language
// its decision replaces the verdict. scripts/train/train_factuality.py fits it on the annotated
// corpus (and arabic_gsr train) from the rows `rasad code --factuality-rows` prints.
// Models: data/models/factuality_<lang>.tsv (format in data/models/README.md).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "code/attach.h"
#include "code/linear.h"
#include "code/triggers.h"
#include "code/units.h"
#include "core/result.h"
#include "core/span.h"

namespace rasad::code {

// Whether the model decides for `t`: a trigger the rules call actual or background. A complement,
// a consultation's topic, an interview, a negated, future or conditional trigger is left to the rules.
bool has_factuality(const Trigger& t);

// The features of trigger `ti` (FeatureNames for training rows, the model's LabelScores at run
// time: one function, so the two cannot drift).
void factuality_features(const Units& u, const text::Sentence& sentence, const std::vector<Trigger>& triggers,
                         size_t ti, FeatureSink& sink);

// A training row: one trigger with its code and features.
struct FactRow {
  std::string doc;
  Span trigger;
  std::string cameo;
  std::vector<std::string> features;
};

class FactualityModel {
 public:
  // Reads "@label actual" and "@label background" lines (in this order), one "@bias B" line (added
  // to actual's score) and "feature <TAB> weight per label" lines ('#' comments). Errors name the
  // file and line.
  static Result<std::shared_ptr<const FactualityModel>> load(const std::string& path);

  // Whether trigger `ti` is background (else actual).
  bool background(const Units& u, const text::Sentence& sentence, const std::vector<Trigger>& triggers,
                  size_t ti) const;

 private:
  float bias_ = 0;
  LinearWeights weights_;
};

// Sets the background flag of each trigger the model decides for to its decision.
void decide_factuality(const FactualityModel& m, const Units& u, const text::Sentence& sentence,
                       std::vector<Trigger>& triggers);

}  // namespace rasad::code
