#include "queue/worker.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "ingest/prepare.h"
#include "queue/payload.h"
#include "store/pg/pg_store.h"

namespace rasad::queue {

namespace {

using Clock = std::chrono::steady_clock;

struct Shared {
  Shared(const WorkerOptions& opts, const ingest::Preparer& p) : o(opts), preparer(p) {}
  const WorkerOptions& o;
  const ingest::Preparer& preparer;
  std::atomic<int64_t> stored{0}, unchanged{0}, failed{0}, dead{0};
  std::mutex error_mutex;
  std::string error;  // the first fatal error of a thread
  std::atomic<bool> stop{false};
};

// One consumer: its own connections and text pipeline.
Result<bool> consume(Shared& sh, unsigned t) {
  const WorkerOptions& o = sh.o;
  auto q = RedisQueue::connect(o.queue);
  if (!q) return Error{q.error()};
  RedisQueue& queue = **q;
  auto s = store::pg::PgStore::open(o.db);
  if (!s) return Error{s.error()};
  store::pg::PgStore& pg = **s;
  if (auto g = queue.ensure_group(o.group); !g) return Error{g.error()};
  const auto pipeline = sh.preparer.pipeline();
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  const std::string consumer = fmt::format("{}-{}-{}", host, getpid(), t);

  auto last_claim = Clock::time_point{};
  auto last_work = Clock::now();
  auto report = [&](const std::string& id, const std::string& what) {
    if (!o.quiet) std::cerr << fmt::format("rasad worker: entry {}: {}\n", id, what);
  };
  while (!sh.stop) {
    std::vector<Entry> entries;
    const auto now = Clock::now();
    // Entries of consumers that died (or stalled) mid-document, at most once a second.
    if (now - last_claim >= std::chrono::seconds(1)) {
      last_claim = now;
      auto c = queue.claim_stale(o.group, consumer, o.claim_after_ms, 8);
      if (!c) return Error{c.error()};
      entries = std::move(*c);
    }
    if (entries.empty()) {
      auto r = queue.read_new(o.group, consumer, 1, 500);
      if (!r) return Error{r.error()};
      entries = std::move(*r);
    }
    if (entries.empty()) {
      if (o.idle_exit_s > 0 && std::chrono::duration<double>(Clock::now() - last_work).count() >= o.idle_exit_s) {
        // Drained: nothing new, and nothing pending anywhere that a dead consumer could leave behind.
        auto p = queue.pending(o.group);
        if (!p) return Error{p.error()};
        if (*p == 0) return true;
      }
      continue;
    }
    for (Entry& e : entries) {
      if (e.deliveries > o.max_deliveries) {
        const std::string why = fmt::format("delivered {} times without being acknowledged (its consumers died or "
                                            "stalled)", e.deliveries);
        if (auto d = queue.dead_letter(o.group, e, why); !d) return Error{d.error()};
        report(e.id, "dead-lettered: " + why);
        ++sh.dead;
        continue;
      }
      auto doc = document_from_payload(e.payload);
      if (!doc) {  // never going to parse: no retries
        const std::string why = "not a document: " + doc.error();
        if (auto d = queue.dead_letter(o.group, e, why); !d) return Error{d.error()};
        report(e.id, "dead-lettered: " + why);
        ++sh.dead;
        continue;
      }
      std::string error;
      const std::string hash = sh.preparer.content_hash(*doc);
      auto stored = pg.hash_of(doc->id);
      if (!stored) {
        error = stored.error();
      } else if (*stored && **stored == hash) {
        ++sh.unchanged;  // stored already (an earlier delivery committed, then its consumer died)
      } else {
        try {
          auto put = pg.put(sh.preparer.prepare(std::move(*doc), *pipeline));
          if (!put) error = put.error();
          else if (*put == store::PutOutcome::unchanged) ++sh.unchanged;
          else ++sh.stored;
        } catch (const std::exception& x) {
          error = std::string("coding failed: ") + x.what();
        }
      }
      if (!error.empty()) {
        ++sh.failed;
        if (e.deliveries >= o.max_deliveries) {
          const std::string why = fmt::format("failed {} deliveries, last: {}", e.deliveries, error);
          if (auto d = queue.dead_letter(o.group, e, why); !d) return Error{d.error()};
          report(e.id, "dead-lettered: " + why);
          ++sh.dead;
        } else {
          // Left pending: claimed again (by any consumer) after claim_after_ms.
          report(e.id, fmt::format("delivery {} failed, will retry: {}", e.deliveries, error));
        }
        continue;
      }
      if (auto a = queue.ack(o.group, e.id); !a) return Error{a.error()};
    }
    last_work = Clock::now();
  }
  return true;
}

}  // namespace

Result<WorkerStats> run_worker(const WorkerOptions& o, std::shared_ptr<const code::CodingResources> resources) {
  auto preparer = ingest::Preparer::create(std::move(resources), o.coding);
  if (!preparer) return Error{preparer.error()};
  Shared sh(o, **preparer);
  const auto t0 = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, o.threads); ++t)
    pool.emplace_back([&, t] {
      auto r = consume(sh, t);
      if (!r) {
        std::lock_guard lock(sh.error_mutex);
        if (sh.error.empty()) sh.error = r.error();
        sh.stop = true;
      }
    });
  for (auto& th : pool) th.join();
  if (!sh.error.empty()) return Error{sh.error};
  WorkerStats st;
  st.stored = sh.stored;
  st.unchanged = sh.unchanged;
  st.failed = sh.failed;
  st.dead = sh.dead;
  st.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return st;
}

}  // namespace rasad::queue
