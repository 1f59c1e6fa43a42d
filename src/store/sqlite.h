#pragma once
// A thin RAII layer over the SQLite C API for the store. Failures throw SqliteError, which the
// store turns into Result values at its public boundary.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace rasad::store {

struct SqliteError : std::runtime_error {
  explicit SqliteError(const std::string& what, int result_code = 0) : std::runtime_error(what), code(result_code) {}
  int code;  // SQLite's (extended) result code, 0 when not from SQLite
};

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::string_view v);  // 1-based, like SQLite
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind_blob(int i, std::string_view v);
  Stmt& bind_null(int i);
  Stmt& bind(int i, std::optional<int64_t> v) { return v ? bind(i, *v) : bind_null(i); }

  bool step();  // true when a row is available
  void run();   // step to the end, then reset
  void reset();

  std::string text(int col) const;  // 0-based, like SQLite
  int64_t integer(int col) const;
  double real(int col) const;
  bool is_null(int col) const;
  std::string_view blob(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

class Db {
 public:
  Db(const std::string& path, bool read_only);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(std::string_view sql);
  // A statement prepared once per connection; reset before it is handed out.
  Stmt& cached(const char* sql);
  int64_t last_rowid() const;
  sqlite3* raw() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cache_;
};

}  // namespace rasad::store
