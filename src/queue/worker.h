#pragma once
// `rasad worker`: takes documents off a Redis stream, codes them and stores them in PostgreSQL
// (docs/SCALING.md). Delivery is at least once (an entry is acknowledged after its transaction
// commits); storing is idempotent (a document whose content hash is stored is skipped), so the
// effect is exactly once. A consumer whose Redis or PostgreSQL connection fails connects again
// with backoff (100 ms doubling to 5 s) for as long as it takes; the document in hand is stored
// once PostgreSQL is back, and entries left unacknowledged stay pending for any consumer.
// SIGTERM or SIGINT stop it gracefully: each consumer finishes (stores and acknowledges) the
// document in hand, hands the entries it has not begun back to the group (claimable at once),
// and run_worker returns; the signals are blocked while it runs.
#include <cstdint>
#include <memory>
#include <string>

#include "code/coder.h"
#include "core/result.h"
#include "ingest/options.h"
#include "queue/redis_queue.h"

namespace rasad::queue {

struct WorkerOptions {
  QueueAddress queue;
  std::string db;               // libpq URI
  std::string group = "rasad";  // consumer group
  unsigned threads = 1;         // each with its own Redis and PostgreSQL connection
  double idle_exit_s = 0;       // > 0: exit once nothing was read for this long and nothing is pending
  int64_t claim_after_ms = 60000;  // take over entries another consumer left pending this long
  int max_deliveries = 3;       // an entry failing this many deliveries goes to <stream>:dead
  double trim_every_s = 0;      // > 0: this often, and on exit, delete the entries every group acknowledged
  ingest::Options coding;       // for entries enqueued without --date/--lang (their own otherwise)
  bool quiet = false;
};

struct WorkerStats {
  int64_t stored = 0, unchanged = 0, failed = 0, dead = 0;
  int64_t handed_back = 0;  // entries in hand when asked to stop, not begun: back to the group
  int64_t trimmed = 0;      // acknowledged entries deleted from the stream
  bool stopped = false;     // by SIGTERM or SIGINT
  double seconds = 0;
};

Result<WorkerStats> run_worker(const WorkerOptions& o, std::shared_ptr<const code::CodingResources> resources);

}  // namespace rasad::queue
