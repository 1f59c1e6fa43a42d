#include "kb/check.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace rasad::kb {

namespace {

constexpr std::string_view kRoles[] = {"head_of_state",        "head_of_government", "foreign_minister",
                                       "defense_minister",     "supreme_leader",     "speaker",
                                       "head_of_judiciary",    "crown_prince",       "un_secretary_general",
                                       "igo_head",             "eu_foreign_policy_chief", "group_leader",
                                       "leader",
                                       // Cabinet and other national offices, one holder per country
                                       // (docs/DATA.md); agents name them by these labels.
                                       "vice_president", "interior_minister", "intelligence_minister", "oil_minister",
                                       "economy_minister", "justice_minister", "health_minister", "education_minister",
                                       "culture_minister", "roads_minister", "energy_minister", "agriculture_minister",
                                       "labour_minister", "industry_minister", "communications_minister",
                                       "science_minister", "sport_minister", "government_spokesperson",
                                       "foreign_ministry_spokesperson", "security_council_secretary",
                                       "nuclear_negotiator", "chief_of_staff", "army_commander", "irgc_commander",
                                       "quds_force_commander", "police_chief", "atomic_energy_head",
                                       "central_bank_governor", "mayor",
                                       "office"};
// `office`: a dated affiliation with an actor code and no named office (PETRARCH imports); several
// people hold it at once, so it is not single-holder.
constexpr std::string_view kMultiHolderRole = "office";

bool is_dated_role(std::string_view r) { return std::find(std::begin(kRoles), std::end(kRoles), r) != std::end(kRoles); }

class Checker {
 public:
  Checker(const KnowledgeBase& kb, CheckReport& report) : kb_(kb), report_(report) {}

  void run() {
    check_ontology();
    check_forms();
    check_roles();
    check_places();
    check_un();
  }

 private:
  void emit(Severity s, const Source& src, std::string message) {
    report_.diagnostics.push_back({kb_.files()[src.file], src.line, s, std::move(message)});
  }
  void error(const Source& src, std::string m) { emit(Severity::error, src, std::move(m)); }
  void warning(const Source& src, std::string m) { emit(Severity::warning, src, std::move(m)); }

  bool sector_ok(std::string_view s) const { return kb_.sectors().count(s) > 0; }

  // A country code followed by 3-letter sector codes ("IRN", "IRNGOV", "USAGOVLEG"), or an
  // organization code.
  std::string actor_code_problem(std::string_view code) const {
    if (kb_.is_organization(code)) return "";
    if (code.size() < 3 || code.size() % 3 != 0) return "malformed actor code '" + std::string(code) + "'";
    if (!kb_.is_country(code.substr(0, 3))) {
      if (!sector_ok(code.substr(0, 3)) || kb_.sectors().at(std::string(code.substr(0, 3))).kind != "international")
        return "unknown country code '" + std::string(code.substr(0, 3)) + "' in '" + std::string(code) + "'";
    }
    for (size_t i = 3; i < code.size(); i += 3)
      if (!sector_ok(code.substr(i, 3)))
        return "unknown sector code '" + std::string(code.substr(i, 3)) + "' in '" + std::string(code) + "'";
    return "";
  }

  // Organizations: IGO/NGO/IMG (or another international sector) + id, or country + sector + id.
  std::string organization_code_problem(std::string_view code) const {
    // A bare international code (NGO, MNC: PETRARCH's unnamed NGOs and companies) is enough.
    if (code.size() == 3 && sector_ok(code) && kb_.sectors().at(std::string(code)).kind == "international") return "";
    if (code.size() < 6) return "organization code '" + std::string(code) + "' is too short";
    const std::string_view head = code.substr(0, 3);
    if (sector_ok(head) && kb_.sectors().at(std::string(head)).kind == "international") return "";
    if (!kb_.is_country(head)) return "unknown country or international code '" + std::string(head) + "'";
    if (!sector_ok(code.substr(3, 3))) return "unknown sector code '" + std::string(code.substr(3, 3)) + "'";
    return "";
  }

  void check_ontology() {
    for (const auto& [code, c] : kb_.ontology().cameo_codes()) {
      const bool digits = std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      int root = digits && c.root.size() == 2 ? (c.root[0] - '0') * 10 + (c.root[1] - '0') : 0;
      if (!digits || root < 1 || root > 20)
        report_.diagnostics.push_back({"ontology/cameo.tsv", 0, Severity::error, "unknown CAMEO code " + code});
    }
    if (kb_.ontology().plover_types().size() != 16)
      report_.diagnostics.push_back({"ontology/plover.tsv", 0, Severity::error,
                                     "expected the 16 PLOVER types, found " +
                                         std::to_string(kb_.ontology().plover_types().size())});
  }

  void check_forms() {
    // (category, lang, kind, norm) -> first form index, for conflicts and duplicates.
    std::unordered_map<std::string, uint32_t> seen;
    const auto& forms = kb_.forms();
    for (uint32_t i = 0; i < forms.size(); ++i) {
      const NameForm& f = forms[i];
      std::string count_key = f.lang + " " + to_string(f.category);
      if (f.category == FormCategory::country || f.category == FormCategory::organization ||
          f.category == FormCategory::place)
        count_key += "/" + f.kind;
      ++report_.counts[count_key];

      if (f.tokens.empty()) {
        error(f.src, "form '" + f.form + "' is empty after normalization and can never match");
        continue;
      }
      if (std::all_of(f.tokens.begin(), f.tokens.end(), [](const std::string& t) { return is_punct_token(t); })) {
        error(f.src, "form '" + f.form + "' has only punctuation after normalization and can never match");
        continue;
      }
      switch (f.category) {
        case FormCategory::country:
          if (auto p = actor_code_problem(f.code); !p.empty()) error(f.src, p);
          break;
        case FormCategory::organization:
          if (auto p = organization_code_problem(f.code); !p.empty()) error(f.src, p);
          break;
        case FormCategory::agent: {
          if (f.sector.empty()) error(f.src, "agent '" + f.form + "' has no sector");
          size_t start = 0;
          while (start < f.sector.size()) {
            size_t plus = f.sector.find('+', start);
            if (plus == std::string::npos) plus = f.sector.size();
            const std::string s = f.sector.substr(start, plus - start);
            if (!sector_ok(s)) error(f.src, "unknown sector code '" + s + "'");
            start = plus + 1;
          }
          break;
        }
        case FormCategory::place:
          if (!kb_.is_country(f.code)) error(f.src, "unknown country code '" + f.code + "'");
          break;
        case FormCategory::person:
        case FormCategory::issue:
          break;
      }
      // People share surnames and issues share words by nature; those are not conflicts.
      if (f.category == FormCategory::person || f.category == FormCategory::issue) continue;
      std::string key = std::string(to_string(f.category)) + '\x1f' + f.lang + '\x1f' +
                        (f.category == FormCategory::agent ? std::string() : f.kind) + '\x1f' + f.norm;
      const auto [it, fresh] = seen.emplace(std::move(key), i);
      if (fresh) continue;
      const NameForm& first = forms[it->second];
      const std::string what = f.category == FormCategory::agent ? first.sector : first.code;
      const std::string mine = f.category == FormCategory::agent ? f.sector : f.code;
      if (what != mine) {
        warning(f.src, std::string(to_string(f.category)) + " form '" + f.form + "' (" + f.lang + " " + f.kind +
                           ") maps to " + mine + " but also to " + what + " at " + kb_.where(first.src));
      } else if (f.manual && first.src.file == f.src.file) {
        warning(f.src, "duplicate of " + kb_.where(first.src) + " ('" + f.form + "')");
      }
    }
    for (const auto& [id, p] : kb_.people()) (void)id, ++report_.counts["people"];
    report_.counts["roles"] = kb_.roles().size();
  }

  void check_roles() {
    const auto& roles = kb_.roles();
    std::map<std::string, std::vector<uint32_t>> by_office;  // actor_code|role
    for (uint32_t i = 0; i < roles.size(); ++i) {
      const Role& r = roles[i];
      if (!kb_.person(r.person)) error(r.src, "role names unknown person '" + r.person + "'");
      if (auto p = actor_code_problem(r.actor_code); !p.empty()) error(r.src, p);
      if (!r.country.empty() && !kb_.is_country(r.country)) error(r.src, "unknown country code '" + r.country + "'");
      if (!r.country.empty() && r.actor_code.compare(0, 3, r.country) != 0 && !kb_.is_organization(r.actor_code))
        warning(r.src, "actor code " + r.actor_code + " does not start with the country " + r.country);
      if (!is_dated_role(r.role)) error(r.src, "unknown role '" + r.role + "'");
      if (r.end_late != 0 && r.end_late < r.start_early) error(r.src, "ends (" + r.end_text + ") before it starts (" + r.start_text + ")");
      if (r.role != kMultiHolderRole) by_office[r.actor_code + "|" + r.role].push_back(i);
    }
    // Single-holder offices: tenures must not overlap. Month-precision dates are read leniently
    // (a hand-over within the month is not an overlap), and a ">DATE" end counts as DATE.
    for (auto& [office, ids] : by_office) {
      std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return roles[a].start_early < roles[b].start_early; });
      for (size_t a = 0; a < ids.size(); ++a) {
        const Role& ra = roles[ids[a]];
        const Day a_end = ra.end_early == 0 ? 99999999 : ra.end_early;
        for (size_t b = a + 1; b < ids.size(); ++b) {
          const Role& rb = roles[ids[b]];
          if (rb.start_early >= a_end) break;
          if (rb.start_late < a_end && rb.person != ra.person)
            error(rb.src, "overlaps " + ra.person + " (" + ra.start_text + " to " +
                              (ra.end_text.empty() ? "open" : ra.end_text) + ", " + kb_.where(ra.src) +
                              ") in the single-holder office " + office);
          else if (rb.start_late < a_end && rb.person == ra.person && rb.src.file == ra.src.file)
            warning(rb.src, "overlaps the same person's tenure at " + kb_.where(ra.src) + " in " + office);
        }
      }
    }
  }

  void check_places() {
    for (const Place& p : kb_.places()) {
      if (!p.country.empty() && !kb_.is_country(p.country))
        report_.diagnostics.push_back({"places.tsv", 0, Severity::error, "unknown country code '" + p.country + "' for " + p.name});
      // 0,0 is in the Gulf of Guinea: an importer that wrote it meant "unknown" (leave lat/lon empty).
      if (p.has_coordinates && p.lat == 0 && p.lon == 0)
        report_.diagnostics.push_back({"places.tsv", 0, Severity::error, "coordinates 0,0 for " + p.name + ": leave lat and lon empty when unknown"});
    }
    for (const StopForm& s : kb_.stoplist()) {
      const auto tokens = split_match_tokens(s.norm);
      if (std::all_of(tokens.begin(), tokens.end(), [](const std::string& t) { return is_punct_token(t); }))
        report_.diagnostics.push_back({kb_.files()[s.src.file], s.src.line, Severity::error,
                                       "stoplist form '" + s.form + "' is empty or only punctuation after normalization"});
    }
  }

  void check_un() {
    std::map<std::string, std::set<std::string>, std::less<>> named;  // code -> langs
    for (const NameForm& f : kb_.forms())
      if (f.category == FormCategory::country && (f.kind == "name" || f.kind == "short") && f.code.size() == 3)
        named[f.code].insert(f.lang);
    report_.un_states = kb_.un_members().size();
    for (const std::string& code : kb_.un_members()) {
      if (!kb_.is_country(code)) {
        report_.diagnostics.push_back({"actors/un_members.tsv", 0, Severity::error, "unknown country code '" + code + "'"});
        continue;
      }
      const auto it = named.find(code);
      bool all = true;
      for (const char* lang : {"ar", "fa", "en"}) {
        if (it == named.end() || !it->second.count(lang)) {
          report_.un_missing[lang].push_back(code);
          all = false;
        }
      }
      if (all) report_.un_named_in_all.push_back(code);
    }
    for (const auto& [lang, codes] : report_.un_missing)
      for (const auto& code : codes)
        report_.diagnostics.push_back({"actors/countries.manual.tsv", 0, Severity::warning,
                                       "UN state " + code + " has no " + lang + " name"});
  }

  const KnowledgeBase& kb_;
  CheckReport& report_;
};

void tally(CheckReport& r) {
  r.errors = r.warnings = 0;
  for (const auto& d : r.diagnostics) {
    if (d.severity == Severity::error) ++r.errors;
    if (d.severity == Severity::warning) ++r.warnings;
  }
}

}  // namespace

CheckReport check_kb(const KnowledgeBase& kb, const std::vector<Diagnostic>& load_problems) {
  CheckReport report;
  report.diagnostics = load_problems;
  report.load = kb.stats();
  Checker(kb, report).run();
  tally(report);
  return report;
}

CheckReport check_kb(const std::string& data_dir) {
  std::vector<Diagnostic> problems;
  auto kb = KnowledgeBase::load(data_dir, problems);
  if (!kb) {
    CheckReport report;
    report.diagnostics = std::move(problems);
    report.diagnostics.push_back({data_dir, 0, Severity::error, kb.error()});
    tally(report);
    return report;
  }
  return check_kb(**kb, problems);
}

}  // namespace rasad::kb
