#pragma once
// The knowledge base: data/kb loaded once, compiled into phrase matchers, immutable afterwards and
// safe to share across threads. Formats: docs/DATA.md; design: docs/KB.md.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"
#include "kb/matcher.h"
#include "kb/ontology.h"
#include "text/normalize.h"

namespace rasad::kb {

// A calendar day as YYYYMMDD, so that days compare as integers. 0 = unknown.
using Day = int32_t;
// "YYYY-MM-DD" -> 20240319; "YYYY-MM" -> the month's first (`late` false) or last (`late` true)
// day; "YYYY" likewise. Returns 0 when malformed.
Day parse_day(std::string_view s, bool late = false);

struct Source {
  uint32_t file = 0;  // index into KnowledgeBase::files()
  uint32_t line = 0;
};

enum class FormCategory : uint8_t { country, organization, person, agent, place, issue };
const char* to_string(FormCategory c);

// One name form of anything the matchers find.
struct NameForm {
  FormCategory category = FormCategory::country;
  std::string lang;      // ar | fa | en
  std::string kind;      // countries: name|short|adjective|...; organizations: name|short;
                         // agents: the role label; places: capital|city|region; people, issues: ""
  std::string code;      // country/actor code, organization code, person id, place country, issue id
  std::string sector;    // agents: "GOV", "OPP+MED"
  std::string role;      // agents: dated role or descriptive label
  std::string form;      // as written in the file
  std::string norm;      // normalized
  std::vector<std::string> tokens;  // match tokens of `norm`
  // Spelling variants the normalizer cannot reach, made by rule (spelling_variants): matched like
  // `tokens`, with the same payload.
  std::vector<std::vector<std::string>> variants;
  bool case_sensitive = false;      // English acronyms
  bool capitalized = false;         // English one-word person names: the text must be capitalized
  bool manual = false;              // from a *.manual.tsv or hand-curated file
  Source src;
};

// Match-token variants of an Arabic or Persian name form that normalization does not produce
// (it folds letters, diacritics and removes ZWNJ, but cannot move a word boundary):
//  - Persian: a ZWNJ written as a space (حزب‌الله -> حزب الله, گردان‌های قسام -> گردان های قسام);
//  - Arabic and Persian: عبد + article joined or apart (عبدالعزیز <-> عبد العزیز).
// `form` as written, `tokens` its match tokens; returns only variants that differ from `tokens`.
std::vector<std::vector<std::string>> spelling_variants(const text::Normalizer& normalizer, std::string_view lang,
                                                        std::string_view form, const std::vector<std::string>& tokens);

struct Role {
  std::string person;      // person id
  std::string actor_code;  // IRNGOV
  std::string role;        // head_of_state
  std::string country;     // IRN, "" for IGOs
  std::string start_text, end_text;
  Day start_early = 0, start_late = 0;  // month-precision dates give a range
  Day end_early = 0, end_late = 0;      // 0 = open (in office as far as known)
  bool end_lower_bound = false;         // ">DATE": in office on DATE, real end unknown
  bool manual = false;
  Source src;
  // Held on `day` for sure (a ">DATE" end counts as ending on DATE).
  bool holds_on(Day day) const;
};

struct Person {
  std::string id;
  std::string display;        // a full English name when there is one
  std::vector<uint32_t> roles;  // indices into KnowledgeBase::roles(), by start
};

struct Place {
  std::string name, lang, country, kind;
  double lat = 0, lon = 0;
  bool has_coordinates = false;
};

struct Sector {
  std::string code, kind, description;
};

// A word that names a place or an actor only in context (stoplist.tsv): as a whole form on its own it
// is dropped from the matchers of its scope; longer forms that contain it still match (المدينة
// المنورة, Theresa May).
struct StopForm {
  enum class Scope : uint8_t { place, actor, all };
  std::string lang, form, norm;
  Scope scope = Scope::all;
  Source src;
};

struct LoadStats {
  double seconds = 0;
  size_t forms = 0, phrases = 0, roles = 0, people = 0;
  size_t matcher_bytes = 0;
};

class KnowledgeBase {
 public:
  // Loads data_dir/kb. Every problem (unreadable file, malformed line, bad date, unknown
  // language) becomes a Diagnostic naming the file and line; loading goes on with the rest. Fails
  // only when nothing at all could be read.
  // `extra_actor_files` are user dictionaries in the format `rasad dict import` writes (DATA.md,
  // "User dictionaries"), read after data_dir as if they were manual files.
  static Result<std::shared_ptr<const KnowledgeBase>> load(const std::string& data_dir,
                                                           std::vector<Diagnostic>& problems,
                                                           const std::vector<std::string>& extra_actor_files = {});

  const text::Normalizer& normalizer() const { return normalizer_; }
  const Ontology& ontology() const { return ontology_; }
  const std::vector<std::string>& files() const { return files_; }
  std::string where(const Source& s) const;  // "path:line"

  const std::vector<NameForm>& forms() const { return forms_; }
  const std::vector<Role>& roles() const { return roles_; }
  const std::map<std::string, Sector, std::less<>>& sectors() const { return sectors_; }
  const std::map<std::string, std::string, std::less<>>& code_aliases() const { return aliases_; }
  const std::vector<std::string>& un_members() const { return un_members_; }  // incl. observers
  const std::vector<Place>& places() const { return places_; }
  // The first place of places.tsv with this language and name, or nullptr.
  const Place* place(std::string_view lang, std::string_view name) const;
  const std::vector<StopForm>& stoplist() const { return stoplist_; }
  // The period an issue exists in (issue_dates.tsv): first and last day, last 0 = open; nullopt
  // for an undated issue.
  std::optional<std::pair<Day, Day>> issue_period(std::string_view issue) const;
  // Forms left out of the matchers because the stoplist names them (for the linter and tests).
  size_t stopped_forms() const { return stopped_forms_; }

  const Person* person(std::string_view id) const;
  const std::map<std::string, Person, std::less<>>& people() const { return people_; }
  // The people `text` names: a person id, or a whole name form of theirs in any language, compared
  // as the matchers compare (normalized match tokens: case, letter variants, diacritics, spelling
  // variants), ids of curated (manual) forms first. "putin", "بوتين" and "پوتین" name Putin.
  std::vector<std::string> people_named(std::string_view text) const;
  bool is_country(std::string_view code) const;  // a known 3-letter country code
  bool is_organization(std::string_view code) const;
  // Splits an actor code into country and sectors: "IRNGOV" -> {"IRN", "GOV"}; "IGOUNOSEC" ->
  // {"", "IGO"}; "PSEREBHMS" -> {"PSE", "REB"}. Unknown prefixes give {"", code}.
  std::pair<std::string, std::string> split_code(std::string_view code) const;

  // The matcher of one language over actors (countries except `capital`/`place` kinds,
  // organizations, people, agents), places, or issues. Payloads are indices into forms().
  const PhraseMatcher* actor_matcher(std::string_view lang) const;
  const PhraseMatcher* place_matcher(std::string_view lang) const;
  const PhraseMatcher* issue_matcher(std::string_view lang) const;

  // The holder of `role` for `country` on `day` (manual roles first, then the latest start).
  const Role* holder(std::string_view country, std::string_view role, Day day) const;
  // The role `person` held on `day`, or else the latest one that started before it (`day` 0, date
  // unknown: the latest role).
  const Role* role_of(std::string_view person, Day day) const;

  const LoadStats& stats() const { return stats_; }

 private:
  KnowledgeBase() = default;
  uint32_t add_file(const std::string& path);
  void add_form(NameForm f);
  void compile();

  text::Normalizer normalizer_;
  Ontology ontology_;
  std::vector<std::string> files_;
  std::vector<NameForm> forms_;
  std::vector<Role> roles_;
  std::map<std::string, Person, std::less<>> people_;
  std::map<std::string, Sector, std::less<>> sectors_;
  std::map<std::string, std::string, std::less<>> aliases_;
  std::vector<std::string> un_members_;
  std::vector<Place> places_;
  std::map<std::string, uint32_t, std::less<>> place_index_;  // "lang\tname" -> first in places_
  std::vector<StopForm> stoplist_;
  std::map<std::string, std::pair<Day, Day>, std::less<>> issue_periods_;
  size_t stopped_forms_ = 0;
  std::map<std::string, bool, std::less<>> countries_;      // code -> true
  std::map<std::string, bool, std::less<>> organizations_;  // code -> true
  std::multimap<std::string, uint32_t, std::less<>> roles_by_country_role_;  // "IRN|head_of_state"
  struct Matchers {
    PhraseMatcher actors, places, issues;
  };
  std::map<std::string, Matchers, std::less<>> matchers_;
  LoadStats stats_;
};

}  // namespace rasad::kb
