// rasad classify: the event classifier's view of text. --prep turns a gold JSON Lines file into
// fastText training lines made by the same features() the coder uses at run time (so training and
// run time agree token for token); --model prints what a trained model says of texts.
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "code/classifier.h"
#include "core/paths.h"
#include "text/pipeline.h"

namespace rasad::cli {

namespace {

struct ClassifyOptions {
  std::string prep;                // gold JSON Lines to turn into training lines
  std::string model;               // model to query
  std::vector<std::string> texts;  // texts to score with --model
  std::string lang = "auto";
};

// Features of a whole text: its sentences' features, joined. A text the pipeline keeps nothing of
// (e.g. one line it takes for boilerplate) is tokenized as it stands.
std::string text_features(text::TextPipeline& pipeline, const Document& doc, const text::AnalyzeOptions& options) {
  const text::Analysis a = pipeline.analyze(doc, options);
  if (!a.sentences.empty()) return code::EventClassifier::features(a.sentences);
  const auto& r = pipeline.resources();
  text::Segmenter segmenter(r.segment_rules, r.normalizer, r.morphology);
  text::Sentence s;
  s.tokens = segmenter.tokenize(doc.text, Span{0, static_cast<uint32_t>(doc.text.size())}, a.lang);
  return code::EventClassifier::features(s);
}

// One line per record, in input order: "__label__TYPE features" when the record reports an event
// of its event_type (gold true or absent), "__label__NONE features" otherwise.
int run_prep(const ClassifyOptions& o, text::TextPipeline& pipeline, const text::AnalyzeOptions& options) {
  std::ifstream in(o.prep);
  if (!in) {
    std::cerr << "rasad: cannot open " << o.prep << "\n";
    return 2;
  }
  std::string line, out;
  uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      std::cerr << fmt::format("rasad: {}:{}: not a record with a text\n", o.prep, n);
      return 1;
    }
    Document doc;
    doc.text = j["text"].get<std::string>();
    doc.lang = j.value("lang", std::string());
    const bool gold = j.value("gold", true);
    const std::string type = j.value("event_type", std::string("NONE"));
    out = "__label__" + (gold ? type : std::string("NONE"));
    const std::string f = text_features(pipeline, doc, options);
    if (!f.empty()) out += ' ' + f;
    out += '\n';
    std::cout << out;
  }
  return 0;
}

int run_model(const ClassifyOptions& o, text::TextPipeline& pipeline, const text::AnalyzeOptions& options) {
  auto model = code::EventClassifier::load(o.model);
  if (!model) {
    std::cerr << "rasad: " << model.error() << "\n";
    return 2;
  }
  for (const auto& t : o.texts) {
    Document doc;
    doc.text = t;
    std::string line;
    for (const auto& [label, p] : (*model)->predict(text_features(pipeline, doc, options)))
      line += fmt::format("{}{} {:.4f}", line.empty() ? "" : "\t", label, p);
    std::cout << line << "\n";
  }
  return 0;
}

int run_classify(const ClassifyOptions& o, const GlobalOptions& g) {
  if (o.prep.empty() == o.model.empty()) {
    std::cerr << "rasad classify: give either --prep GOLD.jsonl or --model FILE TEXT...\n";
    return 2;
  }
  auto resources = text::TextResources::load(resolve_data_dir(g.data_dir));
  if (!resources) {
    std::cerr << "rasad: cannot load the text resources: " << resources.error() << "\n";
    return 2;
  }
  text::TextPipeline pipeline(*resources);
  text::AnalyzeOptions options;
  options.lang = o.lang;
  return o.prep.empty() ? run_model(o, pipeline, options) : run_prep(o, pipeline, options);
}

}  // namespace

std::function<int()> add_classify_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ClassifyOptions>();
  CLI::App* cmd = app.add_subcommand("classify", "Event classifier: make training lines or score texts");
  cmd->add_option("--prep", o->prep, "Gold JSON Lines (id, text, lang, event_type, gold) to turn into fastText lines");
  cmd->add_option("--model", o->model, "fastText model to score the texts with");
  cmd->add_option("texts", o->texts, "Texts to score (with --model)");
  cmd->add_option("--lang", o->lang, "Language: auto, ar, fa or en")->check(CLI::IsMember({"auto", "ar", "fa", "en"}));
  return [o, &global] { return run_classify(*o, global); };
}

}  // namespace rasad::cli
