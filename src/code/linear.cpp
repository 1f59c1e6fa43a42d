#include "code/linear.h"

#include <exception>

namespace rasad::code {

std::string LinearWeights::add_line(const TsvRow& row, size_t labels) {
  if (row.cols.size() != labels + 1 || labels < 2)
    return "a weight line needs one weight per label, after at least two labels";
  std::vector<float> w(labels);
  try {
    for (size_t k = 0; k < w.size(); ++k) w[k] = std::stof(std::string(row.col(1 + k)));
  } catch (const std::exception&) {
    return "weights must be numbers";
  }
  if (!rows_.emplace(feature_id({row.col(0)}), static_cast<uint32_t>(weights_.size())).second)
    return "the feature is listed twice";
  weights_.insert(weights_.end(), w.begin(), w.end());
  return {};
}

}  // namespace rasad::code
