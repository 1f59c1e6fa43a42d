// rasad: reads Arabic, Persian and English news and codes political events. This file only wires
// the subcommands; each lives in its own cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"rasad: political event data from Arabic, Persian and English news"};
  app.set_version_flag("--version", std::string("rasad 0.1.0"));
  app.require_subcommand(1);
  rasad::cli::GlobalOptions global;
  app.add_option("--data", global.data_dir, "Knowledge directory (default: $RASAD_DATA or the bundled data/)");
  app.add_flag("-q,--quiet", global.quiet, "Do not print diagnostics about bad input");

  std::vector<std::pair<CLI::App*, std::function<int()>>> commands;
  auto doc = rasad::cli::add_doc_command(app, global);
  commands.emplace_back(app.get_subcommand("doc"), doc);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
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
