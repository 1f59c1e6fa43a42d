#pragma once
// Light clitic and affix analysis for Arabic and Persian, driven by data/text/morphology/<lang>.tsv.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rasad::text {

struct MorphAnalysis {
  std::vector<std::string> prefixes;  // normalized, outermost first: {"و", "ال"}
  std::string stem;                   // normalized
  std::vector<std::string> suffixes;  // normalized, innermost first: {"ها", "ی"}
};

struct MorphRules {
  // Loaded from a TSV file (see docs/DATA.md); forms are stored normalized.
  std::vector<std::string> proclitics;   // ar: و ف ب ل ك س ; fa: (none)
  std::vector<std::string> articles;     // ar: ال
  std::vector<std::string> enclitics;    // ar: ه ها هم هما هن ك كم كما كن ي نا
  std::vector<std::string> prefixes;     // fa: می نمی ن ب
  std::vector<std::string> suffixes;     // fa: ها های هایی ی ای ام ات اش مان تان شان ترین تر
  size_t min_stem_bytes = 4;             // a stem keeps at least this many bytes (2 Arabic letters)
};

Result<MorphRules> load_morph_rules(const std::string& path);

class Morphology {
 public:
  Morphology(MorphRules arabic, MorphRules persian);
  // Candidate analyses of one normalized token, most likely first; the first is the one printed.
  // The unanalyzed token is always among the candidates, so dictionary matching never loses it.
  std::vector<MorphAnalysis> analyze(std::string_view normalized_token, std::string_view lang) const;

 private:
  MorphRules ar_, fa_;
};

}  // namespace rasad::text
