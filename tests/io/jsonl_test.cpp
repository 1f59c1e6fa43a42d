#include "io/jsonl.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rasad::io {
namespace {

TEST(JsonlRecord, ReadsAllFields) {
  Result<Document> d = parse_jsonl_record(
      R"({"id":"a-1","text":"خبر اليوم\nسطر ثان","lang":"ar","date":"2024-03-19","url":"https://example.org/x",)"
      R"("title":"عنوان","source":"وكالة","extra":{"nested":[1,2]}})");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->id, "a-1");
  EXPECT_EQ(d->text, "خبر اليوم\nسطر ثان");
  EXPECT_EQ(d->lang, "ar");
  EXPECT_EQ(d->date, "2024-03-19");
  EXPECT_EQ(d->url, "https://example.org/x");
  EXPECT_EQ(d->title, "عنوان");
  EXPECT_EQ(d->source, "وكالة");
  EXPECT_EQ(d->format, "jsonl");
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_TRUE(d->warnings.empty());
}

TEST(JsonlRecord, AcceptsIntegerIdsAndCrlf) {
  Result<Document> d = parse_jsonl_record("{\"id\": 1942574, \"text\": \"x\"}\r");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->id, "1942574");
  Result<Document> neg = parse_jsonl_record(R"({"id": -7, "text": "x"})");
  ASSERT_TRUE(neg.ok());
  EXPECT_EQ(neg->id, "-7");
}

TEST(JsonlRecord, EscapesAndSurrogatePairsDecode) {
  Result<Document> d = parse_jsonl_record(R"({"id":"e","text":"\u0645\u0635\u0631 \ud83d\ude00 \"q\""})");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->text, "مصر \xF0\x9F\x98\x80 \"q\"");
}

TEST(JsonlRecord, NonStringOptionalFieldIsIgnoredWithWarning) {
  Result<Document> d = parse_jsonl_record(R"({"id":"x","text":"t","date":20240319,"lang":null})");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->date, "");
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0], "field \"date\" is number, not a string; ignored");
}

TEST(JsonlRecord, InvalidUtf8IsRepairedAndReported) {
  Result<Document> d = parse_jsonl_record(
      "{\"id\":\"x\",\"text\":\"ab\xFF"
      "cd\"}");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->text,
            "ab\xEF\xBF\xBD"
            "cd");
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0], "1 invalid UTF-8 sequence replaced with U+FFFD (first at byte 20) in the record");
}

// Found by fuzz_jsonl: nlohmann quoted the first byte of a U+FFFD, so the message itself was
// not valid UTF-8.
TEST(JsonlRecord, ErrorMessageIsValidUtf8) {
  Result<Document> d = parse_jsonl_record("{\"id\":\"c\",\xFF\xFF\"text\":\"ok\"}");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error(),
            "not valid JSON at column 11 (syntax error while parsing object key - invalid literal; last read: "
            "'\"c\",\xEF\xBF\xBD'; expected string literal)");
}

struct BadRecord {
  const char* name;
  std::string line;
  std::string message;
};

class JsonlErrors : public ::testing::TestWithParam<BadRecord> {};

TEST_P(JsonlErrors, SaysWhatIsWrong) {
  Result<Document> d = parse_jsonl_record(GetParam().line);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Records, JsonlErrors,
    ::testing::Values(
        BadRecord{"truncated", R"({"id":"x","text":"abc)",
                  "not valid JSON at column 22 (syntax error while parsing value - invalid string: missing closing "
                  "quote; last read: '\"abc')"},
        BadRecord{
            "trailing_garbage", R"({"id":"x","text":"t"} x)",
            "not valid JSON at column 23 (syntax error while parsing value - invalid literal; last read: '\"t\"} x'; "
            "expected end of input)"},
        BadRecord{"array", R"(["id","text"])", "not a JSON object (found array)"},
        BadRecord{"string", R"("just text")", "not a JSON object (found string)"},
        BadRecord{"missing_id", R"({"text":"t"})", "missing field \"id\""},
        BadRecord{"float_id", R"({"id":1.5,"text":"t"})", "field \"id\" must be a string or an integer, not number"},
        BadRecord{"empty_id", R"({"id":"","text":"t"})", "field \"id\" is empty"},
        BadRecord{"missing_text", R"({"id":"n7","title":"t"})", "missing field \"text\" (id \"n7\")"},
        BadRecord{"null_text", R"({"id":"n7","text":null})", "missing field \"text\" (id \"n7\")"},
        BadRecord{"object_text", R"({"id":"n7","text":{"a":1}})",
                  "field \"text\" must be a string, not object (id \"n7\")"},
        BadRecord{"blank_text", R"({"id":"n7","text":" \n "})", "field \"text\" is empty (id \"n7\")"}),
    [](const ::testing::TestParamInfo<BadRecord>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace rasad::io
