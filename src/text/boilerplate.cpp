#include "text/boilerplate.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/tsv.h"
#include "core/utf8.h"

namespace rasad::text {

namespace {

// Rules apply to short lines only: boilerplate is short, and long paragraphs are news text that a
// stray word must not remove. Source attributions are searched at the start of any line.
constexpr size_t kMaxBoilerplateLineBytes = 240;
constexpr size_t kSourceWindowBytes = 300;

bool is_trim_char(char32_t c) {
  switch (c) {
    case U' ': case U'\t': case U'\r': case U'\n': case U'\u2022': case U'\u00b7': case U'*':
    case U'-': case U'\u2013': case U'\u2014': case U'.': case U':': case U'\u060c': case U'\u061b':
    case U',': case U';': case U'|': case U'>': case U'<': case U'\u00bb': case U'\u00ab':
      return true;
    default:
      return false;
  }
}

icu::UnicodeString to_ustring(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Byte offset in UTF-8 `s` of UTF-16 index `u16` of its UnicodeString form.
uint32_t utf16_to_byte(std::string_view s, int32_t u16) {
  size_t pos = 0;
  int32_t units = 0;
  while (pos < s.size() && units < u16) {
    const char32_t cp = utf8::next(s, pos);
    units += cp > 0xFFFF ? 2 : 1;
  }
  return static_cast<uint32_t>(pos);
}

// Normalizes the non-ASCII runs of a regular expression, leaving its ASCII syntax (\S, \d, [..])
// alone, so that authors write patterns in ordinary spelling.
std::string normalize_pattern(std::string_view pattern, const Normalizer& normalizer) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (static_cast<unsigned char>(pattern[i]) < 0x80) {
      out.push_back(pattern[i++]);
      continue;
    }
    size_t j = i;
    while (j < pattern.size() && static_cast<unsigned char>(pattern[j]) >= 0x80) ++j;
    out += normalizer.normalize_string(pattern.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::string_view trim_line_for_match(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t p = b;
    if (!is_trim_char(utf8::next(s, p))) break;
    b = p;
  }
  while (e > b) {
    size_t start = e - 1;
    while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t p = start;
    if (!is_trim_char(utf8::next(s, p))) break;
    e = start;
  }
  return s.substr(b, e - b);
}

struct Boilerplate::Rules {
  struct Regex {
    std::unique_ptr<icu::RegexPattern> pattern;
    std::string reason;
    bool source = false;   // group 1 names the source
    bool keep = false;     // source_inline: the line stays
  };
  struct LangRules {
    std::map<std::string, std::string, std::less<>> lines;  // trimmed line -> reason
    std::vector<std::pair<std::string, std::string>> prefixes;
    std::vector<Regex> regexes;
  };
  std::map<std::string, LangRules, std::less<>> by_lang;  // "all" applies to every language
};

Boilerplate::Boilerplate() : rules_(std::make_unique<Rules>()) {}
Boilerplate::Boilerplate(Boilerplate&&) noexcept = default;
Boilerplate& Boilerplate::operator=(Boilerplate&&) noexcept = default;
Boilerplate::~Boilerplate() = default;

Result<Boilerplate> Boilerplate::load(const std::string& dir, const Normalizer& normalizer) {
  namespace fs = std::filesystem;
  Boilerplate bp;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error{dir + ": boilerplate rule directory not found"};
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    Rules::LangRules& rules = bp.rules_->by_lang[file.stem().string()];
    auto loaded = load_tsv_strict(file.string(), 3, [&](const TsvRow& r) -> std::string {
      const std::string kind(r.col(0)), pattern(r.col(1)), reason(r.col(2));
      if (pattern.empty() || reason.empty()) return "empty pattern or reason";
      if (kind == "line" || kind == "prefix") {
        const std::string norm(trim_line_for_match(normalizer.normalize_string(pattern)));
        if (norm.empty()) return "pattern is empty after normalization";
        if (kind == "line") rules.lines.emplace(norm, reason);
        else rules.prefixes.emplace_back(norm, reason);
        return {};
      }
      if (kind != "regex" && kind != "source" && kind != "source_inline")
        return "unknown kind '" + kind + "' (line, prefix, regex, source, source_inline)";
      UErrorCode status = U_ZERO_ERROR;
      UParseError perr;
      auto compiled = std::unique_ptr<icu::RegexPattern>(icu::RegexPattern::compile(
          to_ustring(normalize_pattern(pattern, normalizer)), UREGEX_CASE_INSENSITIVE, perr, status));
      if (U_FAILURE(status))
        return std::string("bad regular expression (") + u_errorName(status) + " at offset " +
               std::to_string(perr.offset) + ")";
      if (kind != "regex") {
        std::unique_ptr<icu::RegexMatcher> probe(compiled->matcher(status));
        if (U_FAILURE(status) || probe->groupCount() < 1) return kind + " needs one capture group naming the source";
      }
      rules.regexes.push_back({std::move(compiled), reason, kind != "regex", kind == "source_inline"});
      return {};
    });
    if (!loaded) return Error{loaded.error()};
  }
  return bp;
}

LineVerdict Boilerplate::classify(std::string_view normalized_line, std::string_view lang) const {
  LineVerdict verdict;
  const std::string_view trimmed = trim_line_for_match(normalized_line);
  const bool short_line = normalized_line.size() <= kMaxBoilerplateLineBytes;
  for (const std::string_view key : {std::string_view("all"), lang}) {
    const auto it = rules_->by_lang.find(key);
    if (it == rules_->by_lang.end()) continue;
    const Rules::LangRules& rules = it->second;
    if (short_line) {
      if (const auto hit = rules.lines.find(trimmed); hit != rules.lines.end()) {
        verdict.drop = true;
        verdict.reason = hit->second;
        return verdict;
      }
      for (const auto& [prefix, reason] : rules.prefixes) {
        if (trimmed.substr(0, prefix.size()) == prefix) {
          verdict.drop = true;
          verdict.reason = reason;
          return verdict;
        }
      }
    }
    const std::string_view window =
        short_line ? normalized_line : normalized_line.substr(0, kSourceWindowBytes);
    icu::UnicodeString u;
    bool converted = false;
    for (const auto& rule : rules.regexes) {
      if (!rule.keep && !short_line) continue;  // whole-line rules judge short lines only
      if (!converted) {
        u = to_ustring(window);
        converted = true;
      }
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexMatcher> m(rule.pattern->matcher(u, status));
      if (U_FAILURE(status)) continue;
      const bool hit = rule.source && rule.keep ? m->lookingAt(status) : m->matches(status);
      if (U_FAILURE(status) || !hit) continue;
      if (rule.source) {
        const int32_t gs = m->start(1, status), ge = m->end(1, status);
        if (U_FAILURE(status) || gs < 0) continue;
        verdict.source_start = utf16_to_byte(window, gs);
        verdict.source_end = utf16_to_byte(window, ge);
        verdict.source = std::string(trim_line_for_match(
            window.substr(verdict.source_start, verdict.source_end - verdict.source_start)));
      }
      verdict.drop = !rule.keep;
      verdict.reason = rule.reason;
      return verdict;
    }
  }
  return verdict;
}

}  // namespace rasad::text
