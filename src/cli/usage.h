#pragma once
// Usage errors of the command line: one message with a "did you mean" for a mistyped flag or
// subcommand, and exit status 2 whatever CLI11's own code (README: 2 on usage errors).
#include <CLI/CLI.hpp>

namespace rasad::cli {

inline constexpr int kUsageExit = 2;

// Handles a parse error of `app` (or of its chosen subcommand): --help and --version print and
// return 0; anything else is reported on standard error and returns kUsageExit.
int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

}  // namespace rasad::cli
