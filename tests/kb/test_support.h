#pragma once
// Shared fixtures for the knowledge-base tests: the real data/kb, loaded once.
#include <memory>
#include <string>
#include <vector>

#include "kb/kb.h"
#include "kb/resolver.h"
#include "text/morphology.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace rasad::kb::testing {

inline const std::string kData = RASAD_SOURCE_DIR "/data";

inline std::shared_ptr<const KnowledgeBase> shared_kb() {
  static const std::shared_ptr<const KnowledgeBase> kb = [] {
    std::vector<Diagnostic> problems;
    auto r = KnowledgeBase::load(kData, problems);
    return r ? *r : nullptr;
  }();
  return kb;
}

// Tokenizes and resolves a text the way the event coder will.
class ResolverHarness {
 public:
  ResolverHarness()
      : morphology_(*text::load_morph_rules(kData + "/text/morphology/ar.tsv"),
                    *text::load_morph_rules(kData + "/text/morphology/fa.tsv")),
        segmenter_(text::SegmentRules{}, normalizer_, morphology_),
        resolver_(*shared_kb(), &morphology_) {}

  std::vector<ActorMention> resolve(const std::string& s, const std::string& lang, const std::string& date) {
    const auto tokens = segmenter_.tokenize(s, Span{0, static_cast<uint32_t>(s.size())}, lang);
    return resolver_.resolve(tokens, s, lang, parse_day(date));
  }

  // The match units of `s`, through `cache` when given, with each unit's token.
  std::vector<MatchUnit> units(const std::string& s, const std::string& lang, UnitForms* cache,
                               std::vector<uint32_t>* token_of = nullptr) {
    const auto tokens = segmenter_.tokenize(s, Span{0, static_cast<uint32_t>(s.size())}, lang);
    return resolver_.units(tokens, s, lang, nullptr, token_of, cache);
  }

  // The texts the place matcher finds in `s`, in order (as the coder matches event locations).
  std::vector<std::string> places(const std::string& s, const std::string& lang) {
    const auto tokens = segmenter_.tokenize(s, Span{0, static_cast<uint32_t>(s.size())}, lang);
    std::vector<Span> spans;
    const auto units = resolver_.units(tokens, s, lang, &spans);
    std::vector<std::string> out;
    if (const PhraseMatcher* pm = shared_kb()->place_matcher(lang))
      for (const auto& m : pm->match(units))
        out.emplace_back(s.substr(spans[m.begin].start, spans[m.end - 1].end - spans[m.begin].start));
    return out;
  }

 private:
  text::Normalizer normalizer_;
  text::Morphology morphology_;
  text::Segmenter segmenter_;
  ActorResolver resolver_;
};

}  // namespace rasad::kb::testing
