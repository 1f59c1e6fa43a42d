// rasad dict check: lints the knowledge base (data/kb).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/paths.h"
#include "code/patterns.h"
#include "kb/check.h"

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

}  // namespace

std::function<int()> add_dict_command(CLI::App& app, const GlobalOptions& global) {
  auto data = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("dict", "Knowledge-base tools");
  cmd->require_subcommand(1);
  CLI::App* check = cmd->add_subcommand("check", "Lint data/kb: malformed lines, unknown codes, conflicts, role dates");
  check->add_option("--data", *data, "Data directory (default: the global --data)");
  return [data, &global] { return run_dict_check(*data, global); };
}

}  // namespace rasad::cli
