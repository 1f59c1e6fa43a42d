#pragma once
// Language identification with CLD2.
#include <string>
#include <string_view>

namespace rasad::text {

struct LanguageGuess {
  std::string code;  // ISO 639-1 ("ar", "fa", "en", ...) or "und"
  int percent = 0;   // share of the text CLD2 assigned to that language
  bool reliable = false;
};

// CLD2 is given the text after letter unification (normalize_for_match), because Arabic and
// Persian forms of yeh and kaf are spelling, not language evidence: seed 000 (Arabic with Persian
// ی/ک) must be Arabic and Fars News texts written with Arabic ي/ك must be Persian.
// `normalized` is that text; `hint` (e.g. declared language) biases CLD2 when given.
LanguageGuess identify_language(std::string_view normalized, std::string_view hint = {});

// What the document-level guess reads: the text itself up to 256 KiB; beyond, 16 pieces of 16 KiB
// spread evenly over it (whole words). CLD2's time is linear in the bytes it reads, and a
// multi-megabyte text spent more in it than in its sentences' coding.
std::string language_sample(std::string_view normalized);

}  // namespace rasad::text
