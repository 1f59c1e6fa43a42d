#pragma once
// What a queue entry carries: one Document as a JSON line, in the JSON Lines input format
// (id, text, lang, date, url, title, source) plus where it was read from (path, line, format), so a
// worker codes exactly what `rasad ingest` of the same input would.
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/result.h"

namespace rasad::queue {

std::string document_to_payload(const Document& doc);
Result<Document> document_from_payload(std::string_view payload);

}  // namespace rasad::queue
