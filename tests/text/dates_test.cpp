#include "text/dates.h"

#include <gtest/gtest.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace rasad::text {
namespace {

const Normalizer& normalizer() {
  static const Normalizer n;
  return n;
}

const DateLexicon& lexicon() {
  static const DateLexicon lex = [] {
    auto r = load_date_lexicon(RASAD_SOURCE_DIR "/data");
    EXPECT_TRUE(r.ok()) << r.error();
    return r.ok() ? std::move(r).value() : DateLexicon{};
  }();
  return lex;
}

const DateFinder& finder() {
  static const DateFinder f(lexicon());
  return f;
}

Date day(int y, int m, int d) { return Date{y, m, d, DatePrecision::day}; }

// Every mention: its span slices the original to its text, falls on UTF-8 boundaries, and the
// mentions come sorted and without overlap.
std::vector<DateMention> find(const std::string& text, std::optional<Date> anchor = std::nullopt,
                              std::string_view lang = {}) {
  const NormalizedText norm = normalizer().normalize(text);
  std::vector<DateMention> found = finder().find(text, norm, anchor, lang);
  for (size_t i = 0; i < found.size(); ++i) {
    const DateMention& m = found[i];
    EXPECT_LT(m.span.start, m.span.end) << text;
    EXPECT_LE(m.span.end, text.size()) << text;
    EXPECT_TRUE(utf8::is_boundary(text, m.span.start) && utf8::is_boundary(text, m.span.end)) << text;
    EXPECT_EQ(m.span.slice(text), m.text) << text;
    if (i > 0) {
      EXPECT_LE(found[i - 1].span.end, m.span.start) << text;
    }
  }
  return found;
}

// The Gregorian date ICU gives for (y, m, d) in `locale`'s calendar, computed independently.
Date icu_gregorian(const char* locale, int y, int m, int d) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(*icu::TimeZone::getGMT(), icu::Locale(locale), status));
  cal->clear();
  cal->set(y, m - 1, d);
  const UDate t = cal->getTime(status);
  std::unique_ptr<icu::Calendar> greg(icu::Calendar::createInstance(*icu::TimeZone::getGMT(), icu::Locale("en@calendar=gregorian"), status));
  greg->setTime(t, status);
  const Date out = day(greg->get(UCAL_YEAR, status), greg->get(UCAL_MONTH, status) + 1, greg->get(UCAL_DATE, status));
  EXPECT_TRUE(U_SUCCESS(status));
  return out;
}

struct Case {
  const char* text;
  std::optional<Date> anchor;
  const char* lang;
  Date want;             // the value of the one mention expected
  const char* calendar;  // gregorian | persian | islamic
  const char* covers;    // the mention's original text contains this
  bool relative;
};

void check(const Case& c) {
  SCOPED_TRACE(c.text);
  const auto found = find(c.text, c.anchor, c.lang);
  ASSERT_EQ(found.size(), 1u);
  const DateMention& m = found[0];
  EXPECT_EQ(m.value.iso(), c.want.iso());
  EXPECT_EQ(m.value.precision, c.want.precision);
  EXPECT_EQ(m.calendar, c.calendar);
  EXPECT_NE(m.text.find(c.covers), std::string::npos) << m.text;
  EXPECT_EQ(m.relative, c.relative);
  EXPECT_TRUE(m.resolved);
}

TEST(Dates, Numeric) {
  const Case cases[] = {
      {"١٩/٠٣/٢٠٢٤، ٢:٣٧ م", {}, "", day(2024, 3, 19), "gregorian", "١٩/٠٣/٢٠٢٤", false},
      {"التاريخ 19/3/2024 الساعة", {}, "", day(2024, 3, 19), "gregorian", "19/3/2024", false},
      {"19-03-2024", {}, "", day(2024, 3, 19), "gregorian", "19-03-2024", false},
      {"19.03.2024.", {}, "", day(2024, 3, 19), "gregorian", "19.03.2024", false},
      {"2024/03/19", {}, "", day(2024, 3, 19), "gregorian", "2024/03/19", false},
      {"published 2024-03-19T14:37", {}, "", day(2024, 3, 19), "gregorian", "2024-03-19", false},
      {"03/19/2024", {}, "", day(2024, 3, 19), "gregorian", "03/19/2024", false},
      {"2024/3/19م", {}, "", day(2024, 3, 19), "gregorian", "2024/3/19م", false},
      // An unmarked 13xx-14xx year: Solar Hijri in Persian text (guessed from گ, or told).
      {"گزارش خبرگزاری 1402/12/29", {}, "", day(2024, 3, 19), "persian", "1402/12/29", false},
      {"۱۴۰۲/۱۲/۲۹", {}, "fa", day(2024, 3, 19), "persian", "۱۴۰۲/۱۲/۲۹", false},
      // Marked Hijri; the marker belongs to the mention.
      {"1445/9/9 هـ", {}, "", icu_gregorian("ar@calendar=islamic-umalqura", 1445, 9, 9), "islamic", "1445/9/9 ه", false},
      {"تاريخ 1445/9/9ه.ق", {}, "", icu_gregorian("ar@calendar=islamic-umalqura", 1445, 9, 9), "islamic", "ه.ق", false},
  };
  for (const Case& c : cases) check(c);
}

TEST(Dates, MonthNames) {
  const Case cases[] = {
      {"في 19 مارس 2024 أعلن", {}, "", day(2024, 3, 19), "gregorian", "19 مارس 2024", false},
      {"19 آذار/مارس 2024", {}, "", day(2024, 3, 19), "gregorian", "آذار/مارس", false},
      {"19 آذار (مارس) 2024", {}, "", day(2024, 3, 19), "gregorian", "(مارس) 2024", false},
      {"١٩ آذار ٢٠٢٤", {}, "", day(2024, 3, 19), "gregorian", "١٩ آذار ٢٠٢٤", false},
      {"14 كانون الثاني 2024", {}, "", day(2024, 1, 14), "gregorian", "كانون الثاني", false},
      {"3 تشرين أول 2023", {}, "", day(2023, 10, 3), "gregorian", "تشرين أول", false},
      {"5 أغسطس 2023", {}, "", day(2023, 8, 5), "gregorian", "أغسطس", false},
      {"5 اغسطس 2023", {}, "", day(2023, 8, 5), "gregorian", "اغسطس", false},
      {"1 يوليه 2023", {}, "", day(2023, 7, 1), "gregorian", "يوليه", false},
      {"29 اسفند 1402", {}, "", day(2024, 3, 19), "persian", "29 اسفند 1402", false},
      {"۲۹ اسفند ۱۴۰۲", {}, "", day(2024, 3, 19), "persian", "۲۹ اسفند ۱۴۰۲", false},
      {"۲۹ اسفند ماه ۱۴۰۲", {}, "", day(2024, 3, 19), "persian", "ماه", false},
      {"۱ فروردین ۱۴۰۳", {}, "", day(2024, 3, 20), "persian", "فروردین", false},
      {"۲۸ ژوئیه ۲۰۲۳", {}, "", day(2023, 7, 28), "gregorian", "ژوئیه", false},
      {"9 رمضان 1445 هـ", {}, "", icu_gregorian("ar@calendar=islamic-umalqura", 1445, 9, 9), "islamic", "1445 ه", false},
      {"10 ذو الحجة 1444", {}, "", icu_gregorian("ar@calendar=islamic-umalqura", 1444, 12, 10), "islamic", "ذو الحجة", false},
      {"March 19, 2024", {}, "", day(2024, 3, 19), "gregorian", "March 19, 2024", false},
      {"on 19 March 2024 the", {}, "", day(2024, 3, 19), "gregorian", "19 March 2024", false},
      {"the 19th of March 2024", {}, "", day(2024, 3, 19), "gregorian", "19th of March 2024", false},
      {"Tuesday, March 19, 2024", {}, "", day(2024, 3, 19), "gregorian", "Tuesday, March 19, 2024", false},
      {"الثلاثاء 19 مارس 2024", {}, "", day(2024, 3, 19), "gregorian", "الثلاثاء 19", false},
      {"Jan. 5, 2024", {}, "", day(2024, 1, 5), "gregorian", "Jan. 5, 2024", false},
      // Month and year only; year only after a year word.
      {"في مارس 2024", {}, "", Date{2024, 3, 0, DatePrecision::month}, "gregorian", "مارس 2024", false},
      {"in March 2024", {}, "", Date{2024, 3, 0, DatePrecision::month}, "gregorian", "March 2024", false},
      {"في عام 2001", {}, "", Date{2001, 0, 0, DatePrecision::year}, "gregorian", "عام 2001", false},
      {"خلال العام 2001", {}, "", Date{2001, 0, 0, DatePrecision::year}, "gregorian", "العام 2001", false},
      {"elected in 2001", {}, "", Date{2001, 0, 0, DatePrecision::year}, "gregorian", "in 2001", false},
      {"سال ۱۴۰۲", {}, "fa", Date{2023, 0, 0, DatePrecision::year}, "persian", "سال ۱۴۰۲", false},
  };
  for (const Case& c : cases) check(c);
}

TEST(Dates, RelativeResolvedAgainstAnchor) {
  const Date tue = day(2024, 3, 19), thu = day(2024, 3, 21);
  const Case cases[] = {
      {"اليوم الثلاثاء", tue, "", tue, "gregorian", "اليوم الثلاثاء", true},
      {"اليوم الثلاثاء", thu, "", tue, "gregorian", "اليوم الثلاثاء", true},
      {"خلال اتصال هاتفي اليوم (الثلاثاء)، نظيره", tue, "", tue, "gregorian", "اليوم (الثلاثاء)", true},
      {"أمس", day(2020, 4, 14), "", day(2020, 4, 13), "gregorian", "أمس", true},
      {"وقال امس", day(2020, 4, 14), "", day(2020, 4, 13), "gregorian", "امس", true},
      {"أول أمس", tue, "", day(2024, 3, 17), "gregorian", "أول أمس", true},
      {"غداً", tue, "", day(2024, 3, 20), "gregorian", "غداً", true},
      {"مساء الأربعاء", thu, "", day(2024, 3, 20), "gregorian", "مساء الأربعاء", true},
      {"يوم الثلاثاء الماضي", tue, "", day(2024, 3, 12), "gregorian", "الماضي", true},
      {"الثلاثاء المقبل", thu, "", day(2024, 3, 26), "gregorian", "المقبل", true},
      {"دیروز", tue, "", day(2024, 3, 18), "gregorian", "دیروز", true},
      {"پریروز", tue, "", day(2024, 3, 17), "gregorian", "پریروز", true},
      {"فردا", tue, "", day(2024, 3, 20), "gregorian", "فردا", true},
      {"روز سه‌شنبه", thu, "", tue, "gregorian", "روز سه‌شنبه", true},
      {"روز سه شنبه", thu, "", tue, "gregorian", "سه شنبه", true},
      {"روز سهشنبه", thu, "", tue, "gregorian", "سهشنبه", true},
      {"پنجشنبه", thu, "", thu, "gregorian", "پنجشنبه", true},
      {"on Tuesday", thu, "", tue, "gregorian", "on Tuesday", true},
      {"yesterday", thu, "", day(2024, 3, 20), "gregorian", "yesterday", true},
      {"last Tuesday", tue, "", day(2024, 3, 12), "gregorian", "last Tuesday", true},
      // A day and month without a year take the anchor's year.
      {"19 مارس", thu, "", tue, "gregorian", "19 مارس", true},
  };
  for (const Case& c : cases) check(c);
}

TEST(Dates, RelativeWithoutAnchorIsUnresolved) {
  for (const char* text : {"اليوم الثلاثاء", "أمس", "دیروز", "on Tuesday", "مساء الأربعاء", "19 مارس"}) {
    SCOPED_TRACE(text);
    const auto found = find(text);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(found[0].relative);
    EXPECT_FALSE(found[0].resolved);
    EXPECT_EQ(found[0].value.precision, DatePrecision::unknown);
    EXPECT_EQ(found[0].value.iso(), "");
  }
}

TEST(Dates, NothingFound) {
  const char* cases[] = {
      "31/02/2024",                   // no such day
      "13/13/2024",                   // no such month
      "30 اسفند 1402",                // 1402 is a common Solar Hijri year
      "192.168.1.2024",               // part of a longer dotted number
      "1.2.3",                        // version
      "قتل 2001 شخصا",                // a bare number is not a year
      "وكالة مهر للأنباء",            // Mehr is also a Persian month, but there is no number
      "مارس الضغط 20 مرة",            // "practised", not March
      "19/03/1850",                   // outside the sanity range
      "1402/12/29",                   // 13xx-14xx year without a marker or a language to read it
      "امام جمعه تهران گفت",          // a title (data: not_date), not Friday
      "قال خطيب وإمام الجمعة",        // the same in Arabic, with the conjunction attached
      "قال المبعوث الأممي 3 دي ميستورا", // a Persian month name without a year in Arabic text
  };
  for (const char* text : cases) EXPECT_TRUE(find(text).empty()) << text;
}

TEST(Dates, SeveralMentionsSortedAndLongestWins) {
  const auto found = find("9 رمضان 1445 هـ الموافق 19 مارس 2024، وقال أمس", day(2024, 3, 20));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].calendar, "islamic");
  EXPECT_EQ(found[0].value, icu_gregorian("ar@calendar=islamic-umalqura", 1445, 9, 9));
  EXPECT_EQ(found[1].text, "19 مارس 2024");
  EXPECT_EQ(found[1].value, day(2024, 3, 19));
  EXPECT_EQ(found[2].text, "أمس");
  EXPECT_EQ(found[2].value, day(2024, 3, 19));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Dates, Seed004) {
  const std::string text = read_file(RASAD_SOURCE_DIR "/../shared/seeds/004_13aa7759e27f0578.txt");
  ASSERT_FALSE(text.empty());
  const std::string first_line = text.substr(0, text.find('\n'));
  const auto line = find(first_line);
  ASSERT_EQ(line.size(), 1u);
  EXPECT_EQ(line[0].value, day(2024, 3, 19));

  const auto all = find(text, day(2024, 3, 19));
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].value, day(2024, 3, 19));
  EXPECT_EQ(all[0].span.start, 0u);
  const auto today = std::find_if(all.begin(), all.end(), [](const DateMention& m) { return m.text == "اليوم (الثلاثاء)"; });
  ASSERT_NE(today, all.end());
  EXPECT_TRUE(today->relative && today->resolved);
  EXPECT_EQ(today->value, day(2024, 3, 19));
}

TEST(Dates, MetadataDates) {
  struct M {
    const char* in;
    std::optional<Date> want;
  };
  const M cases[] = {
      {"2024-03-19T14:37:00+03:30", day(2024, 3, 19)},
      {"2024-03-19", day(2024, 3, 19)},
      {" 2024-03-19 10:00:00 ", day(2024, 3, 19)},
      {"2024-03-19T23:59:59Z", day(2024, 3, 19)},
      {"2024-03", Date{2024, 3, 0, DatePrecision::month}},
      {"2024", Date{2024, 0, 0, DatePrecision::year}},
      {"Tue, 19 Mar 2024 10:00:00 GMT", day(2024, 3, 19)},
      {"19 Mar 2024", day(2024, 3, 19)},
      {"2024-02-30", std::nullopt},
      {"2024-13-01", std::nullopt},
      {"2024-03-19x", std::nullopt},
      {"Tue, 31 Feb 2024 10:00:00 GMT", std::nullopt},
      {"yesterday", std::nullopt},
      {"", std::nullopt},
  };
  for (const M& c : cases) {
    const auto got = parse_metadata_date(c.in);
    ASSERT_EQ(got.has_value(), c.want.has_value()) << c.in;
    if (got) {
      EXPECT_EQ(*got, *c.want) << c.in;
    }
  }
}

TEST(Dates, IsoAndPrecisionNames) {
  EXPECT_EQ(day(2024, 3, 9).iso(), "2024-03-09");
  EXPECT_EQ((Date{2024, 3, 0, DatePrecision::month}.iso()), "2024-03");
  EXPECT_EQ((Date{2001, 0, 0, DatePrecision::year}.iso()), "2001");
  EXPECT_EQ(Date{}.iso(), "");
  EXPECT_STREQ(to_string(DatePrecision::day), "day");
  EXPECT_STREQ(to_string(DatePrecision::month), "month");
  EXPECT_STREQ(to_string(DatePrecision::year), "year");
  EXPECT_STREQ(to_string(DatePrecision::unknown), "unknown");
}

TEST(Dates, LexiconHasCldrNamesNormalized) {
  struct L {
    const char* raw;
    const char* kind;
    int value;
    const char* calendar;
  };
  const L cases[] = {
      {"يناير", "month", 1, "gregorian"},          {"كانون الثاني", "month", 1, "gregorian"},
      {"ژانویه", "month", 1, "gregorian"},         {"January", "month", 1, "gregorian"},
      {"Jan", "month", 1, "gregorian"},            {"فروردین", "month", 1, "persian"},
      {"اسفند", "month", 12, "persian"},           {"محرم", "month", 1, "islamic"},
      {"ذو الحجة", "month", 12, "islamic"},        {"ربیع الاول", "month", 3, "islamic"},
      {"الثلاثاء", "weekday", 3, "gregorian"},     {"سه‌شنبه", "weekday", 3, "gregorian"},
      {"سه شنبه", "weekday", 3, "gregorian"},      {"Tuesday", "weekday", 3, "gregorian"},
      {"أمس", "relative_day", -1, "gregorian"},    {"هـ", "era", 0, "islamic"},
  };
  for (const L& c : cases) {
    const std::string form = normalizer().normalize_string(c.raw);
    const bool present = std::any_of(lexicon().entries.begin(), lexicon().entries.end(), [&](const auto& e) {
      return e.form == form && e.kind == c.kind && e.value == c.value && e.calendar == c.calendar;
    });
    EXPECT_TRUE(present) << c.raw << " as " << form;
  }
  // Forms are stored normalized, and abbreviations of one or two letters are left out.
  for (const auto& e : lexicon().entries) {
    EXPECT_EQ(normalizer().normalize_string(e.form), e.form) << e.form;
    if (e.lang == "en" && e.kind == "month") {
      EXPECT_GE(e.form.size(), 3u) << e.form;
    }
  }
}

TEST(Dates, LexiconErrorsNameTheFile) {
  const auto r = load_date_lexicon("/nonexistent");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("/nonexistent/text/dates/ar.tsv"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace rasad::text

namespace rasad::text {
namespace {

// Issue 11: a birth date, a date an anniversary recalls or a quoted date is marked with its context
// (and so never becomes the document date); an ordinary date nearby is not.
struct ContextCase {
  const char* text;
  const char* lang;
  const char* iso;
  const char* context;
};

class DateContextTest : public ::testing::TestWithParam<ContextCase> {};

TEST_P(DateContextTest, MarksDatesAboutSomethingElse) {
  const ContextCase& c = GetParam();
  const auto found = find(c.text, std::nullopt, c.lang);
  const auto it = std::find_if(found.begin(), found.end(), [&](const DateMention& m) { return m.value.iso() == c.iso; });
  ASSERT_NE(it, found.end()) << c.text;
  EXPECT_EQ(it->context, c.context) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Contexts, DateContextTest,
    ::testing::Values(
        ContextCase{"وی متولد 23 آذر 1339 در تهران است.", "fa", "1960-12-14", "birth"},
        ContextCase{"او در 23 آذر 1339 در تهران به دنیا آمد.", "fa", "1960-12-14", "birth"},
        ContextCase{"مراسم سالگرد 22 بهمن 1357 برگزار شد.", "fa", "1979-02-11", "anniversary"},
        ContextCase{"ولد في 14 ديسمبر 1960 في القاهرة.", "ar", "1960-12-14", "birth"},
        ContextCase{"احتفل الحزب بالذكرى الستين لتأسيسه في 7 أبريل 1947.", "ar", "1947-04-07", "anniversary"},
        ContextCase{"He was born on December 14, 1960 in Tehran.", "en", "1960-12-14", "birth"},
        ContextCase{"the anniversary of the March 20, 2003 invasion", "en", "2003-03-20", "anniversary"},
        ContextCase{"وقال: «في 14 ديسمبر 2020 وقعنا الاتفاق» أمس.", "ar", "2020-12-14", "quotation"},
        ContextCase{"He said \"on March 3, 2021 we signed it\" and left.", "en", "2021-03-03", "quotation"},
        // Ordinary dates keep an empty context, even with a context word further away or a quote closed before.
        ContextCase{"التقى الرئيس في 19 مارس 2024 بالوزير.", "ar", "2024-03-19", ""},
        ContextCase{"«لن نقبل» قال الوزير في 19 مارس 2024.", "ar", "2024-03-19", ""},
        ContextCase{"تهران - 28 اسفند 1402 - رئیس جمهور گفت", "fa", "2024-03-18", ""}));

}  // namespace
}  // namespace rasad::text
