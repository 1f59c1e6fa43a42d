#pragma once
// What a queue entry carries: one Document as a JSON line, in the JSON Lines input format
// (id, text, lang, date, url, title, source) plus where it was read from (path, line, format) and
// the --date/--lang it was enqueued with (`options`, left out when they are the defaults), so a
// worker codes exactly what `rasad ingest` of the same input with the same options would.
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/result.h"
#include "ingest/options.h"

namespace rasad::queue {

struct Payload {
  Document doc;
  ingest::Options options;  // checked by the worker (ingest::Options::analysis), not here
};

std::string to_payload(const Document& doc, const ingest::Options& options = {});
// An error when the entry is not a document (or its options are not strings).
Result<Payload> from_payload(std::string_view payload);

}  // namespace rasad::queue
