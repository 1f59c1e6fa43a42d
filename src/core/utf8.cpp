#include "core/utf8.h"

#include <cstring>

namespace rasad::utf8 {

namespace {
// Length of the valid sequence starting at s[pos], 0 when invalid (RFC 3629: no overlongs,
// no surrogates, nothing above U+10FFFF).
size_t sequence_length(std::string_view s, size_t pos, char32_t* cp_out) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    *cp_out = b0;
    return 1;
  }
  size_t len;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  *cp_out = cp;
  return len;
}
}  // namespace

char32_t next(std::string_view s, size_t& pos) {
  char32_t cp = 0;
  const size_t len = sequence_length(s, pos, &cp);
  if (len == 0) {
    ++pos;
    return U'\uFFFD';
  }
  pos += len;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t valid_prefix(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t pos = 0;
  while (pos < n) {
    const unsigned char b0 = p[pos];
    if (b0 < 0x80) {
      // ASCII runs eight bytes at a time, tried only from an ASCII byte: in Arabic or Persian text
      // a run of eight is rare and the try cost more than the letter.
      for (++pos; pos + 8 <= n; pos += 8) {
        uint64_t w;
        std::memcpy(&w, p + pos, 8);
        if (w & 0x8080808080808080ULL) break;
      }
      continue;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {  // two bytes: the Arabic script's letters
      if (pos + 1 >= n || (p[pos + 1] & 0xC0) != 0x80) return pos;
      pos += 2;
      continue;
    }
    char32_t cp;
    const size_t len = sequence_length(s, pos, &cp);
    if (len == 0) return pos;
    pos += len;
  }
  return n;
}

}  // namespace rasad::utf8
