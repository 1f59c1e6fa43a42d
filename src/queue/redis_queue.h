#pragma once
// A work queue on a Redis stream (docs/SCALING.md): producers XADD one entry per document (field
// `doc`: the document as a JSON line); workers read with a consumer group (XREADGROUP), XACK what
// they stored, take over the pending entries of consumers that went quiet (XAUTOCLAIM), and move
// entries that failed too often to the dead-letter stream `<stream>:dead` with the reason.
// One RedisQueue is one connection: use it from one thread. Errors are values with Redis's text.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct redisContext;

namespace rasad::queue {

// redis://HOST:PORT/STREAM or unix:///PATH/TO/redis.sock?stream=STREAM
struct QueueAddress {
  std::string host;  // empty for a Unix socket
  int port = 6379;
  std::string socket;
  std::string stream;
  std::string describe() const;
};
Result<QueueAddress> parse_queue_url(std::string_view url);

struct Entry {
  std::string id;       // stream entry id, "1700000000000-0"
  std::string payload;  // the `doc` field
  int64_t deliveries = 1;  // times delivered to a consumer, this delivery included
};

class RedisQueue {
 public:
  static Result<std::unique_ptr<RedisQueue>> connect(const QueueAddress& address);
  ~RedisQueue();
  RedisQueue(const RedisQueue&) = delete;
  RedisQueue& operator=(const RedisQueue&) = delete;

  const std::string& stream() const { return address_.stream; }
  std::string dead_stream() const { return address_.stream + ":dead"; }

  // XADD of each payload, pipelined; returns how many were added.
  Result<int64_t> enqueue(const std::vector<std::string>& payloads);
  // Creates the consumer group reading from the start of the stream (and the stream); an existing
  // group is fine.
  Result<bool> ensure_group(const std::string& group);
  // Up to `count` entries never delivered to any consumer of the group; waits up to block_ms.
  Result<std::vector<Entry>> read_new(const std::string& group, const std::string& consumer, int count, int block_ms);
  // Takes over up to `count` entries pending for at least min_idle_ms (their consumer died or
  // stalled), with their delivery counts.
  Result<std::vector<Entry>> claim_stale(const std::string& group, const std::string& consumer, int64_t min_idle_ms,
                                         int count);
  Result<bool> ack(const std::string& group, const std::string& id);
  // Hands an entry pending for `consumer` back to the group: it is made to look idle for
  // `idle_ms`, so that any consumer's claim_stale(min_idle_ms <= idle_ms) takes it at once. Its
  // delivery count is left as it is.
  Result<bool> release(const std::string& group, const std::string& consumer, const std::string& id, int64_t idle_ms);
  // Adds the entry to <stream>:dead with the reason, then acknowledges it.
  Result<bool> dead_letter(const std::string& group, const Entry& e, const std::string& reason);
  // Deletes the entries that every consumer group of the stream has acknowledged: those before
  // the first entry some group holds pending or has not read yet (XTRIM MINID). Computed and
  // trimmed in one script, so that no delivery or new group slips in between. Nothing without a
  // group. Returns how many entries were deleted.
  Result<int64_t> trim_acknowledged();
  // Entries delivered and not yet acknowledged, over all consumers of the group.
  Result<int64_t> pending(const std::string& group);
  Result<int64_t> length(const std::string& stream);

 private:
  RedisQueue(redisContext* c, QueueAddress a) : c_(c), address_(std::move(a)) {}
  redisContext* c_;
  QueueAddress address_;
};

}  // namespace rasad::queue
