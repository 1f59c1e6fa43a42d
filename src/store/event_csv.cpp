#include "store/event_csv.h"

#include <fmt/format.h>

namespace rasad::store {

const std::vector<std::string>& event_csv_columns() {
  static const std::vector<std::string> cols = {
      "id",          "date",         "date_precision", "date_min",      "date_max",
      "date_from",   "date_to",      "plover",         "plover_mode",   "cameo",
      "quad_class",  "goldstein",    "source_code",    "source_name",   "target_code",
      "target_name", "symmetric",    "negated",        "location_name", "location_country",
      "issues",      "num_mentions", "num_sources",    "num_articles",  "num_languages",
      "languages"};
  return cols;
}

std::vector<std::string> event_csv_row(const EventRow& e) {
  return {std::to_string(e.id),
          e.date,
          e.date_precision,
          e.date_min,
          e.date_max,
          e.date_from,
          e.date_to,
          e.plover,
          e.plover_mode,
          e.cameo,
          std::to_string(e.quad_class),
          fmt::format("{:g}", e.goldstein),
          e.source_code,
          e.source_name,
          e.target_code,
          e.target_name,
          e.symmetric ? "1" : "0",
          e.negated ? "1" : "0",
          e.location_name,
          e.location_country,
          e.issues,
          std::to_string(e.num_mentions),
          std::to_string(e.num_sources),
          std::to_string(e.num_articles),
          std::to_string(e.num_languages),
          e.languages};
}

}  // namespace rasad::store
