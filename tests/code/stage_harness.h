#pragma once
// Shared by the coder's stage tests: the data/ resources, loaded once, and one analysed text in the
// units the stages work on.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "code/coder.h"
#include "code/units.h"

namespace rasad::code::testing {

struct StageHarness {
  std::shared_ptr<const CodingResources> res;
  std::unique_ptr<kb::ActorResolver> resolver;
  StageHarness() {
    std::vector<Diagnostic> problems;
    auto r = CodingResources::load(std::string(RASAD_SOURCE_DIR) + "/data", problems);
    if (!r) throw std::runtime_error(r.error());
    res = *r;
    resolver = std::make_unique<kb::ActorResolver>(*res->kb, &res->text->morphology);
  }
};

inline const StageHarness& harness() {
  static const StageHarness h;
  return h;
}

// A document of one language and its analysis; units(si) are sentence si's units.
struct Analysed {
  Document doc;
  text::Analysis analysis;
  std::string lang;
  const Grammar* g = nullptr;

  Analysed(const std::string& text, const std::string& language, const std::string& date = "") : lang(language) {
    doc.id = "t";
    doc.text = text;
    doc.lang = language;
    doc.date = date;
    text::TextPipeline pipeline(harness().res->text);
    analysis = pipeline.analyze(doc);
    g = harness().res->patterns->grammar(lang);
  }
  // As the coder builds them: with the grammar's kinds per unit.
  Units units(size_t si) const {
    return sentence_units(*harness().resolver, analysis.sentences.at(si), doc.text, lang, nullptr, g);
  }
  // Without them: word_at looks every kind up itself.
  Units plain_units(size_t si) const {
    return sentence_units(*harness().resolver, analysis.sentences.at(si), doc.text, lang);
  }
};

}  // namespace rasad::code::testing
