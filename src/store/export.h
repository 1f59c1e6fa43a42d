#pragma once
// Writing a store's events for other programs: JSON Lines (events with their mentions), CSV and
// the GDELT 2.0 tables (store/gdelt.h), of events or of mentions. `rasad events` and
// `rasad export` write through here from either store, so their output does not depend on it.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "store/gdelt.h"
#include "store/store.h"

namespace rasad::store {

// An event as `rasad events|export --format jsonl` write it, with its mentions when given.
nlohmann::json event_json(const EventRow& e, const std::vector<MentionRow>* mentions);
nlohmann::json mention_json(const MentionRow& m);
// One JSON line, invalid UTF-8 replaced rather than thrown on.
std::string json_line(const nlohmann::json& j);

enum class ExportFormat { jsonl, csv, gdelt };
enum class ExportTable { events, mentions };

struct ExportOptions {
  ExportFormat format = ExportFormat::jsonl;
  ExportTable table = ExportTable::events;
  const GdeltTables* gdelt = nullptr;  // with ExportFormat::gdelt: names and FIPS codes (may be empty)
};

// Writes the events `q` selects (and their mentions) to `sink`, in pieces of about 1 MiB; the
// store's error when a query fails (what was written stays written).
Result<bool> write_export(Store& s, const EventQuery& q, const ExportOptions& o,
                          const std::function<void(std::string_view)>& sink);

}  // namespace rasad::store
