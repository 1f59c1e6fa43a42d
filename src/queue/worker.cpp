#include "queue/worker.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <chrono>
#include <iostream>
#include <optional>
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
  Shared(const WorkerOptions& opts, std::shared_ptr<const code::CodingResources> r, const ingest::Preparer& p)
      : o(opts), resources(std::move(r)), preparer(p) {}
  const WorkerOptions& o;
  std::shared_ptr<const code::CodingResources> resources;
  const ingest::Preparer& preparer;  // with o.coding: for entries enqueued without options
  std::atomic<int64_t> stored{0}, unchanged{0}, failed{0}, dead{0}, handed_back{0}, trimmed{0};
  std::atomic<bool> stop{false};  // set by StopSignals: finish the entry in hand, then return
};

// SIGTERM and SIGINT ask the worker to stop. They are blocked in every thread of the worker (the
// mask is set before the consumers start, which inherit it) and taken synchronously by one
// watching thread with sigtimedwait: so the request is the plain atomic Shared::stop, with no
// signal handler and no global state, and no consumer's system call is interrupted (EINTR) in
// the middle of a transaction or a Redis reply.
class StopSignals {
 public:
  StopSignals(std::atomic<bool>& stop, bool quiet) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
    watcher_ = std::thread([this, &stop, quiet] {
      const timespec tick{0, 200'000'000};
      while (!done_) {
        siginfo_t info;
        if (sigtimedwait(&set_, &info, &tick) < 0) continue;
        if (!quiet && !stop)
          std::cerr << fmt::format("rasad worker: {}: finishing the documents in hand, then stopping\n",
                                   info.si_signo == SIGINT ? "SIGINT" : "SIGTERM");
        stop = true;
      }
    });
  }
  // Takes the signals that arrived since (the stop they asked for is done), then unblocks them.
  ~StopSignals() {
    done_ = true;
    watcher_.join();
    const timespec now{0, 0};
    while (sigtimedwait(&set_, nullptr, &now) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  sigset_t set_, old_;
  std::atomic<bool> done_{false};
  std::thread watcher_;
};

// One consumer: its own text pipeline and its own connections, made again when a server goes away
// (a restart, a failover): with backoff, for as long as it takes, while its entries stay pending.
class Consumer {
 public:
  Consumer(Shared& sh, unsigned t)
      : sh_(sh), o_(sh.o), pipeline_(sh.preparer.pipeline()), trims_(t == 0 && sh.o.trim_every_s > 0) {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    name_ = fmt::format("{}-{}-{}", host, getpid(), t);
  }

  void run() {
    auto last_claim = Clock::time_point{};
    auto last_work = Clock::now();
    auto last_trim = Clock::now();
    while (!sh_.stop && connect_redis()) {
      std::vector<Entry> entries;
      const auto now = Clock::now();
      if (trims_ && std::chrono::duration<double>(now - last_trim).count() >= o_.trim_every_s) {
        last_trim = now;
        if (!trim()) continue;
      }
      // Entries of consumers that died (or stalled) mid-document, at most once a second.
      if (now - last_claim >= std::chrono::seconds(1)) {
        last_claim = now;
        auto c = queue_->claim_stale(o_.group, name_, o_.claim_after_ms, 8);
        if (!c) {
          lost_redis(c.error());
          continue;
        }
        entries = std::move(*c);
      }
      if (entries.empty()) {
        auto r = queue_->read_new(o_.group, name_, 1, 500);
        if (!r) {
          lost_redis(r.error());
          continue;
        }
        entries = std::move(*r);
      }
      if (entries.empty()) {
        if (o_.idle_exit_s > 0 && std::chrono::duration<double>(Clock::now() - last_work).count() >= o_.idle_exit_s) {
          // Drained: nothing new, and nothing pending anywhere that a dead consumer could leave behind.
          auto p = queue_->pending(o_.group);
          if (!p) lost_redis(p.error());
          else if (*p == 0) break;
        }
        continue;
      }
      for (size_t i = 0; i < entries.size(); ++i) {
        if (sh_.stop) {  // asked to stop: the entries not begun go back to the group
          while (i < entries.size() && hand_back(entries[i])) ++i;  // (Redis lost: they stay pending)
          break;
        }
        if (!handle(entries[i])) break;  // Redis went away: the rest stay pending
      }
      last_work = Clock::now();
    }
    if (trims_ && queue_) trim();  // what this worker acknowledged last
  }

 private:
  // Stores (or finds stored) the entry's document, then acknowledges it; false when Redis is lost.
  bool handle(const Entry& e) {
    if (e.deliveries > o_.max_deliveries)
      return dead(e, fmt::format("delivered {} times without being acknowledged (its consumers died or stalled)",
                                 e.deliveries));
    auto p = from_payload(e.payload);
    if (!p) return dead(e, "not a document: " + p.error());  // never going to parse: no retries
    auto preparer = preparer_for(p->options);
    if (!preparer) return dead(e, "bad options: " + preparer.error());
    const std::string error = store(std::move(p->doc), **preparer);
    if (sh_.stop && !pg_) return hand_back(e);  // stopped while PostgreSQL was away: not stored
    if (!error.empty()) {
      ++sh_.failed;
      if (e.deliveries >= o_.max_deliveries)
        return dead(e, fmt::format("failed {} deliveries, last: {}", e.deliveries, error));
      // Left pending: claimed again (by any consumer) after claim_after_ms.
      report(e.id, fmt::format("delivery {} failed, will retry: {}", e.deliveries, error));
      return true;
    }
    if (auto a = queue_->ack(o_.group, e.id); !a) return lost_redis(a.error());
    return true;
  }

  // What codes an entry enqueued with `options` (its --date/--lang): the worker's own preparer,
  // or one made for these options and kept while the next entries bring the same ones.
  Result<const ingest::Preparer*> preparer_for(const ingest::Options& options) {
    if (options == o_.coding) return &sh_.preparer;
    if (!other_ || other_options_ != options) {
      auto p = ingest::Preparer::create(sh_.resources, options);
      if (!p) return Error{p.error()};
      other_ = std::move(*p);
      other_options_ = options;
    }
    return other_.get();
  }

  // Stores `doc` unless stored with the same content; "" when done, else the document's own
  // failure. A lost PostgreSQL connection is no failure of the document: it is made again and the
  // document stored then (coded once).
  std::string store(Document doc, const ingest::Preparer& preparer) {
    const std::string hash = preparer.content_hash(doc);
    std::optional<store::IngestItem> item;
    while (connect_pg()) {
      auto stored = pg_->hash_of(doc.id);
      if (stored && *stored && **stored == hash) {
        ++sh_.unchanged;  // stored already (an earlier delivery committed, then its consumer died)
        return "";
      }
      std::string error = stored ? "" : stored.error();
      if (stored) {
        if (!item) {
          try {
            item = preparer.prepare(doc, *pipeline_, &forms_);
          } catch (const std::exception& x) {
            return std::string("coding failed: ") + x.what();
          }
        }
        auto put = pg_->put(*item);
        if (put) {
          ++(*put == store::PutOutcome::unchanged ? sh_.unchanged : sh_.stored);
          return "";
        }
        error = put.error();
      }
      if (pg_->connected()) return error;
      report("", "PostgreSQL connection lost: " + error);
      pg_.reset();
    }
    return "stopped";
  }

  // Deletes the entries every group has acknowledged (RedisQueue::trim_acknowledged); false when
  // Redis is lost.
  bool trim() {
    auto n = queue_->trim_acknowledged();
    if (!n) return lost_redis(n.error());
    sh_.trimmed += *n;
    return true;
  }

  // Gives an entry this consumer will not store back to the group, for any consumer to claim at
  // once (rather than after --claim-after); when Redis is away it simply stays pending.
  bool hand_back(const Entry& e) {
    if (auto r = queue_->release(o_.group, name_, e.id, o_.claim_after_ms); !r) return lost_redis(r.error());
    ++sh_.handed_back;
    report(e.id, "handed back (stopping)");
    return true;
  }

  bool dead(const Entry& e, const std::string& why) {
    if (auto d = queue_->dead_letter(o_.group, e, why); !d) return lost_redis(d.error());
    report(e.id, "dead-lettered: " + why);
    ++sh_.dead;
    return true;
  }

  bool lost_redis(const std::string& error) {
    report("", "Redis: " + error + "; reconnecting");
    queue_.reset();
    return false;
  }

  bool connect_redis() {
    for (int attempt = 0; !queue_; ++attempt) {
      if (attempt > 0 && !pause(attempt, "Redis")) return false;
      auto q = RedisQueue::connect(o_.queue);
      if (!q) {
        last_error_ = q.error();
        continue;
      }
      // After a restart the group may still be loading (or, without persistence, gone: then it is
      // made again, and what was stored already is found by its content hash).
      if (auto g = (*q)->ensure_group(o_.group); !g) {
        last_error_ = g.error();
        continue;
      }
      queue_ = std::move(*q);
      if (attempt > 0) report("", "Redis: connected again");
    }
    return true;
  }

  bool connect_pg() {
    for (int attempt = 0; !pg_; ++attempt) {
      if (attempt > 0 && !pause(attempt, "PostgreSQL")) return false;
      auto s = store::pg::PgStore::open(o_.db);
      if (!s) {
        last_error_ = s.error();
        continue;
      }
      pg_ = std::move(*s);
      if (attempt > 0) report("", "PostgreSQL: connected again");
    }
    return true;
  }

  // Waits before attempt `attempt` (from 1): 100 ms doubling up to 5 s; false once stopping.
  bool pause(int attempt, const char* server) {
    const auto wait = std::chrono::milliseconds(std::min(5000, 100 << std::min(attempt - 1, 6)));
    if (attempt == 1 || attempt % 10 == 0)
      report("", fmt::format("{} unavailable ({}); retrying", server, last_error_));
    // In slices, so that a stop request is not kept waiting for the backoff.
    const auto until = Clock::now() + wait;
    while (!sh_.stop && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return !sh_.stop;
  }

  void report(const std::string& id, const std::string& what) const {
    if (o_.quiet) return;
    if (id.empty()) std::cerr << fmt::format("rasad worker {}: {}\n", name_, what);
    else std::cerr << fmt::format("rasad worker: entry {}: {}\n", id, what);
  }

  Shared& sh_;
  const WorkerOptions& o_;
  std::unique_ptr<text::TextPipeline> pipeline_;
  kb::UnitForms forms_;  // this thread's analysed word forms, kept across its entries
  std::string name_;
  std::unique_ptr<RedisQueue> queue_;
  std::unique_ptr<store::pg::PgStore> pg_;
  const bool trims_;  // this consumer trims the stream (one per worker process)
  std::unique_ptr<ingest::Preparer> other_;  // preparer_for()'s last
  ingest::Options other_options_;
  std::string last_error_;
};

}  // namespace

Result<WorkerStats> run_worker(const WorkerOptions& o, std::shared_ptr<const code::CodingResources> resources) {
  auto preparer = ingest::Preparer::create(resources, o.coding);
  if (!preparer) return Error{preparer.error()};
  Shared sh(o, std::move(resources), **preparer);
  const auto t0 = Clock::now();
  std::vector<std::thread> pool;
  // A write to a Redis that went away must fail as an error, which reconnects, and not kill the
  // process with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  {
    const StopSignals signals(sh.stop, o.quiet);  // before the consumers: they inherit its mask
    for (unsigned t = 0; t < std::max(1u, o.threads); ++t) pool.emplace_back([&, t] { Consumer(sh, t).run(); });
    for (auto& th : pool) th.join();
  }
  WorkerStats st;
  st.stored = sh.stored;
  st.unchanged = sh.unchanged;
  st.failed = sh.failed;
  st.dead = sh.dead;
  st.handed_back = sh.handed_back;
  st.trimmed = sh.trimmed;
  st.stopped = sh.stop;
  st.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return st;
}

}  // namespace rasad::queue
