// rasad code: documents in, one event record per line out.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/json_out.h"
#include "core/parallel.h"
#include "code/coder.h"
#include "code/event_io.h"
#include "core/paths.h"
#include "io/reader.h"

namespace rasad::cli {

namespace {

struct CodeCliOptions {
  std::vector<std::string> paths;
  std::string format = "jsonl";
  std::string date;
  std::string lang = "auto";
  unsigned threads = 1;
  bool keep_negated = false;
  bool no_statements = false;
  bool no_classifier = false;
  bool stats = false;
  bool attach_rows = false;
  bool tagger_rows = false;
  bool no_attacher = false;
  bool no_tagger = false;
  bool factuality_rows = false;
  bool no_factuality = false;
};

int run_code(const CodeCliOptions& o, const GlobalOptions& g) {
  std::vector<Diagnostic> problems;
  auto resources = code::CodingResources::load(resolve_data_dir(g.data_dir), problems);
  if (resources && !g.dicts.empty()) {
    // User dictionaries (--dict): the knowledge base again with them, and the patterns against it.
    auto kb = kb::KnowledgeBase::load(resolve_data_dir(g.data_dir), problems, g.dicts);
    if (!kb) {
      std::cerr << "rasad: cannot load the knowledge base: " << kb.error() << "\n";
      return 2;
    }
    auto with_dicts = std::make_shared<code::CodingResources>(**resources);
    with_dicts->kb = *kb;
    with_dicts->patterns = code::PatternSet::load(resolve_data_dir(g.data_dir), *with_dicts->kb, problems);
    resources = std::shared_ptr<const code::CodingResources>(std::move(with_dicts));
  }
  for (const auto& d : problems)
    if (d.severity == Severity::error) std::cerr << d.format() << "\n";
  if (!resources) {
    std::cerr << "rasad: " << resources.error() << "\n";
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
  code::CodeOptions code_options;
  code_options.keep_negated = o.keep_negated;
  code_options.with_statements = !o.no_statements;
  code_options.use_classifiers = !o.no_classifier;
  code_options.use_attacher = !o.no_attacher;
  code_options.use_tagger = !o.no_tagger;
  code_options.use_factuality = !o.no_factuality;
  const code::EventCoder coder(*resources, code_options);
  const unsigned threads = std::max(1u, o.threads);
  std::vector<std::unique_ptr<text::TextPipeline>> pipelines;
  for (unsigned i = 0; i < threads; ++i) pipelines.push_back(std::make_unique<text::TextPipeline>((*resources)->text));
  std::vector<kb::UnitForms> unit_forms(threads);  // per thread, across its documents

  uint64_t documents = 0, sentences = 0, events = 0, bytes = 0, errors = 0;
  // Events whose source no actor was recognised for (none named, or a name the knowledge base does
  // not know: the gap actor data work closes), and events dated only by an inferred range.
  uint64_t no_source = 0, ranged = 0;
  const auto t0 = std::chrono::steady_clock::now();
  if (o.format == "csv") {
    const std::string h = code::csv_line(code::flat_columns());
    std::fwrite(h.data(), 1, h.size(), stdout);
  } else if (o.format == "tsv") {
    const std::string h = code::tsv_line(code::flat_columns());
    std::fwrite(h.data(), 1, h.size(), stdout);
  }

  std::vector<Document> batch;
  std::vector<std::vector<code::Event>> results;
  std::vector<std::vector<code::AttachRow>> rows;
  std::vector<std::vector<code::TagRow>> tag_rows;
  std::vector<std::vector<code::FactRow>> fact_rows;
  const bool training_rows = o.attach_rows || o.tagger_rows || o.factuality_rows;
  std::vector<uint32_t> sentence_counts;
  // Batches are coded in parallel, each thread taking every N-th document, and printed in input
  // order: the output does not depend on --threads.
  auto flush = [&] {
    results.assign(batch.size(), {});
    rows.assign(batch.size(), {});
    tag_rows.assign(batch.size(), {});
    fact_rows.assign(batch.size(), {});
    sentence_counts.assign(batch.size(), 0);
    parallel_indices(batch.size(), threads, [&](unsigned t, size_t i) {
      const text::Analysis a = pipelines[t]->analyze(batch[i], analyze_options);
      sentence_counts[i] = static_cast<uint32_t>(a.sentences.size());
      results[i] = coder.code(batch[i], a, {o.attach_rows ? &rows[i] : nullptr, o.tagger_rows ? &tag_rows[i] : nullptr,
                                            o.factuality_rows ? &fact_rows[i] : nullptr},
                              &unit_forms[t]);
    });
    std::string out;
    for (size_t i = 0; i < batch.size() && o.attach_rows; ++i)
      for (const auto& r : rows[i]) {
        nlohmann::json j{{"doc", r.doc}, {"trigger", {r.trigger.start, r.trigger.end}},
                         {"group", {r.group.start, r.group.end}}, {"cameo", r.cameo}, {"codes", r.codes},
                         {"features", r.features}};
        out += dump_line(j);
        out += '\n';
      }
    for (size_t i = 0; i < batch.size() && o.tagger_rows; ++i)
      for (const auto& r : tag_rows[i]) {
        out += dump_line(nlohmann::json{{"doc", r.doc}, {"unit", {r.unit.start, r.unit.end}}, {"features", r.features}});
        out += '\n';
      }
    for (size_t i = 0; i < batch.size() && o.factuality_rows; ++i)
      for (const auto& r : fact_rows[i]) {
        out += dump_line(nlohmann::json{{"doc", r.doc}, {"trigger", {r.trigger.start, r.trigger.end}}, {"cameo", r.cameo},
                                        {"features", r.features}});
        out += '\n';
      }
    for (size_t i = 0; i < batch.size() && !training_rows; ++i) {
      ++documents;
      bytes += batch[i].text.size();
      sentences += sentence_counts[i];
      events += results[i].size();
      for (const auto& e : results[i]) {
        no_source += e.source.code.empty();
        ranged += e.date_precision == "range";
        if (o.format == "jsonl") {
          out += dump_line(code::to_json(e));
          out += '\n';
        } else if (o.format == "csv") {
          out += code::csv_line(code::flat_row(e));
        } else {
          out += code::tsv_line(code::flat_row(e));
        }
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
  if (o.stats) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << fmt::format(
        "documents {} sentences {} events {} bytes {} seconds {:.3f} threads {} docs_per_s {:.1f} "
        "sentences_per_s {:.1f} MB_per_s {:.2f} events_without_source {} events_date_range {}\n",
        documents, sentences, events, bytes, secs, threads, documents / secs, sentences / secs, bytes / 1e6 / secs,
        no_source, ranged);
  }
  return documents == 0 && errors > 0 ? 1 : 0;
}

}  // namespace

std::function<int()> add_code_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<CodeCliOptions>();
  CLI::App* cmd = app.add_subcommand("code", "Code documents into event records (one per line)");
  cmd->add_option("paths", o->paths, "Files, directories (recursive) or - for standard input")->required();
  cmd->add_option("--format", o->format, "Output: jsonl (one JSON object per event), csv or tsv (flat, with a header)")
      ->check(CLI::IsMember({"jsonl", "csv", "tsv"}));
  cmd->add_option("--date", o->date, "Document date (YYYY-MM-DD) for documents that give none");
  cmd->add_option("--lang", o->lang, "Language: auto, ar, fa or en")->check(CLI::IsMember({"auto", "ar", "fa", "en"}));
  cmd->add_option("--threads", o->threads, "Worker threads (default 1; output order does not change)")->check(CLI::Range(1u, 256u));
  cmd->add_flag("--keep-negated", o->keep_negated, "Emit negated events (negated: true) instead of dropping them");
  cmd->add_flag("--no-statements", o->no_statements, "Drop CAMEO 01 statements");
  cmd->add_flag("--no-classifier", o->no_classifier, "Do not apply the sentence classifiers of data/models (with --no-attacher and --no-tagger: rules alone)");
  cmd->add_flag("--no-attacher", o->no_attacher,
                "Positional rules choose source and target, not the learned attacher of data/models");
  cmd->add_flag("--stats", o->stats, "Print counts and throughput on standard error");
  cmd->add_flag("--attach-rows", o->attach_rows,
                "Print the learned attacher's candidate rows (trigger, actor group, features) instead of events: "
                "the training data of scripts/train/train_attacher.py");
  cmd->add_flag("--tagger-rows", o->tagger_rows,
                "Print the trigger tagger's candidate words (the unit's bytes, features) instead of events: "
                "the training data of scripts/train/train_tagger.py");
  cmd->add_flag("--no-tagger", o->no_tagger, "Do not let the trigger tagger of data/models propose triggers");
  cmd->add_flag("--factuality-rows", o->factuality_rows,
                "Print each trigger's factuality features (the trigger's bytes, features with the word rules' "
                "verdict) instead of events: the training data of scripts/train/train_factuality.py");
  cmd->add_flag("--no-factuality", o->no_factuality,
                "The word rules alone decide whether a trigger is actual or background, not the learned model of data/models");
  return [o, &global] { return run_code(*o, global); };
}

}  // namespace rasad::cli
