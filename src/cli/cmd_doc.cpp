// rasad doc: what the text layer makes of documents.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/json_out.h"
#include "core/parallel.h"
#include "core/paths.h"
#include "io/reader.h"
#include "kb/date_range.h"
#include "kb/resolver.h"
#include "text/pipeline.h"

namespace rasad::cli {

namespace {

struct DocOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string date;
  std::string lang = "auto";
  bool no_tokens = false;
  unsigned threads = 1;
};

struct Totals {
  uint64_t documents = 0, sentences = 0, tokens = 0, bytes = 0, removed = 0, dated = 0, ranged = 0;
  std::map<std::string, uint64_t> by_lang;
};

int run_doc(const DocOptions& o, const GlobalOptions& g) {
  auto resources = text::TextResources::load(resolve_data_dir(g.data_dir));
  if (!resources) {
    std::cerr << "rasad: cannot load the text resources: " << resources.error() << "\n";
    return 2;
  }
  text::AnalyzeOptions analyze_options;
  analyze_options.lang = o.lang;
  if (!o.date.empty()) {
    analyze_options.date = text::parse_metadata_date(o.date);
    if (!analyze_options.date || analyze_options.date->precision != text::DatePrecision::day) {
      std::cerr << "rasad: --date wants YYYY-MM-DD, got '" << o.date << "'\n";
      return 2;
    }
  }
  // The knowledge base bounds the date of an undated document by the office holders it names.
  std::vector<Diagnostic> kb_problems;
  auto kb = kb::KnowledgeBase::load(resolve_data_dir(g.data_dir), kb_problems, g.dicts);
  if (!g.quiet)
    for (const auto& d : kb_problems)
      if (d.severity == Severity::error) std::cerr << d.format() << "\n";
  if (!kb) {
    std::cerr << "rasad: cannot load the knowledge base: " << kb.error() << "\n";
    return 2;
  }
  const kb::ActorResolver resolver(**kb, &(*resources)->morphology);
  const unsigned threads = std::max(1u, o.threads);
  std::vector<std::unique_ptr<text::TextPipeline>> pipelines;
  for (unsigned i = 0; i < threads; ++i) pipelines.push_back(std::make_unique<text::TextPipeline>(*resources));

  Totals totals;
  uint64_t errors = 0;
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Document> batch;
  std::vector<text::Analysis> results;
  std::vector<std::optional<kb::DateRange>> ranges;

  // Documents are analyzed in batches, each thread taking every N-th document, and printed in input
  // order, so the output does not depend on the number of threads.
  auto flush = [&] {
    results.assign(batch.size(), {});
    ranges.assign(batch.size(), std::nullopt);
    parallel_indices(batch.size(), threads, [&](unsigned t, size_t i) {
      results[i] = pipelines[t]->analyze(batch[i], analyze_options);
      if (results[i].date.origin == "none") {
        const auto evidence = kb::gather_date_evidence(results[i].sentences, batch[i].text, results[i].lang, resolver, **kb);
        ranges[i] = kb::infer_date_range(evidence, **kb);
      }
    });
    std::string out;
    for (size_t i = 0; i < batch.size(); ++i) {
      const Document& d = batch[i];
      const text::Analysis& a = results[i];
      ++totals.documents;
      totals.sentences += a.sentences.size();
      for (const auto& s : a.sentences) totals.tokens += s.tokens.size();
      totals.bytes += d.text.size();
      totals.removed += a.removed.size();
      totals.dated += a.date.value.precision != text::DatePrecision::unknown;
      totals.ranged += ranges[i].has_value();
      ++totals.by_lang[a.lang];
      if (o.format == "json") {
        nlohmann::json j = analysis_to_json(d, a, !o.no_tokens);
        if (ranges[i]) add_date_range_json(j, *ranges[i]);
        out += dump_line(j);
        out += '\n';
      } else if (o.format == "text") {
        out += analysis_to_text(d, a);
        if (ranges[i]) out += date_range_to_text(*ranges[i]);
        out += '\n';
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    batch.clear();
  };

  io::read_paths(
      o.paths, io::ReadOptions{},
      [&](Document&& d) {
        batch.push_back(std::move(d));
        if (batch.size() >= 64u * threads) flush();
      },
      [&](const Diagnostic& diag) {
        errors += diag.severity == Severity::error;
        if (shown(g, diag.severity)) std::cerr << diag.format() << "\n";
      });
  flush();
  std::fflush(stdout);

  if (o.format == "stats") {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("documents {}\nsentences {}\ntokens {}\nbytes {}\nremoved_lines {}\ndated {}\ndate_ranges {}\n",
               totals.documents, totals.sentences, totals.tokens, totals.bytes, totals.removed, totals.dated,
               totals.ranged);
    for (const auto& [lang, n] : totals.by_lang) fmt::print("lang {} {}\n", lang, n);
    fmt::print("seconds {:.3f}\nthreads {}\nMB_per_s {:.2f}\ndocs_per_s {:.1f}\n", secs, threads,
               totals.bytes / 1e6 / secs, totals.documents / secs);
  }
  // Bad inputs are reported and skipped; only a run that read nothing at all because of them fails.
  return totals.documents == 0 && errors > 0 ? 1 : 0;
}

}  // namespace

std::function<int()> add_doc_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* cmd = app.add_subcommand("doc", "Read documents and print what the text layer makes of them");
  cmd->add_option("paths", o->paths, "Files, directories (recursive) or - for standard input")->required();
  cmd->add_option("--format", o->format, "Output: text (for people), json (one JSON object per document per line), "
                                          "stats (counts and throughput only)")
      ->check(CLI::IsMember({"text", "json", "stats"}));
  cmd->add_option("--date", o->date, "Document date (YYYY-MM-DD) for documents that give none");
  cmd->add_option("--lang", o->lang, "Language: auto, ar, fa or en")->check(CLI::IsMember({"auto", "ar", "fa", "en"}));
  cmd->add_flag("--no-tokens", o->no_tokens, "Leave tokens out of the JSON output");
  cmd->add_option("--threads", o->threads, "Worker threads (default 1; output order does not change)")->check(CLI::Range(1u, 256u));
  return [o, &global] { return run_doc(*o, global); };
}

}  // namespace rasad::cli
