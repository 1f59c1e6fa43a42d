#pragma once
// The weights of a linear model over named features (the trigger tagger, the factuality model):
// one row of label weights per feature, keyed by feature_id, in one flat array (every word or
// trigger of a text is scored, so lookups stay cheap).
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "code/attach.h"
#include "core/tsv.h"

namespace rasad::code {

class LinearWeights {
 public:
  // Reads a "feature <TAB> one weight per label" line; "" when it is good, else why not.
  std::string add_line(const TsvRow& row, size_t labels);
  // The feature's weights (one per label), nullptr when the model has none.
  const float* find(uint64_t id) const {
    const auto it = rows_.find(id);
    return it == rows_.end() ? nullptr : weights_.data() + it->second;
  }
  bool contains(uint64_t id) const { return rows_.contains(id); }
  bool empty() const { return weights_.empty(); }

 private:
  std::unordered_map<uint64_t, uint32_t> rows_;  // feature_id -> its first weight in weights_
  std::vector<float> weights_;
};

// Reads a linear model's file: "@label ..." lines go to `label_line` (it returns "" or why the line
// is bad; weights may not come before all labels), one "`number_line` NUMBER" line (the margin, the
// bias) is required, and each other line is "feature <TAB> one weight per label", `labels()` of
// them. '#' comments. Returns "" or the first error, naming the file and line.
std::string read_linear_model(const std::string& path, std::string_view number_line, float& number,
                              const std::function<std::string(const TsvRow&)>& label_line,
                              const std::function<size_t()>& labels, LinearWeights& weights);

// Adds each feature's weights to the label scores as the features are named: no list of ids.
class LabelScores : public FeatureSink {
 public:
  LabelScores(const LinearWeights& w, std::vector<float>& scores) : w_(w), s_(scores) {}
  void add(std::initializer_list<std::string_view> pieces) override {
    if (const float* w = w_.find(feature_id(pieces)))
      for (size_t k = 0; k < s_.size(); ++k) s_[k] += w[k];
  }

 private:
  const LinearWeights& w_;
  std::vector<float>& s_;
};

}  // namespace rasad::code
