// Text-layer throughput on fixed real news: the first 300 records of SaudiNewsNet (Arabic) and
// Fars News (Persian) (bench_corpus.h), read once, then analyzed whole in every iteration. Reports
// bytes/s (MB/s per core), documents/s and sentences/s, and checks every iteration's result (sentence
// and token counts and a hash of every field of every Analysis) against pinned values, so a fast
// wrong answer fails. A change that is meant to alter the analysis updates the pinned values: the
// error message prints the new ones.
#include <benchmark/benchmark.h>

#include <cinttypes>
#include <cstdio>
#include <stdexcept>

#include "bench_corpus.h"
#include "text/normalize.h"
#include "text/pipeline.h"

namespace {

using namespace rasad;

constexpr size_t kRecords = 300;

struct Pinned {
  const char* corpus;
  const char* label;
  size_t sentences, tokens;
  uint64_t hash;
};
// What the text layer makes of the first kRecords records of each corpus.
constexpr Pinned kPinned[] = {
    {"saudinewsnet.jsonl.xz", "saudinewsnet (ar)", 7515, 246754, 0x0fd14721e1887a06},
    {"farsnews.jsonl.xz", "farsnews (fa)", 4404, 139585, 0x1447b487cc775e46},
};

const std::vector<Document>& corpus(int which) {
  static const std::vector<Document> ar = bench::corpus_documents(kPinned[0].corpus, kRecords);
  static const std::vector<Document> fa = bench::corpus_documents(kPinned[1].corpus, kRecords);
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

void add_analysis(bench::Hash& h, const text::Analysis& a, size_t& sentences, size_t& tokens) {
  h.add(a.lang);
  h.add(a.lang_origin);
  h.add(a.detected.code);
  h.add(a.date.value.iso());
  h.add(a.date.origin);
  h.add(a.title);
  h.add(a.source);
  for (const auto& r : a.removed) h.add((uint64_t{r.span.start} << 32) | r.span.end), h.add(r.reason);
  for (const auto& d : a.dates) h.add((uint64_t{d.span.start} << 32) | d.span.end), h.add(d.value.iso());
  for (const auto& w : a.warnings) h.add(w);
  for (const text::Sentence& s : a.sentences) {
    h.add((uint64_t{s.span.start} << 32) | s.span.end);
    h.add(s.lang);
    for (const text::Token& t : s.tokens) {
      h.add((uint64_t{t.span.start} << 32) | t.span.end);
      h.add(static_cast<uint64_t>(t.kind));
      h.add(t.norm);
      for (const auto& p : t.morph.prefixes) h.add(p);
      h.add(t.morph.stem);
      for (const auto& x : t.morph.suffixes) h.add(x);
    }
    tokens += s.tokens.size();
  }
  sentences += a.sentences.size();
}

void BM_TextPipeline(benchmark::State& state) {
  const Pinned& pin = kPinned[state.range(0)];
  const auto& docs = corpus(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (const Document& d : docs) bytes += d.text.size();
  text::TextPipeline pipeline(resources());
  size_t sentences_total = 0;
  for (auto _ : state) {
    bench::Hash h;
    size_t sentences = 0, tokens = 0;
    for (const Document& d : docs) add_analysis(h, pipeline.analyze(d), sentences, tokens);
    if (sentences != pin.sentences || tokens != pin.tokens || h.value() != pin.hash) {
      char msg[256];
      std::snprintf(msg, sizeof msg, "%s: got sentences %zu tokens %zu hash 0x%016" PRIx64 ", pinned %zu %zu 0x%016" PRIx64,
                    pin.label, sentences, tokens, h.value(), pin.sentences, pin.tokens, pin.hash);
      state.SkipWithError(msg);
      break;
    }
    sentences_total += sentences;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes * state.iterations()));
  state.SetItemsProcessed(static_cast<int64_t>(docs.size() * state.iterations()));
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences_total), benchmark::Counter::kIsRate);
  state.SetLabel(pin.label);
}
BENCHMARK(BM_TextPipeline)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

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
