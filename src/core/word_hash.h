#pragma once
// A transparent hash for word tables: std::string keys probed with std::string_view, no copy.
#include <cstddef>
#include <functional>
#include <string_view>

namespace rasad {

// A word with its WordHash already taken: a sentence's word forms are probed in several tables
// (phrase matchers, pattern word ids, grammar words), and hashing each form once serves them all.
struct HashedWord {
  std::string_view word;
  size_t hash = 0;  // WordHash{}(word)
  friend bool operator==(const HashedWord& a, std::string_view b) { return a.word == b; }
};

struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
  size_t operator()(const HashedWord& w) const { return w.hash; }
};

}  // namespace rasad
