#include "io/encoding.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace rasad::io {

namespace {

using Bytes = std::string_view;

unsigned char byte_at(Bytes s, size_t i) { return static_cast<unsigned char>(s[i]); }

bool is_space_byte(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

bool only_whitespace(Bytes s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_space_byte(byte_at(s, i))) return false;
  }
  return true;
}

std::string format_count(size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

// --- ICU conversion -------------------------------------------------------------------------

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Counts the bytes ICU could not map, then lets ICU substitute U+FFFD as it would by default.
struct SubstitutionCount {
  const char* base = nullptr;
  size_t count = 0;
  size_t first_offset = 0;
};

void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char* code_units, int32_t length,
                          UConverterCallbackReason reason, UErrorCode* err) {
  auto* counter = static_cast<SubstitutionCount*>(const_cast<void*>(context));
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
    if (counter->count == 0) {
      const std::ptrdiff_t end = args->source - counter->base;
      counter->first_offset = end >= length ? static_cast<size_t>(end - length) : 0;
    }
    ++counter->count;
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, err);
}

ConverterPtr open_converter(const std::string& name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(name.c_str(), &err));
  if (U_FAILURE(err)) return nullptr;
  return conv;
}

// The name a person would recognise ("windows-1256", "ISO-8859-6"), not ICU's internal one.
std::string display_name(UConverter* conv, const std::string& fallback) {
  UErrorCode err = U_ZERO_ERROR;
  const char* internal = ucnv_getName(conv, &err);
  if (U_FAILURE(err)) return fallback;
  for (const char* standard : {"MIME", "IANA"}) {
    err = U_ZERO_ERROR;
    const char* name = ucnv_getStandardName(internal, standard, &err);
    if (U_SUCCESS(err) && name) return name;
  }
  return fallback;
}

struct Converted {
  std::string text;
  SubstitutionCount bad;
};

// Converts `bytes` with `conv` to UTF-8 through UTF-16, chunk by chunk so memory stays bounded
// by the output.
Result<Converted> convert_with(UConverter* conv, Bytes bytes) {
  Converted out;
  out.bad.base = bytes.data();
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setToUCallBack(conv, count_and_substitute, &out.bad, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return Error{std::string("cannot set up converter: ") + u_errorName(err)};

  std::array<UChar, 8192> buffer{};
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  out.text.reserve(bytes.size() * 2);
  char32_t pending_high = 0;
  auto flush = [&](const UChar* begin, const UChar* end) {
    for (const UChar* p = begin; p < end; ++p) {
      const char16_t u = *p;
      if (pending_high) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
          utf8::append(out.text, 0x10000 + ((pending_high - 0xD800) << 10) + (u - 0xDC00));
          pending_high = 0;
          continue;
        }
        utf8::append(out.text, U'\uFFFD');
        pending_high = 0;
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        pending_high = u;
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        utf8::append(out.text, U'\uFFFD');
      } else {
        utf8::append(out.text, u);
      }
    }
  };
  for (;;) {
    UChar* target = buffer.data();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &target, buffer.data() + buffer.size(), &source, source_end, nullptr, true, &err);
    flush(buffer.data(), target);
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) return Error{std::string("conversion failed: ") + u_errorName(err)};
    break;
  }
  if (pending_high) utf8::append(out.text, U'\uFFFD');
  return out;
}

std::string replaced_warning(size_t count, size_t first, const std::string& what) {
  return format_count(count, ("invalid " + what + " sequence").c_str(), ("invalid " + what + " sequences").c_str()) +
         " replaced with U+FFFD (first at byte " + std::to_string(first) + ")";
}

Result<Decoded> decode_with_icu(Bytes bytes, const std::string& name, size_t offset_base) {
  ConverterPtr conv = open_converter(name);
  if (!conv) return Error{"unknown charset \"" + name + "\""};
  Result<Converted> converted = convert_with(conv.get(), bytes);
  if (!converted) return Error{converted.error()};
  Decoded out;
  out.encoding = display_name(conv.get(), name);
  out.text = std::move(converted->text);
  if (converted->bad.count > 0) {
    out.warnings.push_back(
        replaced_warning(converted->bad.count, converted->bad.first_offset + offset_base, out.encoding));
  }
  return out;
}

// --- UTF-8 with replacement -----------------------------------------------------------------

size_t expected_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 1;
}

// Replaces each maximal ill-formed subsequence (a lead byte and the continuation bytes that
// follow it, up to the length it announces) with one U+FFFD.
Decoded decode_utf8_replacing(Bytes bytes, size_t offset_base) {
  Decoded out;
  out.encoding = "UTF-8";
  out.text.reserve(bytes.size() + 16);
  size_t pos = 0;
  size_t count = 0;
  size_t first = 0;
  while (pos < bytes.size()) {
    const size_t good = utf8::valid_prefix(bytes.substr(pos));
    out.text.append(bytes.substr(pos, good));
    pos += good;
    if (pos >= bytes.size()) break;
    if (count++ == 0) first = pos;
    const size_t want = expected_length(byte_at(bytes, pos));
    size_t skip = 1;
    while (skip < want && pos + skip < bytes.size() && (byte_at(bytes, pos + skip) & 0xC0) == 0x80) ++skip;
    pos += skip;
    utf8::append(out.text, U'\uFFFD');
  }
  if (count > 0) out.warnings.push_back(replaced_warning(count, first + offset_base, "UTF-8"));
  return out;
}

// --- detection ------------------------------------------------------------------------------

// Per code page, which bytes map to the Arabic blocks (letters, marks, Arabic punctuation) and
// which to Arabic letters proper. Derived from ICU's own tables, so nothing is listed by hand.
struct CodePageProfile {
  std::array<bool, 256> arabic{};
  std::array<bool, 256> letter{};
  std::array<bool, 256> defined{};
};

bool arabic_block(UChar c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFEFC);
}

CodePageProfile build_profile(const char* name) {
  CodePageProfile profile;
  ConverterPtr conv = open_converter(name);
  if (!conv) return profile;
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  for (int b = 0x80; b <= 0xFF; ++b) {
    ucnv_reset(conv.get());
    const char in = static_cast<char>(b);
    UChar out[4];
    err = U_ZERO_ERROR;
    const int32_t n = ucnv_toUChars(conv.get(), out, 4, &in, 1, &err);
    if (U_FAILURE(err) || n != 1 || out[0] == 0xFFFD || out[0] == 0x1A) continue;
    profile.defined[b] = true;
    profile.arabic[b] = arabic_block(out[0]);
    profile.letter[b] = profile.arabic[b] && u_isalpha(out[0]);
  }
  return profile;
}

// Built once, read-only afterwards (thread-safe initialisation of a constant).
const CodePageProfile& cp1256_profile() {
  static const CodePageProfile profile = build_profile("windows-1256");
  return profile;
}
const CodePageProfile& iso8859_6_profile() {
  static const CodePageProfile profile = build_profile("ISO-8859-6");
  return profile;
}

// Fewer Arabic letters than this is too little evidence to call a file legacy Arabic.
constexpr size_t kMinLegacyLetters = 3;

// Which legacy Arabic code page (if any) the non-UTF-8 bytes look like.
const char* guess_legacy_arabic(Bytes bytes) {
  size_t high = 0;
  size_t letters_1256 = 0;
  size_t letters_88596 = 0;
  size_t arabic_88596 = 0;
  size_t undefined_88596 = 0;
  const CodePageProfile& p1256 = cp1256_profile();
  const CodePageProfile& p88596 = iso8859_6_profile();
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char b = byte_at(bytes, i);
    if (b < 0x80) continue;
    ++high;
    letters_1256 += p1256.letter[b];
    letters_88596 += p88596.letter[b];
    arabic_88596 += p88596.arabic[b];
    undefined_88596 += !p88596.defined[b];
  }
  // Damaged UTF-8 still has mostly well-formed multi-byte sequences; legacy Arabic text almost
  // never forms them (its letters are followed by letters or spaces, not by 0x80-0xBF).
  size_t valid_multibyte = 0;
  size_t invalid = 0;
  for (size_t pos = 0; pos < bytes.size();) {
    if (byte_at(bytes, pos) < 0x80) {
      ++pos;
      continue;
    }
    size_t next = pos;
    const char32_t cp = utf8::next(bytes, next);
    if (cp == U'\uFFFD' && next == pos + 1) {
      ++invalid;
    } else {
      ++valid_multibyte;
    }
    pos = next;
  }
  if (high == 0 || valid_multibyte >= invalid) return nullptr;
  // ISO-8859-6 only when (nearly) every high byte is one of its Arabic characters and
  // windows-1256 reads fewer of them as letters; on a tie windows-1256, the commoner one, wins.
  if (undefined_88596 == 0 && arabic_88596 * 10 >= high * 9 && letters_88596 >= kMinLegacyLetters &&
      letters_1256 < letters_88596) {
    return "ISO-8859-6";
  }
  if (letters_1256 >= kMinLegacyLetters && letters_1256 * 2 > high) return "windows-1256";
  return nullptr;
}

bool names_utf8(const std::string& lower) {
  return lower == "utf-8" || lower == "utf8" || lower == "unicode-1-1-utf-8";
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Result<Decoded> reject_if_blank(Decoded decoded) {
  if (decoded.text.empty() || only_whitespace(decoded.text)) return Error{"empty file, skipped"};
  return decoded;
}

}  // namespace

Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view declared) {
  if (bytes.empty() || only_whitespace(bytes)) return Error{"empty file, skipped"};

  // A byte-order mark settles the question; UTF-16 is full of NUL bytes, so it comes first.
  if (bytes.size() >= 2) {
    const unsigned char b0 = byte_at(bytes, 0), b1 = byte_at(bytes, 1);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      const bool little = b0 == 0xFF;
      Result<Decoded> decoded = decode_with_icu(bytes.substr(2), little ? "UTF-16LE" : "UTF-16BE", 2);
      if (!decoded) return decoded;
      decoded->encoding = little ? "UTF-16LE" : "UTF-16BE";
      return reject_if_blank(std::move(decoded.value()));
    }
  }
  size_t offset_base = 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    offset_base = 3;
    if (only_whitespace(bytes)) return Error{"empty file, skipped"};
  }

  // Binary: any NUL, or more than 10% control characters other than \t \n \r \f.
  size_t controls = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char b = byte_at(bytes, i);
    if (b == 0) return Error{"binary file (NUL byte at offset " + std::to_string(i + offset_base) + "), skipped"};
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) ++controls;
  }
  if (controls * 10 > bytes.size()) {
    return Error{"binary file (" + std::to_string(controls * 100 / bytes.size()) + "% control characters), skipped"};
  }

  const size_t valid = utf8::valid_prefix(bytes);
  if (valid == bytes.size()) {
    // Valid UTF-8 wins over a declared legacy charset: such a label is a leftover far more often
    // than legacy bytes happen to form valid UTF-8.
    Decoded out;
    out.encoding = "UTF-8";
    out.text.assign(bytes);
    return out;
  }

  std::vector<std::string> notes;
  if (!declared.empty()) {
    const std::string label = lowercase(declared);
    if (names_utf8(label)) {
      // Old Arabic sites often label windows-1256 pages as UTF-8; the bytes tell.
      if (const char* legacy = guess_legacy_arabic(bytes)) {
        Result<Decoded> decoded = decode_with_icu(bytes, legacy, offset_base);
        if (!decoded) return decoded;
        decoded->encoding = legacy;
        decoded->warnings.insert(decoded->warnings.begin(), "declared charset \"" + std::string(declared) +
                                                                "\" does not fit the bytes; read as " + legacy);
        return reject_if_blank(std::move(decoded.value()));
      }
      return reject_if_blank(decode_utf8_replacing(bytes, offset_base));
    }
    Result<Decoded> decoded = decode_with_icu(bytes, std::string(declared), offset_base);
    if (decoded) return reject_if_blank(std::move(decoded.value()));
    notes.push_back("declared charset \"" + std::string(declared) + "\" is unknown; guessed instead");
  }

  Decoded out;
  if (const char* legacy = guess_legacy_arabic(bytes)) {
    Result<Decoded> decoded = decode_with_icu(bytes, legacy, offset_base);
    if (!decoded) return decoded;
    out = std::move(decoded.value());
    out.encoding = legacy;
  } else {
    out = decode_utf8_replacing(bytes, offset_base);
  }
  out.warnings.insert(out.warnings.begin(), notes.begin(), notes.end());
  return reject_if_blank(std::move(out));
}

Decoded replace_invalid_utf8(std::string_view bytes) { return decode_utf8_replacing(bytes, 0); }

}  // namespace rasad::io
