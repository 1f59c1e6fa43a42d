// The learned factuality model (code/factuality.h): its model file, its features, what it decides
// and for which triggers, and the rows `rasad code --factuality-rows` prints.
#include "code/factuality.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "stage_harness.h"

namespace rasad::code {
namespace {

using testing::Analysed;
using testing::harness;

Result<std::shared_ptr<const FactualityModel>> load_body(const std::string& body) {
  const auto path = std::filesystem::temp_directory_path() / ("factuality_test_" + std::to_string(::getpid()) + ".tsv");
  std::ofstream(path) << "# a factuality model written for the test\n" << body;
  auto m = FactualityModel::load(path.string());
  std::filesystem::remove(path);
  return m;
}

std::shared_ptr<const FactualityModel> model_of(const std::string& weights) {
  auto m = load_body("@label\tactual\n@label\tbackground\n" + weights);
  if (!m) throw std::runtime_error(m.error());
  return *m;
}

// A sentence's triggers as the word rules leave them.
struct Found {
  Analysed a;
  Units u;
  std::vector<Trigger> triggers;
  explicit Found(const char* text, const char* lang = "en") : a(text, lang), u(a.units(0)) {
    const std::vector<bool> in_actor(u.units.size(), false);
    triggers = find_triggers(*harness().res->patterns, u, a.analysis.sentences[0], a.g, a.lang, in_actor);
  }
  const Trigger& on(std::string_view word) const {
    for (const Trigger& t : triggers)
      if (u.units[t.match.begin].forms[0] == word) return t;
    throw std::runtime_error("no trigger on " + std::string(word));
  }
  std::vector<std::string> features(std::string_view word) const {
    FeatureNames names;
    const Trigger* t = &on(word);
    factuality_features(u, a.analysis.sentences[0], triggers, static_cast<size_t>(t - triggers.data()), names);
    return names.names;
  }
};

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// "The police arrested demonstrators after protests in Cairo": a protest after an anterior word
// (بعد) is what came before the news, by the word rules.
const char* kArrest = "اعتقلت الشرطة متظاهرين بعد احتجاجات في القاهرة.";

TEST(Factuality, FeaturesNameTheRulesVerdictTheTriggerAndTheWordsBeforeIt) {
  const Found f(kArrest, "ar");
  const auto arrested = f.features("اعتقلت");
  EXPECT_TRUE(has(arrested, "rule=actual"));
  EXPECT_TRUE(has(arrested, "t=اعتقلت"));
  EXPECT_TRUE(has(arrested, "b1=<s>"));
  EXPECT_TRUE(has(arrested, "a1=الشرطه"));
  EXPECT_TRUE(has(arrested, "root=17"));
  const auto protests = f.features("احتجاجات");
  EXPECT_TRUE(has(protests, "rule=background"));
  EXPECT_TRUE(has(protests, "b1=بعد"));
  EXPECT_TRUE(has(protests, "bw=متظاهرين"));
}

TEST(Factuality, TheModelsDecisionReplacesTheRulesVerdict) {
  Found f(kArrest, "ar");
  ASSERT_FALSE(f.on("اعتقلت").background);
  ASSERT_TRUE(f.on("احتجاجات").background);
  // Weights that call an arrest at the start of a sentence background and anything after بعد actual.
  const auto m = model_of("@bias\t0\nb1=<s>\t0\t2\nb1=بعد\t3\t0\n");
  decide_factuality(*m, f.u, f.a.analysis.sentences[0], f.triggers);
  EXPECT_TRUE(f.on("اعتقلت").background);
  EXPECT_FALSE(f.on("احتجاجات").background);
}

TEST(Factuality, TheBiasFavoursActualAndEqualScoresAreActual) {
  Found f("Police arrested protesters.");
  decide_factuality(*model_of("@bias\t2.5\nb1=police\t0\t2\n"), f.u, f.a.analysis.sentences[0], f.triggers);
  EXPECT_FALSE(f.on("arrested").background);
  decide_factuality(*model_of("@bias\t0\nbias\t1\t1\n"), f.u, f.a.analysis.sentences[0], f.triggers);
  EXPECT_FALSE(f.on("arrested").background);
}

// Negation, the future and conditions stay with the word rules: too rare in the annotations to learn.
TEST(Factuality, LeavesNegatedAndConditionalTriggersToTheRules) {
  Found f("If the army attacks the town, police will not arrest protesters.");
  for (const Trigger& t : f.triggers) EXPECT_FALSE(has_factuality(t)) << t.cameo;
  const auto before = f.triggers;
  decide_factuality(*model_of("@bias\t0\nbias\t-5\t5\n"), f.u, f.a.analysis.sentences[0], f.triggers);
  for (size_t i = 0; i < before.size(); ++i) EXPECT_EQ(f.triggers[i].background, before[i].background);
}

TEST(Factuality, BadModelFilesAreErrorsNamingTheLine) {
  EXPECT_FALSE(load_body("@label\tactual\n@label\tbackground\nbias\t1\t0\n"));  // no @bias
  EXPECT_FALSE(load_body("@label\tbackground\n@label\tactual\n@bias\t0\nbias\t1\t0\n"));
  EXPECT_FALSE(load_body("@label\tactual\n@label\tbackground\n@bias\tx\nbias\t1\t0\n"));
  EXPECT_FALSE(load_body("@label\tactual\n@label\tbackground\n@bias\t0\n"));  // no weights
  const auto r = load_body("@label\tactual\n@label\tbackground\n@bias\t0\nbias\t1\n");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find(":5"), std::string::npos) << r.error();
  const auto twice = load_body("@label\tactual\n@label\tbackground\n@bias\t0\nbias\t1\t0\nbias\t0\t1\n");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().find("twice"), std::string::npos);
}

TEST(Factuality, TheShippedModelsLoadAndTheCoderWritesRowsWithTheRulesVerdict) {
  for (const char* lang : {"ar", "fa", "en"}) {
    const std::string path = std::string(RASAD_SOURCE_DIR) + "/data/models/factuality_" + lang + ".tsv";
    if (std::filesystem::exists(path)) {
      EXPECT_TRUE(FactualityModel::load(path)) << path;
    }
  }
  const Analysed a(kArrest, "ar");
  std::vector<FactRow> rows;
  EventCoder(harness().res).code(a.doc, a.analysis, {nullptr, nullptr, &rows});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].trigger.slice(a.doc.text), "اعتقلت");
  EXPECT_EQ(rows[0].cameo.substr(0, 2), "17");
  EXPECT_TRUE(has(rows[0].features, "rule=actual"));
  EXPECT_EQ(rows[1].trigger.slice(a.doc.text), "احتجاجات");
  EXPECT_TRUE(has(rows[1].features, "rule=background"));
}

}  // namespace
}  // namespace rasad::code
