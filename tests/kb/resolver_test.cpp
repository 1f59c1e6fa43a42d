#include <gtest/gtest.h>

#include "test_support.h"

namespace rasad::kb {
namespace {

using testing::ResolverHarness;

// One expected mention: its text, code and the person ("" = none expected).
struct Expect {
  std::string text, code, person;
};

struct Case {
  const char* lang;
  const char* date;
  std::string input;
  std::vector<Expect> want;  // all mentions, in order
};

std::string describe(const std::vector<ActorMention>& ms) {
  std::string s;
  for (const auto& m : ms) s += "[" + m.text + " " + m.code + " " + m.person + "] ";
  return s;
}

void run_cases(const std::vector<Case>& cases) {
  static ResolverHarness h;
  for (const Case& c : cases) {
    const auto got = h.resolve(c.input, c.lang, c.date);
    ASSERT_EQ(got.size(), c.want.size()) << c.input << " @" << c.date << ": " << describe(got);
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].text, c.want[i].text) << c.input;
      EXPECT_EQ(got[i].code, c.want[i].code) << c.input << ": " << got[i].text;
      EXPECT_EQ(got[i].person, c.want[i].person) << c.input << ": " << got[i].text;
      EXPECT_EQ(got[i].text, got[i].span.slice(c.input)) << "span and text disagree";
    }
  }
}

TEST(ActorResolver, DatedRolesFromTheIssue) {
  run_cases({
      {"ar", "2020-04-15", "الرئيس الإيراني", {{"الرئيس الإيراني", "IRNGOV", "rouhani_hassan"}}},
      {"ar", "2024-03-19", "الرئيس الإيراني", {{"الرئيس الإيراني", "IRNGOV", "raisi_ebrahim"}}},
      {"ar", "2025-01-01", "الرئيس الإيراني", {{"الرئيس الإيراني", "IRNGOV", "pezeshkian_masoud"}}},
      {"fa", "2020-04-14", "رئیس جمهور روسیه", {{"رئیس جمهور روسیه", "RUSGOV", "putin_vladimir"}}},
      {"ar", "2020-04-14", "لافروف", {{"لافروف", "RUSGOV", "lavrov_sergey"}}},
      {"fa", "2024-09-01", "وزیر امور خارجه ایران", {{"وزیر امور خارجه ایران", "IRNGOV", "araghchi_abbas"}}},
      {"ar", "2020-09-24", "وزير الخارجية الإيراني", {{"وزير الخارجية الإيراني", "IRNGOV", "zarif_mohammadjavad"}}},
      {"ar", "2020-09-24", "رئيس جمهورية روسيا", {{"رئيس جمهورية روسيا", "RUSGOV", "putin_vladimir"}}},
      {"en", "2020-09-24", "Iran's president", {{"Iran's president", "IRNGOV", "rouhani_hassan"}}},
      {"en", "2020-09-24", "the Iranian foreign minister", {{"Iranian foreign minister", "IRNGOV", "zarif_mohammadjavad"}}},
      {"en", "2020-09-24", "the President of Russia", {{"President of Russia", "RUSGOV", "putin_vladimir"}}},
      {"en", "2010-01-01", "the President of Russia", {{"President of Russia", "RUSGOV", "medvedev_dmitry"}}},
  });
  // A title the knowledge base writes in two words, joined by a ZWNJ in the text.
  run_cases({{"fa", "2021-01-10", "رئیس قوه‌قضاییه ایران گفت", {{"رئیس قوه‌قضاییه ایران", "IRNJUD", "raisi_ebrahim"}}}});
  // Named before any office of theirs began: the country, no office.
  run_cases({{"en", "1995-06-01", "Levy Mwanawasa", {{"Levy Mwanawasa", "ZMB", "levy_mwanawasa"}}}});
}

TEST(ActorResolver, CountriesCompoundsAndDuals) {
  run_cases({
      {"ar", "2020-09-24", "إيران وروسيا", {{"إيران", "IRN", ""}, {"وروسيا", "RUS", ""}}},
      {"ar", "2020-09-24", "الرئيسين الإيراني والروسي",
       {{"الرئيسين الإيراني", "IRNGOV", "rouhani_hassan"}, {"والروسي", "RUSGOV", "putin_vladimir"}}},
      {"ar", "2020-09-24", "رئيسا الجمهورية الإيراني والروسي",
       {{"رئيسا الجمهورية الإيراني", "IRNGOV", "rouhani_hassan"}, {"والروسي", "RUSGOV", "putin_vladimir"}}},
      {"ar", "2020-09-24", "الجيش الإسرائيلي", {{"الجيش الإسرائيلي", "ISRMIL", ""}}},
      {"ar", "2020-09-24", "متظاهرون عراقيون", {{"متظاهرون عراقيون", "IRQCVL", ""}}},
      {"fa", "2020-09-24", "نیروهای مسلح ایران", {{"نیروهای مسلح ایران", "IRNMIL", ""}}},
      {"en", "2020-09-24", "the US and the UN", {{"US", "USA", ""}, {"UN", "IGOUNO", ""}}},
      {"en", "2020-09-24", "let us talk", {}},  // "us" is not the acronym
      {"ar", "2020-09-24", "طهران ترفض", {{"طهران", "IRNGOV", ""}}},
      // A country with the conjunction is a second party, not the agent's country: "the kingdom and
      // Jordan agreed" names Jordan, not Jordan's government (the imported agent alone counts not).
      {"ar", "2015-08-06", "اتفقت المملكة والأردن", {{"والأردن", "JOR", ""}}},
      {"ar", "2015-08-06", "اتفقت الحكومة والأردن", {{"الحكومة", "GOV", ""}, {"والأردن", "JOR", ""}}},
      {"ar", "2015-08-06", "وكيف يمكن ذلك في كييف", {{"كييف", "UKRGOV", ""}}},  // كيف is "how", not Kiev
  });
}

TEST(ActorResolver, PeopleTitlesAndClitics) {
  run_cases({
      {"ar", "2020-04-14", "وبوتين", {{"وبوتين", "RUSGOV", "putin_vladimir"}}},
      {"ar", "2020-04-14", "الرئيس روحاني", {{"الرئيس روحاني", "IRNGOV", "rouhani_hassan"}}},
      {"ar", "2024-03-19", "آية الله إبراهيم رئيسي", {{"إبراهيم رئيسي", "IRNGOV", "raisi_ebrahim"}}},
      {"ar", "2020-01-01", "إبراهيم رئيسي", {{"إبراهيم رئيسي", "IRNJUD", "raisi_ebrahim"}}},
      // Raisi died in 2024: his latest role before the date.
      {"ar", "2025-01-01", "رئيسي", {{"رئيسي", "IRNGOV", "raisi_ebrahim"}}},
      {"ar", "2020-04-14", "الرئيس الروسي فلاديمير بوتين",
       {{"الرئيس الروسي فلاديمير بوتين", "RUSGOV", "putin_vladimir"}}},
      // The article is not part of a name: "المبارك" (blessed) is not Mubarak.
      {"ar", "2005-01-01", "الشهر المبارك", {}},
  });
}

// The seed articles (../shared/seeds) name these actors; roles are those held on each article's date.
TEST(ActorResolver, SeedArticles) {
  run_cases({
      // 000 (2020-04-14)
      {"ar", "2020-04-14", "في إتصال الرئيس الروسي معه: روحاني یؤکد",
       {{"الرئيس الروسي", "RUSGOV", "putin_vladimir"}, {"روحاني", "IRNGOV", "rouhani_hassan"}}},
      {"ar", "2020-04-14", "اتصال هاتفي للرئيس الروسي “فلاديمير بوتين”، اليوم الثلاثاء، مع الرئيس روحاني.",
       {{"للرئيس الروسي “فلاديمير بوتين", "RUSGOV", "putin_vladimir"},
        {"الرئيس روحاني", "IRNGOV", "rouhani_hassan"}}},
      {"ar", "2020-04-14", "بين ايران وروسيا", {{"ايران", "IRN", ""}, {"وروسيا", "RUS", ""}}},
      {"ar", "2020-04-14", "الحظر الامريكي وصندوق النقد الدولي والكيان الصهيوني",
       {{"الامريكي", "USA", ""}, {"وصندوق النقد الدولي", "IGOIMF", ""}, {"والكيان الصهيوني", "ISR", ""}}},
      // 001 (2020-04-14, Persian)
      {"fa", "2020-04-14", "حسن روحانی در تماس تلفنی «ولادیمیر پوتین»، رئیس جمهور روسیه",
       {{"حسن روحانی", "IRNGOV", "rouhani_hassan"},
        {"ولادیمیر پوتین", "RUSGOV", "putin_vladimir"},
        {"رئیس جمهور روسیه", "RUSGOV", "putin_vladimir"}}},
      {"fa", "2020-04-14", "رئیس جمهور ایران", {{"رئیس جمهور ایران", "IRNGOV", "rouhani_hassan"}}},
      {"fa", "2020-04-14", "صندوق بینالمللی پول", {{"صندوق بینالمللی پول", "IGOIMF", ""}}},
      {"fa", "2020-04-14", "تحریمهای آمریکا علیه ایران", {{"آمریکا", "USA", ""}, {"ایران", "IRN", ""}}},
      // 002 (2021-08-18): Raisi is president since 2021-08-03
      {"ar", "2021-08-18", "وصف الرئيس الإيراني إبراهيم رئيسي",
       {{"الرئيس الإيراني إبراهيم رئيسي", "IRNGOV", "raisi_ebrahim"}}},
      {"ar", "2021-08-18", "شدد رئيسي على عزم طهران",
       {{"رئيسي", "IRNGOV", "raisi_ebrahim"}, {"طهران", "IRNGOV", ""}}},
      {"ar", "2021-08-18", "عضوية إيران في منظمة شنغهاي للتعاون",
       {{"إيران", "IRN", ""}, {"منظمة شنغهاي للتعاون", "IGOSCO", ""}}},
      // 003 (2020-09-24)
      {"ar", "2020-09-24", "اكد وزير الخارجية الايراني محمد جواد ظريف",
       {{"وزير الخارجية الايراني محمد جواد ظريف", "IRNGOV", "zarif_mohammadjavad"}}},
      {"ar", "2020-09-24", "الرئيسين الايراني حسن روحاني والروسي فلاديمير بوتين يتابعان",
       {{"الرئيسين الايراني حسن روحاني", "IRNGOV", "rouhani_hassan"},
        {"والروسي فلاديمير بوتين", "RUSGOV", "putin_vladimir"}}},
      {"ar", "2020-09-24", "مع نظيره الروسي سيرغي لافروف في موسكو",
       {{"نظيره الروسي سيرغي لافروف", "RUSGOV", "lavrov_sergey"}, {"موسكو", "RUSGOV", ""}}},
      {"ar", "2020-09-24", "والتوافق في مجلس الامن الدولي", {{"مجلس الامن الدولي", "IGOUNOSEC", ""}}},
      {"ar", "2020-09-24", "وقال ظريف", {{"ظريف", "IRNGOV", "zarif_mohammadjavad"}}},
      // 004 (2024-03-19)
      {"ar", "2024-03-19", "الرئيس الإيراني والروسي يؤكدان",
       {{"الرئيس الإيراني", "IRNGOV", "raisi_ebrahim"}, {"والروسي", "RUSGOV", "putin_vladimir"}}},
      {"ar", "2024-03-19", "هنأ الرئيس الإيراني \"آية الله إبراهيم رئيسي\"",
       {{"الرئيس الإيراني", "IRNGOV", "raisi_ebrahim"}, {"إبراهيم رئيسي", "IRNGOV", "raisi_ebrahim"}}},
      {"ar", "2024-03-19", "نظيره الروسي \"فلاديمير بوتين\"",
       {{"نظيره الروسي \"فلاديمير بوتين", "RUSGOV", "putin_vladimir"}}},
      {"ar", "2024-03-19", "مثل شنغهاي وبريكس", {{"وبريكس", "IGOBRC", ""}}},
  });
}

TEST(ActorResolver, ByteSpansPointIntoTheText) {
  ResolverHarness h;
  const std::string s = "قال وزير الخارجية الإيراني اليوم";
  const auto got = h.resolve(s, "ar", "2020-09-24");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].span.start, s.find("وزير"));
  EXPECT_EQ(got[0].span.end, s.find(" اليوم"));
  EXPECT_EQ(got[0].country, "IRN");
  EXPECT_EQ(got[0].sector, "GOV");
  EXPECT_EQ(got[0].role, "foreign_minister");
  EXPECT_EQ(got[0].person_name, "Mohammad Javad Zarif");
}

// Forms analysed once per document are the forms analysed every time: the same units with and
// without the cache, whether a form is new or seen, and Persian forms that differ only in their
// ZWNJs (which normalization drops) keep their own stems.
TEST(ActorResolver, UnitFormsCacheGivesTheSameUnits) {
  ResolverHarness h;
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"ar", "وأكد الرئيس الإيراني حسن روحاني في اتصال هاتفي مع نظيره الروسي"},
      {"ar", "وبالرئيس الروسي والرئيس الإيراني، اتصال هاتفي"},
      {"fa", "حمله‌ای به سفارت و حملهای دیگر"},
      {"fa", "حملهای دیگر و حمله‌ای به سفارت"},
      {"en", "Iran's president and the U.S. envoy"}};
  UnitForms cache;
  for (int round = 0; round < 2; ++round)
    for (const auto& [lang, text] : texts) {
      std::vector<uint32_t> token_plain, token_cached;
      const auto plain = h.units(text, lang, nullptr, &token_plain);
      const auto cached = h.units(text, lang, &cache, &token_cached);
      ASSERT_EQ(plain.size(), cached.size()) << text;
      for (size_t i = 0; i < plain.size(); ++i) {
        EXPECT_EQ(plain[i].forms, cached[i].forms) << text << " unit " << i;
        EXPECT_EQ(plain[i].flags, cached[i].flags) << text << " unit " << i;
        EXPECT_EQ(plain[i].original, cached[i].original) << text << " unit " << i;
      }
      EXPECT_EQ(token_plain, token_cached);
      EXPECT_EQ(token_plain.size(), plain.size());
    }
  // "Iran's" is two units of the first token.
  std::vector<uint32_t> token_of;
  const auto units = h.units("Iran's president", "en", nullptr, &token_of);
  ASSERT_GE(units.size(), 3u);
  EXPECT_EQ(token_of[0], token_of[1]);
  EXPECT_EQ(token_of.back(), token_of[units.size() - 1]);
}

}  // namespace
}  // namespace rasad::kb
