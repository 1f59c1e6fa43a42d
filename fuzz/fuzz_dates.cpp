// Fuzzes the date finder (text/dates.h): arbitrary text in, date mentions out. Every mention's
// span lies inside the text on UTF-8 boundaries and slices it to the mention's text; mentions come
// sorted and without overlap; a resolved value has a precision.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/paths.h"
#include "fuzz_check.h"
#include "fuzz_input.h"
#include "text/dates.h"
#include "text/normalize.h"

namespace {

struct Loaded {
  rasad::text::Normalizer normalizer;
  rasad::text::DateFinder finder;
};

const Loaded& loaded() {
  static const Loaded* l = [] {
    auto lex = rasad::text::load_date_lexicon(rasad::resolve_data_dir(""));
    if (!lex) {
      std::fprintf(stderr, "fuzz_dates: %s\n", lex.error().c_str());
      std::abort();
    }
    return new Loaded{rasad::text::Normalizer(), rasad::text::DateFinder(std::move(lex).value())};
  }();
  return *l;
}

}  // namespace

// Loading data/ takes seconds under the sanitizers: done before the first input, so that it does
// not count against -timeout. (The replay main skips this; loaded() is lazy as well.)
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  loaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rasad;
  const Loaded& l = loaded();
  // The first byte picks the language and whether there is an anchor date; the rest is the text.
  static constexpr std::string_view kLang[] = {"", "ar", "fa", "en"};
  const uint8_t pick = size > 0 ? data[0] : 0;
  const std::string input = fuzz::valid_utf8(
      std::string_view(reinterpret_cast<const char*>(data), size).substr(size > 0 ? 1 : 0));
  std::optional<text::Date> anchor;
  if (pick & 4) anchor = text::Date{2020, 4, 10, text::DatePrecision::day};
  const text::NormalizedText norm = l.normalizer.normalize(input);
  const auto found = l.finder.find(input, norm, anchor, kLang[pick % 4]);
  for (size_t i = 0; i < found.size(); ++i) {
    const text::DateMention& m = found[i];
    FUZZ_CHECK(fuzz::span_on_boundaries(m.span, input));
    FUZZ_CHECK(!m.span.empty());
    FUZZ_CHECK(m.span.slice(input) == m.text);
    if (i > 0) FUZZ_CHECK(found[i - 1].span.end <= m.span.start);
    if (m.resolved && m.value.precision != text::DatePrecision::unknown) FUZZ_CHECK(!m.value.iso().empty());
  }
  return 0;
}
