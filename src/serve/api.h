#pragma once
// The JSON API of `rasad serve` (docs/SERVE.md), independent of the HTTP library: a request is a
// method, a path and its query parameters (and a body for POST); a reply is a status and JSON.
// Thread-safe: each request borrows a read-only store connection from a pool, and ingest goes
// through one writer connection at a time, so readers keep answering while an ingest writes (WAL).
// The store is an SQLite file or a PostgreSQL database (store/open.h); several `rasad serve` of one
// PostgreSQL store can run behind a load balancer.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "code/coder.h"
#include "core/result.h"
#include "kb/kb.h"
#include "store/search.h"
#include "store/store.h"

namespace rasad::serve {

struct Limits {
  int64_t page_default = 50, page_max = 500;  // events per page of /api/events
  int search_max = 100;                       // documents per /api/search
  int actors_max = 50;                        // actors per /api/actors
  size_t batch_max = 100;                     // documents per POST /api/documents
  size_t document_max = 512 * 1024;           // bytes of text per posted document
  int64_t timeline_events_max = 1'000'000;    // events a timeline may aggregate
  int64_t export_max = 100'000;               // events per /api/events?format=csv|jsonl
  std::chrono::milliseconds query_time{5000}; // a store query running longer is interrupted
};

struct Reply {
  Reply() = default;
  Reply(int s, nlohmann::json b) : status(s), body(std::move(b)) {}
  int status = 200;
  nlohmann::json body;
  // A download instead of JSON (/api/events?format=csv|jsonl): `raw` is sent as `content_type`,
  // as an attachment named `filename`.
  std::string raw, content_type, filename;
  static Reply error(int status, std::string message);
};

using Params = std::multimap<std::string, std::string>;

class Api {
 public:
  // Opens the store (read-only connections; the writer only with `allow_ingest`, which also loads
  // the coder from `data_dir`). Fails when the store cannot be opened.
  static Result<std::unique_ptr<Api>> create(const std::string& db, const std::string& data_dir, bool allow_ingest,
                                             Limits limits = {});
  ~Api();

  Reply handle(const std::string& method, const std::string& path, const Params& params,
               const std::string& body = "");

  bool ingest_allowed() const { return coding_ != nullptr; }
  const Limits& limits() const { return limits_; }

 private:
  class Pool;
  struct Coding;
  Api() = default;

  struct View;
  // The events a request's filters select (shared by events, timeline, dyads and downloads).
  Result<View> view(const Params& p) const;
  Reply events(const Params& p);
  Reply download(const View& v, const std::string& format);
  // Runs `body` on a leased store: an error reply when no store is free (503), the query ran over
  // its time limit (503), a text filter was malformed (400) or the store failed (500), else nothing.
  std::optional<Reply> query_view(const View& v, const std::function<Result<bool>(store::Store&)>& body);
  // The whole view in `order`, at most `max` events: an error reply (503 busy, 400 bad text query,
  // 413 "more than MAX <too_many>") or nothing, with `rows` filled.
  std::optional<Reply> read_view(const View& v, store::EventOrder order, int64_t max, const std::string& too_many,
                                 std::vector<store::EventRow>& rows);
  Reply vocabulary();
  Reply places(const Params& p);
  std::string english_name(const std::string& code) const;
  Reply event(const std::string& id);
  Reply timeline(const Params& p);
  Reply actors(const Params& p);
  Reply dyads(const Params& p);
  Reply search(const Params& p);
  Reply documents(const std::string& body);
  Reply health();

  std::string db_path_;
  Limits limits_;
  std::shared_ptr<const kb::KnowledgeBase> kb_;
  std::unique_ptr<store::SearchExpander> expander_;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<Coding> coding_;  // null unless ingest is allowed
};

// Cursor of /api/events: the sort key and id of the last event of a page, opaque to clients.
struct Cursor {
  std::string key;
  int64_t id = 0;
};
std::string encode_cursor(const Cursor& c);
Result<Cursor> decode_cursor(const std::string& s);

}  // namespace rasad::serve
