// Lays out a PostgreSQL store at an earlier schema version in an empty database, with the
// migrations that made it, so that pg_store_test.sh can fill it and let rasad migrate it.
// Usage: pg_schema_at URL VERSION
#include <cstdlib>
#include <iostream>
#include <string>

#include "store/pg/pg_store.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: pg_schema_at URL VERSION\n";
    return 2;
  }
  auto r = rasad::store::pg::PgStore::create_at_version_for_test(argv[1], std::atoi(argv[2]));
  if (!r) {
    std::cerr << "pg_schema_at: " << r.error() << "\n";
    return 1;
  }
  return 0;
}
