#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "kb/kb.h"
#include "kb/matcher.h"
#include "test_support.h"

namespace rasad::kb {
namespace {

using testing::kData;
using testing::shared_kb;

TEST(ParseDay, Forms) {
  EXPECT_EQ(parse_day("2024-03-19"), 20240319);
  EXPECT_EQ(parse_day("2004-12"), 20041201);
  EXPECT_EQ(parse_day("2004-12", true), 20041231);
  EXPECT_EQ(parse_day("2004", true), 20041231);
  EXPECT_EQ(parse_day("2004-13-01"), 0);
  EXPECT_EQ(parse_day("19/03/2024"), 0);
  EXPECT_EQ(parse_day(""), 0);
}

TEST(SplitMatchTokens, PunctuationStandsAlone) {
  using V = std::vector<std::string>;
  EXPECT_EQ(split_match_tokens("iran's president"), (V{"iran", "'", "s", "president"}));
  EXPECT_EQ(split_match_tokens("u.s."), (V{"u", ".", "s", "."}));
  EXPECT_EQ(split_match_tokens("  وزير   الخارجية "), (V{"وزير", "الخارجية"}));
  EXPECT_TRUE(is_punct_token("..."));
  EXPECT_FALSE(is_punct_token("a1"));
}

// The letter and digit ranges told without ICU are letters or digits to ICU, and every code point
// of the Arabic block, ASCII and the Arabic Presentation Forms is split as ICU's properties say.
TEST(SplitMatchTokens, FastRangesAgreeWithIcu) {
  auto utf8 = [](UChar32 c) {
    std::string s;
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    s.assign(buf, static_cast<size_t>(n));
    return s;
  };
  auto icu_word = [](UChar32 c) {
    if (u_isUWhiteSpace(c) || u_charType(c) == U_SPACE_SEPARATOR) return false;
    return static_cast<bool>(u_isalnum(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK ||
                             u_charType(c) == U_COMBINING_SPACING_MARK);
  };
  size_t words = 0;
  for (auto [lo, hi] : std::vector<std::pair<UChar32, UChar32>>{{0x21, 0x7E}, {0x0600, 0x06FF}, {0xFB50, 0xFDFF}}) {
    for (UChar32 c = lo; c <= hi; ++c) {
      const std::string w = "a" + utf8(c) + "b";
      EXPECT_EQ(is_one_match_token(w), icu_word(c)) << std::hex << c;
      EXPECT_EQ(split_match_tokens(w).size() == 1, icu_word(c)) << std::hex << c;
      words += icu_word(c);
    }
  }
  EXPECT_GT(words, 200u);
  EXPECT_FALSE(is_one_match_token(""));
  EXPECT_FALSE(is_one_match_token("a b"));
  EXPECT_TRUE(is_one_match_token("وزير"));
}

TEST(PhraseMatcher, LongestMatchAndCaseSensitivity) {
  PhraseMatcher m;
  m.add({"وزير", "الخارجية"}, 1);
  m.add({"وزير"}, 2);
  m.add({"us"}, 3, true, {"US"});
  m.compile();
  auto unit = [](std::string form, std::string original = "") {
    MatchUnit u;
    u.original = original.empty() ? form : original;
    u.forms = {std::move(form)};
    u.flags = {0};
    return u;
  };
  std::vector<MatchUnit> units{unit("وزير"), unit("الخارجية"), unit("وزير"), unit("us", "us"), unit("us", "US")};
  const auto matches = m.match(units);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].end, 2u);
  EXPECT_EQ(matches[0].payloads->front(), 1u);
  EXPECT_EQ(matches[1].payloads->front(), 2u);
  EXPECT_EQ(matches[2].begin, 4u);  // "us" (lower case) is not the acronym
  EXPECT_EQ(matches[2].payloads->front(), 3u);
}

TEST(KnowledgeBase, LoadsTheRealDataQuickly) {
  std::vector<Diagnostic> problems;
  auto kb = KnowledgeBase::load(kData, problems);
  ASSERT_TRUE(kb) << kb.error();
  for (const auto& d : problems) ADD_FAILURE() << d.format();
  const LoadStats& s = (*kb)->stats();
  EXPECT_GT(s.forms, 10000u);
  EXPECT_GT(s.roles, 2000u);
  EXPECT_LT(s.seconds, 2.0);  // ~0.1 s in a release build; generous for debug and sanitizers
  EXPECT_EQ((*kb)->ontology().plover_types().size(), 16u);
  EXPECT_TRUE((*kb)->is_country("IRN"));
  EXPECT_TRUE((*kb)->is_organization("IGOUNOSEC"));
  EXPECT_EQ((*kb)->un_members().size(), 195u);
}

TEST(KnowledgeBase, SplitCode) {
  const auto kb = shared_kb();
  ASSERT_TRUE(kb);
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(kb->split_code("IRNGOV"), (P{"IRN", "GOV"}));
  EXPECT_EQ(kb->split_code("IRN"), (P{"IRN", ""}));
  EXPECT_EQ(kb->split_code("IGOUNOSEC"), (P{"", "IGO"}));
  EXPECT_EQ(kb->split_code("PSEREBHMS"), (P{"PSE", "REB"}));
}

struct RoleCase {
  const char* country;
  const char* role;
  const char* date;
  const char* person;  // "" = nobody
};

TEST(KnowledgeBase, HolderOfDatedRoles) {
  const auto kb = shared_kb();
  ASSERT_TRUE(kb);
  const RoleCase cases[] = {
      {"IRN", "head_of_state", "2020-04-15", "rouhani_hassan"},
      {"IRN", "head_of_state", "2024-03-19", "raisi_ebrahim"},
      {"IRN", "head_of_state", "2025-01-01", "pezeshkian_masoud"},
      {"IRN", "head_of_state", "2021-08-03", "raisi_ebrahim"},  // hand-over day: the newcomer
      {"IRN", "head_of_state", "2021-08-02", "rouhani_hassan"},
      {"IRN", "head_of_state", "2024-06-01", "mokhber_mohammad"},
      {"RUS", "head_of_state", "2010-01-01", "medvedev_dmitry"},
      {"RUS", "head_of_state", "2020-04-14", "putin_vladimir"},
      {"RUS", "foreign_minister", "2020-09-24", "lavrov_sergey"},
      {"IRN", "foreign_minister", "2020-09-24", "zarif_mohammadjavad"},
      {"IRN", "supreme_leader", "2024-03-19", "khamenei_ali"},
      {"IRN", "head_of_state", "1900-01-01", ""},
  };
  for (const auto& c : cases) {
    const Role* r = kb->holder(c.country, c.role, parse_day(c.date));
    EXPECT_EQ(r ? r->person : std::string(), c.person) << c.country << " " << c.role << " " << c.date;
  }
}

TEST(KnowledgeBase, RoleOfAPerson) {
  const auto kb = shared_kb();
  ASSERT_TRUE(kb);
  // Raisi: judiciary chief, then president; after his death the last role before the date.
  EXPECT_EQ(kb->role_of("raisi_ebrahim", parse_day("2020-01-01"))->actor_code, "IRNJUD");
  EXPECT_EQ(kb->role_of("raisi_ebrahim", parse_day("2022-01-01"))->actor_code, "IRNGOV");
  EXPECT_EQ(kb->role_of("raisi_ebrahim", parse_day("2025-01-01"))->role, "head_of_state");
  EXPECT_EQ(kb->role_of("putin_vladimir", parse_day("2010-01-01"))->role, "head_of_government");
  // Before his first office PETRARCH's dated code (RUSELI from 1970, roles.petrarch.tsv); before
  // that, nothing.
  EXPECT_EQ(kb->role_of("putin_vladimir", parse_day("1990-01-01"))->actor_code, "RUSELI");
  EXPECT_EQ(kb->role_of("putin_vladimir", parse_day("1960-01-01")), nullptr);
}

// A malformed data directory: every problem is reported with its file and line, the rest loads.
TEST(KnowledgeBase, DiagnosticsForMalformedFiles) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("rasad_kb_bad_" + std::to_string(::getpid()));
  fs::create_directories(dir / "kb/actors");
  fs::create_directories(dir / "kb/agents");
  fs::create_directories(dir / "kb/ontology");
  auto write = [&](const std::string& rel, const std::string& body) { std::ofstream(dir / rel) << body; };
  write("kb/ontology/sectors.tsv", "# c\nGOV\tprimary\tgovernment\tcameo-codebook\n");
  write("kb/actors/countries.tsv",
        "# header\nIRN\tar\tname\tإيران\tcldr\nIRN\txx\tname\tIran\tcldr\nIRN\ten\tnoun\tIran\tcldr\nbroken line\n");
  write("kb/actors/people.manual.tsv", "rouhani_hassan\ten\tRouhani\tmanual\n");
  write("kb/actors/roles.manual.tsv",
        "rouhani_hassan\tIRNGOV\thead_of_state\tIRN\t2013-08-03\t2021-08-03\tmanual\n"
        "rouhani_hassan\tIRNGOV\thead_of_state\tIRN\t2013/08/03\t\tmanual\n"
        "rouhani_hassan\tIRNGOV\thead_of_state\tIRN\t2013-08-03\tsoon\tmanual\n");
  write("kb/agents/ar.manual.tsv", "الرئيس\tGOV\thead_of_state\tmanual\n");
  std::vector<Diagnostic> problems;
  auto kb = KnowledgeBase::load(dir.string(), problems);
  ASSERT_TRUE(kb) << kb.error();
  auto has = [&](const std::string& file_end, uint64_t line, const std::string& text) {
    for (const auto& d : problems)
      if (d.file.ends_with(file_end) && d.line == line && d.message.find(text) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("countries.tsv", 3, "unknown language 'xx'"));
  EXPECT_TRUE(has("countries.tsv", 4, "unknown kind 'noun'"));
  EXPECT_TRUE(has("countries.tsv", 5, "expected at least 5"));
  EXPECT_TRUE(has("roles.manual.tsv", 2, "bad start date"));
  EXPECT_TRUE(has("roles.manual.tsv", 3, "bad end date"));
  EXPECT_TRUE(has("organizations.tsv", 0, "cannot open"));
  EXPECT_EQ((*kb)->roles().size(), 1u);
  EXPECT_EQ((*kb)->holder("IRN", "head_of_state", parse_day("2020-01-01"))->person, "rouhani_hassan");
  // A directory without kb/ is an error, not an empty knowledge base.
  problems.clear();
  EXPECT_FALSE(KnowledgeBase::load((dir / "nowhere").string(), problems));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rasad::kb
