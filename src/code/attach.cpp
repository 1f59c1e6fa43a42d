#include "code/attach.h"

#include <algorithm>
#include <fstream>
#include <limits>

#include "core/tsv.h"

namespace rasad::code {

uint64_t feature_id(std::initializer_list<std::string_view> pieces) {
  uint64_t h = 14695981039346656037ull;
  for (std::string_view p : pieces)
    for (unsigned char ch : p) {
      h ^= ch;
      h *= 1099511628211ull;
    }
  return h;
}

void FeatureNames::add(std::initializer_list<std::string_view> pieces) {
  std::string name;
  for (std::string_view p : pieces) name += p;
  names.push_back(std::move(name));
}

AttachCandidate AttachCandidate::named(const std::vector<std::string>& names) {
  AttachCandidate c;
  for (const std::string& n : names) c.ids.push_back(feature_id({n}));
  return c;
}

Result<std::shared_ptr<const Attacher>> Attacher::load(const std::string& path) {
  auto a = std::make_shared<Attacher>();
  std::string bad;
  read_tsv(path, 4, [&](const TsvRow& row) {
    std::array<float, 3> w{};
    try {
      for (int k = 0; k < 3; ++k) w[k] = std::stof(std::string(row.col(1 + k)));
    } catch (const std::exception&) {
      if (bad.empty()) bad = row.error("weights must be numbers").format();
      return;
    }
    a->weights_[feature_id({row.col(0)})] = w;
  }, [&](Diagnostic d) {
    if (bad.empty()) bad = d.format();
  });
  if (!bad.empty()) return Error{bad};
  if (a->weights_.empty()) return Error{path + ": no weights"};
  return std::shared_ptr<const Attacher>(std::move(a));
}

std::array<float, 3> Attacher::scores(const AttachCandidate& c) const {
  std::array<float, 3> s{};
  for (uint64_t f : c.ids)
    if (auto it = weights_.find(f); it != weights_.end())
      for (int k = 0; k < 3; ++k) s[k] += it->second[k];
  return s;
}

std::pair<std::optional<size_t>, std::optional<size_t>> Attacher::choose(const std::vector<AttachCandidate>& cands) const {
  std::vector<std::array<float, 3>> s;
  for (const auto& c : cands) s.push_back(scores(c));
  auto best_for = [&](int role, std::optional<size_t> taken) {
    std::optional<size_t> best;
    float margin = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (taken && *taken == i) continue;
      const float m = s[i][role] - std::max(s[i][0], s[i][3 - role]);
      if (m > margin) {
        margin = m;
        best = i;
      }
    }
    return best;
  };
  const auto source = best_for(1, std::nullopt);
  return {source, best_for(2, source)};
}

}  // namespace rasad::code
