#pragma once
// The store a --db names: a PostgreSQL URI (postgresql://..., postgres://...) or else an SQLite
// file, the default. Every command that takes --db opens its store here.
#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace rasad::store {

enum class Access {
  read,   // an existing store ("no store at PATH" when an SQLite file is missing)
  write,  // created when missing, migrated when older
};

Result<std::unique_ptr<Store>> open_store(const std::string& db, Access access);

}  // namespace rasad::store
