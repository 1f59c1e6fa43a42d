#include "kb/kb.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <unordered_set>

#include "core/tsv.h"

namespace rasad::kb {

namespace {

bool known_lang(std::string_view l) { return l == "ar" || l == "fa" || l == "en"; }

bool is_manual_file(std::string_view path) {
  return path.find(".manual.") != std::string_view::npos || path.ends_with("organizations.tsv") ||
         path.ends_with("stoplist.tsv") ||
         path.ends_with("places.names.tsv") || path.ends_with("issues.tsv") || path.ends_with("un_members.tsv");
}

bool parse_int(std::string_view s, int& v) {
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// English acronyms ("US", "UN", "SCO", "U.S.") match case-sensitively: at least two capitals and
// no lower-case letter.
bool looks_like_acronym(std::string_view form) {
  int upper = 0;
  for (char c : form) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2;
}

constexpr const char* kCountryKinds[] = {"name",           "short",   "adjective", "demonym",
                                         "demonym_plural", "capital", "metonym",   "place"};

}  // namespace

Day parse_day(std::string_view s, bool late) {
  int y = 0, m = 0, d = 0;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d)) return 0;
  } else if (s.size() == 7 && s[4] == '-') {
    if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m)) return 0;
    d = late ? 31 : 1;
  } else if (s.size() == 4) {
    if (!parse_int(s, y)) return 0;
    m = late ? 12 : 1;
    d = late ? 31 : 1;
  } else {
    return 0;
  }
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return y * 10000 + m * 100 + d;
}

const char* to_string(FormCategory c) {
  switch (c) {
    case FormCategory::country: return "country";
    case FormCategory::organization: return "organization";
    case FormCategory::person: return "person";
    case FormCategory::agent: return "agent";
    case FormCategory::place: return "place";
    case FormCategory::issue: return "issue";
  }
  return "?";
}

bool Role::holds_on(Day day) const {
  if (day < start_early) return false;
  return end_late == 0 || (end_lower_bound ? day <= end_early : day < end_late);
}

std::string KnowledgeBase::where(const Source& s) const {
  return (s.file < files_.size() ? files_[s.file] : std::string("?")) + ":" + std::to_string(s.line);
}

uint32_t KnowledgeBase::add_file(const std::string& path) {
  files_.push_back(path);
  return static_cast<uint32_t>(files_.size() - 1);
}

namespace {

constexpr std::string_view kZwnj = "\u200c";

// The variants of one form, each kept once and never the form's own tokens.
struct Variants {
  const std::vector<std::string>& tokens;
  std::vector<std::vector<std::string>> out;
  void add(std::vector<std::string> v) {
    if (v != tokens && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  }
};

// `tokens` with tokens[b, e) replaced by `middle`.
std::vector<std::string> replaced(const std::vector<std::string>& tokens, size_t b, size_t e,
                                  std::vector<std::string> middle) {
  std::vector<std::string> v(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(b));
  for (auto& m : middle) v.push_back(std::move(m));
  v.insert(v.end(), tokens.begin() + static_cast<std::ptrdiff_t>(e), tokens.end());
  return v;
}

// Persian ZWNJs: a form written with them also matches with spaces; two words a form writes apart
// ("امام جمعه", "قوه قضاییه") are often joined by a ZWNJ in the text, which the normalizer drops,
// leaving one word: each neighbouring pair joined (a form written with a ZWNJ says where its words join).
void zwnj_variants(const text::Normalizer& normalizer, std::string_view form, Variants& vs) {
  const auto& tokens = vs.tokens;
  if (form.find(kZwnj) != std::string_view::npos) {
    std::string spaced(form);
    for (size_t at = spaced.find(kZwnj); at != std::string::npos; at = spaced.find(kZwnj, at + 1))
      spaced.replace(at, kZwnj.size(), " ");
    vs.add(split_match_tokens(normalizer.normalize_string(spaced)));
    return;
  }
  if (tokens.size() < 2 || tokens.size() > 4) return;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) vs.add(replaced(tokens, i, i + 2, {tokens[i] + tokens[i + 1]}));
}

// Persian writes a medial hamza on either seat: مسئول / مسؤول, شئون / شؤون (ئ or ؤ before و), هیئت /
// هیأت, مسئله / مسأله (ئ or أ before ت or ل). The normalizer folds each seat to its own letter (ی، و،
// ا), so the other seat is a variant of its own.
void hamza_seat_variant(const text::Normalizer& normalizer, std::string_view form, Variants& vs) {
  static const std::pair<std::string_view, std::string_view> kSeats[] = {
      {"ئو", "ؤو"}, {"ؤو", "ئو"}, {"ئت", "أت"}, {"أت", "ئت"}, {"ئل", "أل"}, {"أل", "ئل"}};
  std::string other;
  bool changed = false;
  for (size_t at = 0; at < form.size();) {
    bool swapped = false;
    // Medial only: after a letter, not at the start of a word (nor after a ZWNJ).
    const bool medial = at > 0 && form[at - 1] != ' ' && !(at >= kZwnj.size() && form.substr(at - kZwnj.size(), kZwnj.size()) == kZwnj);
    if (medial)
      for (const auto& [from, to] : kSeats)
        if (form.substr(at, from.size()) == from) {
          other += to;
          at += from.size();
          swapped = changed = true;
          break;
        }
    if (!swapped) other += form[at++];
  }
  if (changed) vs.add(split_match_tokens(normalizer.normalize_string(other)));
}

const std::string kAbd = "عبد", kAl = "ال", kRabbuh = "ربه", kAllah = "الله";

// عبد + article: "عبد" "العزيز" <-> "عبدالعزيز" (normalized letters: ا for every alef); also عبد +
// ربه, the one such name without the article ("عبد ربه منصور هادي" <-> "عبدربه منصور هادي").
void abd_variants(Variants& vs) {
  const auto& tokens = vs.tokens;
  std::vector<std::string> joined, split;
  bool changed_join = false, changed_split = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    const bool next_joins = i + 1 < tokens.size() &&
                            (tokens[i + 1] == kRabbuh || (tokens[i + 1].starts_with(kAl) && tokens[i + 1].size() > kAl.size() + 2));
    if (t == kAbd && next_joins) {
      joined.push_back(t + tokens[i + 1]);
      split.push_back(t);
      split.push_back(tokens[++i]);
      changed_join = true;
    } else if (t == kAbd + kRabbuh || (t.starts_with(kAbd + kAl) && t.size() > kAbd.size() + kAl.size() + 2)) {
      split.push_back(kAbd);
      split.push_back(t.substr(kAbd.size()));
      joined.push_back(t);
      changed_split = true;
    } else {
      joined.push_back(t);
      split.push_back(t);
    }
  }
  if (changed_join) vs.add(std::move(joined));
  if (changed_split) vs.add(std::move(split));
}

// Names ending in الله, written apart or joined: "حسن نصر الله" <-> "حسن نصرالله" (جار الله، ضيف الله).
// A joined word needs at least two letters before الله (not و + الله); عبد الله is abd_variants'.
void allah_variants(Variants& vs) {
  const auto& tokens = vs.tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (i > 0 && t == kAllah && tokens[i - 1] != kAbd && tokens[i - 1].size() >= 4)
      vs.add(replaced(tokens, i - 1, i + 1, {tokens[i - 1] + t}));
    else if (t.size() >= kAllah.size() + 4 && t.ends_with(kAllah) && !t.starts_with(kAbd + kAl))
      vs.add(replaced(tokens, i, i + 1, {t.substr(0, t.size() - kAllah.size()), kAllah}));
  }
}

}  // namespace

std::vector<std::vector<std::string>> spelling_variants(const text::Normalizer& normalizer, std::string_view lang,
                                                        std::string_view form, const std::vector<std::string>& tokens) {
  Variants vs{tokens, {}};
  if (lang != "ar" && lang != "fa") return {};
  if (lang == "fa") {
    zwnj_variants(normalizer, form, vs);
    hamza_seat_variant(normalizer, form, vs);
  }
  abd_variants(vs);
  allah_variants(vs);
  return std::move(vs.out);
}

void KnowledgeBase::add_form(NameForm f) {
  f.norm = normalizer_.normalize_string(f.form);
  f.tokens = split_match_tokens(f.norm);
  if (f.category != FormCategory::issue) f.variants = spelling_variants(normalizer_, f.lang, f.form, f.tokens);
  f.case_sensitive = f.lang == "en" && looks_like_acronym(f.form);
  // English one-word person names are surnames that are often common words too ("may", "rice",
  // "brown"): they match only when written with a capital ("May" but not "may").
  // So do one-word organization names ("Democrats", not "democrats"; "Likud").
  f.capitalized = f.lang == "en" && !f.case_sensitive &&
                  (f.category == FormCategory::person || f.category == FormCategory::organization) && f.tokens.size() == 1;
  forms_.push_back(std::move(f));
}

Result<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::load(const std::string& data_dir,
                                                                 std::vector<Diagnostic>& problems,
                                                                 const std::vector<std::string>& extra_actor_files) {
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<KnowledgeBase> kb(new KnowledgeBase());
  const std::string root = data_dir + "/kb/";
  if (!std::filesystem::is_directory(root)) return Error{"no knowledge base directory " + root};
  auto problem = [&](Diagnostic d) { problems.push_back(std::move(d)); };
  kb->ontology_ = Ontology::load(data_dir, problems);
  // About 51,000 forms and 27,000 roles with the PETRARCH imports: growing the vectors from empty
  // moved every form ~16 times and fragmented the heap (a third of the load time was malloc/free).
  kb->forms_.reserve(1 << 16);
  kb->roles_.reserve(1 << 15);

  // Reads one file; `optional` files (a language without generated agents) may be missing, and so
  // may the PETRARCH2 imports (*.petrarch.tsv, scripts/import/import_petrarch.py).
  auto read = [&](const std::string& rel, size_t cols, auto&& fn, bool optional = false) {
    const std::string path = root + rel;
    if ((optional || rel.ends_with(".petrarch.tsv")) && !std::filesystem::exists(path)) return;
    const uint32_t file = kb->add_file(path);
    const bool manual = is_manual_file(rel);
    read_tsv(path, cols, [&](const TsvRow& r) { fn(r, Source{file, static_cast<uint32_t>(r.line)}, manual); }, problem);
  };
  auto check_lang = [&](const TsvRow& r, std::string_view lang) {
    if (known_lang(lang)) return true;
    problem(r.error("unknown language '" + std::string(lang) + "' (ar, fa or en)"));
    return false;
  };

  read("ontology/sectors.tsv", 3, [&](const TsvRow& r, Source, bool) {
    Sector s{std::string(r.col(0)), std::string(r.col(1)), std::string(r.col(2))};
    if (s.code.size() != 3) problem(r.error("sector code must have 3 letters: '" + s.code + "'"));
    if (!kb->sectors_.emplace(s.code, s).second) problem(r.error("duplicate sector " + s.code));
  });
  read("actors/code_aliases.tsv", 2, [&](const TsvRow& r, Source, bool) {
    kb->aliases_.emplace(std::string(r.col(0)), std::string(r.col(1)));
  });

  read("stoplist.tsv", 3, [&](const TsvRow& r, Source src, bool) {
    if (!check_lang(r, r.col(0))) return;
    StopForm s;
    s.lang = r.col(0);
    s.form = r.col(1);
    s.norm = kb->normalizer_.normalize_string(s.form);
    s.src = src;
    const std::string_view scope = r.col(2);
    if (scope == "place") s.scope = StopForm::Scope::place;
    else if (scope == "actor") s.scope = StopForm::Scope::actor;
    else if (scope == "all") s.scope = StopForm::Scope::all;
    else {
      problem(r.error("unknown scope '" + std::string(scope) + "' (place, actor or all)"));
      return;
    }
    kb->stoplist_.push_back(std::move(s));
  }, /*optional=*/true);

  // Rows of the actor files; user dictionaries (extra_actor_files) reuse them.
  auto country_row = [&](const TsvRow& r, Source src, bool manual) {
    if (!check_lang(r, r.col(1))) return;
    const std::string_view kind = r.col(2);
    if (std::find(std::begin(kCountryKinds), std::end(kCountryKinds), kind) == std::end(kCountryKinds)) {
      problem(r.error("unknown kind '" + std::string(kind) + "'"));
      return;
    }
    NameForm f;
    f.category = FormCategory::country;
    f.code = r.col(0);
    f.lang = r.col(1);
    f.kind = kind;
    f.form = r.col(3);
    f.manual = manual;
    f.src = src;
    if (f.code.size() == 3 && (kind == "name" || kind == "short")) kb->countries_[f.code] = true;
    kb->add_form(std::move(f));
  };
  // A table's generated rows, then PETRARCH2's, then the hand-written ones.
  auto read_layers = [&](const std::string& stem, size_t cols, auto&& fn) {
    for (const char* layer : {".tsv", ".petrarch.tsv", ".manual.tsv"}) read(stem + layer, cols, fn);
  };
  read_layers("actors/countries", 5, country_row);
  auto organization_row = [&](const TsvRow& r, Source src, bool manual) {
    if (!check_lang(r, r.col(1))) return;
    if (r.col(2) != "name" && r.col(2) != "short") {
      problem(r.error("unknown kind '" + std::string(r.col(2)) + "' (name or short)"));
      return;
    }
    NameForm f;
    f.category = FormCategory::organization;
    f.code = r.col(0);
    f.lang = r.col(1);
    f.kind = r.col(2);
    f.form = r.col(3);
    f.manual = manual;
    f.src = src;
    kb->organizations_[f.code] = true;
    kb->add_form(std::move(f));
  };
  read("actors/organizations.tsv", 5, organization_row);
  read("actors/organizations.petrarch.tsv", 5, organization_row);
  Person* last_person = nullptr;  // std::map nodes are stable
  auto person_row = [&](const TsvRow& r, Source src, bool manual) {
    if (!check_lang(r, r.col(1))) return;
    NameForm f;
    f.category = FormCategory::person;
    f.code = r.col(0);
    f.lang = r.col(1);
    f.form = r.col(2);
    f.manual = manual;
    f.src = src;
    // Rows of one person follow each other: reuse the last lookup (19,000 people with PETRARCH).
    if (last_person == nullptr || last_person->id != f.code) {
      last_person = &kb->people_[f.code];
      last_person->id = f.code;
    }
    Person& p = *last_person;
    // Prefer a manual full English name for display.
    // A full name replaces a surname shown so far (imported surname rows may come first).
    if (f.lang == "en" && f.form.find(' ') != std::string::npos &&
        (p.display.empty() || manual || p.display.find(' ') == std::string::npos))
      p.display = f.form;
    if (p.display.empty() && f.lang == "en") p.display = f.form;
    kb->add_form(std::move(f));
  };
  read_layers("actors/people", 4, person_row);
  auto role_row = [&](const TsvRow& r, Source src, bool manual) {
    Role role;
    role.person = r.col(0);
    role.actor_code = r.col(1);
    role.role = r.col(2);
    role.country = r.col(3);
    role.start_text = r.col(4);
    role.end_text = r.col(5);
    role.manual = manual;
    role.src = src;
    role.start_early = parse_day(role.start_text, false);
    role.start_late = parse_day(role.start_text, true);
    if (role.start_early == 0) {
      problem(r.error("bad start date '" + role.start_text + "' (YYYY-MM-DD or YYYY-MM)"));
      return;
    }
    std::string_view end = role.end_text;
    if (end.starts_with('>')) {
      role.end_lower_bound = true;
      end.remove_prefix(1);
    }
    if (!end.empty()) {
      role.end_early = parse_day(end, false);
      role.end_late = parse_day(end, true);
      if (role.end_early == 0) {
        problem(r.error("bad end date '" + role.end_text + "' (YYYY-MM-DD, YYYY-MM, >DATE or empty)"));
        return;
      }
    }
    kb->roles_.push_back(std::move(role));
  };
  read_layers("actors/roles", 6, role_row);
  for (const char* lang : {"ar", "fa", "en"}) {
    // *.context.tsv: hand-written agents that count only next to a country ("officials", "prisoners":
    // alone they are the speakers or the topic of a sentence far more often than its actors).
    for (const std::string& rel : {std::string("agents/") + lang + ".tsv", std::string("agents/") + lang + ".petrarch.tsv",
                                   std::string("agents/") + lang + ".context.tsv",
                                   std::string("agents/") + lang + ".manual.tsv"}) {
      read(rel, 2, [&](const TsvRow& r, Source src, bool manual) {
        NameForm f;
        f.category = FormCategory::agent;
        f.lang = lang;
        f.form = r.col(0);
        f.sector = r.col(1);
        f.role = r.col(2);
        f.kind = f.role;
        f.manual = manual;
        f.src = src;
        kb->add_form(std::move(f));
      }, /*optional=*/!rel.ends_with(".manual.tsv"));
    }
  }
  read("places.names.tsv", 5, [&](const TsvRow& r, Source src, bool manual) {
    if (!check_lang(r, r.col(3))) return;
    NameForm f;
    f.category = FormCategory::place;
    f.code = r.col(1);
    f.kind = r.col(2);
    f.lang = r.col(3);
    f.form = r.col(4);
    f.manual = manual;
    f.src = src;
    kb->add_form(std::move(f));
  });
  read("places.tsv", 6, [&](const TsvRow& r, Source, bool) {
    Place p{std::string(r.col(0)), std::string(r.col(1)), std::string(r.col(2)), std::string(r.col(5))};
    const std::string_view lat = r.col(3), lon = r.col(4);
    if (!lat.empty() || !lon.empty()) {
      const auto a = std::from_chars(lat.data(), lat.data() + lat.size(), p.lat);
      const auto b = std::from_chars(lon.data(), lon.data() + lon.size(), p.lon);
      if (a.ec != std::errc() || b.ec != std::errc() || p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) {
        problem(r.error("bad coordinates"));
        return;
      }
      p.has_coordinates = true;
    }
    kb->place_index_.try_emplace(p.lang + '\t' + p.name, static_cast<uint32_t>(kb->places_.size()));
    kb->places_.push_back(std::move(p));
  });
  read("issues.tsv", 3, [&](const TsvRow& r, Source src, bool manual) {
    if (!check_lang(r, r.col(1))) return;
    NameForm f;
    f.category = FormCategory::issue;
    f.code = r.col(0);
    f.lang = r.col(1);
    f.form = r.col(2);
    f.manual = manual;
    f.src = src;
    kb->add_form(std::move(f));
  });
  read("actors/un_members.tsv", 1, [&](const TsvRow& r, Source, bool) {
    kb->un_members_.emplace_back(r.col(0));
  });
  read("issue_dates.tsv", 3, [&](const TsvRow& r, Source, bool) {
    const Day first = parse_day(r.col(1), false);
    const Day last = r.col(2).empty() ? 0 : parse_day(r.col(2), true);
    if (first == 0 || (!r.col(2).empty() && (last == 0 || last < first))) {
      problem(r.error("bad period '" + std::string(r.col(1)) + "'-'" + std::string(r.col(2)) +
                      "' (YYYY-MM-DD or YYYY-MM; end empty or not before the start)"));
      return;
    }
    if (!kb->issue_periods_.emplace(std::string(r.col(0)), std::pair<Day, Day>{first, last}).second)
      problem(r.error("issue '" + std::string(r.col(0)) + "' dated twice"));
  }, /*optional=*/true);

  // User dictionaries: each row names its table first (country, person, role), then that table's
  // columns.
  for (const std::string& path : extra_actor_files) {
    const uint32_t file = kb->add_file(path);
    const bool opened = read_tsv(path, 2, [&](const TsvRow& r) {
      TsvRow rest{r.file, r.line, {r.cols.begin() + 1, r.cols.end()}};
      const Source src{file, static_cast<uint32_t>(r.line)};
      const std::string_view table = r.col(0);
      const size_t need = table == "country" || table == "organization" ? 5
                          : table == "person"                           ? 4
                          : table == "role"                             ? 6
                                                                        : 0;
      if (need == 0) problem(r.error("unknown table '" + std::string(table) + "' (country, organization, person or role)"));
      else if (rest.cols.size() < need) problem(r.error(std::string(table) + " rows have " + std::to_string(need) + " columns after the table"));
      else if (table == "country") country_row(rest, src, true);
      else if (table == "organization") organization_row(rest, src, true);
      else if (table == "person") person_row(rest, src, true);
      else role_row(rest, src, true);
    }, problem);
    if (!opened) problem({path, 0, Severity::error, "cannot open the dictionary"});
  }

  if (kb->forms_.empty()) return Error{"no name forms could be read under " + root};
  kb->compile();
  kb->stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
}

void KnowledgeBase::compile() {
  // lang + '\x1f' + joined match tokens -> scope
  std::map<std::string, StopForm::Scope, std::less<>> stopped;
  auto stop_key = [](const std::string& lang, const std::vector<std::string>& tokens) {
    std::string key = lang;
    for (const auto& t : tokens) key.append("\x1f").append(t);
    return key;
  };
  // First tokens of stopped forms: most forms start with none of them and need no key (50,000 forms
  // with the PETRARCH imports).
  std::unordered_set<std::string> stopped_first;
  for (const StopForm& s : stoplist_) {
    const auto tokens = split_match_tokens(s.norm);
    stopped.emplace(stop_key(s.lang, tokens), s.scope);
    if (!tokens.empty()) stopped_first.insert(tokens.front());
  }

  for (uint32_t i = 0; i < forms_.size(); ++i) {
    const NameForm& f = forms_[i];
    Matchers& m = matchers_[f.lang];
    PhraseMatcher* target = nullptr;
    switch (f.category) {
      case FormCategory::country:
        target = (f.kind == "place" || f.kind == "capital") ? &m.places : &m.actors;
        break;
      case FormCategory::organization:
      case FormCategory::person:
      case FormCategory::agent:
        target = &m.actors;
        break;
      case FormCategory::place:
        target = &m.places;
        break;
      case FormCategory::issue:
        target = &m.issues;
        break;
    }
    if (!stopped.empty() && !f.tokens.empty() && stopped_first.count(f.tokens.front())) {
      if (const auto it = stopped.find(stop_key(f.lang, f.tokens)); it != stopped.end()) {
        const bool is_place = target == &m.places;
        if (it->second == StopForm::Scope::all || (is_place && it->second == StopForm::Scope::place) ||
            (target == &m.actors && it->second == StopForm::Scope::actor)) {
          ++stopped_forms_;
          continue;
        }
      }
    }
    std::vector<std::string> original;
    if (f.case_sensitive) original = split_match_tokens(f.form);
    target->add(f.tokens, i, f.case_sensitive, original, f.capitalized);
    for (const auto& v : f.variants) target->add(v, i, false, {}, f.capitalized && v.size() == 1);
  }
  for (auto& [lang, m] : matchers_) {
    m.actors.compile();
    m.places.compile();
    m.issues.compile();
    stats_.phrases += m.actors.phrase_count() + m.places.phrase_count() + m.issues.phrase_count();
    stats_.matcher_bytes += m.actors.memory_bytes() + m.places.memory_bytes() + m.issues.memory_bytes();
  }
  for (uint32_t i = 0; i < roles_.size(); ++i) {
    const Role& r = roles_[i];
    if (auto it = people_.find(r.person); it != people_.end()) it->second.roles.push_back(i);
    // `office` (PETRARCH's dated codes) has many holders at once: holder() never asks for it.
    if (r.role != "office") roles_by_country_role_.emplace(r.country + "|" + r.role, i);
  }
  for (auto& [id, p] : people_)
    std::sort(p.roles.begin(), p.roles.end(),
              [&](uint32_t a, uint32_t b) { return roles_[a].start_early < roles_[b].start_early; });
  stats_.forms = forms_.size();
  stats_.roles = roles_.size();
  stats_.people = people_.size();
}

std::optional<std::pair<Day, Day>> KnowledgeBase::issue_period(std::string_view issue) const {
  const auto it = issue_periods_.find(issue);
  if (it == issue_periods_.end()) return std::nullopt;
  return it->second;
}

const Person* KnowledgeBase::person(std::string_view id) const {
  const auto it = people_.find(id);
  return it == people_.end() ? nullptr : &it->second;
}

std::vector<std::string> KnowledgeBase::people_named(std::string_view text) const {
  const std::vector<std::string> tokens = split_match_tokens(normalizer_.normalize_string(text));
  std::vector<std::string> manual, imported;
  auto add = [](std::vector<std::string>& into, const std::string& id) {
    if (std::find(into.begin(), into.end(), id) == into.end()) into.push_back(id);
  };
  for (const NameForm& f : forms_) {
    if (f.category != FormCategory::person || tokens.empty()) continue;
    if (f.tokens != tokens && std::find(f.variants.begin(), f.variants.end(), tokens) == f.variants.end()) continue;
    add(f.manual ? manual : imported, f.code);
  }
  for (const std::string& id : imported) add(manual, id);
  // An id last: "putin" names putin_vladimir (curated) before it is the id of an imported row.
  if (people_.count(text)) add(manual, std::string(text));
  return manual;
}

bool KnowledgeBase::is_country(std::string_view code) const {
  return countries_.count(code) > 0 || aliases_.count(code) > 0;
}

bool KnowledgeBase::is_organization(std::string_view code) const { return organizations_.count(code) > 0; }

std::pair<std::string, std::string> KnowledgeBase::split_code(std::string_view code) const {
  if (code.size() >= 3 && is_country(code.substr(0, 3))) {
    std::string country(code.substr(0, 3));
    if (auto it = aliases_.find(country); it != aliases_.end()) country = it->second;
    return {country, std::string(code.substr(3, code.size() >= 6 ? 3 : std::string_view::npos))};
  }
  if (code.size() >= 3 && sectors_.count(code.substr(0, 3))) return {"", std::string(code.substr(0, 3))};
  return {"", std::string(code)};
}

const PhraseMatcher* KnowledgeBase::actor_matcher(std::string_view lang) const {
  const auto it = matchers_.find(lang);
  return it == matchers_.end() ? nullptr : &it->second.actors;
}
const PhraseMatcher* KnowledgeBase::place_matcher(std::string_view lang) const {
  const auto it = matchers_.find(lang);
  return it == matchers_.end() ? nullptr : &it->second.places;
}
const PhraseMatcher* KnowledgeBase::issue_matcher(std::string_view lang) const {
  const auto it = matchers_.find(lang);
  return it == matchers_.end() ? nullptr : &it->second.issues;
}

const Role* KnowledgeBase::holder(std::string_view country, std::string_view role, Day day) const {
  const Role* best = nullptr;
  const auto [lo, hi] = roles_by_country_role_.equal_range(std::string(country) + "|" + std::string(role));
  for (auto it = lo; it != hi; ++it) {
    const Role& r = roles_[it->second];
    if (!r.holds_on(day)) continue;
    if (!best || (r.manual && !best->manual) || (r.manual == best->manual && r.start_early > best->start_early))
      best = &r;
  }
  return best;
}

const Place* KnowledgeBase::place(std::string_view lang, std::string_view name) const {
  std::string key;
  key.reserve(lang.size() + 1 + name.size());
  key.append(lang).append(1, '\t').append(name);
  const auto it = place_index_.find(key);
  return it == place_index_.end() ? nullptr : &places_[it->second];
}

const Role* KnowledgeBase::role_of(std::string_view person_id, Day day) const {
  const Person* p = person(person_id);
  if (!p) return nullptr;
  if (day == 0) day = 99991231;  // date unknown: the person's latest role
  // Offices that name an actor best come first when someone holds several at once.
  auto rank = [](const std::string& role) {
    static constexpr std::string_view order[] = {"head_of_state", "supreme_leader", "head_of_government",
                                                  "foreign_minister", "defense_minister"};
    for (size_t i = 0; i < std::size(order); ++i)
      if (role == order[i]) return static_cast<int>(i);
    return 10;
  };
  const Role* best = nullptr;
  for (uint32_t i : p->roles) {
    const Role& r = roles_[i];
    if (!r.holds_on(day)) continue;
    if (!best || (r.manual && !best->manual) || (r.manual == best->manual && rank(r.role) < rank(best->role)))
      best = &r;
  }
  if (best) return best;
  for (uint32_t i : p->roles) {  // by start: the last one started before `day`
    const Role& r = roles_[i];
    if (r.start_early <= day && (!best || r.start_early >= best->start_early)) best = &r;
  }
  return best;
}

}  // namespace rasad::kb
