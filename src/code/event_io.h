#pragma once
// Event records as JSON (one object per line) and as flat CSV/TSV rows with a header. Field list:
// docs/CODING.md ("Output").
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "code/event.h"

namespace rasad::code {

nlohmann::json to_json(const Event& e);
nlohmann::json to_json(const EventActor& a);

// Column names of the flat layout, and one event's values in the same order.
const std::vector<std::string>& flat_columns();
std::vector<std::string> flat_row(const Event& e);
// One CSV (RFC 4180 quoting) or TSV (tabs and newlines in values become spaces) line, with '\n'.
std::string csv_line(const std::vector<std::string>& values);
std::string tsv_line(const std::vector<std::string>& values);

}  // namespace rasad::code
