#pragma once
// A transparent hash for word tables: std::string keys probed with std::string_view, no copy.
#include <cstddef>
#include <functional>
#include <string_view>

namespace rasad {

struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
};

}  // namespace rasad
