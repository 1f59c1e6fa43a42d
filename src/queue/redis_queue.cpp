#include "queue/redis_queue.h"

#include <sys/time.h>

#include <cstdlib>

#include <fmt/format.h>
#include <hiredis/hiredis.h>

namespace rasad::queue {

namespace {

// Owns one reply.
struct Reply {
  redisReply* r = nullptr;
  ~Reply() {
    if (r) freeReplyObject(r);
  }
};

// A command with binary-safe arguments.
Result<bool> command(redisContext* c, const std::vector<std::string>& args, Reply& out) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  out.r = static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data()));
  if (!out.r) return Error{fmt::format("Redis: {} ({})", c->errstr[0] ? c->errstr : "connection lost", args[0])};
  if (out.r->type == REDIS_REPLY_ERROR) return Error{fmt::format("Redis: {} ({})", std::string(out.r->str, out.r->len), args[0])};
  return true;
}

std::string str(const redisReply* r) {
  return r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS) ? std::string(r->str, r->len) : "";
}

// [id, [field, value, ...]] entries; deleted entries (no fields) are left out.
void read_entries(const redisReply* list, std::vector<Entry>& out) {
  if (!list || list->type != REDIS_REPLY_ARRAY) return;
  for (size_t i = 0; i < list->elements; ++i) {
    const redisReply* e = list->element[i];
    if (!e || e->type != REDIS_REPLY_ARRAY || e->elements < 2) continue;
    const redisReply* fields = e->element[1];
    if (!fields || fields->type != REDIS_REPLY_ARRAY) continue;
    Entry entry;
    entry.id = str(e->element[0]);
    for (size_t f = 0; f + 1 < fields->elements; f += 2)
      if (str(fields->element[f]) == "doc") entry.payload = str(fields->element[f + 1]);
    out.push_back(std::move(entry));
  }
}

// trim_acknowledged() in Lua (Redis runs a script atomically). Stream ids "MS-SEQ" are compared as
// strings of digits (MS has 13 digits today; Lua 5.1 numbers would print it in another form).
constexpr const char* kTrimScript = R"lua(
local function before(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  if #am ~= #bm then return #am < #bm end
  if am ~= bm then return am < bm end
  if #as ~= #bs then return #as < #bs end
  return as < bs
end
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local keep = nil
for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local f = {}
  for i = 1, #g, 2 do f[g[i]] = g[i + 1] end
  local first
  if f['pending'] > 0 then
    first = redis.call('XPENDING', KEYS[1], f['name'])[2]
  else
    local ms, seq = string.match(f['last-delivered-id'], '^(%d+)-(%d+)$')
    first = ms .. '-' .. tostring(tonumber(seq) + 1)
  end
  if keep == nil or before(first, keep) then keep = first end
end
if keep == nil then return 0 end
return redis.call('XTRIM', KEYS[1], 'MINID', keep)
)lua";

}  // namespace

std::string QueueAddress::describe() const {
  return socket.empty() ? fmt::format("redis://{}:{}/{}", host, port, stream)
                        : fmt::format("unix://{}?stream={}", socket, stream);
}

Result<QueueAddress> parse_queue_url(std::string_view url) {
  QueueAddress a;
  auto bad = [&](const char* why) {
    return Error{fmt::format("--queue '{}': {} (want redis://HOST:PORT/STREAM or unix:///PATH.sock?stream=NAME)", url, why)};
  };
  if (url.starts_with("redis://")) {
    std::string_view rest = url.substr(8);
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash + 1 == rest.size()) return bad("no stream name");
    a.stream = std::string(rest.substr(slash + 1));
    std::string_view hostport = rest.substr(0, slash);
    if (const auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
      const std::string port(hostport.substr(colon + 1));
      char* end = nullptr;
      const long p = std::strtol(port.c_str(), &end, 10);
      if (port.empty() || *end || p <= 0 || p > 65535) return bad("bad port");
      a.port = static_cast<int>(p);
      hostport = hostport.substr(0, colon);
    }
    a.host = hostport.empty() ? "127.0.0.1" : std::string(hostport);
    return a;
  }
  if (url.starts_with("unix://")) {
    std::string_view rest = url.substr(7);
    const auto q = rest.find("?stream=");
    if (q == std::string_view::npos || q + 8 == rest.size()) return bad("no ?stream=NAME");
    a.socket = std::string(rest.substr(0, q));
    a.stream = std::string(rest.substr(q + 8));
    if (a.socket.empty() || a.socket[0] != '/') return bad("the socket path must be absolute");
    return a;
  }
  return bad("unknown scheme");
}

Result<std::unique_ptr<RedisQueue>> RedisQueue::connect(const QueueAddress& address) {
  const timeval timeout{5, 0};
  redisContext* c = address.socket.empty() ? redisConnectWithTimeout(address.host.c_str(), address.port, timeout)
                                           : redisConnectUnixWithTimeout(address.socket.c_str(), timeout);
  if (!c) return Error{"Redis: out of memory"};
  if (c->err) {
    std::string msg = fmt::format("Redis at {}: {}", address.describe(), c->errstr);
    redisFree(c);
    return Error{msg};
  }
  // Blocking reads wait at most a few seconds (read_new's block_ms); replies come well within this.
  const timeval command_timeout{30, 0};
  redisSetTimeout(c, command_timeout);
  return std::unique_ptr<RedisQueue>(new RedisQueue(c, address));
}

RedisQueue::~RedisQueue() { redisFree(c_); }

Result<int64_t> RedisQueue::enqueue(const std::vector<std::string>& payloads) {
  for (const auto& p : payloads) {
    const char* argv[] = {"XADD", address_.stream.c_str(), "*", "doc", p.data()};
    const size_t lens[] = {4, address_.stream.size(), 1, 3, p.size()};
    if (redisAppendCommandArgv(c_, 5, argv, lens) != REDIS_OK) return Error{fmt::format("Redis: {}", c_->errstr)};
  }
  int64_t added = 0;
  std::string first_error;
  for (size_t i = 0; i < payloads.size(); ++i) {
    Reply r;
    if (redisGetReply(c_, reinterpret_cast<void**>(&r.r)) != REDIS_OK || !r.r)
      return Error{fmt::format("Redis: {} (XADD)", c_->errstr)};
    if (r.r->type == REDIS_REPLY_ERROR) {
      if (first_error.empty()) first_error = std::string(r.r->str, r.r->len);
    } else {
      ++added;
    }
  }
  if (!first_error.empty()) return Error{"Redis: " + first_error + " (XADD)"};
  return added;
}

Result<bool> RedisQueue::ensure_group(const std::string& group) {
  Reply r;
  auto ok = command(c_, {"XGROUP", "CREATE", address_.stream, group, "0", "MKSTREAM"}, r);
  if (!ok && ok.error().find("BUSYGROUP") == std::string::npos) return ok;
  return true;
}

Result<std::vector<Entry>> RedisQueue::read_new(const std::string& group, const std::string& consumer, int count,
                                                int block_ms) {
  Reply r;
  if (auto ok = command(c_, {"XREADGROUP", "GROUP", group, consumer, "COUNT", std::to_string(count), "BLOCK",
                             std::to_string(block_ms), "STREAMS", address_.stream, ">"}, r); !ok)
    return Error{ok.error()};
  std::vector<Entry> out;
  if (r.r->type == REDIS_REPLY_ARRAY)
    for (size_t s = 0; s < r.r->elements; ++s)
      if (r.r->element[s]->type == REDIS_REPLY_ARRAY && r.r->element[s]->elements == 2)
        read_entries(r.r->element[s]->element[1], out);
  return out;
}

Result<std::vector<Entry>> RedisQueue::claim_stale(const std::string& group, const std::string& consumer,
                                                   int64_t min_idle_ms, int count) {
  std::vector<Entry> out;
  {
    Reply r;
    if (auto ok = command(c_, {"XAUTOCLAIM", address_.stream, group, consumer, std::to_string(min_idle_ms), "0-0",
                               "COUNT", std::to_string(count)}, r); !ok)
      return Error{ok.error()};
    if (r.r->type == REDIS_REPLY_ARRAY && r.r->elements >= 2) read_entries(r.r->element[1], out);
  }
  for (Entry& e : out) {
    Reply r;
    if (auto ok = command(c_, {"XPENDING", address_.stream, group, e.id, e.id, "1"}, r); !ok) return Error{ok.error()};
    if (r.r->type == REDIS_REPLY_ARRAY && r.r->elements == 1 && r.r->element[0]->elements == 4)
      e.deliveries = r.r->element[0]->element[3]->integer;
  }
  return out;
}

Result<bool> RedisQueue::ack(const std::string& group, const std::string& id) {
  Reply r;
  return command(c_, {"XACK", address_.stream, group, id}, r);
}

Result<bool> RedisQueue::release(const std::string& group, const std::string& consumer, const std::string& id,
                                 int64_t idle_ms) {
  Reply r;
  // JUSTID: neither returns the entry nor counts a delivery.
  return command(c_, {"XCLAIM", address_.stream, group, consumer, "0", id, "IDLE", std::to_string(idle_ms), "JUSTID"}, r);
}

Result<bool> RedisQueue::dead_letter(const std::string& group, const Entry& e, const std::string& reason) {
  Reply r;
  if (auto ok = command(c_, {"XADD", dead_stream(), "*", "entry", e.id, "doc", e.payload, "reason", reason,
                             "deliveries", std::to_string(e.deliveries)}, r); !ok)
    return ok;
  return ack(group, e.id);
}

Result<int64_t> RedisQueue::trim_acknowledged() {
  Reply r;
  if (auto ok = command(c_, {"EVAL", kTrimScript, "1", address_.stream}, r); !ok) return Error{ok.error()};
  return static_cast<int64_t>(r.r->integer);
}

Result<int64_t> RedisQueue::pending(const std::string& group) {
  Reply r;
  if (auto ok = command(c_, {"XPENDING", address_.stream, group}, r); !ok) return Error{ok.error()};
  if (r.r->type != REDIS_REPLY_ARRAY || r.r->elements < 1) return int64_t{0};
  return static_cast<int64_t>(r.r->element[0]->integer);
}

Result<int64_t> RedisQueue::length(const std::string& stream) {
  Reply r;
  if (auto ok = command(c_, {"XLEN", stream}, r); !ok) return Error{ok.error()};
  return static_cast<int64_t>(r.r->integer);
}

}  // namespace rasad::queue
