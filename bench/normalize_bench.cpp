// Throughput of normalization for matching on real news text: the SaudiNewsNet (Arabic) and Fars
// News (Persian) corpora under ../shared/corpus, read straight from their .jsonl.xz files. Bytes
// processed are original UTF-8 bytes, so results read as MB/s per core. Each run checks its result
// (normalized size equal to a first untimed pass, no Persian yeh/keheh left) so a fast wrong answer
// fails. RASAD_BENCH_MB limits how many MB of text each corpus contributes (default 32).
#include <benchmark/benchmark.h>
#include <lzma.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/normalize.h"

namespace {

using rasad::text::Normalizer;

struct Corpus {
  std::vector<std::string> texts;
  size_t bytes = 0;
};

// Decompresses `path` and keeps the "text" field of each JSON line until `limit` bytes of text.
Corpus load_corpus(const std::string& path, size_t limit) {
  Corpus corpus;
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return corpus;
  lzma_stream strm = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&strm, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) return corpus;
  std::vector<uint8_t> in(1 << 16), out(1 << 16);
  std::string pending;
  lzma_action action = LZMA_RUN;
  bool done = false;
  while (!done && corpus.bytes < limit) {
    if (strm.avail_in == 0 && action == LZMA_RUN) {
      strm.next_in = in.data();
      strm.avail_in = std::fread(in.data(), 1, in.size(), file.get());
      if (strm.avail_in == 0) action = LZMA_FINISH;
    }
    strm.next_out = out.data();
    strm.avail_out = out.size();
    const lzma_ret ret = lzma_code(&strm, action);
    pending.append(reinterpret_cast<const char*>(out.data()), out.size() - strm.avail_out);
    if (ret == LZMA_STREAM_END) done = true;
    else if (ret != LZMA_OK) break;
    size_t start = 0, nl;
    while ((nl = pending.find('\n', start)) != std::string::npos && corpus.bytes < limit) {
      auto record = nlohmann::json::parse(pending.begin() + static_cast<std::ptrdiff_t>(start),
                                          pending.begin() + static_cast<std::ptrdiff_t>(nl), nullptr, false);
      if (record.is_object() && record.contains("text") && record["text"].is_string()) {
        corpus.texts.push_back(record["text"].get<std::string>());
        corpus.bytes += corpus.texts.back().size();
      }
      start = nl + 1;
    }
    pending.erase(0, start);
  }
  lzma_end(&strm);
  return corpus;
}

size_t limit_bytes() {
  const char* mb = std::getenv("RASAD_BENCH_MB");
  return static_cast<size_t>(mb ? std::atoll(mb) : 32) << 20;
}

const Corpus& corpus(const std::string& name) {
  static const Corpus saudi =
      load_corpus(RASAD_SOURCE_DIR "/../shared/corpus/saudinewsnet.jsonl.xz", limit_bytes());
  static const Corpus fars = load_corpus(RASAD_SOURCE_DIR "/../shared/corpus/farsnews.jsonl.xz", limit_bytes());
  return name == "fars" ? fars : saudi;
}

template <bool kOffsets>
void BM_Normalize(benchmark::State& state, const std::string& name) {
  const Corpus& c = corpus(name);
  if (c.texts.empty()) {
    state.SkipWithError("corpus not found under ../shared/corpus");
    return;
  }
  const Normalizer normalizer;
  size_t expected = 0;
  for (const auto& t : c.texts) expected += normalizer.normalize_string(t).size();
  for (auto _ : state) {
    size_t produced = 0;
    bool clean = true;
    for (const auto& t : c.texts) {
      if constexpr (kOffsets) {
        const auto nt = normalizer.normalize(t);
        produced += nt.text.size();
        clean = clean && nt.offsets.size() == nt.text.size() + 1;
        benchmark::DoNotOptimize(nt.offsets.data());
      } else {
        const auto s = normalizer.normalize_string(t);
        produced += s.size();
        clean = clean && s.find("\u06CC") == std::string::npos && s.find("\u06A9") == std::string::npos;
      }
    }
    if (produced != expected || !clean) {
      state.SkipWithError("normalization result changed between runs or kept variant letters");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(c.texts.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_NormalizeWithOffsets(benchmark::State& state, const std::string& name) { BM_Normalize<true>(state, name); }
void BM_NormalizeTextOnly(benchmark::State& state, const std::string& name) { BM_Normalize<false>(state, name); }

BENCHMARK_CAPTURE(BM_NormalizeWithOffsets, saudinewsnet, std::string("saudi"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NormalizeTextOnly, saudinewsnet, std::string("saudi"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NormalizeWithOffsets, farsnews, std::string("fars"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NormalizeTextOnly, farsnews, std::string("fars"))->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
