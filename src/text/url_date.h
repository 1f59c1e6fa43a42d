#pragma once
// The publication date a news site writes into its article URLs: /2024/03/19/, /20240319/,
// 2024-03-19, compact Solar Hijri dates (/14000316/), and site-specific numeric ids listed in
// data/text/dates/url_sites.tsv (Fars News: newstext.php?nn=8701010012 is 1387-01-01).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "text/dates.h"

namespace rasad::text {

// One row of url_sites.tsv: the ids of `host` that are `digits` long start with a date.
struct UrlSiteRule {
  std::string host;  // lower case; matches the host and its subdomains
  size_t digits = 0;
  std::string layout;    // "yyyymmdd" | "yymmdd"
  std::string calendar;  // "gregorian" | "persian" | "islamic"
  int since = 0;         // the Gregorian year the site started; earlier readings are no date
};

struct UrlDateRules {
  std::vector<UrlSiteRule> sites;
};

// Reads data_dir/text/dates/url_sites.tsv; an error names the file and line.
Result<UrlDateRules> load_url_date_rules(const std::string& data_dir);

struct UrlDate {
  Date value;            // Gregorian, day precision
  std::string calendar;  // the calendar the URL wrote it in
  std::string pattern;   // which reading found it: "site-id", "path-ymd", "compact", "iso"
};

// The date in `url`, or nullopt. Site rules are tried first, then the generic readings, from the
// most to the least specific. A compact 8-digit date with a year 1300-1499 is Solar Hijri unless
// `lang` is "ar" (then Hijri); the host is never read, and only digit runs that stand alone
// (between non-digits) count, so an id such as 123201403190 yields nothing.
std::optional<UrlDate> date_from_url(std::string_view url, const UrlDateRules& rules, std::string_view lang = {});

}  // namespace rasad::text
