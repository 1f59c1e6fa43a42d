#pragma once
// Many coding threads, one writer (docs/STORE.md, Ingest): batches of documents are coded in
// parallel (documents stored with the same content hash are not coded again), then stored in input
// order by a single writer thread, one transaction per batch, so a killed run loses at most the open
// batch and the store does not depend on the number of threads.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ingest/prepare.h"
#include "store/store.h"

namespace rasad::ingest {

// What a run did; updated by the coding side (read, unchanged) and the writer (the rest).
struct Tally {
  std::atomic<uint64_t> read{0}, inserted{0}, replaced{0}, unchanged{0}, mentions{0}, failed{0};
};

// Batches go from the coding threads to the writer through this bounded queue (two batches), so
// coding never runs far ahead of storing.
class BatchQueue {
 public:
  void push(std::vector<store::IngestItem> b);
  void close();
  bool pop(std::vector<store::IngestItem>& out);  // false once closed and drained

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::vector<store::IngestItem>> q_;
  bool closed_ = false;
};

class Ingestor {
 public:
  // Called on the writer thread for a document the store refused (the batch goes on).
  using OnRefused = std::function<void(const store::IngestItem&, const std::string& error)>;

  // `writer` stores; `reader` (another connection to the same store) tells which documents are
  // stored unchanged. Both must outlive the Ingestor.
  Ingestor(const Preparer& preparer, unsigned threads, store::Store& writer, store::Store& reader, OnRefused on_refused);
  ~Ingestor();
  Ingestor(const Ingestor&) = delete;
  Ingestor& operator=(const Ingestor&) = delete;

  // Codes `docs` on the threads and queues them for the writer; blocks while two batches wait.
  void add(std::vector<Document> docs);
  // True once a transaction failed: the writer stopped, and add() only counts.
  bool failed() const { return failed_; }
  // Waits for the queued batches; the error that stopped the writer, "" when none did.
  const std::string& finish();
  const Tally& tally() const { return tally_; }

 private:
  void write_all();
  void store_batch(const std::vector<store::IngestItem>& b);
  void fail(const std::string& e);

  const Preparer& preparer_;
  std::vector<std::unique_ptr<text::TextPipeline>> pipelines_;
  std::vector<kb::UnitForms> forms_;  // per thread, like the pipelines
  store::Store& writer_;
  store::Store& reader_;
  OnRefused on_refused_;
  Tally tally_;
  BatchQueue queue_;
  std::atomic<bool> failed_{false};
  std::string error_;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace rasad::ingest
