#include "text/normalize.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>

#include "core/utf8.h"

namespace rasad::text {

namespace {

// A fast-table entry packs: bits 0..20 the replacement code point (kMap), bits 21..23 the kind,
// bit 24 "has an NFKC boundary before" (the code point starts a normalization unit).
enum Kind : uint32_t {
  kSlow = 0,    // the code point alone is not stable under NFKC + folding: ask ICU
  kKeep = 1,    // alone, it normalizes to itself
  kMap = 2,     // alone, it normalizes to the one inert code point in bits 0..20
  kRemove = 3,  // alone, it normalizes to nothing
  kHigh = 4,    // outside the table: decide with ICU when needed
};
constexpr uint32_t kCpMask = 0x1FFFFF;
constexpr uint32_t kBoundaryBefore = 1u << 24;
constexpr uint32_t pack(Kind k, char32_t cp, bool bb) {
  return (static_cast<uint32_t>(k) << 21) | (cp & kCpMask) | (bb ? kBoundaryBefore : 0);
}
constexpr Kind kind_of(uint32_t e) { return static_cast<Kind>((e >> 21) & 7); }
constexpr char32_t cp_of(uint32_t e) { return e & kCpMask; }
constexpr bool bb_of(uint32_t e) { return (e & kBoundaryBefore) != 0; }

// Index into the fast table, or -1 for code points it does not cover.
constexpr int fast_index(char32_t cp) {
  if (cp < 0x800) return static_cast<int>(cp);
  if (cp >= 0x2000 && cp < 0x2070) return static_cast<int>(0x800 + (cp - 0x2000));
  if (cp >= 0xFB50 && cp < 0xFF00) return static_cast<int>(0x870 + (cp - 0xFB50));
  return -1;
}

constexpr char32_t kRemoved = 0xFFFFFFFF;

// Steps 2-5 of the header for one code point of NFKC output: kRemoved or the folded code point.
// These few code point sets are the algorithm of Arabic-script matching, not a dictionary.
char32_t fold_cp(char32_t c) {
  if (c >= 0x064B && c <= 0x065F) return kRemoved;  // harakat, hamza/madda above and below
  if (c >= 0x06D6 && c <= 0x06ED) return kRemoved;  // Quranic annotation marks
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);
  switch (c) {
    case 0x0640:  // tatweel
    case 0x0670:  // superscript alef
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x200C:  // ZWNJ: Persian text loses it in crawls, so matching must not depend on it
    case 0x200D:
    case 0x200E:
    case 0x200F:
    case 0x202A:
    case 0x202B:
    case 0x202C:
    case 0x202D:
    case 0x202E:
    case 0x2066:
    case 0x2067:
    case 0x2068:
    case 0x2069:
    case 0xFEFF:
      return kRemoved;
    case 0x0622:  // alef with madda
    case 0x0623:  // alef with hamza above
    case 0x0625:  // alef with hamza below
    case 0x0671:  // alef wasla
      return 0x0627;
    case 0x0649:  // alef maqsura
    case 0x0626:  // yeh with hamza
    case 0x06CC:  // Farsi yeh
    case 0x06CD:  // yeh with tail
    case 0x06D0:  // e
      return 0x064A;
    case 0x06A9:  // keheh
      return 0x0643;
    case 0x0629:  // teh marbuta
    case 0x06C0:  // heh with yeh above
    case 0x06C1:  // heh goal
    case 0x06C2:  // heh goal with hamza above
    case 0x06D5:  // ae
      return 0x0647;
    case 0x0624:  // waw with hamza
      return 0x0648;
    default:
      break;
  }
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR) return U' ';
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

// Normalizes `s` in place: NFKC, then folding, repeated until NFKC leaves the folded text alone.
// The repetition matters because removing a character (a ZWJ, a Quranic mark) can unblock a
// composition that it prevented, and case folding can yield text NFKC would change again.
void stabilize(const icu::Normalizer2& nfkc, icu::UnicodeString& s, icu::UnicodeString& tmp) {
  for (int round = 0; round < 8; ++round) {
    UErrorCode ec = U_ZERO_ERROR;
    nfkc.normalize(s, tmp, ec);
    if (U_FAILURE(ec)) return;
    s.remove();
    for (int32_t i = 0; i < tmp.length();) {
      const UChar32 c = tmp.char32At(i);
      i += U16_LENGTH(c);
      const char32_t f = fold_cp(static_cast<char32_t>(c));
      if (f != kRemoved) s.append(static_cast<UChar32>(f));
    }
    if (nfkc.isNormalized(s, ec) || U_FAILURE(ec)) return;
  }
}

// Decodes the code point at `pos` of `s` (pos < s.size()); invalid bytes yield U+FFFD, length 1.
inline char32_t decode(std::string_view s, size_t pos, size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && pos + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[pos + 1]);
    if ((b1 & 0xC0) == 0x80) {
      len = 2;
      return (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  size_t p = pos;
  const char32_t cp = utf8::next(s, p);
  len = p - pos;
  return cp;
}

// Output under construction. Offsets and gaps are only kept when the caller wants them.
template <bool kOffsets>
struct Writer {
  NormalizedText& out;

  void emit(char32_t cp, uint32_t orig) {
    if (cp < 0x80) {  // ASCII and the Arabic block are inlined: they are nearly all news text
      out.text.push_back(static_cast<char>(cp));
      if constexpr (kOffsets) out.offsets.push_back(orig);
    } else if (cp < 0x800) {
      const char two[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
      out.text.append(two, 2);
      if constexpr (kOffsets) out.offsets.insert(out.offsets.end(), {orig, orig});
    } else {
      const size_t before = out.text.size();
      utf8::append(out.text, cp);
      if constexpr (kOffsets) out.offsets.insert(out.offsets.end(), out.text.size() - before, orig);
    }
  }

  void emit(const icu::UnicodeString& s, uint32_t orig) {
    for (int32_t i = 0; i < s.length();) {
      const UChar32 c = s.char32At(i);
      i += U16_LENGTH(c);
      emit(static_cast<char32_t>(c), orig);
    }
  }

  // Original text starting at `orig` was dropped; remember where, so spans can end before it.
  void removed(uint32_t orig) {
    if constexpr (kOffsets) {
      const auto at = static_cast<uint32_t>(out.text.size());
      if (at == 0 || orig <= out.offsets.back()) return;
      if (!out.gaps.empty() && out.gaps.back().at == at) return;
      out.gaps.push_back({at, orig});
    }
  }
};

}  // namespace

Span NormalizedText::to_original(uint32_t start, uint32_t end) const {
  if (offsets.empty()) return {};
  const auto size = static_cast<uint32_t>(text.size());
  end = std::min(end, size);
  start = std::min(start, end);
  if (start == end) return {offsets[start], offsets[start]};
  // The source of byte end-1 reaches up to the next byte that came from elsewhere...
  const uint32_t last = offsets[end - 1];
  uint32_t j = end;
  while (j < size && offsets[j] == last) ++j;
  uint32_t stop = offsets[j];
  // ...unless removed characters sit between them.
  const auto it = std::lower_bound(gaps.begin(), gaps.end(), j,
                                   [](const Gap& g, uint32_t at) { return g.at < at; });
  if (it != gaps.end() && it->at == j && it->original > last && it->original < stop) stop = it->original;
  return {offsets[start], stop};
}

Normalizer::Normalizer() {
  UErrorCode ec = U_ZERO_ERROR;
  nfkc_ = icu::Normalizer2::getNFKCInstance(ec);
  if (U_FAILURE(ec) || nfkc_ == nullptr) {
    throw std::runtime_error(std::string("ICU NFKC data unavailable: ") + u_errorName(ec));
  }
  icu::UnicodeString s, tmp;
  auto fill = [&](char32_t first, char32_t last) {
    for (char32_t c = first; c < last; ++c) {
      const bool bb = nfkc_->hasBoundaryBefore(static_cast<UChar32>(c));
      s.setTo(static_cast<UChar32>(c));
      stabilize(*nfkc_, s, tmp);
      uint32_t entry = pack(kSlow, 0, bb);
      if (s.isEmpty()) {
        entry = pack(kRemove, 0, bb);
      } else if (s.countChar32() == 1) {
        const auto r = static_cast<char32_t>(s.char32At(0));
        if (r == c) {
          entry = pack(kKeep, 0, bb);
        } else if (nfkc_->hasBoundaryBefore(static_cast<UChar32>(r))) {
          // The replacement cannot interact with what precedes it, and the next unit starts with
          // a boundary, so it is final (stabilize made it NFKC-normal).
          entry = pack(kMap, r, bb);
        }
      }
      fast_[static_cast<size_t>(fast_index(c))] = entry;
    }
  };
  fill(0, 0x800);
  fill(0x2000, 0x2070);
  fill(0xFB50, 0xFF00);
}

uint32_t Normalizer::info(char32_t cp) const {
  const int i = fast_index(cp);
  if (i >= 0) return fast_[static_cast<size_t>(i)];
  return pack(kHigh, 0, nfkc_->hasBoundaryBefore(static_cast<UChar32>(cp)));
}

template <bool kOffsets>
void Normalizer::run(std::string_view s, NormalizedText& out) const {
  Writer<kOffsets> w{out};
  const size_t n = s.size();
  out.text.reserve(n + n / 16 + 16);
  if constexpr (kOffsets) out.offsets.reserve(n + n / 16 + 17);

  icu::UnicodeString unit, tmp;  // scratch for the rare units ICU has to rewrite
  auto bb_of_cp = [&](char32_t c) {
    const int i = fast_index(c);
    return i >= 0 ? bb_of(fast_[static_cast<size_t>(i)]) : nfkc_->hasBoundaryBefore(static_cast<UChar32>(c));
  };

  // ICU path: `unit` holds the unit's code points; its output is attributed to `orig`.
  auto slow = [&](uint32_t orig) {
    stabilize(*nfkc_, unit, tmp);
    if (unit.isEmpty()) {
      w.removed(orig);
      return;
    }
    // A unit whose result starts with a combining mark (its starter was removed, e.g. ZWJ + acute)
    // must be normalized together with the output before it, back to the last starter.
    if (!out.text.empty() && !bb_of_cp(static_cast<char32_t>(unit.char32At(0)))) {
      size_t p = out.text.size();
      icu::UnicodeString prefix;
      while (p > 0) {
        --p;
        while (p > 0 && (static_cast<unsigned char>(out.text[p]) & 0xC0) == 0x80) --p;
        size_t len = 0;
        const char32_t c = decode(out.text, p, len);
        if (bb_of_cp(c)) break;
      }
      prefix = icu::UnicodeString::fromUTF8(
          icu::StringPiece(out.text.data() + p, static_cast<int32_t>(out.text.size() - p)));
      unit.insert(0, prefix);
      stabilize(*nfkc_, unit, tmp);
      out.text.resize(p);
      if constexpr (kOffsets) {
        orig = out.offsets[p];
        out.offsets.resize(p);
        while (!out.gaps.empty() && out.gaps.back().at > p) out.gaps.pop_back();
      }
    }
    w.emit(unit, orig);
  };

  auto single = [&](char32_t c, uint32_t e, uint32_t orig) {
    switch (kind_of(e)) {
      case kKeep:
        w.emit(c, orig);
        return;
      case kMap:
        w.emit(cp_of(e), orig);
        return;
      case kRemove:
        w.removed(orig);
        return;
      case kHigh:
        if (nfkc_->isInert(static_cast<UChar32>(c))) {
          const char32_t f = fold_cp(c);
          if (f == kRemoved) {
            w.removed(orig);
            return;
          }
          if (f == c || nfkc_->isInert(static_cast<UChar32>(f))) {
            w.emit(f, orig);
            return;
          }
        }
        break;
      case kSlow:
        break;
    }
    unit.setTo(static_cast<UChar32>(c));
    slow(orig);
  };

  size_t pos = 0;
  size_t len = 0;
  char32_t c = n > 0 ? decode(s, 0, len) : 0;
  uint32_t e = n > 0 ? info(c) : 0;
  while (pos < n) {
    const auto ustart = static_cast<uint32_t>(pos);
    size_t npos = pos + len;
    if (npos >= n) {
      single(c, e, ustart);
      break;
    }
    size_t nlen = 0;
    char32_t nc = decode(s, npos, nlen);
    uint32_t ne = info(nc);
    if (bb_of(ne)) {  // the common case: a unit of one code point
      single(c, e, ustart);
      pos = npos;
      c = nc;
      len = nlen;
      e = ne;
      continue;
    }
    // A unit of several code points: a starter and the marks that follow it. Arabic harakat on a
    // letter they cannot compose with are removed without ICU; anything else goes through ICU.
    const char32_t first = c;
    const uint32_t first_e = e;
    bool marks_only = kind_of(first_e) == kKeep || kind_of(first_e) == kMap;
    unit.setTo(static_cast<UChar32>(first));
    bool at_end = false;
    for (;;) {
      if (marks_only && !(kind_of(ne) == kRemove && nc < 0x800 &&
                          nfkc_->composePair(static_cast<UChar32>(first), static_cast<UChar32>(nc)) < 0)) {
        marks_only = false;
      }
      unit.append(static_cast<UChar32>(nc));
      npos += nlen;
      if (npos >= n) {
        at_end = true;
        break;
      }
      nc = decode(s, npos, nlen);
      ne = info(nc);
      if (bb_of(ne)) break;
    }
    if (marks_only) {
      single(first, first_e, ustart);
    } else {
      slow(ustart);
    }
    if (at_end) break;
    pos = npos;
    c = nc;
    len = nlen;
    e = ne;
  }
  if constexpr (kOffsets) out.offsets.push_back(static_cast<uint32_t>(n));
}

NormalizedText Normalizer::normalize(std::string_view utf8) const {
  NormalizedText out;
  run<true>(utf8, out);
  return out;
}

std::string Normalizer::normalize_string(std::string_view utf8) const {
  NormalizedText out;
  run<false>(utf8, out);
  return std::move(out.text);
}

}  // namespace rasad::text
