// rasad dict check: lints the knowledge base (data/kb).
// rasad dict import: converts another coder's actor dictionary into a rasad user dictionary.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/paths.h"
#include "code/patterns.h"
#include "kb/check.h"
#include "kb/petrarch_import.h"

namespace rasad::cli {

namespace {

int run_dict_check(const std::string& data_override, const GlobalOptions& g) {
  const std::string data_dir = resolve_data_dir(data_override.empty() ? g.data_dir : data_override);
  kb::CheckReport r = kb::check_kb(data_dir);
  // Event patterns and grammar words (data/kb/patterns, data/kb/grammar) load against the KB.
  {
    std::vector<Diagnostic> load_problems;
    auto kb = kb::KnowledgeBase::load(data_dir, load_problems);
    if (kb) {
      std::vector<Diagnostic> problems;
      auto patterns = code::PatternSet::load(data_dir, **kb, problems);
      for (auto& d : problems) {
        (d.severity == Severity::error ? r.errors : r.warnings) += 1;
        r.diagnostics.push_back(std::move(d));
      }
      for (const auto& p : patterns->patterns()) ++r.counts[p.lang + " pattern/" + p.cameo.substr(0, 2)];
      if (patterns->patterns().empty()) {
        r.diagnostics.push_back({data_dir + "/kb/patterns", 0, Severity::error, "no event patterns"});
        ++r.errors;
      }
    }
  }
  for (const Diagnostic& d : r.diagnostics)
    if (shown(g, d.severity)) std::cerr << d.format() << "\n";
  for (const auto& [key, n] : r.counts) fmt::print("{:<28} {}\n", key, n);
  fmt::print("UN member and observer states: {}; named in ar, fa and en: {}\n", r.un_states, r.un_named_in_all.size());
  for (const auto& [lang, codes] : r.un_missing) fmt::print("  without a {} name: {}\n", lang, fmt::join(codes, " "));
  fmt::print("loaded {} forms ({} phrases), {} people, {} roles in {:.0f} ms\n", r.load.forms, r.load.phrases,
             r.load.people, r.load.roles, r.load.seconds * 1000);
  fmt::print("{} errors, {} warnings\n", r.errors, r.warnings);
  return r.clean() ? 0 : 1;
}

struct ImportOptions {
  std::string format = "petrarch";
  std::string path;
  std::string out;  // "" = standard output
};

// Exit 0 when every line converted, 1 when some lines were bad (the rest is still written), 2 when
// the input cannot be read or the output written.
int run_dict_import(const ImportOptions& o, const GlobalOptions& g) {
  std::ifstream in(o.path, std::ios::binary);
  if (!in) {
    std::cerr << o.path << ": error: cannot open\n";
    return 2;
  }
  std::stringstream content;
  content << in.rdbuf();
  std::vector<Diagnostic> problems;
  const kb::PetrarchImport result = kb::import_petrarch_actors(content.str(), o.path, problems);
  size_t errors = 0;
  for (const Diagnostic& d : problems) {
    errors += d.severity == Severity::error;
    if (!g.quiet || d.severity == Severity::error) std::cerr << d.format() << "\n";
  }
  std::string text = kb::user_dictionary_header(o.path);
  for (const std::string& row : result.rows) text += row + "\n";
  if (o.out.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(o.out, std::ios::binary);
    if (!(out << text)) {
      std::cerr << o.out << ": error: cannot write\n";
      return 2;
    }
  }
  std::cerr << fmt::format("{}: {} entries, {} names, {} people, {} roles; {} errors\n", o.path, result.entries,
                           result.names, result.people, result.roles, errors);
  return errors == 0 ? 0 : 1;
}

}  // namespace

std::function<int()> add_dict_command(CLI::App& app, const GlobalOptions& global) {
  auto data = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("dict", "Knowledge-base tools");
  cmd->require_subcommand(1);
  CLI::App* check = cmd->add_subcommand("check", "Lint data/kb: malformed lines, unknown codes, conflicts, role dates");
  check->add_option("--data", *data, "Data directory (default: the global --data)");
  auto imp = std::make_shared<ImportOptions>();
  CLI::App* import = cmd->add_subcommand("import", "Convert an actor dictionary into a rasad user dictionary (load it with --dict)");
  import->add_option("--format", imp->format, "Input format")->check(CLI::IsMember({"petrarch"}));
  import->add_option("file", imp->path, "The dictionary to convert (PETRARCH/TABARI .actors.txt)")->required();
  import->add_option("-o,--out", imp->out, "Output file (default: standard output)");
  return [data, imp, import, &global] {
    return import->parsed() ? run_dict_import(*imp, global) : run_dict_check(*data, global);
  };
}

}  // namespace rasad::cli
