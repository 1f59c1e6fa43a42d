#pragma once
// Light clitic and affix analysis for Arabic and Persian, driven by data/text/morphology/<lang>.tsv.
// No lexicon: candidates are every split the affix tables allow, ranked by heuristics documented in
// docs/TEXT.md ("Segmentation and morphology") so dictionaries can try each stem in turn.
#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rasad::text {

struct MorphAnalysis {
  std::vector<std::string> prefixes;  // normalized, outermost first: {"و", "ال"}
  std::string stem;                   // normalized
  std::vector<std::string> suffixes;  // normalized, innermost first: {"ها", "ی"}
  friend bool operator==(const MorphAnalysis&, const MorphAnalysis&) = default;
};

struct MorphRules {
  // Loaded from a TSV file (format in its header comment); forms are stored normalized.
  std::vector<std::string> conjunctions;   // ar: و ف (outermost proclitic slot)
  std::vector<std::string> proclitics;     // ar: ب ل ك (preposition slot)
  std::vector<std::string> future;         // ar: س (preposition slot, only before `imperfect`)
  std::vector<std::string> imperfect;      // ar: ي ت ن ا (letters opening an imperfect verb)
  std::vector<std::string> articles;       // ar: ال
  std::vector<std::string> enclitics;      // ar: ه ها هم ... ; fa: ی ای یی ام ات اش مان ...
  std::vector<std::string> prefixes;       // fa: می نمی
  std::vector<std::string> verb_prefixes;  // fa: the prefixes that need a verb ending (می)
  std::vector<std::string> suffixes;       // fa: ها ترین تر
  std::vector<std::string> verb_endings;   // fa: م ی د یم ید ند
  std::vector<std::string> stems;          // whole words that look affixed but are not (وزير)
  size_t min_stem_bytes = 4;               // a stem keeps at least this many bytes (2 Arabic letters)
  size_t min_stem_bytes_multi = 6;         // ... when two or more affixes are stripped (3 letters)
};

// Reads a morphology TSV; errors name the file and line.
Result<MorphRules> load_morph_rules(const std::string& path);

// Immutable after construction; thread-safe.
class Morphology {
 public:
  Morphology(MorphRules arabic, MorphRules persian);
  // Candidate analyses of one normalized token, most likely first; the first is the one printed.
  // The unanalyzed token is always among the candidates, so dictionary matching never loses it.
  // Languages other than "ar" and "fa" get the unanalyzed token only.
  std::vector<MorphAnalysis> analyze(std::string_view normalized_token, std::string_view lang) const;
  // analyze(...).front(), without building the other candidates.
  MorphAnalysis best(std::string_view normalized_token, std::string_view lang) const;
  // Persian writes a ZWNJ between a stem and its plural, comparative or clitics (حمله‌ای, کشور‌ها);
  // normalization drops it, and analyze() then guesses (حملهای -> حمل + ها + ی). Where the original
  // token has the ZWNJ, what precedes it is the stem when what follows is affixes the rules list;
  // without one, a stem in silent h before the indefinite ای (حملهای) is kept as a candidate. Returns
  // those stems (normalized), innermost last; empty for other tokens.
  std::vector<std::string> persian_bases(std::string_view normalized_token, std::string_view original) const;

 private:
  struct Split;
  template <class Emit>
  void enumerate_arabic(std::string_view t, Emit&& emit) const;
  template <class Emit>
  void enumerate_persian(std::string_view t, Emit&& emit) const;
  template <class Emit>
  void for_each_split(std::string_view t, std::string_view lang, Emit&& emit) const;
  std::vector<Split> ranked(std::string_view t, std::string_view lang) const;

  bool listed_stem(const MorphRules& r, std::string_view stem) const;

  MorphRules ar_, fa_;
  // Bloom-style filters over ar_.stems and fa_.stems (see listed_stem).
  std::bitset<4096> ar_stem_filter_, fa_stem_filter_;
};

}  // namespace rasad::text
