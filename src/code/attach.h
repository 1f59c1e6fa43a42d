#pragma once
// The learned argument attacher: for each (trigger, actor group) pair of a sentence, a linear model
// over named features (order, distance, the word or clitic before the group, clause breaks, the
// positional rules' own choice, ...) scores none / source / target. The coder computes the features
// (code/coder.cpp) and lets the model pick the source and the target among the groups;
// scripts/train/train_attacher.py fits the weights on the annotated corpus from the rows that
// `rasad code --attach-rows` prints. Models: data/models/attach_<lang>.tsv.
#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/span.h"

namespace rasad::code {

enum class ArgRole { none = 0, source = 1, target = 2 };

// A feature's name, hashed (64-bit FNV-1a of its bytes): the model is looked up by it, so the
// coder never builds the names' strings. `pieces` are the name's parts in order.
uint64_t feature_id(std::initializer_list<std::string_view> pieces);

// Receives the features of a (trigger, group) pair, each named by its pieces ("side=", "before").
class FeatureSink {
 public:
  virtual ~FeatureSink() = default;
  virtual void add(std::initializer_list<std::string_view> pieces) = 0;
};

// Keeps the names, as the training rows print them.
class FeatureNames : public FeatureSink {
 public:
  void add(std::initializer_list<std::string_view> pieces) override;
  std::vector<std::string> names;
};

// One candidate: its features' ids (feature_id), what the model reads.
struct AttachCandidate {
  std::vector<uint64_t> ids;
  static AttachCandidate named(const std::vector<std::string>& names);
};

// Keeps the ids, for the model.
class FeatureIds : public FeatureSink {
 public:
  void add(std::initializer_list<std::string_view> pieces) override { candidate.ids.push_back(feature_id(pieces)); }
  AttachCandidate candidate;
};

// A training row: one (trigger, group) pair with where it is, for alignment with annotations.
struct AttachRow {
  std::string doc;
  Span trigger;
  Span group;           // from the first member's start to the last member's end
  std::string cameo;
  std::vector<std::string> codes;  // the members' actor codes, for alignment with gold that gives codes
  std::vector<std::string> features;
};

class Attacher {
 public:
  // Reads "feature <TAB> w_none <TAB> w_source <TAB> w_target" lines ('#' comments). Errors name
  // the file and line.
  static Result<std::shared_ptr<const Attacher>> load(const std::string& path);

  std::array<float, 3> scores(const AttachCandidate& c) const;

  // The source and the target among the candidates (indices), each the candidate whose score for
  // the role beats its other two scores by the widest margin; one candidate takes one role.
  // Decoding must stay equal to train_attacher.py's decode().
  std::pair<std::optional<size_t>, std::optional<size_t>> choose(const std::vector<AttachCandidate>& cands) const;

 private:
  std::unordered_map<uint64_t, std::array<float, 3>> weights_;  // by feature_id
};

}  // namespace rasad::code
