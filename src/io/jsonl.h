#pragma once
// One JSON Lines record to a Document.
#include <string_view>

#include "core/document.h"
#include "core/result.h"

namespace rasad::io {

// Parses one line: a JSON object with string fields `id` and `text` (required), `lang`, `date`,
// `url`, `title`, `source` (optional; unknown fields ignored; a number `id` is accepted and printed
// in decimal). Errors say what is wrong ("not valid JSON at column 17", "missing field \"text\"").
Result<Document> parse_jsonl_record(std::string_view line);

}  // namespace rasad::io
