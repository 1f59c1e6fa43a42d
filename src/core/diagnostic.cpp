#include "core/diagnostic.h"

#include <fmt/format.h>

namespace rasad {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

std::string Diagnostic::format() const {
  if (line > 0) return fmt::format("{}:{}: {}: {}", file, line, to_string(severity), message);
  return fmt::format("{}: {}: {}", file, to_string(severity), message);
}

}  // namespace rasad
