#pragma once
// Small UTF-8 helpers shared by the stages. They never allocate per code point.
#include <cstdint>
#include <string>
#include <string_view>

namespace rasad::utf8 {

// Decodes the code point at `pos` and advances `pos`. Invalid or truncated sequences yield
// U+FFFD and advance by one byte, so a loop always terminates.
char32_t next(std::string_view s, size_t& pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

// Length in bytes of the longest valid UTF-8 prefix of `s`; equals s.size() when `s` is valid.
size_t valid_prefix(std::string_view s);

inline bool is_valid(std::string_view s) { return valid_prefix(s) == s.size(); }

// True when `pos` falls on a code point boundary of valid UTF-8 `s` (or at its end).
inline bool is_boundary(std::string_view s, size_t pos) {
  return pos == s.size() || (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80);
}

}  // namespace rasad::utf8
