#include "text/langid.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <string>

namespace rasad::text {

LanguageGuess identify_language(std::string_view normalized, std::string_view hint) {
  LanguageGuess guess{"und", 0, false};
  if (normalized.empty()) return guess;
  const std::string hint_code(hint);
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                       hint_code.empty() ? CLD2::UNKNOWN_LANGUAGE
                                         : CLD2::GetLanguageFromName(hint_code.c_str())};
  CLD2::Language top3[3];
  int percent3[3];
  double score3[3];
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  // CLD2 takes an int length; a document above 2 GiB is judged by its first 2 GiB.
  const int len = normalized.size() > 0x7fffffffu ? 0x7fffffff : static_cast<int>(normalized.size());
  const CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      normalized.data(), len, /*is_plain_text=*/true, &hints, CLD2::kCLDFlagBestEffort, top3, percent3,
      score3, nullptr, &text_bytes, &reliable, &valid_prefix);
  if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes == 0) return guess;
  guess.code = CLD2::LanguageCode(lang);
  guess.percent = percent3[0];
  guess.reliable = reliable;
  return guess;
}

}  // namespace rasad::text
