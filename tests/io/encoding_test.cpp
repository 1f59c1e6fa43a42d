#include "io/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/test_support.h"

namespace rasad::io {
namespace {

using testing::encode_as;
using testing::kArabic;
using testing::kPersian;

struct DecodeCase {
  const char* name;
  std::string bytes;
  std::string declared;
  std::string text;      // expected UTF-8 text
  std::string encoding;  // expected encoding
  std::vector<std::string> warnings;
};

class DecodeTest : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(DecodeTest, DecodesAndWarns) {
  const DecodeCase& c = GetParam();
  Result<Decoded> d = decode_to_utf8(c.bytes, c.declared);
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->text, c.text);
  EXPECT_EQ(d->encoding, c.encoding);
  EXPECT_EQ(d->warnings, c.warnings);
}

const std::string kBomUtf8 = "\xEF\xBB\xBF";
const std::string kBomLe = "\xFF\xFE";
const std::string kBomBe = "\xFE\xFF";
// An Arabic text in ISO-8859-6 that avoids characters the code page lacks.
const std::string kIsoArabic = "قال المتحدث إن الوفد سيصل يوم الخميس، ثم يلتقي الرئيس؟";

INSTANTIATE_TEST_SUITE_P(
    Encodings, DecodeTest,
    ::testing::Values(
        DecodeCase{"ascii", "hello world\n", "", "hello world\n", "UTF-8", {}},
        DecodeCase{"utf8_arabic", std::string(kArabic), "", std::string(kArabic), "UTF-8", {}},
        DecodeCase{"utf8_persian_zwnj", std::string(kPersian), "", std::string(kPersian), "UTF-8", {}},
        DecodeCase{"utf8_bom", kBomUtf8 + std::string(kArabic), "", std::string(kArabic), "UTF-8", {}},
        DecodeCase{"utf16le_bom", kBomLe + encode_as(kPersian, "UTF-16LE"), "", std::string(kPersian), "UTF-16LE", {}},
        DecodeCase{"utf16be_bom", kBomBe + encode_as(kArabic, "UTF-16BE"), "", std::string(kArabic), "UTF-16BE", {}},
        DecodeCase{"utf16le_emoji",
                   kBomLe + encode_as("a\xF0\x9F\x98\x80z", "UTF-16LE"),
                   "",
                   "a\xF0\x9F\x98\x80z",
                   "UTF-16LE",
                   {}},
        DecodeCase{"utf16le_lone_surrogate",
                   kBomLe + std::string("a\0\x00\xD8"
                                        "b\0",
                                        6),
                   "",
                   "a\xEF\xBF\xBD"
                   "b",
                   "UTF-16LE",
                   {"1 invalid UTF-16LE sequence replaced with U+FFFD (first at byte 4)"}},
        DecodeCase{"cp1256_detected", encode_as(kArabic, "windows-1256"), "", std::string(kArabic), "windows-1256", {}},
        DecodeCase{"iso8859_6_detected", encode_as(kIsoArabic, "ISO-8859-6"), "", kIsoArabic, "ISO-8859-6", {}},
        DecodeCase{"cp1256_declared",
                   encode_as(kArabic, "windows-1256"),
                   "windows-1256",
                   std::string(kArabic),
                   "windows-1256",
                   {}},
        DecodeCase{"declared_utf8_but_cp1256",
                   encode_as(kArabic, "windows-1256"),
                   "utf-8",
                   std::string(kArabic),
                   "windows-1256",
                   {"declared charset \"utf-8\" does not fit the bytes; read as windows-1256"}},
        DecodeCase{
            "declared_legacy_but_valid_utf8", std::string(kArabic), "windows-1256", std::string(kArabic), "UTF-8", {}},
        DecodeCase{"declared_unknown",
                   encode_as(kArabic, "windows-1256"),
                   "x-no-such-charset",
                   std::string(kArabic),
                   "windows-1256",
                   {"declared charset \"x-no-such-charset\" is unknown; guessed instead"}},
        DecodeCase{"invalid_utf8_replaced",
                   "abc\xFF"
                   "def\xE2\x82 x",
                   "",
                   "abc\xEF\xBF\xBD"
                   "def\xEF\xBF\xBD x",
                   "UTF-8",
                   {"2 invalid UTF-8 sequences replaced with U+FFFD (first at byte 3)"}},
        DecodeCase{"invalid_utf8_declared_utf8",
                   "ok\xC0\xAF",
                   "UTF-8",
                   "ok\xEF\xBF\xBD\xEF\xBF\xBD",
                   "UTF-8",
                   {"2 invalid UTF-8 sequences replaced with U+FFFD (first at byte 2)"}},
        // Arabic UTF-8 with one stray byte stays UTF-8: its well-formed sequences outnumber the bad one.
        DecodeCase{"damaged_arabic_utf8",
                   std::string(kArabic.substr(0, 10)) + "\xC7" + std::string(kArabic.substr(10)),
                   "",
                   std::string(kArabic.substr(0, 10)) + "\xEF\xBF\xBD" + std::string(kArabic.substr(10)),
                   "UTF-8",
                   {"1 invalid UTF-8 sequence replaced with U+FFFD (first at byte 10)"}},
        // Latin-1 is not Arabic: not converted, replaced and reported.
        DecodeCase{"latin1_not_arabic",
                   "caf\xE9 na\xEFve",
                   "",
                   "caf\xEF\xBF\xBD na\xEF\xBF\xBDve",
                   "UTF-8",
                   {"2 invalid UTF-8 sequences replaced with U+FFFD (first at byte 3)"}},
        DecodeCase{"bom_offsets_counted",
                   kBomUtf8 + "x\xFF",
                   "",
                   "x\xEF\xBF\xBD",
                   "UTF-8",
                   {"1 invalid UTF-8 sequence replaced with U+FFFD (first at byte 4)"}}),
    [](const ::testing::TestParamInfo<DecodeCase>& p) { return std::string(p.param.name); });

struct RejectCase {
  const char* name;
  std::string bytes;
  std::string message;
};

class RejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(RejectTest, RejectsWithClearMessage) {
  const RejectCase& c = GetParam();
  Result<Decoded> d = decode_to_utf8(c.bytes);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error(), c.message);
}

INSTANTIATE_TEST_SUITE_P(BadInput, RejectTest,
                         ::testing::Values(RejectCase{"empty", "", "empty file, skipped"},
                                           RejectCase{"whitespace", " \n\t\r\n  ", "empty file, skipped"},
                                           RejectCase{"bom_only", "\xEF\xBB\xBF\n", "empty file, skipped"},
                                           RejectCase{"utf16_blank", std::string("\xFF\xFE \0\n\0", 6),
                                                      "empty file, skipped"},
                                           RejectCase{"nul", std::string("hello world\0\x01\x02", 14),
                                                      "binary file (NUL byte at offset 11), skipped"},
                                           RejectCase{"controls",
                                                      "ab\x01\x02\x03\x04\x05\x06\x07\x08"
                                                      "cdefghij",
                                                      "binary file (44% control characters), skipped"}),
                         [](const ::testing::TestParamInfo<RejectCase>& p) { return std::string(p.param.name); });

TEST(Decode, FewControlCharactersAreText) {
  std::string s(100, 'a');
  s[10] = '\x1B';  // an escape sequence in a log line is not binary
  Result<Decoded> d = decode_to_utf8(s);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, s);
}

TEST(Decode, ValidUtf8IsNotCopiedThroughIcu) {
  // Byte-for-byte identity matters: every offset later stages report refers to these bytes.
  const std::string s = std::string(kArabic) + "\r\n\t" + std::string(kPersian);
  Result<Decoded> d = decode_to_utf8(s);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, s);
  EXPECT_TRUE(d->warnings.empty());
}

TEST(ReplaceInvalidUtf8, KeepsValidInputAndCountsBadSequences) {
  EXPECT_EQ(replace_invalid_utf8("abc").text, "abc");
  EXPECT_TRUE(replace_invalid_utf8("abc").warnings.empty());
  const Decoded d = replace_invalid_utf8("\x80\x80 \xF0\x9F\x98");
  EXPECT_EQ(d.text, "\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "3 invalid UTF-8 sequences replaced with U+FFFD (first at byte 0)");
}

}  // namespace
}  // namespace rasad::io
