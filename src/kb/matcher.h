#pragma once
// Phrase matching over token sequences: phrases are indexed by their first token, so matching a
// sentence costs one hash lookup per token and candidate form, plus the comparison of the few
// phrases that start with it (longest first).
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/word_hash.h"
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
  // The WordHash of the first forms, taken once when the unit is made (set_hashes) and kept with a
  // cached unit; every dictionary the sentence is matched against probes with them. Held in place,
  // not in a vector: units are copied out of the cache by the hundred thousand. Later forms, and
  // units made elsewhere, are hashed when asked.
  static constexpr size_t kHashedForms = 4;
  std::array<size_t, kHashedForms> hashes{};
  uint8_t hashed = 0;  // how many of `hashes` are set

  HashedWord hashed_form(size_t f) const { return {forms[f], f < hashed ? hashes[f] : WordHash{}(forms[f])}; }
  void set_hashes() {
    hashed = static_cast<uint8_t>(std::min(forms.size(), kHashedForms));
    for (size_t f = 0; f < hashed; ++f) hashes[f] = WordHash{}(forms[f]);
  }
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

  // Could a form with this WordHash open a phrase? False for most forms of a sentence, told from
  // one bit of first_bits_ instead of a probe of by_first_; true when not compiled.
  bool may_open(size_t hash) const {
    return first_bits_.empty() || (first_bits_[(hash >> 6) & (first_bits_.size() - 1)] >> (hash & 63) & 1);
  }

  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, uint32_t> by_key_;                 // joined tokens (+case) -> phrase
  // First token -> phrases; probed with the units' HashedWords.
  std::unordered_map<std::string, std::vector<uint32_t>, WordHash, std::equal_to<>> by_first_;
  // Bit (WordHash % bits) of every first token, about 8 bits per token (set by compile()).
  std::vector<uint64_t> first_bits_;
};

}  // namespace rasad::kb
