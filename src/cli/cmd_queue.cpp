// rasad enqueue | worker: documents through a Redis stream into the PostgreSQL store
// (docs/SCALING.md).
#include <cstdio>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "code/coder.h"
#include "core/paths.h"
#include "io/reader.h"
#include "queue/payload.h"
#include "queue/redis_queue.h"
#include "queue/worker.h"
#include "store/pg/pg_store.h"

namespace rasad::cli {

namespace {

struct EnqueueOptions {
  std::vector<std::string> paths;
  std::string queue;
  ingest::Options coding;  // --date, --lang: carried on each entry to the workers
};

int run_enqueue(const EnqueueOptions& o, const GlobalOptions& g) {
  auto address = queue::parse_queue_url(o.queue);
  if (!address) {
    std::cerr << "rasad: " << address.error() << "\n";
    return 2;
  }
  if (auto a = o.coding.analysis(); !a) {  // as `rasad ingest` would refuse them
    std::cerr << "rasad: " << a.error() << "\n";
    return 2;
  }
  auto q = queue::RedisQueue::connect(*address);
  if (!q) {
    std::cerr << "rasad: " << q.error() << "\n";
    return 2;
  }
  uint64_t read = 0, errors = 0;
  int64_t added = 0;
  std::string failure;
  std::vector<std::string> batch;
  auto flush = [&] {
    if (batch.empty() || !failure.empty()) return;
    auto r = (*q)->enqueue(batch);
    if (!r) failure = r.error();
    else added += *r;
    batch.clear();
  };
  io::read_paths(
      o.paths, io::ReadOptions{},
      [&](Document&& d) {
        ++read;
        batch.push_back(queue::to_payload(d, o.coding));
        if (batch.size() >= 256) flush();
      },
      [&](const Diagnostic& diag) {
        errors += diag.severity == Severity::error;
        if (!g.quiet) std::cerr << diag.format() << "\n";
      });
  flush();
  if (!failure.empty()) {
    std::cerr << "rasad: " << failure << "\n";
    return 2;
  }
  fmt::print("enqueued {} of {} documents on {}\n", added, read, address->describe());
  return read == 0 && errors > 0 ? 1 : 0;
}

struct WorkerCliOptions {
  std::string queue, db;
  unsigned threads = 1;
  double idle_exit = 0;
  double claim_after = 60;
  int max_deliveries = 3;
  double trim_every = 0;
  std::string group = "rasad";
};

int run_worker_cmd(const WorkerCliOptions& o, const GlobalOptions& g) {
  auto address = queue::parse_queue_url(o.queue);
  if (!address) {
    std::cerr << "rasad: " << address.error() << "\n";
    return 2;
  }
  if (!store::pg::is_postgres_url(o.db)) {
    std::cerr << "rasad: worker --db wants a PostgreSQL URI (postgresql://...), got '" << o.db << "'\n";
    return 2;
  }
  {  // Migrate once before the threads start, and fail early on a bad address; later the
     // consumers wait for a server that goes away (queue/worker.h).
    auto s = store::pg::PgStore::open(o.db);
    if (!s) {
      std::cerr << "rasad: " << s.error() << "\n";
      return 2;
    }
    auto q = queue::RedisQueue::connect(*address);
    if (!q) {
      std::cerr << "rasad: " << q.error() << "\n";
      return 2;
    }
  }
  std::vector<Diagnostic> problems;
  auto resources = code::CodingResources::load(resolve_data_dir(g.data_dir), problems);
  if (!resources) {
    std::cerr << "rasad: " << resources.error() << "\n";
    return 2;
  }
  queue::WorkerOptions w;
  w.queue = *address;
  w.db = o.db;
  w.group = o.group;
  w.threads = o.threads;
  w.idle_exit_s = o.idle_exit;
  w.claim_after_ms = static_cast<int64_t>(o.claim_after * 1000);
  w.max_deliveries = o.max_deliveries;
  w.trim_every_s = o.trim_every;
  w.quiet = g.quiet;
  auto st = queue::run_worker(w, *resources);
  if (!st) {
    std::cerr << "rasad: worker: " << st.error() << "\n";
    return 2;
  }
  const int64_t done = st->stored + st->unchanged;
  fmt::print("worker: {} stored, {} already stored, {} failed deliveries, {} dead-lettered; {:.2f} s, {:.1f} documents/s, "
             "{} threads{}{}\n", st->stored, st->unchanged, st->failed, st->dead, st->seconds,
             static_cast<double>(done) / std::max(st->seconds, 1e-9), o.threads,
             o.trim_every > 0 ? fmt::format("; {} acknowledged entries trimmed", st->trimmed) : "",
             st->stopped ? fmt::format("; stopped by a signal, {} entries handed back", st->handed_back) : "");
  return 0;
}

}  // namespace

std::function<int()> add_enqueue_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<EnqueueOptions>();
  CLI::App* cmd = app.add_subcommand("enqueue", "Put documents on a Redis stream for rasad worker");
  cmd->add_option("paths", o->paths, "Files, directories (recursive) or - for standard input")->required();
  cmd->add_option("--queue", o->queue, "redis://HOST:PORT/STREAM or unix:///PATH.sock?stream=NAME")->required();
  cmd->add_option("--date", o->coding.date, "Document date (YYYY-MM-DD) for documents that give none, as ingest --date");
  cmd->add_option("--lang", o->coding.lang, "Language: auto, ar, fa or en, as ingest --lang")
      ->check(CLI::IsMember({"auto", "ar", "fa", "en"}));
  return [o, &global] { return run_enqueue(*o, global); };
}

std::function<int()> add_worker_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<WorkerCliOptions>();
  CLI::App* cmd = app.add_subcommand("worker", "Code documents from a Redis stream into a PostgreSQL store");
  cmd->add_option("--queue", o->queue, "redis://HOST:PORT/STREAM or unix:///PATH.sock?stream=NAME")->required();
  cmd->add_option("--db", o->db, "PostgreSQL URI, e.g. postgresql://user@host/db or postgresql:///db?host=/run/dir")
      ->required();
  cmd->add_option("--threads", o->threads, "Consumers in this process (default 1)")->check(CLI::Range(1u, 256u));
  cmd->add_option("--idle-exit", o->idle_exit, "Exit after this many seconds without work once nothing is pending "
                                                "(default: run until stopped by SIGTERM or SIGINT)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--claim-after", o->claim_after, "Take over entries another consumer left pending this many "
                                                    "seconds (default 60)")->check(CLI::PositiveNumber);
  cmd->add_option("--max-deliveries", o->max_deliveries, "Deliveries before an entry goes to STREAM:dead (default 3)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--trim-every", o->trim_every, "Every this many seconds, and on exit, delete the stream's entries "
                                                  "every consumer group has acknowledged (default: never)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--group", o->group, "Consumer group (default rasad)");
  return [o, &global] { return run_worker_cmd(*o, global); };
}

}  // namespace rasad::cli
