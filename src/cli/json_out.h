#pragma once
// Rendering an Analysis for people (text) and programs (JSON). Offsets are bytes into the text.
#include <nlohmann/json.hpp>
#include <string>

#include "core/document.h"
#include "text/pipeline.h"

namespace rasad::cli {

nlohmann::json analysis_to_json(const Document& doc, const text::Analysis& a, bool with_tokens);
std::string analysis_to_text(const Document& doc, const text::Analysis& a);

// One JSON line, invalid UTF-8 (which readers never produce) replaced rather than thrown on.
std::string dump_line(const nlohmann::json& j);

}  // namespace rasad::cli
