// The shipped sentence classifiers (data/models/arabic_*.ftz): loading, features, probabilities.
// Example sentences are written for this test, not taken from any evaluation set.
#include "code/classifier.h"

#include <fasttext/fasttext.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "text/pipeline.h"

namespace rasad::code {
namespace {

namespace fs = std::filesystem;

const std::string kModels = RASAD_SOURCE_DIR "/data/models/";

std::shared_ptr<const text::TextResources> resources() {
  static const auto res = [] {
    auto r = text::TextResources::load(RASAD_SOURCE_DIR "/data");
    if (!r) throw std::runtime_error(r.error());
    return *r;
  }();
  return res;
}

std::string features_of(const std::string& s, const std::string& lang = "ar") {
  text::TextPipeline pipeline(resources());
  Document d;
  d.text = s;
  d.lang = lang;
  return EventClassifier::features(pipeline.analyze(d).sentences);
}

std::shared_ptr<const EventClassifier> model(const std::string& name) {
  auto m = EventClassifier::load(kModels + name);
  if (!m) throw std::runtime_error(m.error());
  return *m;
}

const std::string kProtest = "تظاهر آلاف المحتجين اليوم الجمعة في وسط العاصمة مطالبين برحيل الحكومة، ورفعوا لافتات تندد بالفساد.";
const std::string kAttack = "قتل خمسة أشخاص وأصيب عشرة آخرون في هجوم مسلح استهدف نقطة تفتيش للشرطة صباح اليوم.";
const std::string kSport = "فاز المنتخب على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء أمس ضمن تصفيات كأس العالم.";

TEST(ClassifierFeatures, DeterministicAndNormalized) {
  const std::string f = features_of(kProtest);
  EXPECT_FALSE(f.empty());
  EXPECT_EQ(f, features_of(kProtest));
  // Hamza, diacritics and tatweel variants of the same words give the same features.
  EXPECT_EQ(features_of("تظاهر المحتجون أمام البرلمان"), features_of("تَظاهَرَ المحتـجون امام البرلمان"));
  // Numbers become one placeholder, so the value does not matter.
  EXPECT_EQ(features_of("قتل 5 أشخاص"), features_of("قتل ١٢ أشخاص"));
  // One line of space-separated words, as fastText reads it.
  EXPECT_EQ(f.find('\n'), std::string::npos);
  EXPECT_EQ(f.find("  "), std::string::npos);
}

TEST(ClassifierFeatures, StemsFollowWords) {
  // "والمحتجون": the word's normalized form and its stem both appear.
  const std::string f = features_of("والمحتجون");
  EXPECT_NE(f.find("والمحتجون"), std::string::npos) << f;
  EXPECT_NE(f.find(" محتج"), std::string::npos) << f;
}

TEST(Classifier, ProbabilitiesCoverEveryLabelAndSumToOne) {
  for (const char* name : {"arabic_protest.ftz", "arabic_assault.ftz"}) {
    const auto m = model(name);
    ASSERT_EQ(m->labels().size(), 2u) << name;
    const auto p = m->predict(features_of(kProtest));
    ASSERT_EQ(p.size(), 2u);
    float sum = 0;
    for (const auto& [label, prob] : p) {
      EXPECT_GE(prob, 0.0f);
      EXPECT_LE(prob, 1.0f);
      sum += prob;
    }
    EXPECT_NEAR(sum, 1.0f, 0.01f) << name;
    EXPECT_GE(p[0].second, p[1].second);  // most likely first
    EXPECT_EQ(m->probability(features_of(kProtest), "NO SUCH LABEL"), 0.0f);
  }
  // Text with no known word still yields every label.
  EXPECT_EQ(model("arabic_protest.ftz")->predict("").size(), 2u);
}

TEST(Classifier, ReportedEventsRankAboveSport) {
  const auto protest = model("arabic_protest.ftz");
  EXPECT_GT(protest->probability(features_of(kProtest), "PROTEST"), protest->probability(features_of(kSport), "PROTEST"));
  const auto assault = model("arabic_assault.ftz");
  EXPECT_GT(assault->probability(features_of(kAttack), "ASSAULT"), assault->probability(features_of(kSport), "ASSAULT"));
}

TEST(Classifier, ConcurrentPredictAgreesWithSerial) {
  const auto m = model("arabic_assault.ftz");
  const std::vector<std::string> inputs = {features_of(kProtest), features_of(kAttack), features_of(kSport)};
  std::vector<float> serial;
  for (const auto& f : inputs) serial.push_back(m->probability(f, "ASSAULT"));
  std::vector<std::vector<float>> got(4);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < got.size(); ++t)
    pool.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round)
        for (const auto& f : inputs) got[t].push_back(m->probability(f, "ASSAULT"));
    });
  for (auto& th : pool) th.join();
  for (const auto& g : got)
    for (size_t i = 0; i < g.size(); ++i) ASSERT_EQ(g[i], serial[i % inputs.size()]);
}

// The whole-word models are read through rasad's own word table of per-label numbers, not fastText's
// line parser and matrices; both must give the same probabilities, whatever the spacing, unknown
// words or label-like tokens.
TEST(Classifier, WordTableReadsAsFastTextDoes) {
  const std::vector<std::string> inputs = {
      features_of(kProtest), features_of(kAttack), features_of(kSport), "", "   ", "كلمةغيرمعروفة xyz",
      "  هجوم\tمسلح \n قتل  ", "__label__ASSAULT هجوم __label__NONE", features_of(kAttack) + "\n" + features_of(kSport)};
  for (const std::string name : {"arabic_assault.ftz", "ar_types.ftz", "en_types.ftz"}) {
    const auto m = model(name);
    fasttext::FastText reference;
    reference.loadModel(kModels + name);
    for (const auto& f : inputs) {
      std::string line = f;
      for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
      std::istringstream in(line + "\n");
      std::vector<std::pair<fasttext::real, std::string>> want;
      reference.predictLine(in, want, -1, 0.0);
      const auto got = m->predict(f);
      for (auto [p, label] : want) {
        label.erase(0, reference.getArgs().label.size());
        const auto it = std::find_if(got.begin(), got.end(), [&](const auto& g) { return g.first == label; });
        ASSERT_NE(it, got.end()) << name << " " << label;
        // The word's numbers are summed after the product with the output rows, fastText sums the
        // rows first: float rounding may differ in the last bits.
        EXPECT_NEAR(it->second, std::clamp(static_cast<float>(p), 0.0f, 1.0f), 1e-6) << name << " [" << f << "] " << label;
      }
    }
  }
}

// A language's models read together give each model's own probabilities, the word probe shared.
TEST(Classifier, SentenceModelsAgreeWithEachModel) {
  const std::vector<std::shared_ptr<const EventClassifier>> models = {model("ar_types.ftz"), model("arabic_assault.ftz"),
                                                                       model("arabic_protest.ftz")};
  const SentenceModels together(models);
  text::TextPipeline pipeline(resources());
  for (const std::string& s : {kProtest, kAttack, kSport, std::string("كلمةغيرمعروفة")}) {
    Document d;
    d.text = s;
    d.lang = "ar";
    const auto analysis = pipeline.analyze(d);
    ASSERT_EQ(analysis.sentences.size(), 1u);
    const auto scores = together.score(analysis.sentences[0]);
    ASSERT_EQ(scores.size(), models.size());
    for (size_t k = 0; k < models.size(); ++k) {
      const auto& labels = models[k]->labels();
      ASSERT_EQ(scores[k].size(), labels.size());
      for (size_t j = 0; j < labels.size(); ++j)
        EXPECT_EQ(scores[k][j], models[k]->probability(EventClassifier::features(analysis.sentences[0]), labels[j]))
            << s << " " << labels[j];
    }
    EXPECT_EQ(together.index(models[1].get()), 1);
    EXPECT_EQ(together.index(nullptr), -1);
  }
}

TEST(Classifier, BadModelFilesAreErrors) {
  const fs::path dir = fs::temp_directory_path() / ("rasad_classifier_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  EXPECT_FALSE(EventClassifier::load((dir / "missing.ftz").string()));
  {
    std::ofstream(dir / "empty.ftz");
    EXPECT_FALSE(EventClassifier::load((dir / "empty.ftz").string()));
  }
  {
    std::ofstream(dir / "text.ftz") << "this is not a model\n";
    const auto r = EventClassifier::load((dir / "text.ftz").string());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("text.ftz"), std::string::npos);
  }
  // A model cut short at several points: the header, the dictionary, the matrices.
  std::ifstream in(kModels + "arabic_protest.ftz", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  for (size_t cut : {size_t{8}, size_t{60}, size_t{500}, bytes.size() / 3, bytes.size() - 10}) {
    std::ofstream(dir / "cut.ftz", std::ios::binary) << bytes.substr(0, cut);
    EXPECT_FALSE(EventClassifier::load((dir / "cut.ftz").string())) << "cut at " << cut;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rasad::code
