#pragma once
// GDELT 2.0 event table (61 columns) and mentions table (16 columns) from stored events: pure
// functions over EventRow/MentionRow plus the lookup tables GDELT wants (English actor and place
// names, FIPS 10-4 country codes). What each column holds is documented in docs/STORE.md.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "store/store.h"

namespace rasad::kb {
class KnowledgeBase;
}

namespace rasad::store {

// English names and codes, all optional: a missing entry leaves the column empty.
struct GdeltTables {
  std::map<std::string, std::string, std::less<>> country_name;  // ISO3 -> "Iran" (as written)
  std::map<std::string, std::string, std::less<>> org_name;      // organization code -> "United Nations"
  std::map<std::string, std::string, std::less<>> person_name;   // person id -> "Hassan Rouhani"
  std::map<std::string, std::string, std::less<>> fips;          // ISO3 -> FIPS 10-4 ("IRN" -> "IR")
  struct Place {
    std::string name, country, kind;  // GeoNames English name, ISO3, capital|city|region
  };
  std::map<std::string, Place, std::less<>> places;  // a form as written (any language) -> the place

  // Actor1Name/Actor2Name: upper-cased English name of the person, else of the longest organization
  // code `code` starts with, else of its country (first 3 letters); "" when none is known.
  std::string actor_name(std::string_view code, std::string_view person) const;
  std::string fips_of(std::string_view iso3) const;
};

// Country, organization and person names from `kb`; FIPS codes from
// `data_dir`/kb/ontology/iso_fips.tsv; place names from `data_dir`/kb/places.names.tsv.
GdeltTables load_gdelt_tables(const kb::KnowledgeBase* kb, const std::string& data_dir,
                              std::vector<Diagnostic>& problems);

// ISO3 -> FIPS 10-4 from a file with columns iso3, fips, name, origin.
std::map<std::string, std::string, std::less<>> load_iso_fips(const std::string& path,
                                                              std::vector<Diagnostic>& problems);

// The day GDELT's SQLDATE gets (never empty when any date is known), and where it came from:
// "event" (the event's day-precision date), "publication" (first mention's document date, inside
// the event's coarser month or year when it has one), "event-period" (first day of the event's
// month/year when the publication date lies outside it), "range-midpoint" / "range-start" (an
// undated event's inferred range: its midpoint, or its start when open), "ingested" (when the
// document was stored).
struct GdeltDay {
  std::string ymd;     // YYYYMMDD, "" only when nothing at all is known
  std::string origin;  // see above
};
GdeltDay gdelt_event_day(const EventRow& e, const std::vector<MentionRow>& ms);

// GDELT's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, 4 decimals ("20240319" -> "2024.2986").
std::string gdelt_fraction_date(std::string_view ymd);

// "https://www.Example.com:8080/a/b" -> "example.com" (lower case, no "www."); "" when not a URL.
std::string url_domain(std::string_view url);

std::vector<std::string> gdelt_event_row(const EventRow& e, const std::vector<MentionRow>& ms, const GdeltTables& t);

// One row per distinct (document, sentence) of the event's mentions, the first stored one: as many
// rows as the event's NumMentions.
std::vector<std::vector<std::string>> gdelt_mention_rows(const EventRow& e, const std::vector<MentionRow>& ms);

}  // namespace rasad::store
