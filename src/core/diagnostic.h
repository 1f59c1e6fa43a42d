#pragma once
// Diagnostics are values: readers and stages return them, the CLI prints them, the run goes on.
#include <cstdint>
#include <string>

namespace rasad {

enum class Severity { note, warning, error };

struct Diagnostic {
  std::string file;   // path as given on the command line, "-" for standard input
  uint64_t line = 0;  // 1-based line for line-oriented input, 0 when it concerns the whole file
  Severity severity = Severity::warning;
  std::string message;
  // Inputs (records, files) an error skipped: 1, or many for a summary of errors not reported one
  // by one, so that a run can count what it skipped.
  uint64_t count = 1;

  // "FILE:LINE: warning: MESSAGE" (LINE omitted when 0), the GNU convention editors understand.
  std::string format() const;
};

const char* to_string(Severity s);

}  // namespace rasad
