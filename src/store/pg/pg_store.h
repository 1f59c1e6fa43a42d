#pragma once
// The PostgreSQL store for ingest by many workers (docs/SCALING.md): the documents, mentions and
// merged events tables of the SQLite store (docs/STORE.md), written through libpq with the same
// pure merge rules (store/merge.h). Safe with any number of concurrent writers:
//   * one transaction per document, holding a transaction-level advisory lock on the document id,
//     then on every merge key it reads or writes (taken in sorted order, so writers never deadlock
//     on them); events of one merge key are therefore merged by one writer at a time, and a mention
//     sees every event committed before it;
//   * serialization failures and deadlocks (SQLSTATE 40001, 40P01) are retried.
// Events are partitioned by month (schema 5, pg_store.cpp).
// Full-text search: PostgreSQL's text search (tsvector, GIN) over the normalized title and text.
// Near-duplicates: the SQLite store's sketches, LSH index and rule (store/sketch.h); writers that
// could link to each other's documents lock the band keys they share.
// One PgStore is one connection: use it from one thread.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/pg/pg.h"
#include "store/store.h"

namespace rasad::store::pg {

inline constexpr int kPgSchemaVersion = 5;

class PgStore final : public Store {
 public:
  // Connects (`url`: a libpq URI) and migrates the schema to kPgSchemaVersion; the migration runs in
  // one transaction under pg_advisory_xact_lock, so workers starting together migrate once.
  static Result<std::unique_ptr<PgStore>> open(const std::string& url);
  // Creates the layout of an earlier `version` in an empty database, with the migrations that
  // made it (for migration tests: tests/scale/pg_schema_at.cpp).
  static Result<bool> create_at_version_for_test(const std::string& url, int version);

  int schema_version() const override { return version_; }
  // Every put() is its own transaction (so that concurrent writers hold their locks briefly):
  // begin() and commit() only bracket a batch, and rollback() has nothing to undo.
  Result<bool> begin() override { return true; }
  Result<bool> commit() override { return true; }
  void rollback() override {}
  // Stores one document with its mentions in its own transaction, merging them into events.
  Result<PutOutcome> put(const IngestItem& item) override;
  Result<std::optional<std::string>> hash_of(const std::string& id) override;
  bool connected() const override { return c_->connected(); }

  void set_deadline(std::optional<Clock::time_point> deadline) override;
  Result<Counts> counts() override;
  Result<std::vector<EventRow>> events(const EventQuery& q) override;
  Result<std::vector<int64_t>> events_of_document(const std::string& doc) override;
  Result<std::vector<DyadRow>> top_dyads(const EventQuery& q, int64_t limit) override;
  Result<std::vector<PlaceRow>> places(const EventQuery& q, int64_t& without_coordinates) override;
  Result<std::vector<SearchHit>> search(const std::vector<QueryTerm>& terms, int limit) override;

 protected:
  Result<bool> each_actor_pair(const std::function<void(const std::string&, const std::string&)>& f) override;
  Result<std::unordered_map<std::string, int64_t>> person_counts(const std::vector<std::string>& ids) override;
  Result<std::vector<MentionRow>> mention_rows(const std::vector<int64_t>& event_ids) override;
  Result<std::unordered_map<std::string, std::string>> document_texts(const std::vector<std::string>& ids) override;

 private:
  explicit PgStore(std::unique_ptr<Connection> c) : c_(std::move(c)) {}
  Result<bool> migrate(int target);  // to `target` (kPgSchemaVersion but in tests)
  // The events partitions of the months of `item`'s day-precision events, made when missing.
  Result<bool> make_months(const IngestItem& item);
  PutOutcome put_in_transaction(const IngestItem& item);  // throws on a failed statement
  // Runs `sql` (with `?` placeholders) with `args`; an error keeps the SQLSTATE's meaning.
  Result<Rows> query(const std::string& sql, const std::vector<std::string>& args);
  // `q`'s filters and full text as conditions over `e`, with `?` placeholders.
  std::string where(const EventQuery& q, std::vector<std::string>& args) const;

  std::unique_ptr<Connection> c_;
  int version_ = 0;
  std::set<int> months_;  // year * 12 + month of the events partitions known to exist
};

}  // namespace rasad::store::pg
