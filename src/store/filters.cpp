#include "store/filters.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

#include "core/suggest.h"

namespace rasad::store {

namespace {

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool all_of(const std::string& s, bool (*ok)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), ok); }
bool is_upper_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// --- actor codes -----------------------------------------------------------------------------

// Whole 3-letter blocks, so that a prefix never stops inside another code (US would match USA
// and USR alike).
bool has_code_form(const std::string& code) {
  return all_of(code, is_upper_alnum) && code.size() % 3 == 0 && code.size() <= 30;
}

bool starts_an_organization(const std::string& code, const kb::KnowledgeBase& kb) {
  if (kb.is_organization(code)) return true;
  return std::any_of(kb.forms().begin(), kb.forms().end(), [&](const kb::NameForm& f) {
    return f.category == kb::FormCategory::organization && f.code.rfind(code, 0) == 0;
  });
}

// A country or a sector followed by sectors (IRN, IRNGOV, GOVMIL), or an organization or the start
// of one (IGOUNO, IGOUNOSEC).
bool known_code(const std::string& code, const kb::KnowledgeBase& kb) {
  const auto sector = [&](size_t at) { return kb.sectors().count(code.substr(at, 3)) > 0; };
  bool known = kb.is_country(code.substr(0, 3)) || sector(0);
  for (size_t at = 3; known && at < code.size(); at += 3) known = sector(at);
  return known || starts_an_organization(code, kb);
}

// Codes an actor code may start with: countries and their aliases, sectors, organizations.
std::vector<std::string> code_vocabulary(const kb::KnowledgeBase& kb) {
  std::set<std::string> codes;
  for (const kb::NameForm& f : kb.forms())
    if ((f.category == kb::FormCategory::country && f.code.size() == 3) || f.category == kb::FormCategory::organization)
      codes.insert(f.code);
  for (const auto& [code, s] : kb.sectors()) codes.insert(code);
  for (const auto& [alias, code] : kb.code_aliases()) codes.insert(alias);
  return {codes.begin(), codes.end()};
}

// Codes of the countries and organizations named `text` ("Iran" -> IRN).
std::vector<std::string> codes_named(const std::string& text, const kb::KnowledgeBase& kb) {
  const std::string norm = kb.normalizer().normalize_string(text);
  std::vector<std::string> out;
  for (const kb::NameForm& f : kb.forms()) {
    const bool actor = f.category == kb::FormCategory::country || f.category == kb::FormCategory::organization;
    if (!actor || f.kind == "capital" || f.kind == "place" || f.norm != norm) continue;
    if (std::find(out.begin(), out.end(), f.code) == out.end()) out.push_back(f.code);
  }
  return out;
}

std::vector<std::string> code_suggestions(const std::string& typed, const kb::KnowledgeBase& kb) {
  if (auto named = codes_named(typed, kb); !named.empty()) return named;
  const std::vector<std::string> vocabulary = code_vocabulary(kb);
  const std::string code = upper(typed);
  std::vector<std::string> longer;  // US -> USA
  for (const std::string& v : vocabulary)
    if (v.size() > code.size() && v.size() <= code.size() + 2 && v.rfind(code, 0) == 0 && longer.size() < 3) longer.push_back(v);
  if (!longer.empty()) return longer;
  return closest(code, vocabulary);
}

Result<std::string> check_code(const std::string& typed, const kb::KnowledgeBase* kb, const std::string& what) {
  const std::string code = upper(typed);
  if (has_code_form(code) && (!kb || known_code(code, *kb))) return code;
  std::string message = what + ": " + quoted(typed) + " is not an actor code (CAMEO-style, e.g. IRN, IRNGOV, IGOUNO)";
  if (kb) message += did_you_mean(code_suggestions(typed, *kb));
  return Error{message};
}

// An actor code, else the people the text names (their events are found through the people the
// reports name, whatever the code).
Result<bool> check_actor(const std::string& typed, const kb::KnowledgeBase* kb, const std::string& name, EventQuery& q) {
  const std::string code = upper(typed);
  if (has_code_form(code) && (!kb || known_code(code, *kb))) {
    q.actor = code;
    return true;
  }
  if (kb)
    if (auto people = kb->people_named(typed); !people.empty()) {
      q.person_ids = std::move(people);
      return true;
    }
  if (!kb) return Error{name + ": " + quoted(typed) + " is not an actor code (CAMEO-style, e.g. IRN, IRNGOV, IGOUNO)"};
  return Error{name + ": " + quoted(typed) +
               " is not an actor code (CAMEO-style, e.g. IRN, IRNGOV, IGOUNO), nor the name of a person the knowledge base knows" +
               did_you_mean(code_suggestions(typed, *kb))};
}

Result<bool> check_dyad(const std::string& dyad, const kb::KnowledgeBase* kb, const std::string& name, EventQuery& q) {
  const auto dash = dyad.find('-');
  if (dash == std::string::npos || dyad.find('-', dash + 1) != std::string::npos)
    return Error{name + " wants two actor codes A-B (e.g. IRN-RUS), got " + quoted(dyad)};
  auto a = check_code(dyad.substr(0, dash), kb, name);
  if (!a) return Error{a.error()};
  auto b = check_code(dyad.substr(dash + 1), kb, name);
  if (!b) return Error{b.error()};
  q.dyad_a = *a;
  q.dyad_b = *b;
  return true;
}

// --- types -----------------------------------------------------------------------------------

Result<std::string> check_type(const std::string& typed, const kb::KnowledgeBase* kb, const std::string& name) {
  const std::string type = upper(typed);
  const bool known = !kb || kb->ontology().plover_types().empty() ? all_of(type, is_upper_alnum)
                                                                   : kb->ontology().plover(type) != nullptr;
  if (known) return type;
  std::string message = name + ": " + quoted(typed) + " is not a PLOVER type (e.g. CONSULT)";
  if (kb) {
    std::vector<std::string> types;
    for (const auto& [t, p] : kb->ontology().plover_types()) types.push_back(t);
    message += did_you_mean(closest(type, types));
  }
  return Error{message};
}

Result<std::string> check_cameo(const std::string& cameo, const kb::KnowledgeBase* kb, const std::string& name) {
  if (!all_of(cameo, is_digit) || cameo.size() > 4)
    return Error{name + " wants a CAMEO code or its first digits (e.g. 04, 042), got " + quoted(cameo)};
  if (!kb || kb->ontology().cameo_codes().empty()) return cameo;
  const auto& codes = kb->ontology().cameo_codes();
  auto known = [&](const std::string& prefix) {
    const auto it = codes.lower_bound(prefix);
    return it != codes.end() && it->first.rfind(prefix, 0) == 0;
  };
  if (known(cameo)) return cameo;
  // CAMEO roots have two digits: 4 is 04.
  const std::vector<std::string> padded = cameo.size() < 4 && known("0" + cameo) ? std::vector<std::string>{"0" + cameo}
                                                                                  : std::vector<std::string>{};
  return Error{name + ": no CAMEO code starts with " + quoted(cameo) + did_you_mean(padded)};
}

// --- dates -----------------------------------------------------------------------------------

// The numbers of YYYY[-MM[-DD]] written with any of - / . as separators, or nothing.
std::vector<int> date_numbers(const std::string& s) {
  std::vector<int> out;
  std::string part;
  auto close = [&] {
    if (part.empty() || part.size() > 4) return false;
    out.push_back(std::stoi(part));
    part.clear();
    return true;
  };
  for (char c : s) {
    if (is_digit(c)) {
      part += c;
    } else if (c == '-' || c == '/' || c == '.') {
      if (!close()) return {};
    } else {
      return {};
    }
  }
  if (!close() || out.size() > 3) return {};
  return out;
}

bool real_date(const std::vector<int>& n) {
  using namespace std::chrono;
  if (n.empty() || n[0] < 1) return false;
  if (n.size() >= 2 && (n[1] < 1 || n[1] > 12)) return false;
  if (n.size() == 3) return year_month_day{year{n[0]}, month{static_cast<unsigned>(n[1])}, day{static_cast<unsigned>(n[2])}}.ok();
  return true;
}

std::string iso(const std::vector<int>& n) {
  std::string out = std::to_string(n[0]);
  for (size_t i = 1; i < n.size(); ++i) out += (n[i] < 10 ? "-0" : "-") + std::to_string(n[i]);
  return out;
}

Result<std::string> check_date(const std::string& s, const std::string& name) {
  const std::vector<int> n = date_numbers(s);
  const bool four_digit_year = s.size() >= 4 && all_of(s.substr(0, 4), is_digit) && (s.size() == 4 || !is_digit(s[4]));
  if (!n.empty() && four_digit_year && real_date(n)) {
    if (iso(n) == s) return s;
    return Error{name + " wants YYYY, YYYY-MM or YYYY-MM-DD, got " + quoted(s) + did_you_mean({iso(n)})};
  }
  if (!n.empty() && four_digit_year && n.size() >= 2)
    return Error{name + ": " + quoted(s) + " is not a date (" + (n[1] < 1 || n[1] > 12 ? "no month " + std::to_string(n[1])
                                                                                      : "no such day in the month") + ")"};
  return Error{name + " wants YYYY, YYYY-MM or YYYY-MM-DD, got " + quoted(s)};
}

// Dates of different precision compare on what both give: 2024-03 is not after 2024-03-31.
bool after(const std::string& from, const std::string& to) {
  const size_t k = std::min(from.size(), to.size());
  return from.compare(0, k, to, 0, k) > 0;
}

Result<std::string> check_lang(const std::string& typed, const std::string& name) {
  const std::string lang = lower(typed);
  static const std::vector<std::string> langs = {"ar", "fa", "en"};
  if (std::find(langs.begin(), langs.end(), lang) != langs.end()) return lang;
  return Error{name + " wants ar, fa or en, got " + quoted(typed)};
}

// --- people ----------------------------------------------------------------------------------

bool has_person_id_form(const std::string& s) {
  return !s.empty() && s.size() <= 80 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_'; });
}

// The ids of the people named `typed` (or with that id): KnowledgeBase::people_named, the lookup
// an actor that is not a code falls back to as well, so person=Putin and actor=Putin agree.
Result<std::vector<std::string>> check_person(const std::string& typed, const kb::KnowledgeBase* kb,
                                              const std::string& name) {
  if (!kb) {
    if (has_person_id_form(typed)) return std::vector<std::string>{typed};
    return Error{name + " wants a person id (e.g. putin_vladimir) when no knowledge base is loaded, got " + quoted(typed)};
  }
  if (auto ids = kb->people_named(typed); !ids.empty()) return ids;
  return Error{name + ": no person is named " + quoted(typed) + " in the knowledge base (a name in Arabic, Persian or "
                                                                 "English, e.g. Putin, or an id, e.g. putin_vladimir)"};
}

Result<std::string> check_side(const std::string& typed, const std::string& name) {
  const std::string side = lower(typed);
  if (side == "source" || side == "target") return side;
  if (side == "any") return std::string();
  return Error{name + " wants source, target or any, got " + quoted(typed)};
}

}  // namespace

Result<EventQuery> parse_filters(const FilterText& f, const kb::KnowledgeBase* kb, std::string_view prefix) {
  const std::string p(prefix);
  EventQuery q;
  if (!f.dyad.empty())
    if (auto r = check_dyad(f.dyad, kb, p + "dyad", q); !r) return Error{r.error()};
  auto take = [](auto&& result, std::string& into) -> std::optional<Error> {
    if (!result) return Error{result.error()};
    into = *result;
    return std::nullopt;
  };
  if (!f.actor.empty())
    if (auto r = check_actor(f.actor, kb, p + "actor", q); !r) return Error{r.error()};
  if (!f.type.empty())
    if (auto e = take(check_type(f.type, kb, p + "type"), q.type)) return *e;
  if (!f.cameo.empty())
    if (auto e = take(check_cameo(f.cameo, kb, p + "cameo"), q.cameo)) return *e;
  if (!f.from.empty())
    if (auto e = take(check_date(f.from, p + "from"), q.from)) return *e;
  if (!f.to.empty())
    if (auto e = take(check_date(f.to, p + "to"), q.to)) return *e;
  if (!q.from.empty() && !q.to.empty() && after(q.from, q.to))
    return Error{p + "from " + q.from + " is after " + p + "to " + q.to};
  if (!f.lang.empty())
    if (auto e = take(check_lang(f.lang, p + "lang"), q.lang)) return *e;
  if (!f.person.empty()) {
    // One set of people per query: an actor that named people already filled it.
    if (!q.person_ids.empty())
      return Error{p + "actor " + quoted(f.actor) + " names a person; with " + p + "person give " + p +
                   "actor as a code (e.g. IRN)"};
    auto ids = check_person(f.person, kb, p + "person");
    if (!ids) return Error{ids.error()};
    q.person_ids = *ids;
  }
  if (!f.side.empty())
    if (auto e = take(check_side(f.side, p + "side"), q.side)) return *e;
  if (f.ranged == "overlap") q.ranged = RangedMatch::overlap;
  else if (f.ranged == "within") q.ranged = RangedMatch::within;
  else if (!f.ranged.empty()) return Error{p + "ranged wants overlap or within, got " + quoted(f.ranged)};
  return q;
}

}  // namespace rasad::store
