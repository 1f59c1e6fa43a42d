#pragma once
// Normalization for matching. The original text is never changed: normalize() writes a separate
// buffer and a map from every normalized byte back to the original byte it came from.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"

namespace rasad::text {

struct NormalizedText {
  std::string text;
  // offsets[i] is the byte offset in the original of the code point that produced normalized byte
  // i; offsets[text.size()] is the original length. Non-decreasing.
  std::vector<uint32_t> offsets;

  // The original span covering normalized bytes [start, end): from the original start of the first
  // byte to the original end of the code point that produced the last byte.
  Span to_original(uint32_t start, uint32_t end) const;
};

// What normalize_for_match does, in order, per normalization unit (ICU NFKC boundaries):
//  1. Unicode NFKC (ICU), so presentation forms (U+FB50..U+FEFF) become base letters;
//  2. case folding (for Latin script);
//  3. removes tatweel U+0640, Arabic diacritics (harakat U+064B..U+065F, superscript alef U+0670,
//     Quranic marks U+06D6..U+06ED), zero-width non-joiner/joiner, bidi controls, soft hyphen;
//  4. unifies letters: أ إ آ ٱ -> ا; ى -> ي; Persian ی (U+06CC) and ې ۍ -> ي; Persian ک (U+06A9) -> ك;
//     ة -> ه; ؤ -> و; ئ -> ي; ۀ -> ه; ہ ە -> ه;
//  5. Arabic-Indic (U+0660..) and Persian (U+06F0..) digits -> ASCII; Arabic comma/semicolon/question
//     mark are kept (segmentation needs them); NBSP and other spaces -> ' '.
// Removing ZWNJ means "همکاری‌ها" and "همکاریها" normalize identically.
class Normalizer {
 public:
  Normalizer();
  NormalizedText normalize(std::string_view utf8) const;   // thread-safe
  std::string normalize_string(std::string_view utf8) const;  // the text only, for dictionaries
};

}  // namespace rasad::text
