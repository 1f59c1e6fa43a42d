#pragma once
// Helpers shared by the reader tests: legacy-encoded bytes made with ICU from UTF-8 strings.
#include <unicode/ucnv.h>

#include <string>
#include <string_view>

namespace rasad::io::testing {

// `utf8` re-encoded in `charset` ("windows-1256", "ISO-8859-6", "UTF-16LE", ...), without BOM.
inline std::string encode_as(std::string_view utf8, const char* charset) {
  std::string out(utf8.size() * 4 + 16, '\0');
  UErrorCode err = U_ZERO_ERROR;
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &err);
  if (U_FAILURE(err)) return "ENCODE FAILED";
  out.resize(static_cast<size_t>(n));
  return out;
}

// Sentences written for these tests (not taken from any corpus).
inline constexpr std::string_view kArabic =
    "أعلنت الحكومة اليوم عن خطة جديدة لدعم الزراعة في المناطق الريفية، وقال الوزير إنها تبدأ الشهر المقبل.";
inline constexpr std::string_view kPersian =
    "وزیر امور خارجه امروز با همتای خود در تهران دیدار و گفت‌وگو "
    "کرد.";

}  // namespace rasad::io::testing
