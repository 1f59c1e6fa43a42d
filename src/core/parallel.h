#pragma once
// Batch parallelism shared by the commands that read many documents (doc, code, ingest).
#include <cstddef>
#include <thread>
#include <vector>

namespace rasad {

// Calls fn(worker, i) for every i < n: worker t takes i = t, t + threads, ... (each worker owns its
// per-thread state, e.g. a TextPipeline), and returns when all are done. Results written by index
// keep input order, so output never depends on the number of threads.
template <class Fn>
void parallel_indices(size_t n, unsigned threads, Fn&& fn) {
  auto work = [&](unsigned t) {
    for (size_t i = t; i < n; i += threads) fn(t, i);
  };
  if (threads <= 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) fn(0u, i);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
  for (auto& th : pool) th.join();
}

}  // namespace rasad
