#pragma once
// The SQLite store: one file (WAL) holding the store's tables (docs/STORE.md), the default of every
// command. Any number of read-only SqliteStores may read while one writer writes; near-duplicate
// links (MinHash/LSH) and full-text search (FTS5) are kept by put().
#include <memory>
#include <set>
#include <string>

#include "store/store.h"
#include "text/normalize.h"

namespace rasad::store {

class Db;
class Stmt;

inline constexpr int kSchemaVersion = 3;

class SqliteStore final : public Store {
 public:
  // Opens (creating when missing and not read-only) and migrates to kSchemaVersion. A read-only open
  // of an older schema fails, asking for a writable open.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, bool read_only = false);
  ~SqliteStore() override;

  int schema_version() const override;
  Result<bool> begin() override;
  Result<bool> commit() override;
  void rollback() override;
  Result<PutOutcome> put(const IngestItem& item) override;
  Result<std::optional<std::string>> hash_of(const std::string& id) override;

  void set_deadline(std::optional<Clock::time_point> deadline) override { deadline_ = deadline; }
  Result<Counts> counts() override;
  Result<std::vector<EventRow>> events(const EventQuery& q) override;
  Result<std::vector<int64_t>> events_of_document(const std::string& doc) override;
  Result<std::vector<DyadRow>> top_dyads(const EventQuery& q, int64_t limit) override;
  Result<std::vector<PlaceRow>> places(const EventQuery& q, int64_t& without_coordinates) override;
  Result<std::vector<SearchHit>> search(const std::vector<QueryTerm>& terms, int limit) override;
  Result<std::string> integrity_check();
  Db& db() { return *db_; }

  // Creates the layout of an earlier `version` in an empty database (for migration tests).
  static Result<bool> create_at_version_for_test(const std::string& path, int version);
  static Result<bool> create_v1_for_test(const std::string& path) { return create_at_version_for_test(path, 1); }

 protected:
  Result<bool> each_actor_pair(const std::function<void(const std::string&, const std::string&)>& f) override;
  Result<std::unordered_map<std::string, int64_t>> person_counts(const std::vector<std::string>& ids) override;
  Result<std::vector<MentionRow>> mention_rows(const std::vector<int64_t>& event_ids) override;
  Result<std::unordered_map<std::string, std::string>> document_texts(const std::vector<std::string>& ids) override;

 private:
  explicit SqliteStore(std::unique_ptr<Db> db);
  static int check_deadline(void* self);  // SQLite's progress handler
  void migrate(bool read_only);
  int stored_version();
  void check_version(bool read_only) const;
  void migrate_step();  // from version_ to version_ + 1, inside the caller's transaction
  void rollback_open_transaction();  // never throws
  void recount(int64_t event_id);
  // defer_fts: inside a transaction begin() opened, the full-text changes wait for commit().
  Result<PutOutcome> put_in_savepoint(const IngestItem& item, bool defer_fts);
  // `q`'s filters and full text as conditions over `e` (" AND ..."), their arguments in `args`.
  std::string where(const EventQuery& q, std::vector<std::string>& args) const;
  std::set<int64_t> dirty_;  // events whose counts are recomputed at commit()
  // Full-text index changes of the open transaction, written at commit(). FTS5 writes its pending
  // terms out at every savepoint it took part in, so indexing inside put()'s per-document
  // savepoint made a segment per document: a fifth of the ingest writer's instructions.
  struct FtsChange {
    int64_t num = 0;
    bool insert = false;  // else delete the row
    std::string title, body;
  };
  std::vector<FtsChange> fts_pending_;
  void fts_change(FtsChange c, bool defer);
  void write_fts(const FtsChange& c);

  std::unique_ptr<Db> db_;
  text::Normalizer normalizer_;  // for migrations that index older documents
  int version_ = 0;
  std::optional<Clock::time_point> deadline_;
};

}  // namespace rasad::store
