#include "kb/matcher.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace rasad::kb {

namespace {

enum class CharClass { space, word, other };

CharClass classify(UChar32 c) {
  if (c < 0) return CharClass::other;
  if (u_isUWhiteSpace(c) || u_charType(c) == U_SPACE_SEPARATOR) return CharClass::space;
  // Letters, digits and combining marks make words; so does the Persian/Arabic letter range as a
  // whole (ICU already calls those letters) -- everything else stands alone.
  if (u_isalnum(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK ||
      u_charType(c) == U_COMBINING_SPACING_MARK)
    return CharClass::word;
  return CharClass::other;
}

// The ranges most text is made of, all of them letters or digits to ICU (Arabic letters U+0620 to
// U+064A with the tatweel, Arabic-Indic digits, the extended Arabic letters Persian uses, Extended
// Arabic-Indic digits), told without ICU's property lookups; the rest asks ICU.
CharClass classify_fast(UChar32 c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return CharClass::word;
    if (c == ' ') return CharClass::space;
    return classify(c);
  }
  if ((c >= 0x0620 && c <= 0x064A) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x0671 && c <= 0x06D3) ||
      (c >= 0x06F0 && c <= 0x06F9))
    return CharClass::word;
  return classify(c);
}

// Does every code point of `s` satisfy `pred` (an invalid sequence is read as a negative one)?
template <class Pred>
bool all_code_points(std::string_view s, Pred pred) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (!pred(c)) return false;
  }
  return true;
}

}  // namespace

bool is_one_match_token(std::string_view s) {
  return !s.empty() && all_code_points(s, [](UChar32 c) { return classify_fast(c) == CharClass::word; });
}

std::vector<std::string> split_match_tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    const std::string_view piece = s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start));
    switch (classify_fast(c)) {
      case CharClass::word:
        cur.append(piece);
        break;
      case CharClass::space:
        if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
        break;
      case CharClass::other:
        if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
        out.emplace_back(piece);
        break;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool is_punct_token(std::string_view t) {
  return all_code_points(t, [](UChar32 c) { return c < 0 || !u_isalnum(c); });
}

void PhraseMatcher::add(const std::vector<std::string>& tokens, uint32_t payload, bool case_sensitive,
                        const std::vector<std::string>& original_tokens, bool capitalized) {
  if (tokens.empty()) return;
  const bool cs = case_sensitive && original_tokens.size() == tokens.size();
  capitalized = capitalized && !cs;
  std::string key;
  for (const auto& t : cs ? original_tokens : tokens) key.append(t).push_back('\x1f');
  key.push_back(cs ? 'C' : capitalized ? 'U' : 'I');
  auto [it, fresh] = by_key_.emplace(std::move(key), static_cast<uint32_t>(phrases_.size()));
  if (fresh) {
    phrases_.push_back({tokens, cs ? original_tokens : std::vector<std::string>{}, capitalized, {}});
    by_first_[tokens.front()].push_back(it->second);
  }
  auto& payloads = phrases_[it->second].payloads;
  if (std::find(payloads.begin(), payloads.end(), payload) == payloads.end()) payloads.push_back(payload);
}

void PhraseMatcher::compile() {
  for (auto& [first, ids] : by_first_) {
    std::stable_sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      return phrases_[a].tokens.size() > phrases_[b].tokens.size();
    });
  }
  by_key_.clear();  // only needed while adding
  by_key_.rehash(0);
}

bool PhraseMatcher::matches(const Phrase& p, const std::vector<MatchUnit>& units, uint32_t at,
                            uint8_t& flags) const {
  if (at + p.tokens.size() > units.size()) return false;
  flags = 0;
  for (size_t k = 0; k < p.tokens.size(); ++k) {
    const MatchUnit& u = units[at + k];
    if (!p.original.empty()) {
      if (u.original != p.original[k]) return false;
      continue;
    }
    if (p.capitalized) {
      UChar32 c = 0;
      int32_t i = 0;
      if (!u.original.empty()) U8_NEXT(u.original.data(), i, static_cast<int32_t>(u.original.size()), c);
      if (c < 0 || !u_isupper(c)) return false;
    }
    bool hit = false;
    for (size_t f = 0; f < u.forms.size() && !hit; ++f) {
      if (u.forms[f] == p.tokens[k]) {
        hit = true;
        if (k == 0 && f < u.flags.size()) flags = u.flags[f];
      }
    }
    if (!hit) return false;
  }
  return true;
}

PhraseMatch PhraseMatcher::match_at(const std::vector<MatchUnit>& units, uint32_t at) const {
  PhraseMatch best;
  if (at >= units.size()) return best;
  // Every candidate form of the first unit may open a phrase; keep the longest.
  for (const auto& form : units[at].forms) {
    const auto it = by_first_.find(form);
    if (it == by_first_.end()) continue;
    for (uint32_t id : it->second) {
      const Phrase& p = phrases_[id];
      if (best.payloads && p.tokens.size() <= best.end - best.begin) break;
      uint8_t flags = 0;
      if (matches(p, units, at, flags)) {
        best = {at, at + static_cast<uint32_t>(p.tokens.size()), &p.payloads, flags};
        break;
      }
    }
  }
  return best;
}

std::vector<PhraseMatch> PhraseMatcher::match(const std::vector<MatchUnit>& units) const {
  std::vector<PhraseMatch> out;
  uint32_t i = 0;
  while (i < units.size()) {
    PhraseMatch m = match_at(units, i);
    if (m.payloads) {
      out.push_back(m);
      i = m.end;
    } else {
      ++i;
    }
  }
  return out;
}

size_t PhraseMatcher::memory_bytes() const {
  size_t bytes = phrases_.capacity() * sizeof(Phrase);
  auto str = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  for (const auto& p : phrases_) {
    bytes += (p.tokens.capacity() + p.original.capacity()) * sizeof(std::string) + p.payloads.capacity() * 4;
    for (const auto& t : p.tokens) bytes += str(t);
    for (const auto& t : p.original) bytes += str(t);
  }
  for (const auto& [k, v] : by_first_) bytes += 48 + sizeof(k) + str(k) + v.capacity() * 4 + sizeof(v);
  bytes += by_first_.bucket_count() * sizeof(void*);
  return bytes;
}

}  // namespace rasad::kb
