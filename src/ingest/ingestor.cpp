#include "ingest/ingestor.h"

#include <algorithm>

#include "core/parallel.h"

namespace rasad::ingest {

void BatchQueue::push(std::vector<store::IngestItem> b) {
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return q_.size() < 2; });
  q_.push_back(std::move(b));
  cv_.notify_all();
}

void BatchQueue::close() {
  std::lock_guard lock(m_);
  closed_ = true;
  cv_.notify_all();
}

bool BatchQueue::pop(std::vector<store::IngestItem>& out) {
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return !q_.empty() || closed_; });
  if (q_.empty()) return false;
  out = std::move(q_.front());
  q_.pop_front();
  cv_.notify_all();
  return true;
}

Ingestor::Ingestor(const Preparer& preparer, unsigned threads, store::Store& writer, store::Store& reader,
                   OnRefused on_refused)
    : preparer_(preparer), writer_(writer), reader_(reader), on_refused_(std::move(on_refused)) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) pipelines_.push_back(preparer_.pipeline());
  forms_.resize(pipelines_.size());
  thread_ = std::thread([this] { write_all(); });
}

Ingestor::~Ingestor() { finish(); }

void Ingestor::add(std::vector<Document> docs) {
  tally_.read += docs.size();
  if (failed_) return;
  std::vector<char> skip(docs.size(), 0);
  for (size_t i = 0; i < docs.size(); ++i) {
    // A failed look-up codes the document again; put() still finds it unchanged.
    auto h = reader_.hash_of(docs[i].id);
    skip[i] = h && *h && **h == preparer_.content_hash(docs[i]);
  }
  std::vector<store::IngestItem> items(docs.size());
  parallel_indices(docs.size(), static_cast<unsigned>(pipelines_.size()), [&](unsigned t, size_t i) {
    if (!skip[i]) items[i] = preparer_.prepare(std::move(docs[i]), *pipelines_[t], &forms_[t]);
  });
  std::vector<store::IngestItem> out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (skip[i]) ++tally_.unchanged;
    else out.push_back(std::move(items[i]));
  }
  if (!out.empty()) queue_.push(std::move(out));
}

const std::string& Ingestor::finish() {
  queue_.close();
  if (thread_.joinable()) thread_.join();
  return error_;
}

void Ingestor::write_all() {
  std::vector<store::IngestItem> b;
  while (queue_.pop(b))
    if (!failed_) store_batch(b);  // after a fatal error the queue is only drained
}

void Ingestor::store_batch(const std::vector<store::IngestItem>& b) {
  if (auto r = writer_.begin(); !r) return fail(r.error());
  for (const auto& item : b) {
    auto r = writer_.put(item);
    if (!r) {
      ++tally_.failed;
      on_refused_(item, r.error());
      continue;
    }
    if (*r == store::PutOutcome::inserted) ++tally_.inserted;
    if (*r == store::PutOutcome::replaced) ++tally_.replaced;
    if (*r == store::PutOutcome::unchanged) ++tally_.unchanged;
    if (*r != store::PutOutcome::unchanged) tally_.mentions += item.events.size();
  }
  if (auto r = writer_.commit(); !r) fail(r.error());
}

void Ingestor::fail(const std::string& e) {
  error_ = e;
  failed_ = true;
  writer_.rollback();
}

}  // namespace rasad::ingest
