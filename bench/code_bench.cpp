// Event-coder throughput (EventCoder::code, the text layer excluded) on fixed real news: the first
// 300 records of SaudiNewsNet (Arabic) and Fars News (Persian) (bench_corpus.h), analyzed once
// untimed, then coded whole in every iteration with the default options (classifiers and attacher
// on). Reports bytes/s of document text, documents/s and events/s, and checks every iteration's
// result (event count and a hash of every event's JSON record) against pinned values, so a fast
// wrong answer fails. A change meant to alter the events updates the pinned values: the error
// message prints the new ones.
#include <benchmark/benchmark.h>

#include <cinttypes>
#include <cstdio>
#include <stdexcept>

#include "bench_corpus.h"
#include "code/coder.h"
#include "code/event_io.h"

namespace {

using namespace rasad;

constexpr size_t kRecords = 300;

struct Pinned {
  const char* corpus;
  const char* label;
  size_t events;
  uint64_t hash;
};
// What the coder makes of the first kRecords records of each corpus.
constexpr Pinned kPinned[] = {
    {"saudinewsnet.jsonl.xz", "saudinewsnet (ar)", 2314, 0x93a2a2b0335f0933},
    {"farsnews.jsonl.xz", "farsnews (fa)", 1927, 0x60adf7f1a40c512d},
};

std::shared_ptr<const code::CodingResources> resources() {
  static const auto r = [] {
    std::vector<Diagnostic> problems;
    auto res = code::CodingResources::load(RASAD_SOURCE_DIR "/data", problems);
    if (!res) throw std::runtime_error(res.error());
    return *res;
  }();
  return r;
}

struct Analyzed {
  std::vector<Document> docs;
  std::vector<text::Analysis> analyses;
  size_t bytes = 0;
};

const Analyzed& corpus(int which) {
  static const auto load = [](const char* name) {
    Analyzed c;
    c.docs = bench::corpus_documents(name, kRecords);
    text::TextPipeline pipeline(resources()->text);
    for (const Document& d : c.docs) {
      c.analyses.push_back(pipeline.analyze(d));
      c.bytes += d.text.size();
    }
    return c;
  };
  static const Analyzed ar = load(kPinned[0].corpus);
  static const Analyzed fa = load(kPinned[1].corpus);
  return which == 0 ? ar : fa;
}

void BM_EventCoder(benchmark::State& state) {
  const Pinned& pin = kPinned[state.range(0)];
  const Analyzed& c = corpus(static_cast<int>(state.range(0)));
  const code::EventCoder coder(resources());
  size_t events_total = 0;
  for (auto _ : state) {
    bench::Hash h;
    size_t events = 0;
    kb::UnitForms unit_forms;  // as `rasad code` keeps them for a thread's documents
    for (size_t i = 0; i < c.docs.size(); ++i) {
      for (const code::Event& e : coder.code(c.docs[i], c.analyses[i], {}, &unit_forms)) {
        h.add(code::to_json(e).dump());
        ++events;
      }
    }
    if (events != pin.events || h.value() != pin.hash) {
      char msg[256];
      std::snprintf(msg, sizeof msg, "%s: got events %zu hash 0x%016" PRIx64 ", pinned %zu 0x%016" PRIx64, pin.label,
                    events, h.value(), pin.events, pin.hash);
      state.SkipWithError(msg);
      break;
    }
    events_total += events;
  }
  state.SetBytesProcessed(static_cast<int64_t>(c.bytes * state.iterations()));
  state.SetItemsProcessed(static_cast<int64_t>(c.docs.size() * state.iterations()));
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events_total), benchmark::Counter::kIsRate);
  state.SetLabel(pin.label);
}
BENCHMARK(BM_EventCoder)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
