#include "code/gates.h"

#include <algorithm>

#include "code/classifier.h"
#include "code/when_where.h"

namespace rasad::code {

void keep_likeliest_types(std::vector<Event>& out, size_t first, size_t max_types,
                          const std::function<float(const std::string&)>& prob) {
  std::vector<std::pair<float, std::string>> ranked;
  for (size_t k = first; k < out.size(); ++k) {
    const std::string& t = out[k].plover;
    if (t.empty() || std::any_of(ranked.begin(), ranked.end(), [&](const auto& r) { return r.second == t; })) continue;
    ranked.emplace_back(prob(t), t);
  }
  if (ranked.size() <= max_types) return;
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  ranked.resize(max_types);
  auto kept = [&](const Event& e) {
    return e.plover.empty() || std::any_of(ranked.begin(), ranked.end(), [&](const auto& r) { return r.second == e.plover; });
  };
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [&](const Event& e) { return !kept(e); }),
            out.end());
}

bool passes_gate(const ClassifierUse& use, float prob, const Event& e) {
  // The sentence model reads the words, not who they name, and dilutes a plain report in a long
  // sentence; an event whose pattern resolved both parties may stay (coder.tsv `parties`).
  const bool both_parties = !e.source.code.empty() && e.target && !e.target->code.empty();
  return prob >= use.gate || (use.spare_parties && both_parties);
}

namespace {

// The sentence is scored once, by all its language's models together, when a model is first asked.
class SentenceScores {
 public:
  SentenceScores(const CodingResources& res, const std::string& lang, const text::Sentence& s) : sentence_(s) {
    for (const auto& [l, models] : res.sentence_models)
      if (l == lang) models_ = models.get();
  }
  float probability(const EventClassifier& model, const std::string& label) {
    const int k = models_ ? models_->index(&model) : -1;
    if (k < 0) return model.probability(EventClassifier::features(sentence_), label);
    if (scores_.empty()) scores_ = models_->score(sentence_);
    const auto& labels = model.labels();
    for (size_t j = 0; j < labels.size(); ++j)
      if (labels[j] == label) return scores_[static_cast<size_t>(k)][j];
    return 0.0f;
  }

 private:
  const text::Sentence& sentence_;
  const SentenceModels* models_ = nullptr;
  std::vector<std::vector<float>> scores_;
};

// No pattern matched, but the model is confident: an event of the type's root code whose evidence
// is the sentence as a whole.
void add_alone_event(const GateInput& in, const ClassifierUse& use, float prob, std::vector<Event>& out) {
  const kb::CameoCode* cc = in.res.kb->ontology().cameo(use.root_cameo);
  if (!cc) return;
  const text::Sentence& sentence = in.analysis.sentences[in.si];
  Event e = event_header(in.doc, in.analysis, in.si, in.lang, use.root_cameo, *cc, in.location, in.analysis.dates, false);
  e.trigger = sentence.span;
  e.trigger_text = std::string(sentence.span.slice(in.doc.text));
  e.confidence = prob;
  out.push_back(std::move(e));
}

}  // namespace

void apply_sentence_models(const GateInput& in, std::vector<Event>& out, size_t first_event) {
  SentenceScores scores(in.res, in.lang, in.analysis.sentences[in.si]);
  // Keep rule events the model finds likely (passes_gate); add events it is sure of.
  for (const ClassifierUse& use : in.res.classifiers) {
    if (use.lang != in.lang) continue;
    const float prob = scores.probability(*use.model, use.label);
    bool kept = false;
    for (size_t k = first_event; k < out.size();) {
      if (out[k].plover == use.label && !passes_gate(use, prob, out[k])) {
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(k));
        continue;
      }
      if (out[k].plover == use.label) {
        kept = true;
        out[k].confidence = std::clamp(0.5 * out[k].confidence + 0.5 * prob, 0.05, 0.99);
      }
      ++k;
    }
    if (!kept && prob >= use.alone) add_alone_event(in, use, prob, out);
  }
  for (const auto& limit : in.res.type_limits)
    if (limit.lang == in.lang && limit.max_types > 0)
      keep_likeliest_types(out, first_event, limit.max_types,
                           [&](const std::string& type) { return scores.probability(*limit.model, type); });
}

}  // namespace rasad::code
