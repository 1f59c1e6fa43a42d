#include "store/gdelt.h"

#include <fmt/format.h>

#include <chrono>
#include <set>
#include <tuple>

#include "core/tsv.h"
#include "kb/kb.h"
#include "store/merge.h"

namespace rasad::store {

namespace {

// GDELT's names are upper-case ASCII ("RECEP TAYYIP ERDOGAN"): Latin letters with diacritics lose
// them; other characters are kept as they are.
std::string upper_ascii(std::string_view s) {
  static const std::map<char32_t, char> kFold = [] {
    std::map<char32_t, char> m;
    const std::pair<const char*, char> groups[] = {{"àáâãäåāăąÀÁÂÃÄÅĀĂĄ", 'A'},
                                                   {"çćčĉċÇĆČĈĊ", 'C'},
                                                   {"ďđĎĐ", 'D'},
                                                   {"èéêëēĕėęěÈÉÊËĒĔĖĘĚ", 'E'},
                                                   {"ğĝġģĞĜĠĢ", 'G'},
                                                   {"ĥħĤĦ", 'H'},
                                                   {"ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", 'I'},
                                                   {"ĵĴ", 'J'},
                                                   {"ķĶ", 'K'},
                                                   {"ĺļľŀłĹĻĽĿŁ", 'L'},
                                                   {"ñńņňÑŃŅŇ", 'N'},
                                                   {"òóôõöøōŏőÒÓÔÕÖØŌŎŐ", 'O'},
                                                   {"ŕŗřŔŖŘ", 'R'},
                                                   {"śŝşšŚŜŞŠ", 'S'},
                                                   {"ţťŧŢŤŦ", 'T'},
                                                   {"ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", 'U'},
                                                   {"ŵŴ", 'W'},
                                                   {"ýÿŷÝŸŶ", 'Y'},
                                                   {"źżžŹŻŽ", 'Z'}};
    for (const auto& [letters, base] : groups) {
      std::string_view g(letters);
      for (size_t i = 0; i + 1 < g.size(); i += 2)
        m[(static_cast<char32_t>(g[i] & 0x1F) << 6) | static_cast<char32_t>(g[i + 1] & 0x3F)] = base;
    }
    return m;
  }();
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      const char32_t cp = (static_cast<char32_t>(c & 0x1F) << 6) | static_cast<char32_t>(s[i + 1] & 0x3F);
      if (auto it = kFold.find(cp); it != kFold.end()) {
        out += it->second;
      } else {
        out += s.substr(i, 2);
      }
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool has_lower(std::string_view s) {
  for (char c : s)
    if (c >= 'a' && c <= 'z') return true;
  return false;
}

std::string digits(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// "2024-03-19..." -> "20240319"; "" unless a full day.
std::string ymd_of(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return "";
  std::string d = digits(iso.substr(0, 10));
  return d.size() == 8 ? d : "";
}

// The day an inferred range stands for in a table that must have one: its midpoint (off by at most
// half the range), or its start when the range is open (the only bound known). YYYYMMDD.
std::string range_day(const std::string& from, const std::string& to) {
  const auto first = epoch_day(from);
  if (!first) return "";
  const auto last = to.empty() ? first : epoch_day(to);
  if (!last || *last < *first) return "";
  using namespace std::chrono;
  const year_month_day d{sys_days{days{*first + (*last - *first) / 2}}};
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

template <class Map>
std::string find_or_empty(const Map& m, std::string_view key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

}  // namespace

std::string GdeltTables::actor_name(std::string_view code, std::string_view person) const {
  if (!person.empty())
    if (auto it = person_name.find(person); it != person_name.end() && !it->second.empty())
      return upper_ascii(it->second);
  for (size_t n = code.size(); n >= 6; n -= 3)
    if (auto it = org_name.find(code.substr(0, n)); it != org_name.end()) return upper_ascii(it->second);
  if (code.size() >= 3)
    if (auto it = country_name.find(code.substr(0, 3)); it != country_name.end()) return upper_ascii(it->second);
  return "";
}

std::string GdeltTables::fips_of(std::string_view iso3) const { return find_or_empty(fips, iso3); }

std::map<std::string, std::string, std::less<>> load_iso_fips(const std::string& path,
                                                              std::vector<Diagnostic>& problems) {
  std::map<std::string, std::string, std::less<>> out;
  read_tsv(
      path, 4,
      [&](const TsvRow& r) {
        if (r.col(0).size() != 3 || r.col(1).size() != 2) {
          problems.push_back(r.error("expected a 3-letter ISO code and a 2-letter FIPS code"));
          return;
        }
        if (!out.emplace(std::string(r.col(0)), std::string(r.col(1))).second)
          problems.push_back(r.error("ISO code listed twice: " + std::string(r.col(0))));
      },
      [&](Diagnostic d) { problems.push_back(std::move(d)); });
  return out;
}

GdeltTables load_gdelt_tables(const kb::KnowledgeBase* kb, const std::string& data_dir,
                              std::vector<Diagnostic>& problems) {
  GdeltTables t;
  t.fips = load_iso_fips(data_dir + "/kb/ontology/iso_fips.tsv", problems);
  read_tsv(
      data_dir + "/kb/places.names.tsv", 5,
      [&](const TsvRow& r) {
        t.places.emplace(std::string(r.col(4)),
                         GdeltTables::Place{std::string(r.col(0)), std::string(r.col(1)), std::string(r.col(2))});
      },
      [&](Diagnostic d) { problems.push_back(std::move(d)); });
  if (!kb) return t;
  for (const auto& [id, p] : kb->people()) t.person_name[id] = p.display;
  // Countries: the imported (CLDR, iso-codes) English short name, else their shortest name, before
  // the hand-added news variants ("Iran", "Syria", "Saudi Arabia"; not "Saudi", "Emirates").
  std::map<std::string, std::tuple<bool, bool, size_t>, std::less<>> country_rank;
  for (const auto& f : kb->forms()) {
    if (f.lang != "en" || !has_lower(f.form)) continue;  // English, no acronyms
    // PETRARCH's forms name the same codes with misspellings, places and officials ("Saudiarabia",
    // "USVI" under USA, "Special Rapporteur Of The United Nations Human Rights Council" as IGOUNO):
    // names come from the curated and ISO/CLDR rows.
    if (kb->files()[f.src.file].ends_with(".petrarch.tsv")) continue;
    if (f.category == kb::FormCategory::country && (f.kind == "name" || f.kind == "short")) {
      const std::tuple<bool, bool, size_t> rank{f.manual, f.kind != "short", f.form.size()};
      auto it = country_rank.find(f.code);
      if (it == country_rank.end() || rank < it->second) {
        country_rank[f.code] = rank;
        t.country_name[f.code] = f.form;
      }
    } else if (f.category == kb::FormCategory::organization && f.kind == "name") {
      // The longest full name: "Houthi rebels", "Islamic Revolutionary Guard Corps".
      auto& cur = t.org_name[f.code];
      if (f.form.size() > cur.size()) cur = f.form;
    }
  }
  return t;
}

GdeltDay gdelt_event_day(const EventRow& e, const std::vector<MentionRow>& ms) {
  if (e.date_precision == "day")
    if (auto d = ymd_of(e.date); !d.empty()) return {d, "event"};
  // The event's coarser period ("2024-03", "2024") when it has one.
  std::string period;
  if ((e.date_precision == "month" && e.date.size() >= 7) || (e.date_precision == "year" && e.date.size() >= 4))
    period = digits(e.date.substr(0, e.date_precision == "month" ? 7 : 4));
  const MentionRow* first = ms.empty() ? nullptr : &ms.front();
  if (first) {
    if (auto pub = ymd_of(first->doc_date); !pub.empty() && pub.compare(0, period.size(), period) == 0)
      return {pub, "publication"};
  }
  if (e.date_precision == "range")
    if (auto d = range_day(e.date_from, e.date_to); !d.empty()) return {d, e.date_to.empty() ? "range-start" : "range-midpoint"};
  if (!period.empty()) return {period + (period.size() == 6 ? "01" : "0101"), "event-period"};
  if (first)
    if (auto added = ymd_of(first->doc_added); !added.empty()) return {added, "ingested"};
  if (auto seen = ymd_of(e.first_seen); !seen.empty()) return {seen, "ingested"};
  return {"", ""};
}

std::string gdelt_fraction_date(std::string_view ymd) {
  if (ymd.size() != 8) return "";
  const int y = std::stoi(std::string(ymd.substr(0, 4)));
  const int m = std::stoi(std::string(ymd.substr(4, 2)));
  const int d = std::stoi(std::string(ymd.substr(6, 2)));
  return fmt::format("{:.4f}", y + (m * 30 + d) / 365.0);
}

std::string url_domain(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (auto at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
  if (auto colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);
  std::string out;
  for (char c : host) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (out.rfind("www.", 0) == 0) out = out.substr(4);
  return out;
}

namespace {

// GDELT's 8 geography columns: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
// Type 0 no place, 1 country, 2 US state, 3 US city, 4 world city, 5 world state/region.
void country_geo(std::vector<std::string>& r, const std::string& iso3, const GdeltTables& t) {
  const std::string fips = t.fips_of(iso3);
  if (iso3.empty() || fips.empty()) {
    r.insert(r.end(), {"0", "", "", "", "", "", "", ""});
    return;
  }
  const std::string name = find_or_empty(t.country_name, iso3);
  r.insert(r.end(), {"1", name.empty() ? iso3 : name, fips, fips, "", "", "", fips});
}

void action_geo(std::vector<std::string>& r, const EventRow& e, const GdeltTables& t) {
  if (e.location_name.empty() && e.location_country.empty()) {
    r.insert(r.end(), {"0", "", "", "", "", "", "", ""});
    return;
  }
  const GdeltTables::Place* place = nullptr;
  if (auto it = t.places.find(e.location_name); it != t.places.end()) place = &it->second;
  const std::string country = !e.location_country.empty() ? e.location_country : place ? place->country : "";
  const std::string country_name = find_or_empty(t.country_name, country);
  const std::string fips = t.fips_of(country);
  // A name the gazetteer does not know and cannot place is taken at its country's level.
  const bool is_country = e.location_name.empty() || (place == nullptr && !e.has_coordinates && !country.empty());
  if (is_country) {
    r.insert(r.end(), {"1", country_name.empty() ? country : country_name, fips, fips, "", "", "", fips});
    return;
  }
  const bool region = place && place->kind == "region";
  const bool us = country == "USA";
  const std::string type = region ? (us ? "2" : "5") : (us ? "3" : "4");
  std::string full = place ? place->name : e.location_name;
  if (!country_name.empty() && full != country_name) full += ", " + country_name;
  r.insert(r.end(), {type, full, fips, fips, "", e.has_coordinates ? fmt::format("{:.4f}", e.lat) : "",
                     e.has_coordinates ? fmt::format("{:.4f}", e.lon) : "", ""});
}

}  // namespace

std::vector<std::string> gdelt_event_row(const EventRow& e, const std::vector<MentionRow>& ms, const GdeltTables& t) {
  std::vector<std::string> r;
  r.reserve(61);
  const GdeltDay day = gdelt_event_day(e, ms);
  r.insert(r.end(), {std::to_string(e.id), day.ymd, day.ymd.empty() ? "" : day.ymd.substr(0, 6),
                     day.ymd.empty() ? "" : day.ymd.substr(0, 4), gdelt_fraction_date(day.ymd)});
  auto actor = [&](const std::string& code, const std::string& person, const std::string& country,
                   const std::string& sector) {
    const bool igo = code.rfind("IGO", 0) == 0 || code.rfind("NGO", 0) == 0;
    r.insert(r.end(), {code, t.actor_name(code, person), country, igo && code.size() >= 6 ? code.substr(3, 3) : "", "",
                       "", "", igo ? code.substr(0, 3) : sector, "", ""});
  };
  actor(e.source_code, e.source_person, e.source_country, e.source_sector);
  actor(e.target_code, e.target_person, e.target_country, e.target_sector);
  bool root = false;
  for (const auto& m : ms) root = root || m.sentence == 0;
  r.insert(r.end(), {root ? "1" : "0", e.cameo, e.cameo.substr(0, 3), e.cameo.substr(0, 2),
                     std::to_string(e.quad_class), fmt::format("{:g}", e.goldstein), std::to_string(e.num_mentions),
                     std::to_string(e.num_sources), std::to_string(e.num_articles), ""});
  country_geo(r, e.source_country, t);
  country_geo(r, e.target_country, t);
  action_geo(r, e, t);
  r.push_back(digits(e.first_seen));
  r.push_back(ms.empty() ? "" : ms.front().url.empty() ? ms.front().doc : ms.front().url);
  return r;
}

std::vector<std::vector<std::string>> gdelt_mention_rows(const EventRow& e, const std::vector<MentionRow>& ms) {
  const GdeltDay day = gdelt_event_day(e, ms);
  const std::string event_time = day.ymd.empty() ? "" : day.ymd + "000000";
  std::vector<std::vector<std::string>> out;
  std::set<std::pair<std::string, uint32_t>> seen;
  for (const auto& m : ms) {
    if (!seen.emplace(m.doc, m.sentence).second) continue;  // the other direction of a symmetric event
    // Publication time: the document's date (with its time when it has one), else when it was stored.
    std::string when = digits(m.doc_date);
    if (when.size() < 8) when = digits(m.doc_added);
    when.resize(14, '0');
    const std::string domain = url_domain(m.url);
    out.push_back({std::to_string(e.id), event_time, when, m.url.empty() ? "6" : "1",
                   domain.empty() ? m.source : domain, m.url.empty() ? m.doc : m.url, std::to_string(m.sentence + 1),
                   std::to_string(m.source_char), std::to_string(m.target_char), std::to_string(m.trigger_char), "1",
                   std::to_string(static_cast<int>(m.confidence * 100 + 0.5)), std::to_string(m.doc_chars), "", "",
                   ""});
  }
  return out;
}

}  // namespace rasad::store
