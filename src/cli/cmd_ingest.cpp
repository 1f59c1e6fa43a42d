// rasad ingest: code documents and keep them in the store (docs/STORE.md). The main thread reads
// batches; ingest::Ingestor codes them on N threads and stores them through one writer.
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
#include "code/coder.h"
#include "ingest/ingestor.h"
#include "core/paths.h"
#include "io/reader.h"
#include "store/open.h"
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

  void show(const ingest::Tally& t, bool final) {
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

// Exit status of ingest (README, docs/STORE.md): a run that could not store every document it read
// must not look like a success to a script.
enum Exit { kDone = 0, kNothingRead = 1, kUsage = 2, kNotStored = 3 };

class Ingest {
 public:
  Ingest(const IngestOptions& o, const GlobalOptions& g) : o_(o), g_(g) {}

  int run() {
    if (int rc = load(); rc != kDone) return rc;
    threads_ = std::max(1u, o_.threads);
    batch_size_ = o_.batch ? o_.batch : 64u * threads_;
    progress_ = std::make_unique<Progress>(isatty(STDERR_FILENO) && !g_.quiet, o_.paths);
    read_all();
    if (cannot_open_) return kUsage;
    const std::string error = ingestor_ ? ingestor_->finish() : "";
    progress_->show(tally(), true);
    if (!error.empty()) {
      std::cerr << "rasad: the store refused a batch: " << error << "\n";
      return kNotStored;
    }
    summarize();
    if (tally().failed > 0) return kNotStored;
    return tally().read == 0 && skipped_ > 0 ? kNothingRead : kDone;
  }

 private:
  int load() {
    std::vector<Diagnostic> problems;
    auto r = code::CodingResources::load(resolve_data_dir(g_.data_dir), problems);
    if (!r) {
      std::cerr << "rasad: " << r.error() << "\n";
      return kUsage;
    }
    auto p = ingest::Preparer::create(*r, ingest::Options{o_.date, o_.lang});
    if (!p) {
      std::cerr << "rasad: " << p.error() << "\n";
      return kUsage;
    }
    preparer_ = std::move(*p);
    return kDone;
  }

  // The store is opened (and created) when the first document has been read, so that a run that
  // reads nothing leaves no empty store behind.
  bool open_store() {
    auto w = store::open_store(o_.db, store::Access::write);
    auto r = w ? store::open_store(o_.db, store::Access::read) : std::move(w);  // the reader skips unchanged documents
    if (!r) {
      progress_->break_line();
      std::cerr << "rasad: " << r.error() << "\n";
      cannot_open_ = true;
      return false;
    }
    writer_store_ = std::move(*w);
    reader_ = std::move(*r);
    ingestor_ = std::make_unique<ingest::Ingestor>(*preparer_, threads_, *writer_store_, *reader_,
                                                   [this](const store::IngestItem& item, const std::string& error) {
                                                     std::lock_guard lock(print_);
                                                     progress_->break_line();
                                                     std::cerr << "rasad: " << item.doc.path << ": document '"
                                                               << item.doc.id << "': " << error << "\n";
                                                   });
    return true;
  }

  const ingest::Tally& tally() const { return ingestor_ ? ingestor_->tally() : no_tally_; }
  bool stopped() const { return cannot_open_ || (ingestor_ && ingestor_->failed()); }

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
    if (diag.severity == Severity::error) skipped_ += diag.count;
    if (!shown(g_, diag.severity)) return;
    std::lock_guard lock(print_);
    progress_->break_line();
    std::cerr << diag.format() << "\n";
  }

  void flush() {
    if (batch_.empty() || stopped() || (!ingestor_ && !open_store())) return;
    ingestor_->add(std::move(batch_));
    batch_.clear();
    progress_->show(tally(), false);
  }

  void summarize() {
    const double secs = std::chrono::duration<double>(Clock::now() - t0_).count();
    const ingest::Tally& t = tally();
    fmt::print("read {} documents: {} new, {} replaced, {} unchanged, {} failed; {} bad inputs skipped\n",
               t.read.load(), t.inserted.load(), t.replaced.load(), t.unchanged.load(), t.failed.load(), skipped_);
    if (writer_store_) {
      const store::Counts c = writer_store_->counts().value_or(store::Counts{});
      fmt::print("store {}: {} documents ({} near-duplicates), {} mentions, {} events\n", o_.db, c.documents,
                 c.duplicates, c.mentions, c.events);
    } else {
      fmt::print("store {}: not opened, nothing to store\n", o_.db);
    }
    fmt::print("{:.2f} s, {:.1f} documents/s, {} thread{}\n", secs,
               static_cast<double>(t.read) / std::max(secs, 1e-9), threads_, threads_ == 1 ? "" : "s");
  }

  const IngestOptions& o_;
  const GlobalOptions& g_;
  const Clock::time_point t0_ = Clock::now();
  std::unique_ptr<ingest::Preparer> preparer_;
  std::unique_ptr<store::Store> writer_store_, reader_;
  unsigned threads_ = 1;
  size_t batch_size_ = 64;
  uint64_t skipped_ = 0;  // bad inputs (records, files) the readers reported and skipped
  const ingest::Tally no_tally_;
  bool cannot_open_ = false;
  std::mutex print_;
  std::unique_ptr<Progress> progress_;
  std::unique_ptr<ingest::Ingestor> ingestor_;  // after progress_ and the stores: destroyed (joined) first
  std::vector<Document> batch_;
};

}  // namespace

std::function<int()> add_ingest_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<IngestOptions>();
  CLI::App* cmd = app.add_subcommand("ingest", "Code documents and store documents, mentions and merged events");
  cmd->add_option("paths", o->paths, "Files, directories (recursive) or - for standard input")->required();
  cmd->add_option("--db", o->db, "Store: an SQLite file (default rasad.db) or a PostgreSQL URI (postgresql://...)");
  cmd->add_option("--date", o->date, "Document date (YYYY-MM-DD) for documents that give none");
  cmd->add_option("--lang", o->lang, "Language: auto, ar, fa or en")->check(CLI::IsMember({"auto", "ar", "fa", "en"}));
  cmd->add_option("--threads", o->threads, "Coding threads (default 1; one writer; the store does not depend on it)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--batch", o->batch, "Documents per transaction (default 64 per thread)")->check(CLI::Range(1u, 100000u));
  return [o, &global] { return Ingest(*o, global).run(); };
}

}  // namespace rasad::cli
