#pragma once
// A learned sentence scorer (fastText) that tells the rule-based coder how likely a sentence reports
// an event of a type, so it can keep or drop the candidates its patterns found. Models and their
// thresholds live in data/models (see data/models/README.md); scripts/train/train_classifier.sh
// rebuilds them.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "text/segment.h"

namespace fasttext {
class FastText;
}

namespace rasad::code {

// Immutable after load; predict/probability are safe to call from several threads at once
// (fastText's predict keeps its scratch state on the stack).
class EventClassifier {
 public:
  // Reads a fastText .bin/.ftz model. A missing, unreadable or malformed file is an error.
  static Result<std::shared_ptr<const EventClassifier>> load(const std::string& model_path);

  // The model's input for one sentence: per word, its normalized form and, when it differs, its
  // morphological stem; numbers as one placeholder; punctuation kept. Training data is made by the
  // same function (`rasad classify --prep`), so training and run time see the same text.
  static std::string features(const text::Sentence& s);
  // features() of several sentences, joined (a record whose text is more than one sentence).
  static std::string features(const std::vector<text::Sentence>& sentences);

  // label -> probability for every label the model knows ("PROTEST", "NONE", ...), most likely
  // first. Labels are given without fastText's "__label__" prefix.
  std::vector<std::pair<std::string, float>> predict(std::string_view features) const;
  // Probability of one label; 0 when the model does not know the label.
  float probability(std::string_view features, std::string_view label) const;
  // The labels the model knows.
  const std::vector<std::string>& labels() const { return labels_; }

  ~EventClassifier();
  EventClassifier(const EventClassifier&) = delete;
  EventClassifier& operator=(const EventClassifier&) = delete;

 private:
  EventClassifier();
  // The model's input ids for `features`, as fastText's getLine makes them for a model of whole
  // words (no character n-grams, no word n-grams): known words, then the end of line.
  std::vector<int32_t> word_ids(std::string_view features) const;

  // Hashes string and string_view alike, so the vocabulary is probed without a copy.
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
  };
  std::unique_ptr<fasttext::FastText> model_;
  std::vector<std::string> labels_;  // by fastText label id, without the "__label__" prefix
  // Words of a whole-word model -> input row; empty for other models, which go through predictLine.
  std::unordered_map<std::string, int32_t, WordHash, std::equal_to<>> vocabulary_;
  int32_t end_of_line_ = -1;
  std::string label_prefix_;
};

}  // namespace rasad::code
