#pragma once
// Subcommands of the rasad CLI. Each registers itself on the app and runs when selected.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "core/diagnostic.h"

namespace rasad::cli {

struct GlobalOptions {
  std::string data_dir;  // --data; empty = resolve_data_dir default
  bool quiet = false;    // -q/--quiet: no progress display and no notes
  std::vector<std::string> dicts;  // --dict: user actor dictionaries added to the knowledge base
};

// -q silences progress and notes only: errors and warnings about the input are always shown.
inline bool shown(const GlobalOptions& g, Severity s) { return !g.quiet || s != Severity::note; }
inline constexpr const char* kQuietHelp = "No progress display and no notes (errors and warnings are still shown)";

// Returns the action to run when the subcommand was chosen; it yields the process exit code.
std::function<int()> add_doc_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_code_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_dict_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_actors_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_classify_command(CLI::App& app, const GlobalOptions& global);
// The event store (cmd_store.cpp): ingest, events, timeline, search, export.
std::function<int()> add_ingest_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_events_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_timeline_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_search_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_export_command(CLI::App& app, const GlobalOptions& global);
// rasad serve (cmd_serve.cpp): the JSON API and the page.
std::function<int()> add_serve_command(CLI::App& app, const GlobalOptions& global);
// Scale-out (cmd_queue.cpp): documents on a Redis stream, workers storing into PostgreSQL.
std::function<int()> add_enqueue_command(CLI::App& app, const GlobalOptions& global);
std::function<int()> add_worker_command(CLI::App& app, const GlobalOptions& global);

}  // namespace rasad::cli
