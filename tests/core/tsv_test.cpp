#include "core/tsv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace rasad {
namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()) + ".tsv");
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(Tsv, SkipsCommentsAndBlankLinesAndReportsShortRowsWithTheirLine) {
  const std::string path = write_temp("rasad_tsv", "# header\n\na\tb\tc\r\nonly-one\nx\ty\tz\n");
  std::vector<std::string> firsts;
  std::vector<Diagnostic> problems;
  EXPECT_TRUE(read_tsv(path, 3, [&](const TsvRow& r) { firsts.emplace_back(r.col(0)); },
                       [&](Diagnostic d) { problems.push_back(d); }));
  EXPECT_EQ(firsts, (std::vector<std::string>{"a", "x"}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 4u);
  EXPECT_NE(problems[0].format().find(path + ":4: error:"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(Tsv, StrictLoadStopsAtTheFirstProblemAndNamesFileAndLine) {
  const std::string path = write_temp("rasad_tsv_strict", "ok\t1\nbad\t2\nok\t3\n");
  int seen = 0;
  auto r = load_tsv_strict(path, 2, [&](const TsvRow& row) -> std::string {
    ++seen;
    return row.col(0) == "bad" ? "bad row" : "";
  });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error(), path + ":2: error: bad row");
  EXPECT_EQ(seen, 2);
  EXPECT_FALSE(load_tsv_strict("/nonexistent/rasad.tsv", 1, [](const TsvRow&) { return std::string(); }).ok());
  std::filesystem::remove(path);
}

TEST(Tsv, RejectsInvalidUtf8Rows) {
  const std::string path = write_temp("rasad_tsv_utf8", "a\xff\tb\n");
  std::vector<Diagnostic> problems;
  read_tsv(path, 2, [](const TsvRow&) { FAIL(); }, [&](Diagnostic d) { problems.push_back(d); });
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("UTF-8"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace rasad
