#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rasad {
namespace {

TEST(Utf8, ValidPrefixStopsAtFirstBadByte) {
  EXPECT_EQ(utf8::valid_prefix("abc"), 3u);
  EXPECT_EQ(utf8::valid_prefix("روسيا"), std::string_view("روسيا").size());
  EXPECT_EQ(utf8::valid_prefix("ab\xff" "cd"), 2u);
  EXPECT_EQ(utf8::valid_prefix("\xC0\xAF"), 0u);            // overlong
  EXPECT_EQ(utf8::valid_prefix("\xED\xA0\x80"), 0u);        // surrogate
  EXPECT_EQ(utf8::valid_prefix("x\xE2\x82"), 1u);           // truncated
}

// valid_prefix takes shortcuts (ASCII runs, two-byte letters); next() decodes one sequence at a
// time by RFC 3629. On strings mixing ASCII, Arabic, three- and four-byte characters and broken
// bytes at every position, both stop at the same byte.
TEST(Utf8, ValidPrefixAgreesWithDecoding) {
  const std::vector<std::string> pieces = {"a", "abcdefghij", " ", "ب", "روسيا", "\u200c", "\u20ac", "\U0001F600",
                                           "\xff", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "\xD8", "\x80",
                                           "\xF4\x90\x80\x80", "\xEF\xBF\xBD"};
  uint64_t state = 12345;
  auto rnd = [&](size_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state >> 33) % n);
  };
  for (int t = 0; t < 5000; ++t) {
    std::string s;
    for (size_t k = 0, n = 1 + rnd(12); k < n; ++k) s += pieces[rnd(pieces.size())];
    size_t expected = 0;
    for (size_t pos = 0; pos < s.size();) {
      const size_t at = pos;
      const char32_t cp = utf8::next(s, pos);
      if (cp == U'\uFFFD' && pos == at + 1) break;  // a broken byte (a real U+FFFD takes three)
      expected = pos;
    }
    ASSERT_EQ(utf8::valid_prefix(s), expected) << testing::PrintToString(s);
  }
}

TEST(Utf8, NextAlwaysAdvances) {
  const std::string s = "a\xffب";
  size_t pos = 0;
  EXPECT_EQ(utf8::next(s, pos), U'a');
  EXPECT_EQ(utf8::next(s, pos), U'\uFFFD');
  EXPECT_EQ(pos, 2u);
  EXPECT_EQ(utf8::next(s, pos), U'\u0628');
  EXPECT_EQ(pos, s.size());
}

TEST(Utf8, AppendRoundTrips) {
  for (char32_t cp : {U'A', U'\u00e9', U'\u0628', U'\u200c', U'\U0001F600'}) {
    std::string out;
    utf8::append(out, cp);
    size_t pos = 0;
    EXPECT_EQ(utf8::next(out, pos), cp);
    EXPECT_EQ(pos, out.size());
  }
}

}  // namespace
}  // namespace rasad
