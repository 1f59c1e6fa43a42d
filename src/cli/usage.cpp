#include "cli/usage.h"

#include <iostream>
#include <string>
#include <vector>

#include "core/suggest.h"

namespace rasad::cli {

namespace {

// The deepest subcommand chosen on the command line, or the app itself.
CLI::App* chosen(CLI::App& app) {
  CLI::App* at = &app;
  while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
  return at;
}

std::vector<std::string> flags_of(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& n : o->get_lnames()) out.push_back("--" + n);
    for (const std::string& n : o->get_snames()) out.push_back("-" + n);
  }
  return out;
}

std::vector<std::string> subcommand_names(CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* s : app.get_subcommands([](CLI::App*) { return true; })) out.push_back(s->get_name());
  return out;
}

// The words the parser did not take: unexpected flags and, without a subcommand, the first word
// that is not an option (a mistyped subcommand).
std::vector<std::string> suggestions(CLI::App& app, int argc, char** argv) {
  CLI::App* at = chosen(app);
  std::vector<std::string> out;
  for (const std::string& word : at->remaining()) {
    if (word.size() < 2 || word[0] != '-') continue;
    std::vector<std::string> flags = flags_of(*at);
    if (at != &app)
      for (const std::string& f : flags_of(app)) flags.push_back(f);
    for (const std::string& s : closest(word.substr(0, word.find('=')), flags, 2)) out.push_back(s);
  }
  if (at == &app)
    for (int i = 1; i < argc; ++i) {
      const std::string word = argv[i];
      if (word.empty() || word[0] == '-') continue;
      if (i > 1 && std::string(argv[i - 1]) == "--data") continue;  // the option's value
      for (const std::string& s : closest(word, subcommand_names(app), 2)) out.push_back(s);
      break;
    }
  return out;
}

}  // namespace

int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
  std::cerr << "rasad: " << e.what() << did_you_mean(suggestions(app, argc, argv)) << "\n"
            << "Run with --help for more information.\n";
  return kUsageExit;
}

}  // namespace rasad::cli
