#pragma once
// Event trigger patterns (data/kb/patterns/<lang>[.manual].tsv) and the closed-class words the
// coder's rules need (data/kb/grammar/<lang>.tsv: negation, future, conditional ...), compiled for
// matching over kb::MatchUnit sequences. Formats: docs/DATA.md.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/diagnostic.h"
#include "core/word_hash.h"
#include "kb/kb.h"
#include "kb/matcher.h"

namespace rasad::code {

// One position of a pattern: alternatives, each exact or a prefix ("agree*"); or a gap ("_").
struct PatternToken {
  struct Alt {
    std::string text;  // normalized
    bool prefix = false;
    bool base = false;  // the base form of an inflected verb (strip_inflections): as a pattern's
                        // first word only after a `base_form` word of the grammar ("to", "will")
    uint32_t id = 0;    // an exact word's id in its PatternSet (set at load; 0: none, a prefix)
  };
  std::vector<Alt> alts;
  bool gap = false;
  // Set at load: bit (id % 64) of every exact alternative, and whether any is a prefix. A unit none
  // of whose forms' bits meet these is told apart without comparing (most units, most tokens).
  uint64_t id_bits = 0;
  bool any_prefix = false;
};

enum class TargetRule : uint8_t { language_default, none, after, before, preposition };

struct Pattern {
  std::string lang;
  std::string cameo;
  std::string text;  // as written in the file
  std::vector<PatternToken> tokens;
  TargetRule target = TargetRule::language_default;
  std::vector<std::string> prepositions;  // normalized, for TargetRule::preposition
  bool symmetric = false;
  bool passive = false;
  bool reported = false;  // a demand in reported speech ("X said Y must ..."): the source is the
                          // statement's, the target the actor right before the trigger
  bool manual = false;
  kb::Source src;
  int specificity = 0;  // literal tokens, for choosing between matches of equal length
};

struct PatternMatch {
  uint32_t begin = 0, end = 0;  // units [begin, end)
  const Pattern* pattern = nullptr;
};

// Closed-class words of one language, by kind (see data/kb/grammar/<lang>.tsv).
class Grammar {
 public:
  // Adds a normalized form of `kind`; a form may hold several words ("did not").
  void add(const std::string& kind, std::vector<std::string> form);
  // Is `word` a one-word form of `kind`?
  bool has(std::string_view kind, std::string_view word) const;
  // The forms of `kind`, null when it has none.
  const std::vector<std::vector<std::string>>* of(std::string_view kind) const;
  // The forms of `kind` whose first word is `word` (indices into of(kind)), null when none: the
  // coder asks at every word.
  const std::vector<uint32_t>* starting_with(std::string_view kind, std::string_view word) const;
  // The same for the forms whose last word is `word`.
  const std::vector<uint32_t>* ending_with(std::string_view kind, std::string_view word) const;
  // Is `word` a one-word form of any kind?
  bool has_any(std::string_view word) const;
  // The bit of `kind` in starts_at()'s masks, 0 when the grammar has no such kind.
  uint64_t mask(std::string_view kind) const;
  // The kinds with a form starting at `at`, each word compared with a unit's forms[0] (word_at's
  // test for every kind at once, one lookup per unit; a sentence's masks are taken once).
  uint64_t starts_at(const std::vector<kb::MatchUnit>& units, uint32_t at) const;

 private:
  struct Kind {
    uint64_t bit = 0;
    std::vector<std::vector<std::string>> forms;
    std::unordered_set<std::string, WordHash, std::equal_to<>> single;  // the one-word forms
    std::unordered_map<std::string, std::vector<uint32_t>, WordHash, std::equal_to<>> first, last;
  };
  std::unordered_map<std::string, Kind, WordHash, std::equal_to<>> kinds_;  // asked at every word: hashed
  // First word -> (kind's bit, the form's later words) over all kinds.
  std::unordered_map<std::string, std::vector<std::pair<uint64_t, std::vector<std::string>>>, WordHash, std::equal_to<>>
      firsts_;
};

class PatternSet {
 public:
  // Loads data_dir/kb/patterns/*.tsv and data_dir/kb/grammar/*.tsv, normalizing with the knowledge
  // base's normalizer and checking CAMEO codes against its ontology. Bad lines become Diagnostics
  // (file:line) and are skipped.
  static std::shared_ptr<const PatternSet> load(const std::string& data_dir, const kb::KnowledgeBase& kb,
                                                std::vector<Diagnostic>& problems);

  // Every pattern match in `units` of `lang`: at each position the longest one (then the most
  // specific), matches never overlap, left to right.
  std::vector<PatternMatch> match(const std::vector<kb::MatchUnit>& units, std::string_view lang) const;

  const Grammar* grammar(std::string_view lang) const;
  const std::vector<Pattern>& patterns() const { return patterns_; }
  const std::vector<std::string>& files() const { return files_; }
  std::string where(const kb::Source& s) const;

 private:
  // Entries are pattern << 1 | 1 when the pattern's first token must still be checked (a prefix
  // or a base form found it), pattern << 1 when the word that found it already meets that token.
  struct Index {
    std::unordered_map<uint32_t, std::vector<uint32_t>> exact;  // first-token word id -> entries
    // Keys view the patterns' own strings (patterns_ does not change after load).
    std::unordered_map<std::string_view, std::vector<uint32_t>> prefix;  // first three code points -> entries
  };
  // The word ids of a sentence's unit forms: forms of unit u are ids[first[u]] onwards, in order; 0
  // for a form no pattern lists whole. Each form is looked up once per sentence, and the patterns
  // then compare integers, not strings, at every (form, alternative) they try.
  struct FormIds {
    std::vector<uint32_t> ids, first;
    std::vector<uint64_t> bits;  // per unit: bit (id % 64) of each of its forms' ids
  };
  FormIds form_ids(const std::vector<kb::MatchUnit>& units) const;
  bool matches_at(const Pattern& p, const std::vector<kb::MatchUnit>& units, const FormIds& ids, size_t ti,
                  uint32_t at, uint32_t& end, const Grammar* g) const;

  std::vector<Pattern> patterns_;
  // Every word the patterns list whole (not as a prefix), numbered from 1 (PatternToken::Alt::id).
  std::unordered_map<std::string, uint32_t, WordHash, std::equal_to<>> word_ids_;
  std::vector<std::string> files_;
  std::map<std::string, Index, std::less<>> index_;
  std::map<std::string, Grammar, std::less<>> grammar_;
};

// English inflection: the forms of `word` with one of `suffixes` ("ing", "ed", "s", "d" ...) removed,
// keeping at least three letters. Pattern words get these as extra alternatives, so the pattern
// "condemned|condemns" also matches the base form after "will" or "did not"; the base of a past
// tense or gerund matches only there (a `base_form` word before it), since elsewhere it is another
// word: "forced" -> the noun "force", "noted" -> "not".
std::vector<std::string> strip_inflections(std::string_view word, const std::vector<std::vector<std::string>>& suffixes);

// The match pieces of a pattern word after normalization ("cease-fire": cease, -, fire), remembered:
// pattern files repeat their words, and normalizing them was most of the loading time.
class WordPieces {
 public:
  explicit WordPieces(const text::Normalizer& normalizer) : normalizer_(normalizer) {}
  const std::vector<std::string>& operator()(std::string_view word);

 private:
  const text::Normalizer& normalizer_;
  std::unordered_map<std::string, std::vector<std::string>> memo_;  // references stay valid
};

// Parses the pattern column; returns an error message, "" when fine.
std::string parse_pattern(std::string_view text, WordPieces& pieces_of, std::vector<PatternToken>& out);
std::string parse_pattern(std::string_view text, const text::Normalizer& normalizer, std::vector<PatternToken>& out);
// True when `form` (a normalized unit form) satisfies `alt`.
bool alt_matches(const PatternToken::Alt& alt, std::string_view form);

}  // namespace rasad::code
