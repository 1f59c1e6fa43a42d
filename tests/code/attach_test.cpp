// The learned argument attacher (code/attach.h): loading its weights and choosing source and target.
#include "code/attach.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rasad::code {
namespace {

std::string write_model(const std::string& body) {
  const auto path = std::filesystem::temp_directory_path() / ("attach_test_" + std::to_string(::getpid()) + ".tsv");
  std::ofstream(path) << "# feature w_none w_source w_target\n" << body;
  return path.string();
}

TEST(Attacher, ChoosesTheBestCandidatePerRoleAndNeverOneForBoth) {
  const auto path = write_model("side=before\t0\t2\t0\nside=after\t0\t0\t1\nprev=by\t0\t3\t-1\nbias\t0.5\t0\t0\n");
  auto a = Attacher::load(path);
  ASSERT_TRUE(a) << a.error();
  // Two groups before the trigger, one after: the nearest "before" wins source only when scores tie
  // by margin order; the one after "by" (passive agent) outranks both for source.
  std::vector<AttachCandidate> c{AttachCandidate::named({"bias", "side=before"}), AttachCandidate::named({"bias", "side=after"}),
                                 AttachCandidate::named({"bias", "side=after", "prev=by"})};
  auto [s, t] = (*a)->choose(c);
  ASSERT_TRUE(s && t);
  EXPECT_EQ(*s, 2u);  // 3 - max(0.5, 0) = 2.5 beats 2 - 0.5 = 1.5
  EXPECT_EQ(*t, 1u);  // candidate 2 is taken
  std::filesystem::remove(path);
}

TEST(Attacher, NoRoleWhenNoneScoresHighest) {
  const auto path = write_model("bias\t1\t0\t0\n");
  auto a = Attacher::load(path);
  ASSERT_TRUE(a) << a.error();
  auto [s, t] = (*a)->choose({AttachCandidate::named({"bias"}), AttachCandidate::named({"bias", "unknown-feature"})});
  EXPECT_FALSE(s);
  EXPECT_FALSE(t);
  std::filesystem::remove(path);
}

TEST(Attacher, BadWeightsAreAnErrorNamingFileAndLine) {
  const auto path = write_model("bias\t1\tx\t0\n");
  auto a = Attacher::load(path);
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().find(":2:"), std::string::npos) << a.error();
  std::filesystem::remove(path);
}

TEST(Attacher, ShippedModelsLoad) {
  for (const char* lang : {"ar", "fa", "en"}) {
    const std::string path = std::string(RASAD_SOURCE_DIR) + "/data/models/attach_" + lang + ".tsv";
    if (!std::filesystem::exists(path)) continue;  // a language whose attacher did not beat the rules
    auto a = Attacher::load(path);
    EXPECT_TRUE(a) << a.error();
  }
}

}  // namespace
}  // namespace rasad::code
