#pragma once
// "Did you mean ...?": the valid values closest to a mistyped one, for usage errors of the command
// line and the API.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rasad {

// Levenshtein distance over bytes, ASCII letters compared without case.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidates near `word` (at most 1 edit for words of up to 4 bytes, 2 up to 8, then 3),
// closest first (ties in candidate order), at most `max` of them.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates, size_t max = 3);

// "; did you mean A?" or "; did you mean A, B or C?"; "" for no suggestion.
std::string did_you_mean(const std::vector<std::string>& suggestions);

}  // namespace rasad
