// Issue 11: `rasad dict import --format petrarch` -- a PETRARCH/TABARI actor dictionary written for
// the test, bad lines included, converted into a user dictionary that the knowledge base loads.
#include "kb/petrarch_import.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace rasad::kb {
namespace {

// Line numbers matter: the bad lines are 12, 15, 17, 19, 20 (an entry without a code), 21 and 22.
constexpr std::string_view kDictionary =
    "# A small actor dictionary in the PETRARCH format\n"  // 1
    "<!-- an XML comment line -->\n"                       // 2
    "TESTLAND_  [TST]\n"                                   // 3
    "+REPUBLIC_OF_TESTLAND_\n"                             // 4
    "WORLD_TEST_ORGANIZATION_ [IGOWTO]  # an IGO\n"        // 5
    "\n"                                                   // 6
    "HASSAN_TESTANI_  # CountryInfo.txt\n"                 // 7
    "+PRESIDENT_TESTANI\n"                                 // 8
    "\t[TSTGOV 130803-210803]\n"                           // 9
    "\t[TSTELI 19700101-130802]\n"                         // 10
    "\t[TSTELI]\n"                                         // 11
    "\t[TSTGOV 130803-2108]\n"                             // 12 bad date range
    "MARY_EXAMPLE_\n"                                      // 13
    "\t[TSTGOV >220101]\n"                                 // 14
    "\t[TSTgov 220101-230101]\n"                           // 15 bad code
    "JOHN_BEFORE_\n"                                       // 16
    "\t[TSTGOV <990101\n"                                  // 17 unclosed
    "\t[TSTMIL <990101]\n"                                 // 18 no start: warning only
    "\t[TSTGOV 230231-240101]\n"                           // 19 impossible day
    "NAMELESS_\n"                                          // 20 never gets a code
    "  stray indented text\n"                              // 21 neither + nor [
    "\t[TSTGOV 210101-200101]\n";                          // 22 ends before it starts

bool has(const std::vector<std::string>& rows, const std::string& row) {
  return std::find(rows.begin(), rows.end(), row) != rows.end();
}

TEST(PetrarchImport, ConvertsNamesPeopleAndDatedRoles) {
  std::vector<Diagnostic> problems;
  const PetrarchImport r = import_petrarch_actors(kDictionary, "test.actors.txt", problems);
  EXPECT_TRUE(has(r.rows, "country\tTST\ten\tname\tTestland\tpetrarch"));
  EXPECT_TRUE(has(r.rows, "country\tTST\ten\tname\tRepublic Of Testland\tpetrarch"));
  EXPECT_TRUE(has(r.rows, "organization\tIGOWTO\ten\tname\tWorld Test Organization\tpetrarch"));
  EXPECT_TRUE(has(r.rows, "person\thassan_testani\ten\tHassan Testani\tpetrarch"));
  EXPECT_TRUE(has(r.rows, "person\thassan_testani\ten\tPresident Testani\tpetrarch"));
  // YYMMDD: 00-30 is 20YY, else 19YY; YYYYMMDD as written; ">DATE" starts then, end open.
  EXPECT_TRUE(has(r.rows, "role\thassan_testani\tTSTGOV\toffice\tTST\t2013-08-03\t2021-08-03\tpetrarch"));
  EXPECT_TRUE(has(r.rows, "role\thassan_testani\tTSTELI\toffice\tTST\t1970-01-01\t2013-08-02\tpetrarch"));
  EXPECT_TRUE(has(r.rows, "role\tmary_example\tTSTGOV\toffice\tTST\t2022-01-01\t\tpetrarch"));
  EXPECT_EQ(r.roles, 3u);
  EXPECT_EQ(r.people, 3u);  // Testani, Example, John Before (with no usable role)
}

TEST(PetrarchImport, ReportsBadLinesWithFileAndLine) {
  std::vector<Diagnostic> problems;
  (void)import_petrarch_actors(kDictionary, "test.actors.txt", problems);
  std::vector<uint64_t> error_lines, warning_lines;
  for (const Diagnostic& d : problems) (d.severity == Severity::error ? error_lines : warning_lines).push_back(d.line);
  std::sort(error_lines.begin(), error_lines.end());
  EXPECT_EQ(error_lines, (std::vector<uint64_t>{12, 15, 17, 19, 20, 21, 22}));
  // The undated TSTELI of a dated entry and the start-less <DATE code are left out with a warning
  // (reported at their entry's line).
  EXPECT_EQ(warning_lines, (std::vector<uint64_t>{7, 16}));
  for (const Diagnostic& d : problems) {
    if (d.line == 12) {
      EXPECT_EQ(d.format().rfind("test.actors.txt:12: error: ", 0), 0u) << d.format();
    }
  }
}

// The converted file loads as a user dictionary: its people resolve with their dated roles.
TEST(PetrarchImport, TheKnowledgeBaseLoadsTheResultWithDict) {
  std::vector<Diagnostic> problems;
  const PetrarchImport r = import_petrarch_actors(kDictionary, "test.actors.txt", problems);
  const auto path = std::filesystem::temp_directory_path() / ("rasad_user_dict_" + std::to_string(::getpid()) + ".tsv");
  {
    std::ofstream out(path);
    out << user_dictionary_header("test.actors.txt");
    for (const auto& row : r.rows) out << row << "\n";
    out << "role\tmalformed\n";  // a bad row in a user dictionary is reported, the rest loads
  }
  std::vector<Diagnostic> load_problems;
  auto kb = KnowledgeBase::load(testing::kData, load_problems, {path.string()});
  std::filesystem::remove(path);
  ASSERT_TRUE(kb);
  const auto bad = std::count_if(load_problems.begin(), load_problems.end(), [&](const Diagnostic& d) {
    return d.file == path.string() && d.severity == Severity::error;
  });
  EXPECT_EQ(bad, 1);
  const Role* role = (*kb)->role_of("hassan_testani", 20150101);
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->actor_code, "TSTGOV");
  EXPECT_EQ(role->role, "office");
  ASSERT_NE((*kb)->person("mary_example"), nullptr);
  // The bundled knowledge base is unchanged without --dict.
  EXPECT_EQ(testing::shared_kb()->person("hassan_testani"), nullptr);
}

}  // namespace
}  // namespace rasad::kb
