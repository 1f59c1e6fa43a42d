#pragma once
// Helpers shared by the fuzz targets that take text: readers guarantee a Document's text is valid
// UTF-8, so a target for a later stage turns arbitrary bytes into valid UTF-8 first (each invalid
// byte becomes U+FFFD, as io::replace_invalid_utf8 does) instead of testing inputs no reader makes.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/span.h"
#include "core/utf8.h"

namespace rasad::fuzz {

inline std::string valid_utf8(std::string_view bytes) {
  if (utf8::is_valid(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 16);
  for (size_t pos = 0; pos < bytes.size();) utf8::append(out, utf8::next(bytes, pos));
  return out;
}

// A span that lies inside `text` and starts and ends on code point boundaries (empty allowed).
inline bool span_on_boundaries(Span s, std::string_view text) {
  return s.start <= s.end && s.end <= text.size() && utf8::is_boundary(text, s.start) &&
         utf8::is_boundary(text, s.end);
}

inline bool contains(Span outer, Span inner) { return outer.start <= inner.start && inner.end <= outer.end; }

}  // namespace rasad::fuzz
