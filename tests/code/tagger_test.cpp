// The learned trigger tagger (code/tagger.h): its model file, the words it reads, and what it proposes.
#include "code/tagger.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "code/triggers.h"
#include "stage_harness.h"

namespace rasad::code {
namespace {

using testing::Analysed;
using testing::harness;

std::string write_model(const std::string& body) {
  const auto path = std::filesystem::temp_directory_path() / ("tagger_test_" + std::to_string(::getpid()) + ".tsv");
  std::ofstream(path) << "# a tagger written for the test\n" << body;
  return path.string();
}

const char* kLabels = "@label\tO\t-\t-\n@label\tCONSULT\t040\tsym\n@label\tASSAULT\t190\t-\n";

// The units of an English sentence and the words the tagger would read in it.
struct Read {
  Analysed a;
  Units u;
  std::vector<bool> in_actor;
  std::vector<bool> candidates;
  explicit Read(const char* text) : a(text, "en"), u(a.units(0)), in_actor(u.units.size(), false) {
    candidates = tagger_candidates(u, a.analysis.sentences[0], in_actor, {});
  }
  uint32_t unit_of(std::string_view word) const {
    for (uint32_t i = 0; i < u.units.size(); ++i)
      if (u.units[i].forms[0] == word) return i;
    return UINT32_MAX;
  }
};

// A model of kLabels with `body` (its margin and weights), written, loaded and removed.
std::shared_ptr<const TriggerTagger> tagger_of(const std::string& body) {
  const auto path = write_model(std::string(kLabels) + body);
  auto t = TriggerTagger::load(path);
  std::filesystem::remove(path);
  if (!t) throw std::runtime_error(t.error());
  return *t;
}

std::vector<PatternMatch> proposals(const TriggerTagger& t, const Read& r) {
  return t.propose(r.u, r.a.analysis.sentences[0], r.in_actor, r.candidates);
}

TEST(Tagger, ProposesAWordWhoseTypeBeatsNoTriggerByTheMargin) {
  const auto t = tagger_of("@margin\t1\nbias\t2\t0\t0\nw=parleyed\t0\t3.5\t0\nw=shelled\t0\t0\t2.5\n");
  const Read r("The envoys parleyed in Geneva while artillery shelled the town.");
  const auto proposed = proposals(*t, r);
  // "parleyed": 3.5 - 2 = 1.5 >= 1, a symmetric consultation; "shelled": 2.5 - 2 = 0.5 < 1.
  ASSERT_EQ(proposed.size(), 1u);
  EXPECT_EQ(proposed[0].begin, r.unit_of("parleyed"));
  EXPECT_EQ(proposed[0].end, proposed[0].begin + 1);
  EXPECT_EQ(proposed[0].pattern->cameo, "040");
  EXPECT_TRUE(proposed[0].pattern->symmetric);
}

// Context alone proposes nothing: a word is scored only when the model has weights for its form
// or a stem (train_tagger.py decide() does the same).
TEST(Tagger, ScoresOnlyWordsItHasWeightsFor) {
  const Read r("The envoys parleyed in Geneva.");
  EXPECT_TRUE(proposals(*tagger_of("@margin\t1\nw+1=in\t0\t5\t0\n"), r).empty());
  const auto proposed = proposals(*tagger_of("@margin\t1\nw+1=in\t0\t5\t0\nw=parleyed\t0\t0.1\t0\n"), r);
  ASSERT_EQ(proposed.size(), 1u);
  EXPECT_EQ(proposed[0].begin, r.unit_of("parleyed"));
}

TEST(Tagger, ReadsNoWordInsideAnActorOrAPatternMatch) {
  Read r("The envoys parleyed in Geneva while artillery shelled the town.");
  const uint32_t parleyed = r.unit_of("parleyed"), shelled = r.unit_of("shelled"), dot = r.unit_of(".");
  ASSERT_TRUE(r.candidates[parleyed] && r.candidates[shelled]);
  EXPECT_FALSE(r.candidates[dot]);  // punctuation is no word
  std::vector<bool> in_actor(r.u.units.size(), false);
  in_actor[parleyed] = true;
  const std::vector<bool> c = tagger_candidates(r.u, r.a.analysis.sentences[0], in_actor, {PatternMatch{shelled, shelled + 1, nullptr}});
  EXPECT_FALSE(c[parleyed]);
  EXPECT_FALSE(c[shelled]);
}

// The features name the word, its neighbours and the actors around it; the training rows print
// these names and the model reads their ids, so both come from one function.
TEST(Tagger, FeaturesNameTheWordAndItsContext) {
  Read r("The envoys parleyed in Geneva.");
  std::vector<bool> in_actor(r.u.units.size(), false);
  in_actor[r.unit_of("envoys")] = true;
  FeatureNames names;
  tagger_features(r.u, r.a.analysis.sentences[0], r.unit_of("parleyed"), in_actor, names);
  const auto has = [&](const std::string& f) { return std::find(names.names.begin(), names.names.end(), f) != names.names.end(); };
  EXPECT_TRUE(has("w=parleyed"));
  EXPECT_TRUE(has("w-1=envoys"));
  EXPECT_TRUE(has("w+1=in"));
  EXPECT_TRUE(has("actor-1"));
  EXPECT_TRUE(has("actor-before"));
  EXPECT_TRUE(has("no-actor-after"));
}

TEST(Tagger, ProposalsBecomeTriggersWithModality) {
  const auto t = tagger_of("@margin\t0.5\nw=parley\t0\t2\t0\n");
  const Read r("The envoys will not parley in Geneva.");
  const auto proposed = proposals(*t, r);
  ASSERT_EQ(proposed.size(), 1u);
  const auto triggers = find_triggers(proposed, r.u, r.a.analysis.sentences[0], r.a.g, "en", r.in_actor);
  ASSERT_EQ(triggers.size(), 1u);
  EXPECT_TRUE(triggers[0].negated);
}

TEST(Tagger, BadFilesAreErrorsNamingFileAndLine) {
  for (const auto& [body, line] : std::vector<std::pair<std::string, std::string>>{
           {std::string(kLabels) + "@margin\t1\nbias\t1\t2\n", ":6:"},            // two weights for three labels
           {std::string(kLabels) + "@margin\tx\n", ":5:"},                        // margin not a number
           {"@label\tCONSULT\t040\tsym\n", ":2:"},                                // O must come first
           {std::string(kLabels) + "@margin\t1\nbias\t1\t0\tz\n", ":6:"},         // a weight not a number
           {"@label\tO\t-\t-\n@label\tCONSULT\t040\tboth\n", ":3:"},              // flag neither sym nor -
           {std::string(kLabels) + "@margin\t1\nbias\t1\t0\t0\nbias\t1\t0\t0\n", ":7:"}}) {  // listed twice
    const auto path = write_model(body);
    auto t = TriggerTagger::load(path);
    ASSERT_FALSE(t) << body;
    EXPECT_NE(t.error().find(path + line), std::string::npos) << t.error();
    std::filesystem::remove(path);
  }
  const auto path = write_model(std::string(kLabels) + "bias\t1\t0\t0\n");
  auto t = TriggerTagger::load(path);
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().find("no @margin"), std::string::npos) << t.error();
  std::filesystem::remove(path);
}

TEST(Tagger, ShippedModelsLoadWithKnownCodes) {
  for (const char* lang : {"ar", "fa", "en"}) {
    const std::string path = std::string(RASAD_SOURCE_DIR) + "/data/models/tagger_" + lang + ".tsv";
    if (!std::filesystem::exists(path)) continue;  // a language whose tagger did not earn its place
    auto t = TriggerTagger::load(path);
    ASSERT_TRUE(t) << t.error();
    for (size_t k = 1; k < (*t)->patterns().size(); ++k)
      EXPECT_TRUE(harness().res->kb->ontology().cameo((*t)->patterns()[k].cameo)) << (*t)->patterns()[k].cameo;
    EXPECT_TRUE(std::any_of(harness().res->taggers.begin(), harness().res->taggers.end(),
                            [&](const auto& p) { return p.first == lang; }));
  }
}

}  // namespace
}  // namespace rasad::code
