#pragma once
// Turning the bytes of a file into UTF-8 text, with ICU converters for legacy code pages.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rasad::io {

struct Decoded {
  std::string text;                   // UTF-8, without byte-order mark
  std::string encoding;               // "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1256", "ISO-8859-6"
  std::vector<std::string> warnings;  // e.g. "3 invalid UTF-8 sequences replaced with U+FFFD (first at byte 120)"
};

// Rejects (as an Error with a clear message) empty input and binary input (NUL bytes or a high
// share of control characters outside a UTF-16 BOM'd file). Honors a BOM (UTF-8, UTF-16LE/BE);
// otherwise accepts valid UTF-8 as is; otherwise, when the bytes look like a legacy Arabic code
// page, converts from windows-1256 or ISO-8859-6 (whichever fits better); otherwise decodes as
// UTF-8 replacing invalid sequences with U+FFFD and warns. `declared` (from an HTML meta charset
// or a command-line option) is tried first when non-empty.
Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view declared = {});

// Decodes `bytes` as UTF-8, replacing each maximal ill-formed subsequence with U+FFFD and adding
// one warning that counts them and names the first byte offset. Never fails; valid input is
// copied unchanged.
Decoded replace_invalid_utf8(std::string_view bytes);

}  // namespace rasad::io
