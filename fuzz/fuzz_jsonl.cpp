// Fuzzes parse_jsonl_record on the whole input and on each of its lines: no crash, no exception,
// and an accepted record always has an id and valid UTF-8 text.
#include <cstdint>
#include <string_view>

#include "core/utf8.h"
#include "fuzz_check.h"
#include "io/jsonl.h"

namespace {

void check_line(std::string_view line) {
  rasad::Result<rasad::Document> d = rasad::io::parse_jsonl_record(line);
  if (!d) {
    FUZZ_CHECK(!d.error().empty());
    FUZZ_CHECK(rasad::utf8::is_valid(d.error()));
    return;
  }
  FUZZ_CHECK(!d->id.empty());
  FUZZ_CHECK(!d->text.empty());
  FUZZ_CHECK(rasad::utf8::is_valid(d->text));
  FUZZ_CHECK(rasad::utf8::is_valid(d->id));
  FUZZ_CHECK(d->format == "jsonl");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_line(input);
  size_t start = 0;
  while (start < input.size()) {
    const size_t nl = input.find('\n', start);
    const size_t end = nl == std::string_view::npos ? input.size() : nl;
    check_line(input.substr(start, end - start));
    start = end + 1;
  }
  return 0;
}
