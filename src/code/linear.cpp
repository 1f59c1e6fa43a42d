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

std::string read_linear_model(const std::string& path, std::string_view number_line, float& number,
                              const std::function<std::string(const TsvRow&)>& label_line,
                              const std::function<size_t()>& labels, LinearWeights& weights) {
  std::string bad;
  bool has_number = false;
  auto fail = [&](const TsvRow& row, const std::string& why) {
    if (bad.empty()) bad = row.error(why).format();
  };
  read_tsv(path, 2, [&](const TsvRow& row) {
    if (!bad.empty()) return;
    const std::string_view head = row.col(0);
    if (head == "@label") {
      if (!weights.empty()) return fail(row, "labels come before the weights");
      if (const std::string why = label_line(row); !why.empty()) fail(row, why);
      return;
    }
    if (head == number_line) {
      try {
        number = std::stof(std::string(row.col(1)));
        has_number = true;
      } catch (const std::exception&) {
        fail(row, std::string(number_line.substr(1)) + " must be a number");
      }
      return;
    }
    if (const std::string why = weights.add_line(row, labels()); !why.empty()) fail(row, why);
  }, [&](Diagnostic d) {
    if (bad.empty()) bad = d.format();
  });
  if (!bad.empty()) return bad;
  if (!has_number) return path + ": no " + std::string(number_line) + " line";
  if (weights.empty()) return path + ": no weights";
  return {};
}

}  // namespace rasad::code
