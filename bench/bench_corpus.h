#pragma once
// Fixed real input for the Google Benchmarks: the first N records of a corpus in ../shared/corpus,
// decompressed once into a fixture file next to the benchmark binary (bench_fixtures/), then read
// through the same reader as the CLI, so every run and every machine times the same documents.
// And a 64-bit FNV-1a hash, so each benchmark can check its full result against a pinned value:
// a fast wrong answer fails (the run is reported as an error naming the value it got).
#include <lzma.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "io/reader.h"

namespace rasad::bench {

// Writes the first `lines` lines of xz-compressed `corpus` (a name under ../shared/corpus) to a
// fixture file unless it is there already; returns its path.
inline std::string corpus_fixture(const std::string& corpus, size_t lines) {
  const std::string source = std::string(RASAD_SOURCE_DIR) + "/../shared/corpus/" + corpus;
  std::string stem = corpus.substr(0, corpus.find('.'));
  const std::filesystem::path dir = std::filesystem::current_path() / "bench_fixtures";
  const std::filesystem::path path = dir / (stem + "." + std::to_string(lines) + ".jsonl");
  if (std::filesystem::exists(path)) return path.string();
  std::filesystem::create_directories(dir);
  std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(source.c_str(), "rb"), &std::fclose);
  if (!in) throw std::runtime_error("cannot open " + source);
  lzma_stream strm = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&strm, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
    throw std::runtime_error("lzma decoder unavailable");
  std::vector<uint8_t> buf_in(1 << 16), buf_out(1 << 16);
  std::string out;
  size_t newlines = 0;
  lzma_action action = LZMA_RUN;
  while (newlines < lines) {
    if (strm.avail_in == 0 && action == LZMA_RUN) {
      strm.next_in = buf_in.data();
      strm.avail_in = std::fread(buf_in.data(), 1, buf_in.size(), in.get());
      if (strm.avail_in == 0) action = LZMA_FINISH;
    }
    strm.next_out = buf_out.data();
    strm.avail_out = buf_out.size();
    const lzma_ret ret = lzma_code(&strm, action);
    const size_t n = buf_out.size() - strm.avail_out;
    for (size_t i = 0; i < n && newlines < lines; ++i) {
      out.push_back(static_cast<char>(buf_out[i]));
      newlines += buf_out[i] == '\n';
    }
    if (ret == LZMA_STREAM_END) break;
    if (ret != LZMA_OK) {
      lzma_end(&strm);
      throw std::runtime_error("xz error in " + source);
    }
  }
  lzma_end(&strm);
  const std::filesystem::path tmp = path.string() + ".tmp";
  std::ofstream(tmp, std::ios::binary) << out;
  std::filesystem::rename(tmp, path);
  return path.string();
}

// The documents of the first `lines` records of `corpus` (records with empty text are skipped by
// the reader, as in the CLI).
inline std::vector<Document> corpus_documents(const std::string& corpus, size_t lines) {
  std::vector<Document> docs;
  io::read_paths({corpus_fixture(corpus, lines)}, {}, [&](Document&& d) { docs.push_back(std::move(d)); },
                 [](const Diagnostic&) {});
  if (docs.empty()) throw std::runtime_error("no documents in " + corpus);
  return docs;
}

class Hash {
 public:
  void add(std::string_view s) {
    for (unsigned char c : s) h_ = (h_ ^ c) * 1099511628211ull;
    h_ = (h_ ^ 0xff) * 1099511628211ull;  // a separator, so ("ab","c") != ("a","bc")
  }
  void add(uint64_t v) { add(std::string_view(reinterpret_cast<const char*>(&v), sizeof v)); }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 14695981039346656037ull;
};

}  // namespace rasad::bench
