#pragma once
// The PostgreSQL store for ingest by many workers (docs/SCALING.md): the documents, mentions and
// merged events tables of the SQLite store (docs/STORE.md), written through libpq with the same
// pure merge rules (store/merge.h). Safe with any number of concurrent writers:
//   * one transaction per document, holding a transaction-level advisory lock on the document id,
//     then on every merge key it reads or writes (taken in sorted order, so writers never deadlock
//     on them); events of one merge key are therefore merged by one writer at a time, and a mention
//     sees every event committed before it;
//   * serialization failures and deadlocks (SQLSTATE 40001, 40P01) are retried.
// Not yet: near-duplicate links (duplicate_of stays NULL) and full-text search.
// One PgStore is one connection: use it from one thread.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/pg/pg.h"
#include "store/store.h"

namespace rasad::store::pg {

inline constexpr int kPgSchemaVersion = 2;

class PgStore {
 public:
  // Connects (`url`: a libpq URI) and migrates the schema to kPgSchemaVersion; the migration runs in
  // one transaction under pg_advisory_xact_lock, so workers starting together migrate once.
  static Result<std::unique_ptr<PgStore>> open(const std::string& url);

  int schema_version() const { return version_; }
  // The stored content hash of document `id`, if stored.
  Result<std::optional<std::string>> hash_of(const std::string& id);
  // Stores one document with its mentions in its own transaction, merging them into events.
  Result<PutOutcome> put(const IngestItem& item);

  Result<Counts> counts();
  Result<std::vector<EventRow>> events(const EventQuery& q);
  Result<std::vector<MentionRow>> mentions(int64_t event_id);

 private:
  explicit PgStore(std::unique_ptr<Connection> c) : c_(std::move(c)) {}
  Result<bool> migrate();
  PutOutcome put_in_transaction(const IngestItem& item);  // throws on a failed statement

  std::unique_ptr<Connection> c_;
  int version_ = 0;
};

}  // namespace rasad::store::pg
