#pragma once
// Readers: paths in, Documents and Diagnostics out, streaming, never stopping at a bad input.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"

namespace rasad::io {

struct ReadOptions {
  uint64_t max_file_bytes = uint64_t{1} << 30;     // files larger than this are skipped with an error
  uint64_t max_record_bytes = uint64_t{64} << 20;  // a JSON Lines record longer than this is skipped
};

using DocumentCallback = std::function<void(Document&&)>;
using DiagnosticCallback = std::function<void(const Diagnostic&)>;

// Reads each path in order: "-" is standard input; a directory is walked recursively in sorted
// order (hidden files skipped); a file is read by its format:
//   *.jsonl, *.ndjson, *.json (one object per line), or content starting with '{'  -> JSON Lines
//   *.html, *.htm, *.xhtml, or content starting with '<' and holding <html/<body/<p -> HTML
//   anything else -> plain text, one document, id = file name without extension
// A trailing .xz is decompressed (streaming) and the format judged on the rest of the name.
// Every problem becomes a Diagnostic naming the file (and line for JSON Lines); the read goes on.
// Returns the number of documents delivered.
uint64_t read_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                    const DocumentCallback& on_document, const DiagnosticCallback& on_diagnostic);

}  // namespace rasad::io
