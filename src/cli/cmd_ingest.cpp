// rasad ingest: code documents and keep them in the store (docs/STORE.md). The main thread reads,
// N threads code each batch, one writer thread stores the batches in input order.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/parallel.h"
#include "code/coder.h"
#include "core/paths.h"
#include "io/reader.h"
#include "store/store.h"
#include "text/pipeline.h"

namespace rasad::cli {

namespace {

using Clock = std::chrono::steady_clock;

constexpr unsigned kDefaultThreads = 1;

struct IngestOptions {
  std::vector<std::string> paths;
  std::string db = "rasad.db";
  std::string date;
  std::string lang = "auto";
  unsigned threads = kDefaultThreads;
  unsigned batch = 0;  // documents per transaction; 0 = 64 per thread
};

// What a run did. The writer thread updates the store outcomes, the main thread the rest.
struct Tally {
  std::atomic<uint64_t> read{0}, inserted{0}, replaced{0}, unchanged{0}, mentions{0}, failed{0};
  uint64_t skipped = 0;  // bad inputs (records, files) the readers reported and skipped
};

// Batches go from the coding threads to the single writer through this bounded queue.
class BatchQueue {
 public:
  void push(std::vector<store::IngestItem> b) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return q_.size() < 2; });
    q_.push_back(std::move(b));
    cv_.notify_all();
  }
  void close() {
    std::lock_guard lock(m_);
    closed_ = true;
    cv_.notify_all();
  }
  bool pop(std::vector<store::IngestItem>& out) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return !q_.empty() || closed_; });
    if (q_.empty()) return false;
    out = std::move(q_.front());
    q_.pop_front();
    cv_.notify_all();
    return true;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::vector<store::IngestItem>> q_;
  bool closed_ = false;
};

// Paths the counting pass may read a second time: not standard input, pipes or devices, whose
// bytes the pass would take from the real read.
bool rereadable(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  return std::all_of(paths.begin(), paths.end(), [](const std::string& p) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    return p != "-" && !ec && (fs::is_regular_file(st) || fs::is_directory(st));
  });
}

// The progress line on a terminal. The number of documents comes from a counting pass on another
// thread (reading is cheap next to coding), so the ETA appears once it is done.
class Progress {
 public:
  Progress(bool enabled, const std::vector<std::string>& paths) : enabled_(enabled) {
    if (enabled_ && rereadable(paths))
      counter_ = std::thread([this, paths] {
        total_ = static_cast<int64_t>(io::read_paths(paths, io::ReadOptions{}, [](Document&&) {}, [](const Diagnostic&) {}));
      });
  }
  ~Progress() {
    if (counter_.joinable()) counter_.join();
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void show(const Tally& t, bool final) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    const double secs = std::max(std::chrono::duration<double>(now - t0_).count(), 1e-3);
    const uint64_t read = t.read;
    const double rate = static_cast<double>(read) / secs;
    std::string line = fmt::format("\rrasad ingest: {} documents, {} mentions, {:.1f} docs/s", read, t.mentions.load(), rate);
    const int64_t total = total_;
    if (total >= 0 && !final) {
      const double left = static_cast<double>(std::max<int64_t>(0, total - static_cast<int64_t>(read)));
      line += fmt::format(" of {}, ETA {:.0f} s", total, rate > 0 ? left / rate : 0.0);
    }
    line += final ? "    \n" : "    ";
    std::fputs(line.c_str(), stderr);
    open_line_ = !final;
  }
  // Ends the progress line, so that a message printed next starts on its own line.
  void break_line() {
    if (open_line_) std::fputs("\n", stderr);
    open_line_ = false;
  }

 private:
  bool enabled_;
  bool open_line_ = false;
  std::atomic<int64_t> total_{-1};
  std::thread counter_;
  const Clock::time_point t0_ = Clock::now();
  Clock::time_point last_ = t0_;
};

// The single writer: one transaction per batch, so a killed run loses at most the open batch.
// A document SQLite refuses is reported and skipped; the batch goes on.
class Writer {
 public:
  Writer(store::Store& s, Tally& tally, Progress& progress) : store_(s), tally_(tally), progress_(progress) {
    thread_ = std::thread([this] { run(); });
  }
  ~Writer() { finish(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void push(std::vector<store::IngestItem> b) { queue_.push(std::move(b)); }
  bool failed() const { return failed_; }
  // Waits for the stored batches; the error that stopped the writer, if one did.
  const std::string& finish() {
    queue_.close();
    if (thread_.joinable()) thread_.join();
    return error_;
  }

 private:
  void run() {
    std::vector<store::IngestItem> b;
    while (queue_.pop(b))
      if (!failed_) store_batch(b);  // after a fatal error the queue is only drained
  }
  void store_batch(const std::vector<store::IngestItem>& b) {
    if (auto r = store_.begin(); !r) return fail(r.error());
    for (const auto& item : b) {
      auto r = store_.put(item);
      if (!r) {
        report(item, r.error());
        continue;
      }
      if (*r == store::PutOutcome::inserted) ++tally_.inserted;
      if (*r == store::PutOutcome::replaced) ++tally_.replaced;
      if (*r == store::PutOutcome::unchanged) ++tally_.unchanged;
      if (*r != store::PutOutcome::unchanged) tally_.mentions += item.events.size();
    }
    if (auto r = store_.commit(); !r) fail(r.error());
  }
  void report(const store::IngestItem& item, const std::string& error) {
    ++tally_.failed;
    std::lock_guard lock(print_);
    progress_.break_line();
    std::cerr << "rasad: " << item.doc.path << ": document '" << item.doc.id << "': " << error << "\n";
  }
  void fail(const std::string& e) {
    error_ = e;
    failed_ = true;
    store_.rollback();
  }

  store::Store& store_;
  Tally& tally_;
  Progress& progress_;
  BatchQueue queue_;
  std::mutex print_;
  std::atomic<bool> failed_{false};
  std::string error_;
  std::thread thread_;
};

// Exit status of ingest (README, docs/STORE.md): a run that could not store every document it read
// must not look like a success to a script.
enum Exit { kDone = 0, kNothingRead = 1, kUsage = 2, kNotStored = 3 };

class Ingest {
 public:
  Ingest(const IngestOptions& o, const GlobalOptions& g) : o_(o), g_(g) {}

  int run() {
    if (int rc = load(); rc != kDone) return rc;
    const unsigned threads = std::max(1u, o_.threads);
    for (unsigned i = 0; i < threads; ++i) pipelines_.push_back(std::make_unique<text::TextPipeline>(resources_->text));
    batch_size_ = o_.batch ? o_.batch : 64u * threads;
    progress_ = std::make_unique<Progress>(isatty(STDERR_FILENO) && !g_.quiet, o_.paths);
    read_all();
    if (cannot_open_) return kUsage;
    const std::string error = writer_ ? writer_->finish() : "";
    progress_->show(tally_, true);
    if (!error.empty()) {
      std::cerr << "rasad: the store refused a batch: " << error << "\n";
      return kNotStored;
    }
    summarize();
    if (tally_.failed > 0) return kNotStored;
    return tally_.read == 0 && tally_.skipped > 0 ? kNothingRead : kDone;
  }

 private:
  int load() {
    std::vector<Diagnostic> problems;
    auto r = code::CodingResources::load(resolve_data_dir(g_.data_dir), problems);
    if (!r) {
      std::cerr << "rasad: " << r.error() << "\n";
      return kUsage;
    }
    resources_ = std::move(*r);
    coder_ = std::make_unique<code::EventCoder>(resources_);
    analyze_.lang = o_.lang;
    if (!o_.date.empty()) {
      analyze_.date = text::parse_metadata_date(o_.date);
      if (!analyze_.date || analyze_.date->precision != text::DatePrecision::day) {
        std::cerr << "rasad: --date wants YYYY-MM-DD, got '" << o_.date << "'\n";
        return kUsage;
      }
    }
    // The options that change coding are part of each document's content hash.
    hash_options_ = "date=" + o_.date + ";lang=" + o_.lang;
    return kDone;
  }

  // The store is opened (and created) when the first document has been read, so that a run that
  // reads nothing leaves no empty store behind.
  bool open_store() {
    auto w = store::Store::open(o_.db);
    auto r = w ? store::Store::open(o_.db, true) : std::move(w);  // the reader skips unchanged documents
    if (!r) {
      progress_->break_line();
      std::cerr << "rasad: " << r.error() << "\n";
      cannot_open_ = true;
      return false;
    }
    writer_store_ = std::move(*w);
    reader_ = std::move(*r);
    writer_ = std::make_unique<Writer>(*writer_store_, tally_, *progress_);
    return true;
  }

  bool stopped() const { return cannot_open_ || (writer_ && writer_->failed()); }

  void read_all() {
    io::read_paths(
        o_.paths, io::ReadOptions{},
        [&](Document&& d) {
          if (stopped()) return;
          batch_.push_back(std::move(d));
          if (batch_.size() >= batch_size_) flush();
        },
        [&](const Diagnostic& diag) { on_diagnostic(diag); });
    flush();
  }

  void on_diagnostic(const Diagnostic& diag) {
    if (diag.severity == Severity::error) tally_.skipped += diag.count;
    if (!shown(g_, diag.severity)) return;
    progress_->break_line();
    std::cerr << diag.format() << "\n";
  }

  // Codes the batch on the worker threads (documents stored with the same content are not coded
  // again) and hands it to the writer.
  void flush() {
    if (batch_.empty() || stopped() || (!writer_ && !open_store())) return;
    std::vector<store::IngestItem> items(batch_.size());
    std::vector<char> skip(batch_.size(), 0);
    for (size_t i = 0; i < batch_.size(); ++i) {
      items[i].content_hash = store::content_hash(batch_[i], hash_options_);
      auto h = reader_->hash_of(batch_[i].id);
      skip[i] = h && *h == items[i].content_hash;
    }
    parallel_indices(batch_.size(), static_cast<unsigned>(pipelines_.size()), [&](unsigned t, size_t i) {
      if (!skip[i]) code_one(*pipelines_[t], batch_[i], items[i]);
    });
    std::vector<store::IngestItem> out;
    for (size_t i = 0; i < batch_.size(); ++i) {
      if (skip[i]) {
        ++tally_.unchanged;
        continue;
      }
      items[i].doc = std::move(batch_[i]);
      out.push_back(std::move(items[i]));
    }
    tally_.read += batch_.size();
    batch_.clear();
    if (!out.empty()) writer_->push(std::move(out));
    progress_->show(tally_, false);
  }

  void code_one(text::TextPipeline& pipeline, const Document& doc, store::IngestItem& it) const {
    const text::Normalizer& normalizer = resources_->kb->normalizer();
    const text::Analysis a = pipeline.analyze(doc, analyze_);
    it.events = coder_->code(doc, a);
    it.lang = a.lang;
    it.date = a.date.value.iso();
    it.source = !doc.source.empty() ? doc.source : a.source;
    it.normalized_title = normalizer.normalize_string(doc.title.empty() ? a.title : doc.title);
    it.normalized_text = normalizer.normalize_string(doc.text);
    it.sketch = store::make_sketch(normalizer.normalize_string(text::kept_text(doc, a)));
  }

  void summarize() {
    const double secs = std::chrono::duration<double>(Clock::now() - t0_).count();
    const uint64_t threads = pipelines_.size();
    fmt::print("read {} documents: {} new, {} replaced, {} unchanged, {} failed; {} bad inputs skipped\n",
               tally_.read.load(), tally_.inserted.load(), tally_.replaced.load(), tally_.unchanged.load(),
               tally_.failed.load(), tally_.skipped);
    if (writer_store_) {
      const store::Counts c = writer_store_->counts();
      fmt::print("store {}: {} documents ({} near-duplicates), {} mentions, {} events\n", o_.db, c.documents,
                 c.duplicates, c.mentions, c.events);
    } else {
      fmt::print("store {}: not opened, nothing to store\n", o_.db);
    }
    fmt::print("{:.2f} s, {:.1f} documents/s, {} thread{}\n", secs,
               static_cast<double>(tally_.read) / std::max(secs, 1e-9), threads, threads == 1 ? "" : "s");
  }

  const IngestOptions& o_;
  const GlobalOptions& g_;
  const Clock::time_point t0_ = Clock::now();
  std::shared_ptr<const code::CodingResources> resources_;
  std::unique_ptr<code::EventCoder> coder_;
  text::AnalyzeOptions analyze_;
  std::string hash_options_;
  std::unique_ptr<store::Store> writer_store_, reader_;
  std::vector<std::unique_ptr<text::TextPipeline>> pipelines_;
  size_t batch_size_ = 64;
  Tally tally_;
  bool cannot_open_ = false;
  std::unique_ptr<Progress> progress_;
  std::unique_ptr<Writer> writer_;  // after progress_: destroyed (joined) first
  std::vector<Document> batch_;
};

}  // namespace

std::function<int()> add_ingest_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<IngestOptions>();
  CLI::App* cmd = app.add_subcommand("ingest", "Code documents and store documents, mentions and merged events");
  cmd->add_option("paths", o->paths, "Files, directories (recursive) or - for standard input")->required();
  cmd->add_option("--db", o->db, "Store file (SQLite, default rasad.db)");
  cmd->add_option("--date", o->date, "Document date (YYYY-MM-DD) for documents that give none");
  cmd->add_option("--lang", o->lang, "Language: auto, ar, fa or en")->check(CLI::IsMember({"auto", "ar", "fa", "en"}));
  cmd->add_option("--threads", o->threads, "Coding threads (default 1; one writer; the store does not depend on it)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--batch", o->batch, "Documents per transaction (default 64 per thread)")->check(CLI::Range(1u, 100000u));
  return [o, &global] { return Ingest(*o, global).run(); };
}

}  // namespace rasad::cli
