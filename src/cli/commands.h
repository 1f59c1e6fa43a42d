#pragma once
// Subcommands of the rasad CLI. Each registers itself on the app and runs when selected.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace rasad::cli {

struct GlobalOptions {
  std::string data_dir;  // --data; empty = resolve_data_dir default
  bool quiet = false;    // --quiet: no diagnostics on stderr
};

// Returns the action to run when the subcommand was chosen; it yields the process exit code.
std::function<int()> add_doc_command(CLI::App& app, const GlobalOptions& global);

}  // namespace rasad::cli
