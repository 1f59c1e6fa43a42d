#include "text/boilerplate.h"

#include <gtest/gtest.h>

namespace rasad::text {
namespace {

const Boilerplate& rules() {
  static const Normalizer n;
  static const Boilerplate b = [] {
    auto r = Boilerplate::load(RASAD_SOURCE_DIR "/data/text/boilerplate", n);
    if (!r) throw std::runtime_error(r.error());
    return std::move(r).value();
  }();
  return b;
}

LineVerdict classify(std::string_view line, std::string_view lang) {
  static const Normalizer n;
  return rules().classify(n.normalize_string(line), lang);
}

struct Case {
  const char* line;
  const char* lang;
  bool drop;
  const char* reason;
};

TEST(Boilerplate, ClassifiesLines) {
  const Case cases[] = {
      {"تعليقك", "ar", true, "comment prompt"},
      {"You are replying to: .", "ar", true, "comment reply prompt"},
      {"  • captcha", "ar", true, "captcha"},
      {"/انتهى/", "ar", true, "agency end marker"},
      {"رمز الخبر 1942574", "ar", true, "news code"},
      {"رمز الخبر ١٩٤٢٥٧٤", "ar", true, "news code"},
      {"[ولادیمیر پوتین](#) [2]", "fa", true, "tag list"},
      {"برچسب‌ها: [حسن روحانی](#) [1]", "fa", true, "tag list"},
      {"برچسبها: [حسن روحانی](#) [1]", "fa", true, "tag list"},
      {"کد خبر: 12345", "fa", true, "news code"},
      // News text that merely contains a trigger word stays.
      {"وقال الوزير إن التعليقات على الاتفاق كانت إيجابية وإن المحادثات ستستمر.", "ar", false, ""},
      {"The captcha industry employs thousands of workers in poor countries, a report said.", "en", false, ""},
      {"Share prices fell sharply on Monday after the announcement.", "en", false, ""},
  };
  for (const Case& c : cases) {
    const LineVerdict v = classify(c.line, c.lang);
    EXPECT_EQ(v.drop, c.drop) << c.line;
    if (c.drop) {
      EXPECT_EQ(v.reason, c.reason) << c.line;
    }
  }
}

TEST(Boilerplate, SourceAttributionsNameTheSource) {
  const LineVerdict line = classify("المصدر: وكالة ارنا", "ar");
  EXPECT_TRUE(line.drop);
  ASSERT_TRUE(line.source);
  EXPECT_EQ(*line.source, "وكاله ارنا");  // normalized form; the pipeline cuts the original
  const LineVerdict inl = classify("به گزارش اسپادانا خبر و به نقل از تسنیم، روحانی با اشاره به ...", "fa");
  EXPECT_FALSE(inl.drop);
  ASSERT_TRUE(inl.source);
  EXPECT_EQ(*inl.source, "اسپادانا خبر");
  const LineVerdict agency = classify("به گزارش خبرگزاری فارس، وزیر گفت ...", "fa");
  ASSERT_TRUE(agency.source);
  EXPECT_EQ(*agency.source, "فارس");
}

TEST(Boilerplate, RejectsMalformedRuleFiles) {
  const Normalizer n;
  auto missing = Boilerplate::load("/nonexistent/rasad", n);
  EXPECT_FALSE(missing.ok());
}

TEST(Boilerplate, TrimLineForMatch) {
  EXPECT_EQ(trim_line_for_match("  • captcha "), "captcha");
  EXPECT_EQ(trim_line_for_match("/انتهى/"), "/انتهى/");
  EXPECT_EQ(trim_line_for_match("--"), "");
}

}  // namespace
}  // namespace rasad::text
