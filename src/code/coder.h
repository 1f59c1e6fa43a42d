#pragma once
// The event coder: one analysed document (text layer) in, event records out. Rules:
// docs/CODING.md. Patterns: data/kb/patterns (docs/DATA.md).
#include <memory>
#include <string>
#include <vector>

#include "code/attach.h"
#include "code/event.h"
#include "code/factuality.h"
#include "code/patterns.h"
#include "code/tagger.h"
#include "core/diagnostic.h"
#include "core/document.h"
#include "core/result.h"
#include "kb/kb.h"
#include "kb/resolver.h"
#include "text/pipeline.h"

namespace rasad::code {

class EventClassifier;
class SentenceModels;

// A sentence classifier and how the coder uses it (data/models/coder.tsv).
struct ClassifierUse {
  std::string lang, label;  // sentences of `lang`; the PLOVER type scored
  std::shared_ptr<const EventClassifier> model;
  float gate = 0;   // rule events of `label` need at least this probability
  float alone = 1;  // at least this probability yields an event without a rule trigger
  bool spare_parties = false;  // the gate keeps rule events with both a source and a target
  std::string root_cameo;  // the 3-digit CAMEO code such an event gets (the type's first in cameo.tsv)
};

// Everything the coder reads from data/, loaded once and shared by all threads.
struct CodingResources {
  std::shared_ptr<const text::TextResources> text;
  std::shared_ptr<const kb::KnowledgeBase> kb;
  std::shared_ptr<const PatternSet> patterns;
  std::vector<ClassifierUse> classifiers;  // empty when data/models has none
  // Per language, the multi-label type model that ranks a sentence's event types and how many types
  // a sentence keeps (data/models/sentence_types.tsv); a language without a row keeps all.
  struct TypeLimit {
    std::string lang;
    std::shared_ptr<const EventClassifier> model;
    size_t max_types = 0;
  };
  std::vector<TypeLimit> type_limits;
  // Per language, the models above that its sentences are scored with, read together.
  std::vector<std::pair<std::string, std::shared_ptr<const SentenceModels>>> sentence_models;
  // Per language, the learned argument attacher (data/models/attach_<lang>.tsv), where trained.
  std::vector<std::pair<std::string, std::shared_ptr<const Attacher>>> attachers;
  // Per language, the learned trigger tagger (data/models/tagger_<lang>.tsv), where trained.
  std::vector<std::pair<std::string, std::shared_ptr<const TriggerTagger>>> taggers;
  // Per language, the learned factuality model (data/models/factuality_<lang>.tsv), where trained.
  std::vector<std::pair<std::string, std::shared_ptr<const FactualityModel>>> factuality;

  // Loads data_dir/text, data_dir/kb (with data_dir/kb/patterns) and data_dir/models. Problems in
  // single lines become Diagnostics; fails only when a whole part cannot be loaded.
  static Result<std::shared_ptr<const CodingResources>> load(const std::string& data_dir,
                                                             std::vector<Diagnostic>& problems);
};

struct CodeOptions {
  bool with_statements = true;  // emit CAMEO 01 statements when a sentence has no other event
  bool keep_negated = false;    // emit negated events (negated: true) instead of dropping them
  bool use_classifiers = true;  // apply data/models/coder.tsv and sentence_types.tsv
  bool use_attacher = true;     // let data/models/attach_<lang>.tsv choose source and target
  bool use_tagger = true;       // let data/models/tagger_<lang>.tsv propose triggers the patterns miss
  bool use_factuality = true;   // let data/models/factuality_<lang>.tsv decide actual or background (rule 8)
};

// Training rows the coder collects besides its events, where asked: one per (trigger, actor group)
// pair with the attacher's features (`rasad code --attach-rows`, for train_attacher.py), one per
// word the trigger tagger reads (`--tagger-rows`, for train_tagger.py), one per trigger with the
// factuality model's features and the word rules' verdict (`--factuality-rows`, train_factuality.py).
struct TrainingRows {
  std::vector<AttachRow>* attach = nullptr;
  std::vector<TagRow>* tags = nullptr;
  std::vector<FactRow>* facts = nullptr;
};

// Immutable after construction; thread-safe.
class EventCoder {
 public:
  explicit EventCoder(std::shared_ptr<const CodingResources> resources, CodeOptions options = {});
  // Events of `doc` in sentence order; `analysis` is what text::TextPipeline made of `doc`.
  std::vector<Event> code(const Document& doc, const text::Analysis& analysis) const;
  // Also appends the training rows asked for. `unit_forms` (optional) keeps the analysed word forms
  // across the documents one thread codes: a news article repeats few of its words, a stream of
  // them most (1,000 SaudiNewsNet articles: 354,000 distinct forms per article summed, 73,000 in
  // all). Null: each document's forms are kept for that document only. The events are the same.
  std::vector<Event> code(const Document& doc, const text::Analysis& analysis, TrainingRows rows,
                          kb::UnitForms* unit_forms = nullptr) const;

 private:
  std::shared_ptr<const CodingResources> resources_;
  CodeOptions options_;
  kb::ActorResolver resolver_;
};

}  // namespace rasad::code
