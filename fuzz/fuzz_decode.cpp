// Fuzzes decode_to_utf8: whatever the bytes and the declared charset, the result is an error
// or valid UTF-8, and valid UTF-8 input without a BOM comes back byte for byte.
#include <cstdint>
#include <string_view>

#include "core/utf8.h"
#include "fuzz_check.h"
#include "io/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rasad;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The first byte picks a declared charset, so the ICU paths get exercised as well.
  static constexpr std::string_view kDeclared[] = {"",         "utf-8",     "windows-1256", "ISO-8859-6",
                                                   "UTF-16LE", "x-unknown", "shift_jis",    "UTF-16"};
  const std::string_view declared = size > 0 ? kDeclared[data[0] % 8] : std::string_view();
  for (std::string_view label : {std::string_view(), declared}) {
    Result<io::Decoded> d = io::decode_to_utf8(bytes, label);
    if (!d) {
      FUZZ_CHECK(!d.error().empty());
      continue;
    }
    FUZZ_CHECK(utf8::is_valid(d->text));
    FUZZ_CHECK(!d->encoding.empty());
    if (label.empty() && utf8::is_valid(bytes) && bytes.substr(0, 3) != "\xEF\xBB\xBF") {
      FUZZ_CHECK(d->text == bytes);
      FUZZ_CHECK(d->warnings.empty());
    }
  }
  const io::Decoded lossy = io::replace_invalid_utf8(bytes);
  FUZZ_CHECK(utf8::is_valid(lossy.text));
  FUZZ_CHECK(lossy.warnings.empty() == utf8::is_valid(bytes));
  return 0;
}
