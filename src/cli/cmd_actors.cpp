// rasad actors resolve: the actors a text names, with the people dated roles point to.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/json_out.h"
#include "core/paths.h"
#include "kb/resolver.h"
#include "text/resources.h"

namespace rasad::cli {

namespace {

struct ActorsOptions {
  std::string text, lang = "ar", date, format = "text";
};

int run_actors_resolve(const ActorsOptions& o, const GlobalOptions& g) {
  const auto date = text::parse_metadata_date(o.date);
  if (!date || date->precision != text::DatePrecision::day) {
    std::cerr << "rasad: --date wants YYYY-MM-DD, got '" << o.date << "'\n";
    return 2;
  }
  const std::string data_dir = resolve_data_dir(g.data_dir);
  auto resources = text::TextResources::load(data_dir);
  if (!resources) {
    std::cerr << "rasad: cannot load the text resources: " << resources.error() << "\n";
    return 2;
  }
  std::vector<Diagnostic> problems;
  auto kb = kb::KnowledgeBase::load(data_dir, problems, g.dicts);
  for (const auto& d : problems)
    if (shown(g, d.severity)) std::cerr << d.format() << "\n";
  if (!kb) {
    std::cerr << "rasad: cannot load the knowledge base: " << kb.error() << "\n";
    return 2;
  }
  text::Segmenter segmenter((*resources)->segment_rules, (*resources)->normalizer, (*resources)->morphology);
  const kb::ActorResolver resolver(**kb, &(*resources)->morphology);
  const auto tokens = segmenter.tokenize(o.text, Span{0, static_cast<uint32_t>(o.text.size())}, o.lang);
  const auto mentions = resolver.resolve(tokens, o.text, o.lang, *date);

  if (o.format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& m : mentions) {
      nlohmann::json j{{"start", m.span.start}, {"end", m.span.end}, {"text", m.text}, {"kind", m.kind},
                       {"code", m.code},        {"country", m.country}, {"sector", m.sector}};
      if (!m.organization.empty()) j["organization"] = m.organization;
      if (!m.person.empty()) j["person"] = m.person, j["person_name"] = m.person_name;
      if (!m.role.empty()) j["role"] = m.role;
      arr.push_back(std::move(j));
    }
    std::cout << dump_line(nlohmann::json{{"text", o.text}, {"lang", o.lang}, {"date", o.date}, {"actors", arr}})
              << "\n";
  } else {
    for (const auto& m : mentions) {
      fmt::print("{}-{}\t{}\t{}\t{}", m.span.start, m.span.end, m.text, m.code.empty() ? "-" : m.code, m.kind);
      if (!m.country.empty()) fmt::print("\tcountry={}", m.country);
      if (!m.sector.empty()) fmt::print("\tsector={}", m.sector);
      if (!m.organization.empty()) fmt::print("\torganization={}", m.organization);
      if (!m.person.empty()) fmt::print("\tperson={} ({})", m.person, m.person_name);
      if (!m.role.empty()) fmt::print("\trole={}", m.role);
      fmt::print("\n");
    }
  }
  return 0;
}

}  // namespace

std::function<int()> add_actors_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ActorsOptions>();
  CLI::App* cmd = app.add_subcommand("actors", "Actor tools");
  cmd->require_subcommand(1);
  CLI::App* resolve = cmd->add_subcommand("resolve", "Print the actors a text names on a date");
  resolve->add_option("text", o->text, "The text (one sentence or a few)")->required();
  resolve->add_option("--lang", o->lang, "Language: ar, fa or en")->check(CLI::IsMember({"ar", "fa", "en"}));
  resolve->add_option("--date", o->date, "The article's date, YYYY-MM-DD")->required();
  resolve->add_option("--format", o->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  return [o, &global] { return run_actors_resolve(*o, global); };
}

}  // namespace rasad::cli
