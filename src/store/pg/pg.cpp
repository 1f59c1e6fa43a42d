#include "store/pg/pg.h"

#include <cstdlib>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace rasad::store::pg {

bool is_postgres_url(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

Params& Params::add(double v) {
  v_.emplace_back(fmt::format("{}", v));  // shortest form that reads back to the same double
  return *this;
}

Rows::Rows(pg_result* r) : r_(r) {}
Rows::~Rows() {
  if (r_) PQclear(r_);
}
Rows::Rows(Rows&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
int Rows::size() const { return PQntuples(r_); }
bool Rows::is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::string Rows::text(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col)));
}
int64_t Rows::integer(int row, int col) const { return is_null(row, col) ? 0 : std::strtoll(PQgetvalue(r_, row, col), nullptr, 10); }
double Rows::real(int row, int col) const { return is_null(row, col) ? 0 : std::strtod(PQgetvalue(r_, row, col), nullptr); }

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  pg_conn* c = PQconnectdb(url.c_str());
  if (!c) return Error{"PostgreSQL: out of memory"};
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Error{"PostgreSQL: " + msg};
  }
  // Notices (e.g. "relation already exists, skipping") are not for the user.
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Connection>(new Connection(c));
}

Connection::~Connection() { PQfinish(c_); }

bool Connection::connected() const { return PQstatus(c_) == CONNECTION_OK; }

std::optional<Rows> Connection::run(const char* sql, const Params& p) {
  std::vector<const char*> values;
  values.reserve(p.values().size());
  for (const auto& v : p.values()) values.push_back(v ? v->c_str() : nullptr);
  pg_result* r = PQexecParams(c_, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Rows(r);
  error_.message = r ? PQresultErrorMessage(r) : PQerrorMessage(c_);
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  error_.sqlstate = state ? state : "";
  while (!error_.message.empty() && (error_.message.back() == '\n' || error_.message.back() == ' ')) error_.message.pop_back();
  if (r) PQclear(r);
  return std::nullopt;
}

bool Connection::exec_script(const char* sql) {
  pg_result* r = PQexec(c_, sql);
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
  if (!ok) {
    error_.message = r ? PQresultErrorMessage(r) : PQerrorMessage(c_);
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    error_.sqlstate = state ? state : "";
    while (!error_.message.empty() && error_.message.back() == '\n') error_.message.pop_back();
  }
  if (r) PQclear(r);
  return ok;
}

}  // namespace rasad::store::pg
