// Sentence and token segmentation throughput (ICU break iteration, quote and abbreviation rules,
// normalization and the best morphological analysis of every token) on real news: SaudiNewsNet
// (Arabic) and Fars News (Persian) from ../shared/corpus, each document split as one region. Bytes
// processed are original UTF-8 bytes, so results read as MB/s per core. Each run checks that the
// sentence and token counts equal those of a first untimed pass, so a fast wrong answer fails.
// RASAD_BENCH_MB limits how many MB of text each corpus contributes (default 8).
#include <benchmark/benchmark.h>
#include <lzma.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "text/segment.h"

namespace {

using namespace rasad;
using namespace rasad::text;

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
    if (ret == LZMA_STREAM_END)
      done = true;
    else if (ret != LZMA_OK)
      break;
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

struct Setup {
  Normalizer normalizer;
  Morphology morphology;
  SegmentRules rules;
};

MorphRules rules_or_throw(const std::string& path) {
  auto r = load_morph_rules(path);
  if (!r) throw std::runtime_error(r.error());
  return std::move(r).value();
}

const Setup& setup() {
  static const Setup s = [] {
    SegmentRules rules;
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(RASAD_SOURCE_DIR "/data/text/abbreviations/en.txt", "rb"),
                                            &std::fclose);
    char line[256];
    while (f && std::fgets(line, sizeof line, f.get())) {
      std::string l(line);
      while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.pop_back();
      if (!l.empty() && l[0] != '#') rules.abbreviations_en.push_back(l);
    }
    return Setup{Normalizer(),
                 Morphology(rules_or_throw(RASAD_SOURCE_DIR "/data/text/morphology/ar.tsv"),
                            rules_or_throw(RASAD_SOURCE_DIR "/data/text/morphology/fa.tsv")),
                 std::move(rules)};
  }();
  return s;
}

const Corpus& corpus(int which) {
  static const size_t limit = [] {
    const char* mb = std::getenv("RASAD_BENCH_MB");
    return static_cast<size_t>(mb ? std::atof(mb) * 1e6 : 8e6);
  }();
  static const Corpus ar = load_corpus(RASAD_SOURCE_DIR "/../shared/corpus/saudinewsnet.jsonl.xz", limit);
  static const Corpus fa = load_corpus(RASAD_SOURCE_DIR "/../shared/corpus/farsnews.jsonl.xz", limit);
  return which == 0 ? ar : fa;
}

void BM_Segment(benchmark::State& state) {
  const Corpus& c = corpus(static_cast<int>(state.range(0)));
  if (c.texts.empty()) {
    state.SkipWithError("corpus not found under ../shared/corpus");
    return;
  }
  const char* lang = state.range(0) == 0 ? "ar" : "fa";
  Segmenter seg(setup().rules, setup().normalizer, setup().morphology);
  const auto count = [&] {
    size_t sentences = 0, tokens = 0;
    for (const std::string& t : c.texts) {
      const auto out = seg.split(t, {0, static_cast<uint32_t>(t.size())}, lang);
      sentences += out.size();
      for (const Sentence& s : out) tokens += s.tokens.size();
    }
    return std::pair{sentences, tokens};
  };
  const auto expected = count();
  size_t sentences = 0, tokens = 0;
  for (auto _ : state) {
    const auto got = count();
    if (got != expected) state.SkipWithError("segmentation differs between runs");
    sentences += got.first;
    tokens += got.second;
  }
  state.SetBytesProcessed(static_cast<int64_t>(c.bytes * state.iterations()));
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.SetLabel(state.range(0) == 0 ? "saudinewsnet (ar)" : "farsnews (fa)");
}
BENCHMARK(BM_Segment)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
