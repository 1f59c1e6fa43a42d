#include "store/open.h"

#include <filesystem>

#include "store/pg/pg.h"
#include "store/pg/pg_store.h"
#include "store/sqlite_store.h"

namespace rasad::store {

Result<std::unique_ptr<Store>> open_store(const std::string& db, Access access) {
  if (pg::is_postgres_url(db)) {
    auto s = pg::PgStore::open(db);  // migrates a new or older database in either case
    if (!s) return Error{s.error()};
    return std::unique_ptr<Store>(std::move(*s));
  }
  if (access == Access::read && !std::filesystem::exists(db))
    return Error{"no store at " + db + " (create one with rasad ingest)"};
  auto s = SqliteStore::open(db, access == Access::read);
  if (!s) return Error{s.error()};
  return std::unique_ptr<Store>(std::move(*s));
}

}  // namespace rasad::store
