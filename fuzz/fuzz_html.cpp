// Fuzzes the HTML path as the reader runs it: charset sniffing, decoding, gumbo and main-text
// extraction. The text is valid UTF-8, one non-empty trimmed line per block.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "fuzz_check.h"
#include "io/encoding.h"
#include "io/html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rasad;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string charset = io::sniff_html_charset(bytes);
  FUZZ_CHECK(charset.size() <= 4096);
  Result<io::Decoded> decoded = io::decode_to_utf8(bytes, charset);
  // Raw bytes go to gumbo too: extract_html must survive input that skipped decoding.
  for (std::string_view html : {decoded ? std::string_view(decoded->text) : std::string_view(), bytes}) {
    const io::HtmlExtract page = io::extract_html(html);
    FUZZ_CHECK(utf8::is_valid(page.text));
    FUZZ_CHECK(utf8::is_valid(page.title));
    size_t start = 0;
    while (start < page.text.size()) {
      size_t end = page.text.find('\n', start);
      if (end == std::string::npos) end = page.text.size();
      FUZZ_CHECK(end > start);              // no empty lines
      FUZZ_CHECK(page.text[start] != ' ');  // trimmed
      FUZZ_CHECK(page.text[end - 1] != ' ');
      start = end + 1;
    }
    FUZZ_CHECK(page.text.empty() || page.text.back() != '\n');
    FUZZ_CHECK(page.lang.find('-') == std::string::npos);
  }
  return 0;
}
