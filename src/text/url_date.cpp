#include "text/url_date.h"

#include <algorithm>

#include "core/tsv.h"

namespace rasad::text {

namespace {

struct DigitRun {
  size_t begin = 0, end = 0;  // byte range in the path and query
  size_t size() const { return end - begin; }
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int number(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// "http://www.farsnews.com/newstext.php?nn=8701010012" -> {"www.farsnews.com", "/newstext.php?nn=8701010012"}.
std::pair<std::string, std::string_view> split_url(std::string_view url) {
  if (const size_t scheme = url.find("://"); scheme != std::string_view::npos)
    url.remove_prefix(scheme + 3);
  else if (url.starts_with("//"))
    url.remove_prefix(2);
  const size_t host_end = std::min(url.find_first_of("/?#"), url.size());
  std::string host = lower(url.substr(0, host_end));
  if (const size_t at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (const size_t port = host.find(':'); port != std::string::npos) host.erase(port);
  return {std::move(host), url.substr(host_end)};
}

bool host_matches(std::string_view host, std::string_view rule) {
  return host == rule ||
         (host.size() > rule.size() && host.ends_with(rule) && host[host.size() - rule.size() - 1] == '.');
}

std::vector<DigitRun> digit_runs(std::string_view s) {
  std::vector<DigitRun> runs;
  for (size_t i = 0; i < s.size();) {
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    runs.push_back({i, j});
    i = j;
  }
  return runs;
}

// The calendar of a year written in full: Gregorian 1900-2100, else Solar Hijri (Hijri in Arabic).
const char* calendar_of_year(int year, std::string_view lang) {
  if (year >= 1900 && year <= 2100) return "gregorian";
  if (year >= 1300 && year <= 1499) return lang.starts_with("ar") ? "islamic" : "persian";
  return nullptr;
}

std::optional<UrlDate> make(const char* calendar, int y, int m, int d, const char* pattern) {
  if (!calendar) return std::nullopt;
  auto g = to_gregorian(calendar, y, m, d);
  if (!g) return std::nullopt;
  return UrlDate{*g, calendar, pattern};
}

// A site's numeric article id (url_sites.tsv).
std::optional<UrlDate> site_id(std::string_view host, std::string_view rest, const std::vector<DigitRun>& runs,
                               const UrlDateRules& rules) {
  for (const UrlSiteRule& rule : rules.sites) {
    if (!host_matches(host, rule.host)) continue;
    for (const DigitRun& r : runs) {
      if (r.size() != rule.digits) continue;
      const bool full = rule.layout == "yyyymmdd";
      const int century = full ? 0 : rule.calendar == "gregorian" ? 2000 : 1300;
      const size_t y = full ? 4 : 2;
      if (auto u = make(rule.calendar.c_str(), century + number(rest, r.begin, y), number(rest, r.begin + y, 2),
                        number(rest, r.begin + y + 2, 2), "site-id");
          u && u->value.year >= rule.since)
        return u;
      break;  // the site's id is the first run of its length; a bad date there is no date
    }
  }
  return std::nullopt;
}

// Y, M, D as three digit runs of 4, 1-2 and 1-2 digits joined by `sep` and nothing else.
std::optional<UrlDate> joined(std::string_view rest, const std::vector<DigitRun>& runs, char sep, std::string_view lang,
                              const char* pattern) {
  for (size_t i = 0; i + 2 < runs.size(); ++i) {
    const DigitRun &y = runs[i], &m = runs[i + 1], &d = runs[i + 2];
    if (y.size() != 4 || m.size() > 2 || d.size() > 2) continue;
    if (m.begin != y.end + 1 || rest[y.end] != sep || d.begin != m.end + 1 || rest[m.end] != sep) continue;
    // A path date is whole segments: "/2024/03/19/" or "/2024/03/19" at the end.
    if (sep == '/' && (y.begin == 0 || rest[y.begin - 1] != '/')) continue;
    if (sep == '/' && d.end < rest.size() && std::string_view("/?#.-_").find(rest[d.end]) == std::string_view::npos)
      continue;
    const int year = number(rest, y.begin, 4);
    if (auto u = make(calendar_of_year(year, lang), year, number(rest, m.begin, m.size()),
                      number(rest, d.begin, d.size()), pattern))
      return u;
  }
  return std::nullopt;
}

// A standalone run of 8 digits: YYYYMMDD, Gregorian or (13xx-14xx) Solar Hijri.
std::optional<UrlDate> compact(std::string_view rest, const std::vector<DigitRun>& runs, std::string_view lang) {
  for (const DigitRun& r : runs) {
    if (r.size() != 8) continue;
    const int year = number(rest, r.begin, 4);
    if (auto u = make(calendar_of_year(year, lang), year, number(rest, r.begin + 4, 2), number(rest, r.begin + 6, 2),
                      "compact"))
      return u;
  }
  return std::nullopt;
}

}  // namespace

Result<UrlDateRules> load_url_date_rules(const std::string& data_dir) {
  UrlDateRules rules;
  auto loaded = load_tsv_strict(data_dir + "/text/dates/url_sites.tsv", 6, [&](const TsvRow& r) -> std::string {
    UrlSiteRule rule;
    rule.host = lower(r.col(0));
    const std::string digits(r.col(1));
    rule.digits = static_cast<size_t>(std::atoi(digits.c_str()));
    rule.layout = std::string(r.col(2));
    rule.calendar = std::string(r.col(3));
    const std::string since(r.col(4));
    rule.since = std::atoi(since.c_str());
    if (rule.since < 1990 || rule.since > 2100) return "since must be a Gregorian year (1990-2100)";
    if (rule.host.empty() || rule.host.find('/') != std::string::npos) return "host must be a host name";
    if (rule.layout != "yyyymmdd" && rule.layout != "yymmdd") return "layout must be yyyymmdd or yymmdd";
    if (rule.digits < rule.layout.size() || rule.digits > 30)
      return "digits must be the id's length, at least the layout's";
    if (rule.calendar != "gregorian" && rule.calendar != "persian" && rule.calendar != "islamic")
      return "calendar must be gregorian, persian or islamic";
    rules.sites.push_back(std::move(rule));
    return {};
  });
  if (!loaded) return Error{loaded.error()};
  return rules;
}

std::optional<UrlDate> date_from_url(std::string_view url, const UrlDateRules& rules, std::string_view lang) {
  const auto [host, rest] = split_url(url);
  if (rest.empty()) return std::nullopt;
  const std::vector<DigitRun> runs = digit_runs(rest);
  if (runs.empty()) return std::nullopt;
  if (auto u = site_id(host, rest, runs, rules)) return u;
  if (auto u = joined(rest, runs, '/', lang, "path-ymd")) return u;
  if (auto u = joined(rest, runs, '-', lang, "iso")) return u;
  if (auto u = joined(rest, runs, '_', lang, "iso")) return u;
  return compact(rest, runs, lang);
}

}  // namespace rasad::text
