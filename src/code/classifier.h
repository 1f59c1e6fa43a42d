#pragma once
// A learned sentence scorer (fastText) that tells the rule-based coder how likely a sentence reports
// an event of a type, so it can keep or drop the candidates its patterns found. Models and their
// thresholds live in data/models (see data/models/README.md); scripts/train/train rebuilds them.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/word_hash.h"
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
  // The words of features(s), one call each, without building the string.
  static void for_each_feature(const text::Sentence& s, const std::function<void(std::string_view)>& f);

  // label -> probability for every label the model knows ("PROTEST", "NONE", ...), most likely
  // first. Labels are given without fastText's "__label__" prefix.
  std::vector<std::pair<std::string, float>> predict(std::string_view features) const;
  // Probability of one label; 0 when the model does not know the label.
  float probability(std::string_view features, std::string_view label) const;
  // The labels the model knows.
  const std::vector<std::string>& labels() const { return labels_; }

  // A model of whole words with a softmax or one-vs-all output (every model rasad trains) is linear
  // in its words: a label's score is the mean, over the known words and the end of line, of one
  // number per word and label (the output row times the word's input row), computed at load. A
  // sentence then costs one table probe and labels().size() additions per word, and several models
  // can share the probe (SentenceModels).
  bool linear() const { return linear_.has_value(); }
  // A linear model's numbers for one word, labels() order; nullptr for an unknown word.
  const float* word_scores(std::string_view word) const;
  // The same for the end of line, which fastText adds to every input; nullptr when the model has none.
  const float* end_of_line_scores() const;
  // Probabilities in labels() order from the sums of word_scores over `words` known words (the end
  // of line counted), as fastText's predict gives them; all 0 when `words` is 0.
  std::vector<float> probabilities(std::span<const float> sums, float words) const;
  // Every word of a linear model with its numbers.
  void for_each_word(const std::function<void(std::string_view, const float*)>& f) const;

  ~EventClassifier();
  EventClassifier(const EventClassifier&) = delete;
  EventClassifier& operator=(const EventClassifier&) = delete;

 private:
  EventClassifier();
  using WordTable = std::unordered_map<std::string, int32_t, WordHash, std::equal_to<>>;
  struct Linear {
    WordTable rows;             // word -> row of `scores`
    std::vector<float> scores;  // per row, one number per label
    int32_t end_of_line = -1;   // the end of line's row, if the model knows it
    bool softmax = true;        // else one-vs-all (a sigmoid per label)
  };
  std::optional<Linear> linear_;
  std::unique_ptr<fasttext::FastText> model_;  // other models, read by fastText's predictLine
  std::vector<std::string> labels_;  // by fastText label id, without the "__label__" prefix
  std::string label_prefix_;
};

// The sentence models of one language read together: a sentence's words are looked up once for all
// of them, in one table whose row holds every model's numbers for the word.
class SentenceModels {
 public:
  explicit SentenceModels(std::vector<std::shared_ptr<const EventClassifier>> models);
  // Per model, in the order given, its probabilities in its labels() order.
  std::vector<std::vector<float>> score(const text::Sentence& s) const;
  // The position of `m` in the set, or -1.
  int index(const EventClassifier* m) const;

 private:
  std::vector<std::shared_ptr<const EventClassifier>> models_;
  // A row: per linear model, 1 if it knows the word, then its numbers; other models have no columns.
  std::vector<size_t> column_;  // per model, its first column
  size_t width_ = 0;
  std::unordered_map<std::string, uint32_t, WordHash, std::equal_to<>> rows_;
  std::vector<float> table_;        // rows_.size() x width_
  std::vector<float> end_of_line_;  // one row
};

}  // namespace rasad::code
