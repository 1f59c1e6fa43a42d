// rasad: reads Arabic, Persian and English news and codes political events. This file only wires
// the subcommands; each lives in its own cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/usage.h"

int main(int argc, char** argv) {
  CLI::App app{"rasad: political event data from Arabic, Persian and English news"};
  app.set_version_flag("--version", std::string("rasad 0.1.0"));
  app.require_subcommand(1);
  rasad::cli::GlobalOptions global;
  app.add_option("--data", global.data_dir, "Knowledge directory (default: $RASAD_DATA or the bundled data/)");
  app.add_flag("-q,--quiet", global.quiet, rasad::cli::kQuietHelp);
  app.add_option("--dict", global.dicts,
                 "User actor dictionary (written by `rasad dict import`) added to the knowledge base; repeatable")
      ->check(CLI::ExistingFile);

  std::vector<std::pair<CLI::App*, std::function<int()>>> commands;
  auto doc = rasad::cli::add_doc_command(app, global);
  commands.emplace_back(app.get_subcommand("doc"), doc);
  auto code = rasad::cli::add_code_command(app, global);
  commands.emplace_back(app.get_subcommand("code"), code);
  auto dict = rasad::cli::add_dict_command(app, global);
  commands.emplace_back(app.get_subcommand("dict"), dict);
  auto actors = rasad::cli::add_actors_command(app, global);
  commands.emplace_back(app.get_subcommand("actors"), actors);
  auto classify = rasad::cli::add_classify_command(app, global);
  commands.emplace_back(app.get_subcommand("classify"), classify);
  auto ingest_cmd = rasad::cli::add_ingest_command(app, global);
  commands.emplace_back(app.get_subcommand("ingest"), ingest_cmd);
  auto events_cmd = rasad::cli::add_events_command(app, global);
  commands.emplace_back(app.get_subcommand("events"), events_cmd);
  auto timeline_cmd = rasad::cli::add_timeline_command(app, global);
  commands.emplace_back(app.get_subcommand("timeline"), timeline_cmd);
  auto search_cmd = rasad::cli::add_search_command(app, global);
  commands.emplace_back(app.get_subcommand("search"), search_cmd);
  auto export_cmd = rasad::cli::add_export_command(app, global);
  commands.emplace_back(app.get_subcommand("export"), export_cmd);
  auto serve_cmd = rasad::cli::add_serve_command(app, global);
  commands.emplace_back(app.get_subcommand("serve"), serve_cmd);
  auto enqueue_cmd = rasad::cli::add_enqueue_command(app, global);
  commands.emplace_back(app.get_subcommand("enqueue"), enqueue_cmd);
  auto worker_cmd = rasad::cli::add_worker_command(app, global);
  commands.emplace_back(app.get_subcommand("worker"), worker_cmd);

  // -q is accepted after the subcommand too (rasad ingest DIR -q), and listed in its --help.
  for (auto& [sub, run] : commands) sub->add_flag("-q,--quiet", global.quiet, rasad::cli::kQuietHelp);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return rasad::cli::report_parse_error(app, e, argc, argv);
  }
  try {
    for (auto& [sub, run] : commands)
      if (sub->parsed()) return run();
  } catch (const std::exception& e) {
    std::cerr << "rasad: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
