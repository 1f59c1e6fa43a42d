#pragma once
// Normalization for matching. The original text is never changed: normalize() writes a separate
// buffer and a map from every normalized byte back to the original byte it came from.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/normalizer2.h>

#include "core/span.h"

namespace rasad::text {

struct NormalizedText {
  std::string text;
  // offsets[i] is the byte offset in the original of the code point that produced normalized byte
  // i; offsets[text.size()] is the original length. Non-decreasing. When ICU rewrites a unit of
  // several code points (a letter with combining marks), all of its output maps to the unit start.
  std::vector<uint32_t> offsets;

  // Where removed code points (tatweel, ZWNJ, bidi controls, ...) sit right after emitted output:
  // removed text starting at original byte `original` follows normalized byte `at` - 1. Sorted by
  // `at`, at most one entry per `at`. Lets to_original() end a span before trailing removed text.
  struct Gap {
    uint32_t at;
    uint32_t original;
  };
  std::vector<Gap> gaps;

  // The original span covering normalized bytes [start, end): from the original start of the first
  // byte to the original end of the code point (or ICU unit) that produced the last byte, not
  // including removed characters that follow it. An end inside a code point's output is widened to
  // cover the whole source. Empty ranges map to an empty span; out-of-range values are clamped.
  Span to_original(uint32_t start, uint32_t end) const;
};

// What normalize_for_match does, in order, per normalization unit (ICU NFKC boundaries):
//  1. Unicode NFKC (ICU), so presentation forms (U+FB50..U+FEFF) become base letters;
//  2. case folding (simple Unicode case folding, u_foldCase; a no-op for Arabic script);
//  3. removes tatweel U+0640, Arabic diacritics (harakat U+064B..U+065F, superscript alef U+0670,
//     Quranic marks U+06D6..U+06ED), zero-width non-joiner/joiner, bidi controls (U+061C, U+200E,
//     U+200F, U+202A..U+202E, U+2066..U+2069), soft hyphen, byte-order mark U+FEFF;
//  4. unifies letters: أ إ آ ٱ -> ا; ى -> ي; Persian ی (U+06CC) and ې ۍ -> ي; Persian ک (U+06A9) -> ك;
//     ة -> ه; ؤ -> و; ئ -> ي; ۀ ۂ -> ه; ہ ە -> ه;
//  5. Arabic-Indic (U+0660..) and Persian (U+06F0..) digits -> ASCII; Arabic comma/semicolon/question
//     mark are kept (segmentation needs them); NBSP and every other space separator (Zs) -> ' '.
// Invalid UTF-8 bytes become U+FFFD, one per byte. The result is stable: normalizing it again
// changes nothing. Removing ZWNJ means "همکاری‌ها" and "همکاریها" normalize identically.
class Normalizer {
 public:
  Normalizer();  // throws std::runtime_error only if ICU's NFKC data cannot be loaded
  NormalizedText normalize(std::string_view utf8) const;      // thread-safe
  std::string normalize_string(std::string_view utf8) const;  // the text only, for dictionaries

 private:
  template <bool kOffsets>
  void run(std::string_view utf8, NormalizedText& out) const;
  uint32_t info(char32_t cp) const;

  // What the fast path does with each code point of the scripts news text is written in: U+0000..
  // U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic), U+2000..U+206F (spaces, ZWNJ, bidi controls,
  // quotes) and U+FB50..U+FEFF (Arabic presentation forms). Built from ICU in the constructor,
  // read-only afterwards; other code points ask ICU directly.
  static constexpr size_t kFastSize = 0x800 + 0x70 + 0x3B0;
  std::array<uint32_t, kFastSize> fast_{};
  const icu::Normalizer2* nfkc_ = nullptr;  // owned by ICU, immutable and thread-safe
};

}  // namespace rasad::text
