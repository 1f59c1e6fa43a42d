#pragma once
// Reading rasad's knowledge files: UTF-8, one entry per line, columns separated by tabs, '#' comment
// lines and blank lines ignored. Errors name the file and line.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"

namespace rasad {

struct TsvRow {
  const std::string* file;
  uint64_t line;
  std::vector<std::string_view> cols;

  std::string_view col(size_t i) const { return i < cols.size() ? cols[i] : std::string_view(); }
  Diagnostic error(std::string message) const { return {*file, line, Severity::error, std::move(message)}; }
};

// Calls `row` for every entry line of `path`. A row with fewer than `min_cols` columns, or a file
// that cannot be read or is not UTF-8, becomes a Diagnostic passed to `problem`; reading goes on.
// Returns false when the file could not be opened.
bool read_tsv(const std::string& path, size_t min_cols, const std::function<void(const TsvRow&)>& row,
              const std::function<void(Diagnostic)>& problem);

// For small rule files that must load whole or not at all: calls `row` for each entry line and
// stops at the first problem, which `row` reports by returning a message ("" = fine). The error
// names the file and line.
Result<bool> load_tsv_strict(const std::string& path, size_t min_cols,
                             const std::function<std::string(const TsvRow&)>& row);

}  // namespace rasad
