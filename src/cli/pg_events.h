#pragma once
// `rasad events --db postgresql://...`: the events of the PostgreSQL store (cmd_queue.cpp), printed
// with the same JSON as the SQLite store's events so the two can be compared line by line.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace rasad::cli {

struct PgEventFilters {
  std::string dyad, actor, type, cameo, from, to, lang;
};
using EventJson = std::function<nlohmann::json(const store::EventRow&, const std::vector<store::MentionRow>*)>;

// Prints jsonl (the only format so far); returns the exit code.
int run_pg_events(const std::string& url, const PgEventFilters& f, const std::string& format, const EventJson& to_json);

}  // namespace rasad::cli
