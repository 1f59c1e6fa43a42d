#include "core/tsv.h"

#include <fstream>

#include "core/utf8.h"

namespace rasad {

bool read_tsv(const std::string& path, size_t min_cols, const std::function<void(const TsvRow&)>& row,
              const std::function<void(Diagnostic)>& problem) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem({path, 0, Severity::error, "cannot open"});
    return false;
  }
  std::string line;
  TsvRow r{&path, 0, {}};
  while (std::getline(in, line)) {
    ++r.line;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!utf8::is_valid(line)) {
      problem(r.error("not valid UTF-8"));
      continue;
    }
    r.cols.clear();
    size_t start = 0;
    while (true) {
      const size_t tab = line.find('\t', start);
      r.cols.emplace_back(std::string_view(line).substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (r.cols.size() < min_cols) {
      problem(r.error("expected at least " + std::to_string(min_cols) + " tab-separated columns, found " +
                      std::to_string(r.cols.size())));
      continue;
    }
    row(r);
  }
  return true;
}

Result<bool> load_tsv_strict(const std::string& path, size_t min_cols,
                             const std::function<std::string(const TsvRow&)>& row) {
  std::string first_error;
  read_tsv(
      path, min_cols,
      [&](const TsvRow& r) {
        if (!first_error.empty()) return;
        if (std::string message = row(r); !message.empty()) first_error = r.error(std::move(message)).format();
      },
      [&](Diagnostic d) {
        if (first_error.empty()) first_error = d.format();
      });
  if (!first_error.empty()) return Error{first_error};
  return true;
}

}  // namespace rasad
