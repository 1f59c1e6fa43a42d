#pragma once
// Recognizing boilerplate lines (comment prompts, captcha, tag lists, agency end markers, news
// codes) and source attributions, driven by data/text/boilerplate/*.tsv. See docs/DATA.md.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "text/normalize.h"

namespace rasad::text {

struct LineVerdict {
  bool drop = false;
  std::string reason;  // why it was dropped, or "source attribution"
  std::optional<std::string> source;  // the source the line names, normalized-line text
  // Byte range of the source name inside the normalized line, to cut it from the original.
  uint32_t source_start = 0, source_end = 0;
};

class Boilerplate {
 public:
  // Reads every *.tsv in `dir`; a file named LANG.tsv applies to that language, all.tsv to every one.
  static Result<Boilerplate> load(const std::string& dir, const Normalizer& normalizer);

  // `normalized_line` is the normalize_for_match form of one line, `lang` the document language.
  LineVerdict classify(std::string_view normalized_line, std::string_view lang) const;

  Boilerplate(Boilerplate&&) noexcept;
  Boilerplate& operator=(Boilerplate&&) noexcept;
  ~Boilerplate();

 private:
  Boilerplate();
  struct Rules;
  std::unique_ptr<Rules> rules_;
};

// The line with bullets, dashes, white space and trailing punctuation trimmed from both ends: the
// form `line` and `prefix` rules compare against.
std::string_view trim_line_for_match(std::string_view normalized_line);

}  // namespace rasad::text
