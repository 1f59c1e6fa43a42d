// Issue 11: `rasad actors resolve` cases, table-driven, through the resolver directly: three
// languages, dates from 2000 to 2026, people named by their title only, spelling variants. Cases
// that revealed gaps in data/kb/actors: Egypt's head of state between Mubarak and Morsi (Tantawi),
// Saudi crown princes before Mohammed bin Salman (and "ولي العهد السعودي" listed as his name),
// Persian "کشورمان" (our country) for Iran.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "test_support.h"

namespace rasad::kb {
namespace {

struct ResolveCase {
  const char* lang;
  const char* date;
  const char* text;
  const char* mention;  // the text of the mention checked (the first whose text is this)
  const char* code;
  const char* person;   // "" = no person
};

std::ostream& operator<<(std::ostream& os, const ResolveCase& c) { return os << c.lang << " " << c.date << " " << c.text; }

class ResolveCases : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveCases, ResolvesTheActor) {
  static testing::ResolverHarness h;
  const ResolveCase& c = GetParam();
  const auto got = h.resolve(c.text, c.lang, c.date);
  std::string all;
  for (const auto& m : got) all += "[" + m.text + " " + m.code + " " + m.person + "] ";
  const auto it = std::find_if(got.begin(), got.end(), [&](const ActorMention& m) { return m.text == c.mention; });
  ASSERT_NE(it, got.end()) << "no mention '" << c.mention << "' in: " << all;
  EXPECT_EQ(it->code, c.code) << all;
  EXPECT_EQ(it->person, c.person) << all;
}

INSTANTIATE_TEST_SUITE_P(
    Issue11, ResolveCases,
    ::testing::Values(
        // Arabic: titles only on dates that change the holder; spelling variants (نتانياهو, ترمب, الأميركي).
        ResolveCase{"ar", "2004-05-01", "قال الرئيس الإيراني إن", "الرئيس الإيراني", "IRNGOV", "khatami_mohammad"},
        ResolveCase{"ar", "2009-06-20", "قال الرئيس الإيراني إن", "الرئيس الإيراني", "IRNGOV", "ahmadinejad_mahmoud"},
        ResolveCase{"ar", "2016-01-17", "قال الرئيس الإيراني إن", "الرئيس الإيراني", "IRNGOV", "rouhani_hassan"},
        ResolveCase{"ar", "2022-03-01", "قال الرئيس الإيراني إن", "الرئيس الإيراني", "IRNGOV", "raisi_ebrahim"},
        ResolveCase{"ar", "2025-01-10", "قال الرئيس الإيراني إن", "الرئيس الإيراني", "IRNGOV", "pezeshkian_masoud"},
        ResolveCase{"ar", "2003-02-01", "أعلن العاهل السعودي أن", "العاهل السعودي", "SAUGOV", "fahd"},
        ResolveCase{"ar", "2010-02-01", "أعلن العاهل السعودي أن", "العاهل السعودي", "SAUGOV", "abdullah_saudi"},
        ResolveCase{"ar", "2020-02-01", "أعلن العاهل السعودي أن", "العاهل السعودي", "SAUGOV", "salman_saudi"},
        ResolveCase{"ar", "2001-06-01", "قال وزير الخارجية الروسي", "وزير الخارجية الروسي", "RUSGOV", "ivanov_igor"},
        ResolveCase{"ar", "2019-06-01", "قال وزير الخارجية الروسي", "وزير الخارجية الروسي", "RUSGOV", "lavrov_sergey"},
        ResolveCase{"ar", "2010-03-01", "وقال رئيس الوزراء الروسي", "رئيس الوزراء الروسي", "RUSGOV", "putin_vladimir"},
        ResolveCase{"ar", "2006-03-01", "وقال رئيس الوزراء الإسرائيلي", "رئيس الوزراء الإسرائيلي", "ISRGOV", "olmert_ehud"},
        ResolveCase{"ar", "2022-09-01", "وقال رئيس الوزراء الإسرائيلي", "رئيس الوزراء الإسرائيلي", "ISRGOV", "lapid_yair"},
        ResolveCase{"ar", "2012-01-01", "قال الرئيس المصري", "الرئيس المصري", "EGYGOV", "tantawi_mohamed"},
        ResolveCase{"ar", "2013-01-01", "قال الرئيس المصري", "الرئيس المصري", "EGYGOV", "morsi_mohamed"},
        ResolveCase{"ar", "2016-01-01", "قال ولي العهد السعودي", "ولي العهد السعودي", "SAUGOV", "nayef_mohammed"},
        ResolveCase{"ar", "2003-01-01", "قال ولي العهد السعودي", "ولي العهد السعودي", "SAUGOV", "abdullah_saudi"},
        ResolveCase{"ar", "2018-05-01", "التقى وزير الخارجية الإيراني محمد جواد ظريف", "وزير الخارجية الإيراني محمد جواد ظريف", "IRNGOV", "zarif_mohammadjavad"},
        ResolveCase{"ar", "2021-05-01", "وقال نتانياهو", "نتانياهو", "ISRGOV", "netanyahu_benjamin"},
        ResolveCase{"ar", "2018-01-01", "ترمب قال", "ترمب", "USAGOV", "trump_donald"},
        ResolveCase{"ar", "2020-01-01", "وقال وزير الخارجية الأميركي", "وزير الخارجية الأميركي", "USAGOV", "pompeo_mike"},
        ResolveCase{"ar", "2010-01-01", "قال بان كي مون", "بان كي مون", "IGOUNO", "ban_kimoon"},
        // Persian: titles with the country as ezafe, "کشورمان" (our country: Iran), ZWNJ and رییس variants.
        ResolveCase{"fa", "2002-01-01", "رئیس جمهور روسیه گفت", "رئیس جمهور روسیه", "RUSGOV", "putin_vladimir"},
        ResolveCase{"fa", "2009-01-01", "رئیس جمهور روسیه گفت", "رئیس جمهور روسیه", "RUSGOV", "medvedev_dmitry"},
        ResolveCase{"fa", "2015-01-01", "وزیر امور خارجه کشورمان گفت", "وزیر امور خارجه کشورمان", "IRNGOV", "zarif_mohammadjavad"},
        ResolveCase{"fa", "2023-01-01", "وزیر امور خارجه ایران گفت", "وزیر امور خارجه ایران", "IRNGOV", "amirabdollahian_hossein"},
        ResolveCase{"fa", "2025-02-01", "وزیر خارجه ایران گفت", "وزیر خارجه ایران", "IRNGOV", "araghchi_abbas"},
        ResolveCase{"fa", "2011-01-01", "نخست وزیر ترکیه گفت", "نخست وزیر ترکیه", "TURGOV", "erdogan_recep"},
        ResolveCase{"fa", "2016-01-01", "نخست‌وزیر رژیم صهیونیستی گفت", "نخست‌وزیر رژیم صهیونیستی", "ISRGOV", "netanyahu_benjamin"},
        ResolveCase{"fa", "2026-01-01", "رئیس جمهور آمریکا گفت", "رئیس جمهور آمریکا", "USAGOV", "trump_donald"},
        ResolveCase{"fa", "2022-01-01", "رئیس‌جمهور آمریکا گفت", "رئیس‌جمهور آمریکا", "USAGOV", "biden_joe"},
        ResolveCase{"fa", "2005-06-01", "رییس جمهور ایران گفت", "رییس جمهور ایران", "IRNGOV", "khatami_mohammad"},
        ResolveCase{"fa", "2007-01-01", "احمدی نژاد گفت", "احمدی نژاد", "IRNGOV", "ahmadinejad_mahmoud"},
        // English: country before the title, a title before a name, a person before taking office.
        ResolveCase{"en", "2001-01-01", "the Russian president said", "Russian president", "RUSGOV", "putin_vladimir"},
        ResolveCase{"en", "2008-09-01", "the Russian president said", "Russian president", "RUSGOV", "medvedev_dmitry"},
        ResolveCase{"en", "2005-01-01", "the US president said", "US president", "USAGOV", "bush_georgew"},
        ResolveCase{"en", "2022-01-01", "the US president said", "US president", "USAGOV", "biden_joe"},
        ResolveCase{"en", "2017-01-01", "the Saudi crown prince said", "Saudi crown prince", "SAUGOV", "nayef_mohammed"},
        ResolveCase{"en", "2018-01-01", "the Saudi crown prince said", "Saudi crown prince", "SAUGOV", "mbs_mohammed"},
        ResolveCase{"en", "2026-03-01", "the Israeli prime minister said", "Israeli prime minister", "ISRGOV", "netanyahu_benjamin"},
        ResolveCase{"en", "2019-01-01", "President Rouhani said", "President Rouhani", "IRNGOV", "rouhani_hassan"},
        // Medvedev was first deputy prime minister (PETRARCH: RUSGOV 2005-11-14..2008-05-07) before he
        // became president.
        ResolveCase{"en", "2008-03-01", "President Medvedev said", "President Medvedev", "RUSGOV", "medvedev_dmitry"},
        ResolveCase{"en", "2020-01-01", "Guterres said", "Guterres", "IGOUNO", "guterres_antonio"},
        // One person under one id across offices: CountryInfo's and REIGN's ids of people data/kb
        // names are merged into the curated ones (import_leaders.py SAME_PERSON).
        ResolveCase{"en", "1999-06-01", "Antonio Guterres said", "Antonio Guterres", "PRTGOV", "guterres_antonio"},
        ResolveCase{"en", "2010-06-01", "Jens Stoltenberg said", "Jens Stoltenberg", "NORGOV", "stoltenberg_jens"},
        ResolveCase{"en", "2018-06-01", "Jens Stoltenberg said", "Jens Stoltenberg", "IGONAT", "stoltenberg_jens"}));

// Issue 11, item 1: organizations, armed groups and ethnic, religious and social groups in three
// languages (organizations.tsv, agents/*.manual.tsv), and PETRARCH2's Phoenix dictionaries
// (*.petrarch.tsv): a state institution, a person with dated codes, a region that must not resolve to
// the country inside its name.
INSTANTIATE_TEST_SUITE_P(
    Groups, ResolveCases,
    ::testing::Values(
        ResolveCase{"ar", "2015-01-01", "قالت اليونسكو إن", "اليونسكو", "IGOUNOESC", ""},
        ResolveCase{"ar", "2019-01-01", "أعلنت حركة أمل أن", "حركة أمل", "LBNPTYAML", ""},
        ResolveCase{"ar", "2020-01-01", "قالت عصائب أهل الحق إن", "عصائب أهل الحق", "IRQREBAAH", ""},
        ResolveCase{"ar", "2018-01-01", "قالت منظمة حظر الأسلحة الكيميائية", "منظمة حظر الأسلحة الكيميائية", "IGOOPW", ""},
        ResolveCase{"ar", "2019-01-01", "أعلن المجلس الانتقالي الجنوبي", "المجلس الانتقالي الجنوبي", "YEMOPPSTC", ""},
        ResolveCase{"ar", "2013-01-01", "تظاهر العلويون في اللاذقية", "العلويون", "ALE", ""},
        ResolveCase{"ar", "2023-01-01", "احتج الدروز في السويداء", "الدروز", "DRZ", ""},
        ResolveCase{"ar", "2022-01-01", "أضرب المعلمون عن العمل", "المعلمون", "EDU", ""},
        ResolveCase{"fa", "2019-01-01", "جنبش امل اعلام کرد", "جنبش امل", "LBNPTYAML", ""},
        ResolveCase{"fa", "2020-01-01", "فرمانده نیروی قدس سپاه گفت", "نیروی قدس سپاه", "IRNMILQDS", ""},
        ResolveCase{"fa", "2017-01-01", "لشکر فاطمیون اعلام کرد", "لشکر فاطمیون", "AFGREBFTM", ""},
        ResolveCase{"fa", "2018-01-01", "حزب دموکرات کردستان ایران اعلام کرد", "حزب دموکرات کردستان ایران", "IRNREBKDI", ""},
        ResolveCase{"fa", "2022-01-01", "فرهنگیان تجمع کردند", "فرهنگیان", "EDU", ""},
        ResolveCase{"fa", "2023-01-01", "بازنشستگان تجمع کردند", "بازنشستگان", "CVL", ""},
        ResolveCase{"fa", "2015-01-01", "ایزدی‌ها از سنجار گریختند", "ایزدی‌ها", "ETH", ""},
        ResolveCase{"en", "2015-01-01", "UNESCO said", "UNESCO", "IGOUNOESC", ""},
        ResolveCase{"en", "2012-01-01", "the Haqqani network claimed the attack", "Haqqani network", "AFGREBHQN", ""},
        ResolveCase{"en", "1994-01-01", "the Islamic Salvation Front said", "Islamic Salvation Front", "DZAOPPFIS", ""},
        ResolveCase{"en", "2016-01-01", "Yazidis fled Sinjar", "Yazidis", "ETH", ""},
        ResolveCase{"en", "2012-01-01", "Lebanese Druze leaders met", "Lebanese Druze", "LBNDRZ", ""},
        ResolveCase{"en", "2010-01-01", "the Afghan National Army said", "Afghan National Army", "AFGMIL", ""},
        ResolveCase{"en", "1994-05-01", "Boutros Boutros-Ghali said", "Boutros Boutros-Ghali", "IGOUNO", "boutros_boutros_ghali"},
        ResolveCase{"en", "1998-01-01", "violence in Northern Ireland", "Northern Ireland", "GBR", ""},
        ResolveCase{"en", "2014-01-01", "Christians in Mosul fled", "Christians", "CHR", ""}));

// Issue 11, "cabinets": Iran's office holders 2000-2026 (roles.manual.tsv) named by name, by a
// spelling variant or by their title and the country only, on dates that change the holder; then
// foreign and defence ministers of other states that were missing.
INSTANTIATE_TEST_SUITE_P(
    Cabinets, ResolveCases,
    ::testing::Values(
        // Persian
        ResolveCase{"fa", "2019-05-01", "محمدجواد ظریف گفت", "محمدجواد ظریف", "IRNGOV", "zarif_mohammadjavad"},
        ResolveCase{"fa", "2012-03-01", "وزیر نفت ایران گفت", "وزیر نفت ایران", "IRNGOV", "ghasemi_rostam"},
        ResolveCase{"fa", "2016-03-01", "وزیر نفت ایران گفت", "وزیر نفت ایران", "IRNGOV", "bijan_namdar_zanganeh"},
        ResolveCase{"fa", "2022-06-01", "وزیر نفت ایران گفت", "وزیر نفت ایران", "IRNGOV", "owji_javad"},
        ResolveCase{"fa", "2015-06-01", "وزیر کشور ایران گفت", "وزیر کشور ایران", "IRNCOP", "rahmanifazli_abdolreza"},
        ResolveCase{"fa", "2023-01-10", "وزیر اطلاعات ایران گفت", "وزیر اطلاعات ایران", "IRNGOV", "khatib_esmaeil"},
        ResolveCase{"fa", "2011-01-01", "حیدر مصلحی گفت", "حیدر مصلحی", "IRNGOV", "heidar_moslehi"},
        ResolveCase{"fa", "2017-01-01", "سخنگوی وزارت امور خارجه ایران گفت", "سخنگوی وزارت امور خارجه ایران", "IRNGOV", "ghasemi_bahram"},
        ResolveCase{"fa", "2023-02-01", "ناصر کنعانی گفت", "ناصر کنعانی", "IRNGOV", "kanaani_nasser"},
        ResolveCase{"fa", "2010-05-01", "سعید جلیلی گفت", "سعید جلیلی", "IRNGOV", "jalili_saeed"},
        ResolveCase{"fa", "2020-03-01", "دبیر شورای عالی امنیت ملی ایران گفت", "دبیر شورای عالی امنیت ملی ایران", "IRNGOV", "shamkhani_ali"},
        ResolveCase{"fa", "2018-01-01", "سرلشکر محمد باقری گفت", "سرلشکر محمد باقری", "IRNMIL", "bagheri_mohammad"},
        ResolveCase{"fa", "2010-01-01", "رئیس ستاد کل نیروهای مسلح ایران گفت", "رئیس ستاد کل نیروهای مسلح ایران", "IRNMIL", "firouzabadi_hassan"},
        ResolveCase{"fa", "2016-01-01", "قاسم سلیمانی گفت", "قاسم سلیمانی", "IRNMILQDS", "soleimani_qasem"},
        ResolveCase{"fa", "2021-01-01", "اسماعیل قاآنی گفت", "اسماعیل قاآنی", "IRNMILQDS", "qaani_esmail"},
        ResolveCase{"fa", "2014-01-01", "شهردار تهران گفت", "شهردار تهران", "IRNGOV", "ghalibaf_mohammadbagher"},
        ResolveCase{"fa", "2004-01-01", "شهردار تهران گفت", "شهردار تهران", "IRNGOV", "ahmadinejad_mahmoud"},
        ResolveCase{"fa", "2022-01-01", "علیرضا زاکانی گفت", "علیرضا زاکانی", "IRNGOV", "zakani_alireza"},
        ResolveCase{"fa", "2012-01-01", "رئیس سازمان انرژی اتمی ایران گفت", "رئیس سازمان انرژی اتمی ایران", "IRNGOV", "abbasidavani_fereydoun"},
        ResolveCase{"fa", "2019-01-01", "رئیس کل بانک مرکزی ایران گفت", "رئیس کل بانک مرکزی ایران", "IRNGOV", "hemmati_abdolnaser"},
        ResolveCase{"fa", "2016-01-01", "معاون اول رئیس جمهور ایران گفت", "معاون اول رئیس جمهور ایران", "IRNGOV", "eshaq_jahangiri"},
        ResolveCase{"fa", "2025-01-01", "محمدرضا عارف گفت", "محمدرضا عارف", "IRNGOV", "mohammad_reza_aref_yazdi"},
        ResolveCase{"fa", "2020-01-01", "سخنگوی دولت ایران گفت", "سخنگوی دولت ایران", "IRNGOV", "rabiei_ali"},
        ResolveCase{"fa", "2019-01-01", "وزیر دادگستری ایران گفت", "وزیر دادگستری ایران", "IRNGOV", "avaei_alireza"},
        ResolveCase{"fa", "2012-05-01", "رامین مهمان پرست گفت", "رامین مهمان پرست", "IRNGOV", "mehmanparast_ramin"},
        ResolveCase{"fa", "2024-10-01", "اسماعیل بقایی گفت", "اسماعیل بقایی", "IRNGOV", "baghaei_esmaeil"},
        ResolveCase{"fa", "2024-10-01", "اسماعیل بقائی گفت", "اسماعیل بقائی", "IRNGOV", "baghaei_esmaeil"},
        ResolveCase{"fa", "2003-01-01", "حمیدرضا آصفی گفت", "حمیدرضا آصفی", "IRNGOV", "asefi_hamidreza"},
        // Arabic
        ResolveCase{"ar", "2019-05-01", "قال وزير الخارجية الإيراني", "وزير الخارجية الإيراني", "IRNGOV", "zarif_mohammadjavad"},
        ResolveCase{"ar", "2023-01-01", "قال وزير الاستخبارات الإيراني", "وزير الاستخبارات الإيراني", "IRNGOV", "khatib_esmaeil"},
        ResolveCase{"ar", "2016-06-01", "قال وزير النفط الإيراني", "وزير النفط الإيراني", "IRNGOV", "bijan_namdar_zanganeh"},
        ResolveCase{"ar", "2019-06-01", "قال قاسم سليماني", "قاسم سليماني", "IRNMILQDS", "soleimani_qasem"},
        ResolveCase{"ar", "2012-01-01", "قال سعيد جليلي", "سعيد جليلي", "IRNGOV", "jalili_saeed"},
        ResolveCase{"ar", "2024-01-01", "قال أمين المجلس الأعلى للأمن القومي الإيراني", "أمين المجلس الأعلى للأمن القومي الإيراني", "IRNGOV", "ahmadian_aliakbar"},
        ResolveCase{"ar", "2017-01-01", "قال المتحدث باسم الخارجية الإيرانية", "المتحدث باسم الخارجية الإيرانية", "IRNGOV", "ghasemi_bahram"},
        ResolveCase{"ar", "2023-01-01", "قال ناصر كنعاني", "ناصر كنعاني", "IRNGOV", "kanaani_nasser"},
        ResolveCase{"ar", "2021-03-01", "قال رئيس الأركان الإيراني", "رئيس الأركان الإيراني", "IRNMIL", "bagheri_mohammad"},
        ResolveCase{"ar", "2020-01-01", "قال حسين سلامي", "حسين سلامي", "IRNMIL", "salami_hossein"},
        ResolveCase{"ar", "2008-01-01", "قال وزير الداخلية الإيراني", "وزير الداخلية الإيراني", "IRNCOP", "mostafa_pur_mohammadi"},
        ResolveCase{"ar", "2015-01-01", "قال محافظ البنك المركزي الإيراني", "محافظ البنك المركزي الإيراني", "IRNGOV", "seif_valiollah"},
        // English
        ResolveCase{"en", "2015-07-14", "Zanganeh said", "Zanganeh", "IRNGOV", "bijan_namdar_zanganeh"},
        ResolveCase{"en", "2019-01-01", "Iran's intelligence minister said", "Iran's intelligence minister", "IRNGOV", "alavi_mahmoud"},
        ResolveCase{"en", "2016-01-01", "Qassem Soleimani said", "Qassem Soleimani", "IRNMILQDS", "soleimani_qasem"},
        ResolveCase{"en", "2022-01-01", "Esmail Qaani said", "Esmail Qaani", "IRNMILQDS", "qaani_esmail"},
        ResolveCase{"en", "2011-06-01", "Saeed Jalili said", "Saeed Jalili", "IRNGOV", "jalili_saeed"},
        ResolveCase{"en", "2020-01-01", "The Iranian government spokesman said", "Iranian government spokesman", "IRNGOV", "rabiei_ali"},
        ResolveCase{"en", "2023-06-01", "Nasser Kanani said", "Nasser Kanani", "IRNGOV", "kanaani_nasser"},
        ResolveCase{"en", "2003-01-01", "Hamid-Reza Asefi said", "Hamid-Reza Asefi", "IRNGOV", "asefi_hamidreza"},
        ResolveCase{"en", "2018-06-01", "Iran's oil minister said", "Iran's oil minister", "IRNGOV", "bijan_namdar_zanganeh"},
        ResolveCase{"en", "2024-12-01", "Iran's economy minister said", "Iran's economy minister", "IRNGOV", "hemmati_abdolnaser"},
        // Foreign and defence ministers of other states that were missing
        ResolveCase{"ar", "2020-01-01", "قال وزير الدفاع الصيني", "وزير الدفاع الصيني", "CHNMIL", "wei_fenghe"},
        ResolveCase{"en", "2024-06-01", "The Chinese defense minister said", "Chinese defense minister", "CHNMIL", "dong_jun"},
        ResolveCase{"ar", "2021-01-01", "قال وزير الدفاع السوري", "وزير الدفاع السوري", "SYRMIL", "ayyoub_ali"},
        ResolveCase{"ar", "2023-06-01", "قال وزير الدفاع العراقي", "وزير الدفاع العراقي", "IRQMIL", "abbasi_thabet"},
        ResolveCase{"fa", "2002-01-01", "وزیر امور خارجه مصر گفت", "وزیر امور خارجه مصر", "EGYGOV", "maher_ahmed"},
        ResolveCase{"fa", "2005-01-01", "وزیر امور خارجه امارات گفت", "وزیر امور خارجه امارات", "AREGOV", "nuaimi_rashidabdullah"},
        ResolveCase{"fa", "2000-10-01", "وزیر خارجه اسرائیل گفت", "وزیر خارجه اسرائیل", "ISRGOV", "benami_shlomo"},
        ResolveCase{"en", "2017-01-01", "Fikri Isik said", "Fikri Isik", "TURMIL", "isik_fikri"},
        // Branch en-actors2: old country names and demonyms as the PLOVER gold codes them, IGOs of the
        // Phoenix list, groups as agents, a spelling variant, PETRARCH people merged into data/kb's ids.
        ResolveCase{"en", "1995-06-01", "Burma rejected the demand", "Burma", "MMR", ""},
        ResolveCase{"en", "1985-06-01", "Kampuchean guerrillas attacked", "Kampuchean guerrillas", "KHMREB", ""},
        ResolveCase{"en", "1995-06-01", "a Serb commander said", "Serb commander", "SRBMIL", ""},
        ResolveCase{"en", "1995-06-01", "Bosnian Serb leaders said", "Bosnian Serb", "BIHETH", ""},
        ResolveCase{"en", "1988-06-01", "the Soviet Union said", "Soviet Union", "RUS", ""},
        ResolveCase{"en", "1995-06-01", "Thais voted on Sunday", "Thais", "THA", ""},
        ResolveCase{"en", "1995-06-01", "APEC ministers agreed", "APEC", "IGOAPC", ""},
        ResolveCase{"ar", "2015-06-01", "أعلن منتدى التعاون الاقتصادي لآسيا والمحيط الهادئ", "منتدى التعاون الاقتصادي لآسيا والمحيط الهادئ", "IGOAPC", ""},
        ResolveCase{"fa", "2015-06-01", "سازمان کشورهای آمریکایی اعلام کرد", "سازمان کشورهای آمریکایی", "IGOOAS", ""},
        ResolveCase{"en", "1995-06-01", "Hutu rebels attacked", "Hutu rebels", "REB", ""},
        ResolveCase{"ar", "2015-06-01", "تظاهر الموارنة", "الموارنة", "CHR", ""},
        ResolveCase{"fa", "2015-06-01", "معدنچیان تجمع کردند", "معدنچیان", "LAB", ""},
        ResolveCase{"en", "2004-06-01", "Bouteflicka said", "Bouteflicka", "DZAGOV", "bouteflika_abdelaziz"},
        ResolveCase{"en", "2007-01-01", "Manuchehr Motaki said", "Manuchehr Motaki", "IRNGOV", "mottaki_manouchehr"},
        ResolveCase{"en", "2003-06-01", "Vali Shamkani said", "Vali Shamkani", "IRNMIL", "shamkhani_ali"}));

// Branch kb-dups: leaders REIGN and CountryInfo name under ids of their own (rouhani, al_bashir,
// ismail_haniya) are the curated people (import_leaders.py SAME_PERSON), also in the offices only the
// import lists (Aliyev's weeks as prime minister, Haniyeh's premiership, Mirziyoyev's).
INSTANTIATE_TEST_SUITE_P(
    MergedPeople, ResolveCases,
    ::testing::Values(
        ResolveCase{"en", "2015-06-01", "Rouhani met Putin", "Rouhani", "IRNGOV", "rouhani_hassan"},
        ResolveCase{"en", "2015-06-01", "Rouhani met Putin", "Putin", "RUSGOV", "putin_vladimir"},
        ResolveCase{"en", "2019-01-01", "Al-Bashir said", "Al-Bashir", "SDNGOV", "bashir_omar"},
        ResolveCase{"en", "2003-08-05", "Ilham Aliyev said", "Ilham Aliyev", "AZEGOV", "aliyev_ilham"},
        ResolveCase{"en", "2006-05-01", "Ismail Haniya said", "Ismail Haniya", "PSEGOV", "haniyeh_ismail"},
        ResolveCase{"en", "2010-06-01", "Shavkat Mirziyayev said", "Shavkat Mirziyayev", "UZBGOV", "mirziyoyev_shavkat"},
        ResolveCase{"en", "2010-06-01", "Qabus Bin Said said", "Qabus Bin Said", "OMNGOV", "qaboos_bin_said"}));

// Media names that are also common words must not be listed alone: العربية ("Arabic"), المنار
// ("lighthouse"), AP, and Persian فارس (Persia, the province).
TEST(ResolveCasesPrecision, AmbiguousMediaNamesAreNoMedia) {
  static testing::ResolverHarness h;
  for (const auto& [lang, text] : std::vector<std::pair<const char*, const char*>>{
           {"ar", "تعلم اللغة العربية"}, {"ar", "أضاء المنار"}, {"en", "AP reported"}, {"fa", "فارس"}})
    for (const auto& m : h.resolve(text, lang, "2020-01-01")) EXPECT_EQ(m.code.find("MED"), std::string::npos) << text;
}

// "Christian" is an adjective and a REIGN surname (Christian of Micronesia): never a country; the
// group is "Christians" (CHR).
TEST(ResolveCasesPrecision, ChristianIsNoCountry) {
  static testing::ResolverHarness h;
  for (const char* text : {"Christian groups said", "the Christian minority", "Christian leaders met"})
    for (const auto& m : h.resolve(text, "en", "2014-01-01")) EXPECT_NE(m.code.substr(0, 3), "FSM") << text;
}

// A one-word organization name that is also a common word counts only capitalized: "Republicans"
// are the US party, Irish "republicans" are not; an imported surname shows its full name.
TEST(ResolveCasesPrecision, OneWordOrganizationsNeedCapitals) {
  static testing::ResolverHarness h;
  bool party = false;
  for (const auto& m : h.resolve("The Republicans criticised the plan", "en", "2006-05-01")) party |= m.code == "USAPTYREP";
  EXPECT_TRUE(party);
  for (const auto& m : h.resolve("dissident republicans attacked a police station", "en", "2006-05-01"))
    EXPECT_NE(m.code, "USAPTYREP");
}

}  // namespace
}  // namespace rasad::kb
