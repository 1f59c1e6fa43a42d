#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kb/check.h"
#include "test_support.h"

namespace rasad::kb {
namespace {

// The test suite runs `rasad dict check` through the library: the bundled data must be clean.
TEST(DictCheck, BundledDataIsClean) {
  const CheckReport r = check_kb(testing::kData);
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::error) ADD_FAILURE() << d.format();
  EXPECT_TRUE(r.clean());
  EXPECT_GT(r.counts.at("ar person"), 100u);
  EXPECT_GT(r.counts.at("fa country/name"), 150u);
}

TEST(DictCheck, EveryUnStateIsNamedInArabicPersianAndEnglish) {
  const CheckReport r = check_kb(testing::kData);
  EXPECT_EQ(r.un_states, 195u);  // 193 members + Holy See and Palestine
  EXPECT_EQ(r.un_named_in_all.size(), 195u);
  for (const auto& [lang, codes] : r.un_missing)
    for (const auto& code : codes) ADD_FAILURE() << code << " has no " << lang << " name";
}

// Each kind of finding, on a small data directory written for the purpose.
TEST(DictCheck, FindsEachKindOfProblem) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("rasad_kb_check_" + std::to_string(::getpid()));
  fs::create_directories(dir / "kb/actors");
  fs::create_directories(dir / "kb/agents");
  fs::create_directories(dir / "kb/ontology");
  auto write = [&](const std::string& rel, const std::string& body) { std::ofstream(dir / rel) << body; };
  write("kb/ontology/sectors.tsv", "GOV\tprimary\tg\tx\nMIL\tprimary\tm\tx\nIGO\tinternational\ti\tx\n");
  write("kb/ontology/cameo.tsv", "99\tBAD\t99\t1\t0.0\t\t\t\tx\n");
  write("kb/actors/countries.tsv",
        "IRN\tar\tname\tإيران\tx\n"
        "RUS\tar\tname\tروسيا\tx\n"
        "IRN\ten\tname\tPersia\tx\n"
        "RUS\ten\tname\tPersia\tx\n"             // 4: conflict (warning)
        "IRNXYZ\tar\tmetonym\tطهران\tx\n"        // 5: unknown sector
        "QQQ\tar\tadjective\tقاف\tx\n"           // 6: unknown country
        "IRN\tar\tshort\t\u0640\u064e\tx\n"      // 7: empty after normalization
        "IRN\ten\tshort\t...\tx\n");             // 8: only punctuation
  write("kb/actors/organizations.tsv", "IGOUNO\ten\tname\tUnited Nations\tmanual\n");
  write("kb/actors/people.manual.tsv", "a_person\ten\tA Person\tmanual\nb_person\ten\tB Person\tmanual\n");
  write("kb/actors/roles.manual.tsv",
        "a_person\tIRNGOV\thead_of_state\tIRN\t2010-01-01\t2015-01-01\tmanual\n"
        "b_person\tIRNGOV\thead_of_state\tIRN\t2014-01-01\t\tmanual\n"              // 2: overlaps
        "c_person\tIRNGOV\tforeign_minister\tIRN\t2010-01-01\t2011-01-01\tmanual\n" // 3: unknown person
        "a_person\tIRNMIL\tdefense_minister\tIRN\t2012-01-01\t2011-01-01\tmanual\n" // 4: end < start
        "b_person\tIRNGOV\tjanitor\tIRN\t2012-01-01\t\tmanual\n"                     // 5: unknown role
        "a_person\tIRNGOV\thead_of_government\tIRN\t2004-12\t2005-03\tmanual\n"
        "b_person\tIRNGOV\thead_of_government\tIRN\t2005-03-20\t\tmanual\n");       // same month: fine
  write("kb/agents/ar.manual.tsv", "الرئيس\tGOV\thead_of_state\tmanual\nالجيش\tARMY\t\tmanual\n");
  write("kb/actors/un_members.tsv", "IRN\tmember\tmanual\nRUS\tmember\tmanual\n");
  write("kb/places.tsv", "Tehran\ten\tIRN\t35.6944\t51.4215\tcapital\tmanual\n"
                         "Nowhere\ten\tIRN\t0\t0\tcity\tmanual\n"        // 2: 0,0 means unknown
                         "Somewhere\ten\tIRN\t\t\tcity\tmanual\n");      // no coordinates: fine
  write("kb/stoplist.tsv", "ar\tمدينة\tplace\tmanual\n"
                           "en\tMay\tsometimes\tmanual\n"                    // 2: unknown scope
                           "en\t...\tactor\tmanual\n");                      // 3: only punctuation
  const CheckReport r = check_kb(dir.string());
  auto has = [&](Severity s, const std::string& file_end, uint64_t line, const std::string& text) {
    for (const auto& d : r.diagnostics)
      if (d.severity == s && d.file.ends_with(file_end) && d.line == line && d.message.find(text) != std::string::npos)
        return true;
    return false;
  };
  const auto E = Severity::error, W = Severity::warning;
  EXPECT_TRUE(has(W, "countries.tsv", 4, "maps to RUS but also to IRN"));
  EXPECT_TRUE(has(E, "countries.tsv", 5, "unknown sector code 'XYZ'"));
  EXPECT_TRUE(has(E, "countries.tsv", 6, "unknown country code 'QQQ'"));
  EXPECT_TRUE(has(E, "countries.tsv", 7, "empty after normalization"));
  EXPECT_TRUE(has(E, "countries.tsv", 8, "only punctuation"));
  EXPECT_TRUE(has(E, "roles.manual.tsv", 2, "overlaps a_person"));
  EXPECT_TRUE(has(E, "roles.manual.tsv", 3, "unknown person 'c_person'"));
  EXPECT_TRUE(has(E, "roles.manual.tsv", 4, "before it starts"));
  EXPECT_TRUE(has(E, "roles.manual.tsv", 5, "unknown role 'janitor'"));
  EXPECT_FALSE(has(E, "roles.manual.tsv", 7, "overlaps"));
  EXPECT_TRUE(has(E, "ar.manual.tsv", 2, "unknown sector code 'ARMY'"));
  EXPECT_TRUE(has(E, "cameo.tsv", 0, "unknown CAMEO code 99"));
  EXPECT_TRUE(has(E, "places.tsv", 0, "coordinates 0,0 for Nowhere"));
  EXPECT_FALSE(has(E, "places.tsv", 0, "Somewhere"));
  EXPECT_TRUE(has(E, "stoplist.tsv", 2, "unknown scope 'sometimes'"));
  EXPECT_TRUE(has(E, "stoplist.tsv", 3, "only punctuation"));
  EXPECT_FALSE(r.clean());
  EXPECT_EQ(r.un_named_in_all.size(), 0u);  // no Persian names, and RUS has no Persian either
  EXPECT_EQ(r.un_missing.at("fa").size(), 2u);
  EXPECT_EQ(r.counts.at("ar country/name"), 2u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rasad::kb
