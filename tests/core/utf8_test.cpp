#include "core/utf8.h"

#include <gtest/gtest.h>

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
