#pragma once
// A half-open byte range [start, end) into a Document's text as read (UTF-8).
#include <cstdint>
#include <string_view>

namespace rasad {

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  std::string_view slice(std::string_view text) const { return text.substr(start, end - start); }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace rasad
