// Text-layer throughput on real news: the first documents of SaudiNewsNet (Arabic) and Fars News
// (Persian), read once, then analyzed repeatedly. Reports bytes/s (MB/s per core) and sentences/s,
// and checks the result (every document yields sentences) so a fast wrong answer fails.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "io/reader.h"
#include "text/normalize.h"
#include "text/pipeline.h"

namespace {

using namespace rasad;

std::vector<Document> load(const std::string& corpus, size_t max_docs) {
  std::vector<Document> docs;
  io::read_paths({std::string(RASAD_SOURCE_DIR) + "/../shared/corpus/" + corpus}, {},
                 [&](Document&& d) {
                   if (docs.size() < max_docs) docs.push_back(std::move(d));
                 },
                 [](const Diagnostic&) {});
  if (docs.empty()) throw std::runtime_error("no documents in " + corpus);
  return docs;
}

const std::vector<Document>& corpus(int which) {
  static const std::vector<Document> ar = load("saudinewsnet.jsonl.xz", 2000);
  static const std::vector<Document> fa = load("farsnews.jsonl.xz", 1500);
  return which == 0 ? ar : fa;
}

std::shared_ptr<const text::TextResources> resources() {
  static const auto r = [] {
    auto res = text::TextResources::load(RASAD_SOURCE_DIR "/data");
    if (!res) throw std::runtime_error(res.error());
    return *res;
  }();
  return r;
}

void BM_TextPipeline(benchmark::State& state) {
  const auto& docs = corpus(static_cast<int>(state.range(0)));
  text::TextPipeline pipeline(resources());
  size_t bytes = 0, sentences = 0, i = 0;
  for (auto _ : state) {
    const Document& d = docs[i++ % docs.size()];
    const text::Analysis a = pipeline.analyze(d);
    if (a.sentences.empty() && d.text.size() > 200) state.SkipWithError(("no sentences in " + d.id).c_str());
    bytes += d.text.size();
    sentences += a.sentences.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.SetLabel(state.range(0) == 0 ? "saudinewsnet (ar)" : "farsnews (fa)");
}
BENCHMARK(BM_TextPipeline)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_Normalize(benchmark::State& state) {
  const auto& docs = corpus(static_cast<int>(state.range(0)));
  const text::Normalizer n;
  size_t bytes = 0, i = 0;
  for (auto _ : state) {
    const Document& d = docs[i++ % docs.size()];
    benchmark::DoNotOptimize(n.normalize(d.text));
    bytes += d.text.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Normalize)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_ResourcesLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto r = text::TextResources::load(RASAD_SOURCE_DIR "/data");
    if (!r) state.SkipWithError(r.error().c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ResourcesLoad)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
