// rasad events | timeline | search | export: queries of the event store (docs/STORE.md), SQLite or
// PostgreSQL (store/open.h); ingest is in cmd_ingest.cpp.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/json_out.h"
#include "code/event_io.h"
#include "core/paths.h"
#include "store/event_csv.h"
#include "store/filters.h"
#include "store/gdelt.h"
#include "store/merge.h"
#include "store/export.h"
#include "store/open.h"
#include "store/search.h"
#include "store/store.h"

namespace rasad::cli {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kDbHelp = "Store: an SQLite file (default rasad.db) or a PostgreSQL URI (postgresql://...)";

// ---------------------------------------------------------------------------------------------
// query commands

struct QueryOptions {
  std::string db = "rasad.db";
  std::string dyad, actor, type, cameo, from, to, lang;
  std::string person;  // a person's name in any language, or a person id
  std::string side;    // source, target, any: the side of --actor, --person and the dyad's A
  std::string ranged;  // "", overlap, within: events known only by an inferred range in --from/--to
  std::string format;  // "" = table on a terminal, jsonl otherwise
  int64_t explain = 0;
  std::string by = "month";
  std::string table = "events";
  std::string query;
  int limit = 20;
};

// The store of --db: an SQLite file or a PostgreSQL URI (store/open.h).
std::unique_ptr<store::Store> open_read(const std::string& path) {
  auto s = store::open_store(path, store::Access::read);
  if (!s) {
    std::cerr << "rasad: " << s.error() << "\n";
    return nullptr;
  }
  return std::move(*s);
}

// The filters, checked like the API's (store/filters.h). Codes and types are checked against the
// knowledge base, loaded only when one of them is given; a usage error is printed.
std::optional<store::EventQuery> parse_query(const QueryOptions& o, const GlobalOptions& g) {
  const store::FilterText f{o.dyad, o.actor, o.type, o.cameo, o.from, o.to, o.lang, o.person, o.side, o.ranged};
  std::shared_ptr<const kb::KnowledgeBase> kb;
  if (!f.dyad.empty() || !f.actor.empty() || !f.type.empty() || !f.cameo.empty() || !f.person.empty()) {
    std::vector<Diagnostic> problems;
    if (auto loaded = kb::KnowledgeBase::load(resolve_data_dir(g.data_dir), problems)) kb = *loaded;
  }
  auto q = store::parse_filters(f, kb.get(), "--");
  if (!q) {
    std::cerr << "rasad: " << q.error() << "\n";
    return std::nullopt;
  }
  return *q;
}

// Display width on a terminal: code points, minus combining marks and invisible controls.
size_t display_width(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = c < 0x80 ? c : c < 0xE0 ? (c & 0x1F) : c < 0xF0 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    const bool zero = (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x200B && cp <= 0x200F) ||
                      (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0x202A && cp <= 0x202E);
    w += zero ? 0 : 1;
    i += n;
  }
  return w;
}

// Right-to-left text inside a left-to-right table: first-strong isolates keep the terminal's bidi
// algorithm from moving neighbouring columns.
std::string isolate(std::string_view s) { return "\u2068" + std::string(s) + "\u2069"; }

std::string cut(std::string_view s, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (chars == max_chars) return out + "…";
    char ch = s[i];
    if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
    if (n == 1) out += ch; else out.append(s.substr(i, n));
    ++chars;
    i += n;
  }
  return out;
}

std::string pad(const std::string& s, size_t width) {
  const size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

// The mentions of an event grouped by (document, sentence), in stored order: what the event's
// num_mentions counts and what the page shows as one card each (both directions of a symmetric
// event, or a pattern matched twice, are one sentence reporting it).
std::vector<std::vector<store::MentionRow>> by_sentence(const std::vector<store::MentionRow>& ms) {
  std::vector<std::vector<store::MentionRow>> out;
  std::map<std::pair<std::string, uint32_t>, size_t> at;
  for (const auto& m : ms) {
    auto [it, fresh] = at.try_emplace({m.doc, m.sentence}, out.size());
    if (fresh) out.emplace_back();
    out[it->second].push_back(m);
  }
  return out;
}

// One reporting sentence: where it is (sentences numbered from 1, as on the page), the codings
// found in it, why it joined the event, and the sentence.
void print_sentence(const std::vector<store::MentionRow>& ms) {
  const store::MentionRow& m = ms.front();
  const std::string date = m.date_precision == "range"
                               ? fmt::format("none, inferred {}..{}", m.date_from, m.date_to.empty() ? "open" : m.date_to)
                               : m.date.empty() ? "none" : m.date;
  fmt::print("  - doc {} sentence {} [{}] date {}{}\n", m.doc, m.sentence + 1, m.lang, date,
             m.duplicate_of.empty() ? "" : " (near-duplicate of " + m.duplicate_of + ")");
  std::string codings;
  for (const auto& c : ms)
    codings += fmt::format("{}{} {} -> {}{}", codings.empty() ? "" : "; ", c.cameo, c.source_code,
                           c.target_code.empty() ? "-" : c.target_code, c.negated ? " (negated)" : "");
  fmt::print("    coded: {}\n", codings);
  fmt::print("    joined: {}\n", m.join_reason);
  fmt::print("    {}\n", isolate(cut(m.sentence_text, 160)));
}

int print_explain(store::Store& s, int64_t id) {
  auto found = s.event(id);
  if (!found) {
    std::cerr << "rasad: " << found.error() << "\n";
    return 2;
  }
  if (!*found) {
    std::cerr << "rasad: no event " << id << "\n";
    return 1;
  }
  const auto& e = **found;
  fmt::print("event {}: {} (CAMEO {}) {} {} {}, {} ({})\n", e.id, e.plover.empty() ? "-" : e.plover, e.cameo,
             e.source_code, e.symmetric ? "<->" : "->", e.target_code.empty() ? "-" : e.target_code,
             e.date_precision == "range" ? "undated, inferred " + store::date_label(e)
             : e.date.empty()           ? std::string("undated")
                                        : e.date,
             e.date_precision);
  fmt::print("  {} mentions (reporting sentences), {} sources, {} articles, languages {}\n", e.num_mentions,
             e.num_sources, e.num_articles, e.languages);
  fmt::print("  merge rules: same PLOVER type (CAMEO root without one), same actor pair at country+sector level "
             "(either direction when symmetric), dates within {} day (inferred ranges: overlapping, through a named person), "
             "places in one country (docs/STORE.md)\n",
             store::kDayWindow);
  auto ms = s.mentions(id);
  if (!ms) {
    std::cerr << "rasad: " << ms.error() << "\n";
    return 2;
  }
  for (const auto& sentence : by_sentence(*ms)) print_sentence(sentence);
  return 0;
}

// Writes the events of `q` as `o` says to standard output; the exit code.
int write(store::Store& s, const store::EventQuery& q, const store::ExportOptions& o) {
  auto r = store::write_export(s, q, o, [](std::string_view out) { std::fwrite(out.data(), 1, out.size(), stdout); });
  if (!r) {
    std::cerr << "rasad: " << r.error() << "\n";
    return 2;
  }
  return 0;
}

int run_events(const QueryOptions& o, const GlobalOptions& g) {
  const auto q = o.explain > 0 ? store::EventQuery{} : parse_query(o, g);
  if (!q) return 2;
  auto s = open_read(o.db);
  if (!s) return 2;
  if (o.explain > 0) return print_explain(*s, o.explain);
  const std::string format = !o.format.empty() ? o.format : (isatty(STDOUT_FILENO) ? "table" : "jsonl");
  if (format != "table")
    return write(*s, *q, {format == "csv" ? store::ExportFormat::csv : store::ExportFormat::jsonl, store::ExportTable::events});
  auto rows = s->events(*q);
  if (!rows) {
    std::cerr << "rasad: " << rows.error() << "\n";
    return 2;
  }
  std::string out;
  {
    out += fmt::format("{}{}{}{}{}{}{}{}\n", pad("ID", 7), pad("DATE", 16), pad("TYPE", 12), pad("CAMEO", 6),
                       pad("SOURCE", 10), pad("TARGET", 10), pad("M/S/A", 9), pad("LANG", 9)) + "";
    std::vector<int64_t> ids;
    for (const auto& e : *rows) ids.push_back(e.id);
    auto mentions = s->mentions(ids);  // all at once: one query per page, not one per event
    if (!mentions) {
      std::cerr << "rasad: " << mentions.error() << "\n";
      return 2;
    }
    for (size_t i = 0; i < rows->size(); ++i) {
      const auto& e = (*rows)[i];
      const auto& ms = (*mentions)[i];
      const std::string text = ms.empty() ? "" : cut(ms.front().sentence_text, 70);
      // A range shows as "~2013–2021": never as a day.
      const std::string date = e.date_precision == "range" ? "~" + store::date_label(e) : e.date.empty() ? "-" : e.date;
      out += pad(std::to_string(e.id), 7) + pad(date, 16) + pad(e.plover.empty() ? "-" : e.plover, 12) +
             pad(e.cameo, 6) + pad(e.source_code, 10) + pad(e.target_code.empty() ? "-" : e.target_code, 10) +
             pad(fmt::format("{}/{}/{}", e.num_mentions, e.num_sources, e.num_articles), 9) + pad(e.languages, 9) +
             isolate(text) + "\n";
    }
    out += fmt::format("{} events\n", rows->size());
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int run_timeline(const QueryOptions& o, const GlobalOptions& g) {
  const auto q = parse_query(o, g);
  if (!q) return 2;
  auto s = open_read(o.db);
  if (!s) return 2;
  const auto t0 = Clock::now();
  auto rows = s->events(*q);
  if (!rows) {
    std::cerr << "rasad: " << rows.error() << "\n";
    return 2;
  }
  int64_t undated = 0;
  const auto series = store::timeline(*rows, o.by, undated);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  const std::string format = o.format.empty() ? "table" : o.format;
  std::string out;
  if (format == "csv") {
    out += code::csv_line({"period", "plover", "events", "mentions", "goldstein_sum"});
    for (const auto& r : series)
      out += code::csv_line({r.period, r.plover, std::to_string(r.events), std::to_string(r.mentions), fmt::format("{:g}", r.goldstein)});
  } else if (format == "jsonl") {
    for (const auto& r : series)
      out += dump_line({{"period", r.period}, {"plover", r.plover}, {"events", r.events}, {"mentions", r.mentions},
                        {"goldstein_sum", r.goldstein}}) + "\n";
  } else {
    out += fmt::format("{:<12}{:<14}{:>8}{:>10}{:>12}\n", "PERIOD", "TYPE", "EVENTS", "MENTIONS", "GOLDSTEIN");
    std::string last;
    double period_sum = 0;
    auto close_period = [&] {
      if (!last.empty()) out += fmt::format("{:<12}{:<14}{:>8}{:>10}{:>12.1f}\n", "", "(sum)", "", "", period_sum);
    };
    for (const auto& r : series) {
      if (r.period != last) {
        close_period();
        last = r.period;
        period_sum = 0;
      }
      period_sum += r.goldstein;
      out += fmt::format("{:<12}{:<14}{:>8}{:>10}{:>12.1f}\n", r.period, r.plover, r.events, r.mentions, r.goldstein);
    }
    close_period();
    out += fmt::format("{} events in {} rows; {} without a date at {} precision; {:.1f} ms\n", rows->size(), series.size(),
                       undated, o.by, ms);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int run_search(const QueryOptions& o, const GlobalOptions& g) {
  auto s = open_read(o.db);
  if (!s) return 2;
  // The knowledge base gives the actor-name expansion; without it the search is plain.
  std::vector<Diagnostic> problems;
  auto kb = kb::KnowledgeBase::load(resolve_data_dir(g.data_dir), problems);
  store::SearchExpander expander(kb ? *kb : nullptr);
  const auto terms = expander.terms(o.query);
  if (store::SearchExpander::fts_query(terms).empty()) {
    std::cerr << "rasad: the query has no words\n";
    return 2;
  }
  auto hits = s->search(terms, o.limit);
  if (!hits) {
    std::cerr << "rasad: " << hits.error() << "\n";
    return 2;
  }
  const std::string format = !o.format.empty() ? o.format : (isatty(STDOUT_FILENO) ? "table" : "jsonl");
  std::string out;
  if (format == "jsonl") {
    std::vector<int64_t> ids;
    for (const auto& h : *hits) ids.insert(ids.end(), h.events.begin(), h.events.end());
    auto rows = s->events_by_id(ids);
    if (!rows) {
      std::cerr << "rasad: " << rows.error() << "\n";
      return 2;
    }
    std::unordered_map<int64_t, const store::EventRow*> by_id;
    for (const auto& e : *rows) by_id[e.id] = &e;
    for (const auto& h : *hits) {
      nlohmann::json events = nlohmann::json::array();
      for (int64_t id : h.events)
        if (auto e = by_id.find(id); e != by_id.end()) events.push_back(store::event_json(*e->second, nullptr));
      nlohmann::json j = {{"doc", h.doc}, {"title", h.title}, {"lang", h.lang}, {"date", h.date}, {"rank", h.rank},
                          {"events", events}};
      if (!h.duplicate_of.empty()) j["duplicate_of"] = h.duplicate_of;
      out += store::json_line(j) + "\n";
    }
  } else {
    for (const auto& t : terms)
      if (!t.codes.empty())
        out += fmt::format("'{}' names {}: also searching {} names\n", isolate(t.words), store::join_list(t.codes),
                           t.alternatives.size() - 1);
    for (const auto& h : *hits) {
      out += fmt::format("{}  {}  {}  {}\n", pad(h.doc, 16), pad(h.date.empty() ? "-" : h.date, 11), pad(h.lang, 3),
                         isolate(cut(h.title, 70)));
      if (!h.events.empty()) {
        std::string ids;
        for (int64_t id : h.events) ids += (ids.empty() ? "" : " ") + std::to_string(id);
        out += "    events: " + ids + "\n";
      }
    }
    out += fmt::format("{} documents\n", hits->size());
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int run_export(const QueryOptions& o, const GlobalOptions& g) {
  const auto q = parse_query(o, g);
  if (!q) return 2;
  auto s = open_read(o.db);
  if (!s) return 2;
  store::ExportOptions x;
  x.table = o.table == "mentions" ? store::ExportTable::mentions : store::ExportTable::events;
  x.format = o.format == "csv" ? store::ExportFormat::csv : o.format == "gdelt" ? store::ExportFormat::gdelt
                                                                                : store::ExportFormat::jsonl;
  store::GdeltTables gdelt;
  if (x.format == store::ExportFormat::gdelt) {  // English names and FIPS codes (store/gdelt.h)
    std::vector<Diagnostic> problems;
    const std::string data_dir = resolve_data_dir(g.data_dir);
    auto kb = kb::KnowledgeBase::load(data_dir, problems);
    if (!kb) std::cerr << "rasad: warning: no knowledge base, GDELT actor names stay empty: " << kb.error() << "\n";
    gdelt = store::load_gdelt_tables(kb ? kb->get() : nullptr, data_dir, problems);
    for (const auto& d : problems)
      if (d.severity == Severity::error) std::cerr << d.format() << "\n";
    x.gdelt = &gdelt;
  }
  return write(*s, *q, x);
}

void add_filters(CLI::App* cmd, QueryOptions& o) {
  cmd->add_option("--db", o.db, kDbHelp);
  cmd->add_option("--dyad", o.dyad, "A-B: events between actors A and B (codes such as IRN, IRNGOV), either direction (--side source: A as source)");
  cmd->add_option("--actor", o.actor,
                  "Events with this actor as source or target: a code (IRN) or a person's name in any language (putin, بوتين)");
  cmd->add_option("--person", o.person,
                  "Events some report of which names this person as source or target: a name in any language "
                  "(Putin, بوتين, پوتین) or an id (putin_vladimir)");
  cmd->add_option("--side", o.side, "source, target or any (default): the side of --actor, --person and the dyad's A")
      ->check(CLI::IsMember({"source", "target", "any"}, CLI::ignore_case));
  cmd->add_option("--type", o.type, "PLOVER type, e.g. CONSULT (any case)");
  cmd->add_option("--from", o.from, "First date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--to", o.to, "Last date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--lang", o.lang, "Events with a mention in this language: ar, fa or en");
  cmd->add_option("--ranged", o.ranged,
                  "With --from/--to, also events no report dates whose inferred range overlaps the period, or lies within it")
      ->check(CLI::IsMember({"overlap", "within"}));
  cmd->add_option("--cameo", o.cameo, "CAMEO code prefix, e.g. 04");
}

}  // namespace

std::function<int()> add_events_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* cmd = app.add_subcommand("events", "List merged events from the store");
  add_filters(cmd, *o);
  cmd->add_option("--format", o->format, "table (default on a terminal), jsonl (default otherwise, with mentions), csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  cmd->add_option("--explain", o->explain, "Show one event and why each of its mentions joined it");
  return [o, &global] { return run_events(*o, global); };
}

std::function<int()> add_timeline_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* cmd = app.add_subcommand("timeline", "Events per PLOVER type and Goldstein sum per period for a dyad");
  add_filters(cmd, *o);
  cmd->get_option("--dyad")->required();
  cmd->add_option("--by", o->by, "Period: day, week (ISO) or month (default)")->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_option("--format", o->format, "table (default), csv or jsonl")->check(CLI::IsMember({"table", "jsonl", "csv"}));
  return [o, &global] { return run_timeline(*o, global); };
}

std::function<int()> add_search_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* cmd = app.add_subcommand("search", "Full-text search of stored documents (normalized, actor names in all languages)");
  cmd->add_option("query", o->query, "Words to find (all must occur)")->required();
  cmd->add_option("--db", o->db, kDbHelp);
  cmd->add_option("--limit", o->limit, "Documents to show (default 20)");
  cmd->add_option("--format", o->format, "table (default on a terminal) or jsonl")->check(CLI::IsMember({"table", "jsonl"}));
  return [o, &global] { return run_search(*o, global); };
}

std::function<int()> add_export_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<QueryOptions>();
  o->format = "jsonl";
  CLI::App* cmd = app.add_subcommand("export", "Write the store's events (or mentions) as jsonl, csv or GDELT 2.0 tables");
  add_filters(cmd, *o);
  cmd->add_option("--format", o->format, "jsonl (events with mentions), csv, gdelt (GDELT 2.0 tab-separated)")
      ->check(CLI::IsMember({"jsonl", "csv", "gdelt"}));
  cmd->add_option("--table", o->table, "events (default) or mentions (one line or row per mention, with its event id)")
      ->check(CLI::IsMember({"events", "mentions"}));
  return [o, &global] { return run_export(*o, global); };
}

}  // namespace rasad::cli
