#pragma once
// Sentence and token segmentation (ICU break iteration over UTF-8) for Arabic, Persian and English.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "text/morphology.h"
#include "text/normalize.h"

namespace rasad::text {

enum class TokenKind { word, number, punct, symbol };
const char* to_string(TokenKind k);

struct Token {
  Span span;              // into the document text
  TokenKind kind = TokenKind::word;
  std::string norm;       // normalize_for_match of the token
  MorphAnalysis morph;    // best analysis (Arabic/Persian words); stem == norm otherwise
};

// The most tokens a sentence holds. A text without sentence punctuation would otherwise be one
// sentence (a 1 MB run is ~200,000 tokens), and coding looks at pairs of positions within a
// sentence: 1/2/4/8 MB took 2.8/8.8/28/115 s. News sentences rarely pass 100 tokens.
constexpr size_t kMaxSentenceTokens = 200;

struct Sentence {
  Span span;              // into the document text, trimmed of surrounding white space
  std::string lang;       // sentence-level language (CLD2), or the document's when too short
  std::vector<Token> tokens;
  bool cut = false;       // ended by the length bound (kMaxSentenceTokens), not by the text
};

struct SegmentRules {
  std::vector<std::string> abbreviations_en;  // "Mr.", "Dr.", "U.S." ... from data/text/abbreviations/en.txt
};

// Not thread-safe (owns ICU break iterators); make one per thread.
class Segmenter {
 public:
  Segmenter(const SegmentRules& rules, const Normalizer& normalizer, const Morphology& morphology);
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Splits `region` of `text` (a kept block, e.g. one line or paragraph) into sentences: ICU
  // sentence rules plus Arabic/Persian terminators (. ! ? ؟ and ؛ when followed by a new clause is
  // not a terminator), never splitting inside quotes « » “ ” that close within the region, and not
  // after English abbreviations or initials. A longer run than kMaxSentenceTokens is cut after the
  // last clause mark (، ؛ , ; :) of its second half, else after kMaxSentenceTokens tokens; the
  // pieces but the last have `cut` set. Tokens of each sentence are filled, with `lang` used for
  // the morphology.
  std::vector<Sentence> split(std::string_view text, Span region, std::string_view lang);

  // Tokens of a span (used by split and by tests).
  std::vector<Token> tokenize(std::string_view text, Span span, std::string_view lang);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasad::text
