#pragma once
// Phrase matching over token sequences: phrases are indexed by their first token, so matching a
// sentence costs one hash lookup per token and candidate form, plus the comparison of the few
// phrases that start with it (longest first).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/normalize.h"

namespace rasad::kb {

// Splits normalized text into matching tokens: runs of letters, digits and marks; every other
// non-space character (punctuation, symbols) is a token of its own. Knowledge-base forms and
// sentence tokens go through the same function, so both sides agree whatever the segmenter does
// with "U.S." or "al-Abadi".
std::vector<std::string> split_match_tokens(std::string_view normalized);
// True when split_match_tokens(normalized) is `normalized` itself, one token (all letters, digits
// and marks): most words, told without building the pieces.
bool is_one_match_token(std::string_view normalized);

// True when `token` has no letter or digit (a form made only of such tokens can never name anything).
bool is_punct_token(std::string_view token);

// One position of a sentence as the matcher sees it.
struct MatchUnit {
  std::vector<std::string> forms;  // forms[0]: the normalized token; then morphological stems
  std::string original;            // the token as written (for case-sensitive phrases)
  std::vector<uint8_t> flags;      // per form: kStripped* below (0 for forms[0])
};
constexpr uint8_t kStrippedConj = 1;     // the form was reached by stripping the conjunction و
constexpr uint8_t kStrippedArticle = 2;  // ... by stripping the article ال
constexpr uint8_t kStrippedPreposition = 4;  // ... by stripping the prepositions ب, ك or ل

struct PhraseMatch {
  uint32_t begin = 0, end = 0;       // unit range [begin, end)
  const std::vector<uint32_t>* payloads = nullptr;  // ids given to add(), in insertion order
  uint8_t first_flags = 0;           // flags of the first unit's form that matched
};

class PhraseMatcher {
 public:
  // `tokens`: the phrase's match tokens, normalized. When `case_sensitive`, `original_tokens` (same
  // count) must equal the units' original text too (English acronyms: "US" but not "us"). When
  // `capitalized`, every unit's original text must start with an upper-case letter ("May", not
  // "may"); a phrase added both ways is kept once per way.
  void add(const std::vector<std::string>& tokens, uint32_t payload, bool case_sensitive = false,
           const std::vector<std::string>& original_tokens = {}, bool capitalized = false);
  // Orders candidates longest first; call once after the last add().
  void compile();

  // Greedy left-to-right, longest match at each position; unmatched units are skipped.
  std::vector<PhraseMatch> match(const std::vector<MatchUnit>& units) const;
  // The longest phrase starting at unit `at`, or a match with payloads == nullptr.
  PhraseMatch match_at(const std::vector<MatchUnit>& units, uint32_t at) const;

  size_t phrase_count() const { return phrases_.size(); }
  size_t memory_bytes() const;  // an estimate of the heap memory held

 private:
  struct Phrase {
    std::vector<std::string> tokens;
    std::vector<std::string> original;  // non-empty when case-sensitive
    bool capitalized = false;
    std::vector<uint32_t> payloads;
  };
  bool matches(const Phrase& p, const std::vector<MatchUnit>& units, uint32_t at, uint8_t& flags) const;

  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, uint32_t> by_key_;                 // joined tokens (+case) -> phrase
  std::unordered_map<std::string, std::vector<uint32_t>> by_first_;  // first token -> phrases
};

}  // namespace rasad::kb
