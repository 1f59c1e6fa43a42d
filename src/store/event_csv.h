#pragma once
// The flat CSV layout of stored (merged) events, shared by `rasad events|export --format csv` and
// the API's /api/events?format=csv, so that a file downloaded from the page and one written on the
// command line have the same columns.
#include <string>
#include <vector>

#include "store/store.h"

namespace rasad::store {

const std::vector<std::string>& event_csv_columns();
std::vector<std::string> event_csv_row(const EventRow& e);

}  // namespace rasad::store
