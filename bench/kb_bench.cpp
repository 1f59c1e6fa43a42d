// Loading the knowledge base and resolving actors: run with the data directory in $RASAD_DATA or
// the bundled data/.
#include <benchmark/benchmark.h>

#include "core/paths.h"
#include "kb/kb.h"
#include "kb/resolver.h"
#include "text/morphology.h"
#include "text/segment.h"

namespace {

void BM_LoadKnowledgeBase(benchmark::State& state) {
  const std::string dir = rasad::resolve_data_dir("");
  size_t bytes = 0;
  for (auto _ : state) {
    std::vector<rasad::Diagnostic> problems;
    auto kb = rasad::kb::KnowledgeBase::load(dir, problems);
    if (!kb) state.SkipWithError(kb.error().c_str());
    bytes = (*kb)->stats().matcher_bytes;
    benchmark::DoNotOptimize(kb);
  }
  state.counters["matcher_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_LoadKnowledgeBase)->Unit(benchmark::kMillisecond);

void BM_ResolveSentence(benchmark::State& state) {
  const std::string dir = rasad::resolve_data_dir("");
  std::vector<rasad::Diagnostic> problems;
  auto kb = rasad::kb::KnowledgeBase::load(dir, problems);
  rasad::text::Normalizer normalizer;
  rasad::text::Morphology morphology(*rasad::text::load_morph_rules(dir + "/text/morphology/ar.tsv"),
                                     *rasad::text::load_morph_rules(dir + "/text/morphology/fa.tsv"));
  rasad::text::Segmenter segmenter(rasad::text::SegmentRules{}, normalizer, morphology);
  const rasad::kb::ActorResolver resolver(**kb, &morphology);
  const std::string s = "اكد وزير الخارجية الايراني محمد جواد ظريف بان الرئيسين الايراني حسن روحاني والروسي "
                        "فلاديمير بوتين يتابعان بصورة مباشرة تنفيذ الاتفاقيات بين البلدين في موسكو";
  const auto tokens = segmenter.tokenize(s, rasad::Span{0, static_cast<uint32_t>(s.size())}, "ar");
  for (auto _ : state) benchmark::DoNotOptimize(resolver.resolve(tokens, s, "ar", 20200924));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens.size()));
}
BENCHMARK(BM_ResolveSentence);

}  // namespace

BENCHMARK_MAIN();
