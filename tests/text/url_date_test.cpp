// Publication dates from article URLs (issue 11): generic layouts, compact Solar Hijri dates and the
// site ids of data/text/dates/url_sites.tsv.
#include "text/url_date.h"

#include <gtest/gtest.h>

namespace rasad::text {
namespace {

const UrlDateRules& rules() {
  static const UrlDateRules r = [] {
    auto loaded = load_url_date_rules(RASAD_SOURCE_DIR "/data");
    EXPECT_TRUE(loaded.ok()) << loaded.error();
    return loaded.ok() ? std::move(loaded).value() : UrlDateRules{};
  }();
  return r;
}

struct UrlCase {
  const char* url;
  const char* lang;
  const char* iso;  // "" = no date
  const char* calendar;
  const char* pattern;
};

class UrlDateTest : public ::testing::TestWithParam<UrlCase> {};

TEST_P(UrlDateTest, ReadsTheDate) {
  const UrlCase& c = GetParam();
  const auto u = date_from_url(c.url, rules(), c.lang);
  if (*c.iso == '\0') {
    EXPECT_FALSE(u) << c.url << " -> " << u->value.iso();
    return;
  }
  ASSERT_TRUE(u) << c.url;
  EXPECT_EQ(u->value.iso(), c.iso) << c.url;
  EXPECT_EQ(u->value.precision, DatePrecision::day);
  EXPECT_EQ(u->calendar, c.calendar) << c.url;
  EXPECT_EQ(u->pattern, c.pattern) << c.url;
}

INSTANTIATE_TEST_SUITE_P(
    Urls, UrlDateTest,
    ::testing::Values(
        // Generic Gregorian layouts.
        UrlCase{"https://www.example.com/world/2024/03/19/iran-russia-call/", "en", "2024-03-19", "gregorian",
                "path-ymd"},
        UrlCase{"https://example.com/2024/3/9", "en", "2024-03-09", "gregorian", "path-ymd"},
        UrlCase{"https://example.com/news/20240319/slug.html", "en", "2024-03-19", "gregorian", "compact"},
        UrlCase{"https://example.com/article-2024-03-19-talks", "ar", "2024-03-19", "gregorian", "iso"},
        UrlCase{"https://example.com/a/2024_03_19/b", "ar", "2024-03-19", "gregorian", "iso"},
        // Compact Solar Hijri (Persian sites), and Hijri when the document is Arabic.
        UrlCase{"https://example.ir/fa/news/14000316/x", "fa", "2021-06-06", "persian", "compact"},
        UrlCase{"https://example.ir/fa/news/14000316/x", "", "2021-06-06", "persian", "compact"},
        UrlCase{"https://example.sa/news/14450909/x", "ar", "2024-03-19", "islamic", "compact"},
        // Fars News ids: yymmdd + serial (10 digits), yyyymmdd + serial (14 digits).
        UrlCase{"http://www.farsnews.com/newstext.php?nn=8701010012", "fa", "2008-03-20", "persian", "site-id"},
        UrlCase{"https://www.farsnews.ir/news/8707060255", "fa", "2008-09-27", "persian", "site-id"},
        UrlCase{"https://www.farsnews.ir/news/13911222000865/slug", "fa", "2013-03-12", "persian", "site-id"},
        UrlCase{"https://farsnews.ir/news/14000316000109/x", "fa", "2021-06-06", "persian", "site-id"},
        // No date: an id that is no date, impossible days, the host, digits glued to a longer run.
        UrlCase{"https://www.farsnews.ir/news/6011171294", "fa", "", "", ""},
        UrlCase{"https://www.notfarsnews.ir/news/8707060255", "fa", "", "", ""},
        UrlCase{"https://example.com/2024/02/30/x", "en", "", "", ""},
        UrlCase{"https://example.com/news/123201403190", "en", "", "", ""},
        UrlCase{"https://20240319.example.com/news", "en", "", "", ""},
        UrlCase{"https://example.com/2024/03/19abc", "en", "", "", ""}, UrlCase{"", "en", "", "", ""}));

TEST(UrlDate, PersianCalendarMatchesIcu) {
  // 1 Farvardin is the March equinox day: 1387 -> 2008-03-20, 1403 -> 2024-03-20; 30 Esfand exists
  // only in leap years (1403 is one, 1402 is not).
  EXPECT_EQ(to_gregorian("persian", 1387, 1, 1)->iso(), "2008-03-20");
  EXPECT_EQ(to_gregorian("persian", 1403, 1, 1)->iso(), "2024-03-20");
  EXPECT_TRUE(to_gregorian("persian", 1403, 12, 30));
  EXPECT_FALSE(to_gregorian("persian", 1402, 12, 30));
  EXPECT_EQ(to_gregorian("gregorian", 2024, 2, 29)->iso(), "2024-02-29");
  EXPECT_FALSE(to_gregorian("julian", 2024, 2, 29));
}

}  // namespace
}  // namespace rasad::text
