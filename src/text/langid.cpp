#include "text/langid.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <string>

namespace rasad::text {

namespace {

constexpr size_t kWholeBytes = 256 * 1024;  // news articles are far below: CLD2 reads them whole
constexpr size_t kChunks = 16, kChunkBytes = kWholeBytes / kChunks;

// `chunks` evenly spaced pieces of `chunk` bytes, moved to UTF-8 sequence starts, joined by line
// breaks: CLD2's shares of a multi-megabyte text are its shares of the sample, read at a fraction
// of the cost (a word cut at a piece's edge weighs nothing against 16 KiB).
std::string spread_sample(std::string_view text, size_t chunks, size_t chunk) {
  auto lead = [&](size_t p) {
    while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) ++p;
    return p;
  };
  std::string out;
  out.reserve(chunks * (chunk + 1));
  const size_t stride = text.size() / chunks;
  for (size_t i = 0; i < chunks; ++i) {
    const size_t b = lead(i * stride), e = lead(std::min(text.size(), i * stride + chunk));
    if (e <= b) continue;
    if (!out.empty()) out += '\n';
    out.append(text.substr(b, e - b));
  }
  return out;
}

}  // namespace

std::string language_sample(std::string_view normalized) {
  if (normalized.size() <= kWholeBytes) return std::string(normalized);
  return spread_sample(normalized, kChunks, kChunkBytes);
}

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
