#pragma once
// A thin layer over libpq for the PostgreSQL store: one connection, parameterized statements in text
// format, errors as values carrying PostgreSQL's message and SQLSTATE. Not thread-safe: one
// connection per thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace rasad::store::pg {

// True for libpq connection URIs (postgresql://..., postgres://...): the commands that take --db
// use this to choose between the SQLite file and a PostgreSQL server.
bool is_postgres_url(std::string_view db);

// A statement's parameters, all sent as text; nullopt is SQL NULL.
class Params {
 public:
  Params& add(std::string_view v) { v_.emplace_back(std::string(v)); return *this; }
  Params& add(const char* v) { return add(std::string_view(v)); }
  Params& add(const std::string& v) { return add(std::string_view(v)); }
  Params& add(int64_t v) { v_.emplace_back(std::to_string(v)); return *this; }
  Params& add(int v) { return add(static_cast<int64_t>(v)); }
  Params& add(uint32_t v) { return add(static_cast<int64_t>(v)); }
  Params& add(bool v) { return add(static_cast<int64_t>(v)); }
  Params& add(double v);
  Params& add(std::optional<int64_t> v) { return v ? add(*v) : null(); }
  Params& null() { v_.emplace_back(std::nullopt); return *this; }
  const std::vector<std::optional<std::string>>& values() const { return v_; }

 private:
  std::vector<std::optional<std::string>> v_;
};

// The rows of a statement (text format). Column and row indices are 0-based.
class Rows {
 public:
  explicit Rows(pg_result* r);
  ~Rows();
  Rows(Rows&& o) noexcept;
  Rows& operator=(Rows&&) = delete;
  Rows(const Rows&) = delete;

  int size() const;
  bool is_null(int row, int col) const;
  std::string text(int row, int col) const;
  int64_t integer(int row, int col) const;  // 0 for NULL
  double real(int row, int col) const;      // 0 for NULL

 private:
  pg_result* r_;
};

// A failed statement: the message PostgreSQL gave and its SQLSTATE ("40001" serialization failure,
// "40P01" deadlock, "" when the connection itself failed).
struct PgError {
  std::string message, sqlstate;
  bool retryable() const { return sqlstate == "40001" || sqlstate == "40P01"; }
  bool timed_out() const { return sqlstate == "57014"; }  // query_canceled: the statement timeout
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement; on failure returns nullopt and sets last_error().
  std::optional<Rows> run(const char* sql, const Params& p = {});
  // Several statements without parameters (migrations).
  bool exec_script(const char* sql);
  const PgError& last_error() const { return error_; }
  // False once the server is gone (a restart, a network failure): the connection will not recover.
  bool connected() const;

 private:
  explicit Connection(pg_conn* c) : c_(c) {}
  pg_conn* c_;
  PgError error_;
};

}  // namespace rasad::store::pg
