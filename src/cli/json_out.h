#pragma once
// Rendering an Analysis for people (text) and programs (JSON). Offsets are bytes into the text.
#include <nlohmann/json.hpp>
#include <string>

#include "core/document.h"
#include "kb/date_range.h"
#include "text/pipeline.h"

namespace rasad::cli {

nlohmann::json analysis_to_json(const Document& doc, const text::Analysis& a, bool with_tokens);
std::string analysis_to_text(const Document& doc, const text::Analysis& a);

// An undated document's inferred range: "date_range": ["2013-08-03", "2021-08-03"] (null for an open
// end), "date_precision": "range", "date_range_evidence": [...]. The "date" object stays null: a
// range is never presented as a day.
void add_date_range_json(nlohmann::json& j, const kb::DateRange& r);
std::string date_range_to_text(const kb::DateRange& r);

// One JSON line, invalid UTF-8 (which readers never produce) replaced rather than thrown on.
std::string dump_line(const nlohmann::json& j);

}  // namespace rasad::cli
