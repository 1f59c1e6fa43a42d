#include "store/merge.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <tuple>

#include <fmt/format.h>

namespace rasad::store {

namespace {

// An actor at the level merging compares: country + first sector, or the organization code.
void unit_of(const code::EventActor& a, std::string& unit, std::string& sector, std::string& person) {
  if (!a.country.empty()) {
    unit = a.country;
    sector = a.sector.substr(0, 3);
  } else {
    unit = a.code.substr(0, 6);
    sector.clear();
  }
  person = a.person;
}

// CAMEO codes that describe the same kind of act. Generic codes ("040", "04") fit any code of
// their root; visits, hosting and meetings are all in-person meetings (one outlet's "A visited B"
// is another's "B hosted A" or "A and B met").
bool cameo_compatible(std::string_view x, std::string_view y) {
  if (x.empty() || y.empty() || x == y) return true;
  if (x.substr(0, 2) != y.substr(0, 2)) return true;  // different roots under one PLOVER type: type decides
  auto generic = [](std::string_view c) { return c.size() == 2 || (c.size() == 3 && c[2] == '0'); };
  if (generic(x) || generic(y)) return true;
  if (x.substr(0, 3) == y.substr(0, 3)) return true;  // 4-digit refinement of the same 3-digit code
  auto meeting = [](std::string_view c) {
    auto c3 = c.substr(0, 3);
    return c3 == "042" || c3 == "043" || c3 == "044";
  };
  return meeting(x) && meeting(y);
}

std::string show(const std::string& unit, const std::string& sector) { return unit + sector; }

}  // namespace

std::optional<int64_t> epoch_day(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

std::string join_list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size() && !s.empty()) {
    size_t j = s.find(',', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

MergeFacts facts_of(const code::Event& e) {
  MergeFacts f;
  f.type = !e.plover.empty() ? e.plover : "CAMEO" + e.cameo.substr(0, 2);
  f.cameo = e.cameo;
  f.plover_mode = e.plover_mode;
  unit_of(e.source, f.a, f.a_sector, f.a_person);
  if (e.target) unit_of(*e.target, f.b, f.b_sector, f.b_person);
  if (e.symmetric && std::tie(f.b, f.b_sector) < std::tie(f.a, f.a_sector)) {
    std::swap(f.a, f.b);
    std::swap(f.a_sector, f.b_sector);
    std::swap(f.a_person, f.b_person);
    f.swapped = true;
  }
  f.negated = e.negated;
  set_date(f, e.date, e.date_precision, e.date_from, e.date_to);
  if (e.location) {
    f.location_country = e.location->country;
    f.location_name = e.location->name;
  }
  f.issues = e.issues;
  return f;
}

void set_date(MergeFacts& f, const std::string& date, const std::string& precision, const std::string& date_from,
              const std::string& date_to) {
  f.date = date;
  f.precision = precision.empty() ? "unknown" : precision;
  f.day.reset();
  f.date_from.clear();
  f.date_to.clear();
  if (f.precision == "day") {
    f.day = epoch_day(date);
    if (!f.day) f.precision = "unknown";
  } else if (f.precision == "range") {
    f.date_from = date_from;
    f.date_to = date_to;
    if (!epoch_day(date_from) || (!date_to.empty() && !epoch_day(date_to))) f.precision = "unknown";
  }
}

std::string MergeFacts::key() const {
  std::string k = type + '|' + a + '|' + b;
  if (negated) k += "|neg";
  return k;
}

std::optional<std::pair<int64_t, int64_t>> MergeFacts::day_window() const {
  if (precision == "day" && day) return std::pair{*day - kDayWindow, *day + kDayWindow};
  if (precision == "month" && date.size() >= 7) {
    auto first = epoch_day(date.substr(0, 7) + "-01");
    if (!first) return std::nullopt;
    int last = 28;
    while (last < 31 && epoch_day(date.substr(0, 7) + fmt::format("-{:02}", last + 1))) ++last;
    return std::pair{*first, *first + last - 1};
  }
  // A range wider than kRangeJoinDays joins no dated event: only undated ones are candidates.
  if (precision == "range")
    if (auto d = days(); d && d->second - d->first + 1 <= kRangeJoinDays) return d;
  return std::nullopt;
}

std::optional<std::pair<int64_t, int64_t>> MergeFacts::days() const {
  // Far enough for any open range; small enough to be added to without overflow.
  constexpr int64_t kOpenEnd = int64_t{1} << 40;
  if (precision == "day" && day) return std::pair{*day, *day};
  if (precision == "month") return day_window();
  if (precision == "year" && date.size() >= 4) {
    auto first = epoch_day(date.substr(0, 4) + "-01-01"), last = epoch_day(date.substr(0, 4) + "-12-31");
    if (first && last) return std::pair{*first, *last};
  }
  if (precision == "range")
    if (auto first = epoch_day(date_from)) return std::pair{*first, date_to.empty() ? kOpenEnd : epoch_day(date_to).value_or(kOpenEnd)};
  return std::nullopt;
}

namespace {

std::string date_text(const MergeFacts& f) {
  if (f.precision == "range") return "inferred " + f.date_from + ".." + (f.date_to.empty() ? "open" : f.date_to);
  return f.date.empty() ? "undated" : f.date;
}

// Why the inferred range `r` cannot stand with the date of `other`, "" when it can: it allows
// another range it overlaps and an undated report; a day or month inside it only when it is as
// precise as a month (one pair of office holders calls and meets many times in a term: a range of
// years is no evidence of one day); a year never.
std::string range_refusal(const MergeFacts& r, const MergeFacts& other) {
  const auto x = r.days(), y = other.days();
  if (!y) return "";
  const bool wide = x->second - x->first + 1 > kRangeJoinDays;
  if (other.precision == "year" || (other.precision != "range" && wide))
    return fmt::format("{} is too wide to date {}", date_text(r), date_text(other));
  if (x->second < y->first || y->second < x->first)
    return fmt::format("{} and {} do not overlap", date_text(r), date_text(other));
  return "";
}

}  // namespace

Verdict judge(const MergeFacts& m, const MergeFacts& e) {
  Verdict v;
  auto no = [&](std::string why) {
    v.join = false;
    v.reason = std::move(why);
    return v;
  };
  if (m.key() != e.key()) return no("different type or actor pair");
  // Without both actors a report says too little to be tied to another article's report.
  if (m.a.empty() || m.b.empty()) return no("an actor is unknown; only reports with both actors merge across sentences");
  if (!cameo_compatible(m.cameo, e.cameo)) return no(fmt::format("CAMEO {} and {} are different acts", m.cameo, e.cameo));
  if (!m.plover_mode.empty() && !e.plover_mode.empty() && m.plover_mode != e.plover_mode)
    return no(fmt::format("PLOVER mode {} vs {}", m.plover_mode, e.plover_mode));
  auto sector_ok = [](const std::string& x, const std::string& y) { return x.empty() || y.empty() || x == y; };
  if (!sector_ok(m.a_sector, e.a_sector) || !sector_ok(m.b_sector, e.b_sector))
    return no(fmt::format("sectors differ: {}-{} vs {}-{}", show(m.a, m.a_sector), show(m.b, m.b_sector),
                          show(e.a, e.a_sector), show(e.b, e.b_sector)));
  auto person_ok = [](const std::string& x, const std::string& y) { return x.empty() || y.empty() || x == y; };
  if (!person_ok(m.a_person, e.a_person) || !person_ok(m.b_person, e.b_person))
    return no("different persons");
  if (!m.location_country.empty() && !e.location_country.empty() && m.location_country != e.location_country)
    return no(fmt::format("places in different countries: {} vs {}", m.location_country, e.location_country));

  const bool shared_person =
      (!m.a_person.empty() && m.a_person == e.a_person) || (!m.b_person.empty() && m.b_person == e.b_person);
  std::vector<std::string> why;
  why.push_back(fmt::format("same {} {}-{}", m.type, show(e.a, e.a_sector), show(e.b, e.b_sector)));
  int score = 100;
  // Dates.
  if (m.precision == "day" && e.precision == "day") {
    const int64_t d = std::llabs(*m.day - *e.day);
    if (d > kDayWindow) return no(fmt::format("dates {} and {} are {} days apart", m.date, e.date, d));
    score -= 10 * static_cast<int>(d);
    why.push_back(d == 0 ? fmt::format("same day {}", m.date) : fmt::format("dates {} / {} within {} day", m.date, e.date, d));
  } else if ((m.precision == "day" || m.precision == "month") && (e.precision == "day" || e.precision == "month")) {
    if (m.date.substr(0, 7) != e.date.substr(0, 7)) return no(fmt::format("months differ: {} vs {}", m.date, e.date));
    score -= 20;
    why.push_back(fmt::format("same month ({} / {})", m.date, e.date));
  } else if (m.precision == "year" && e.precision == "year") {
    if (m.date != e.date) return no("years differ");
    score -= 40;
    why.push_back("same year " + m.date);
  } else if (m.precision == "range" || e.precision == "range") {
    // As without dates, only a named person ties a ranged report to another.
    if (!shared_person) return no("an inferred date range and no named person in common");
    const MergeFacts& r = m.precision == "range" ? m : e;
    const MergeFacts& other = m.precision == "range" ? e : m;
    if (std::string refusal = range_refusal(r, other); !refusal.empty()) return no(std::move(refusal));
    score -= other.precision == "day" || other.precision == "month" ? 45 : 50;  // a dated event first
    why.push_back(fmt::format("{} allows {}, same persons", date_text(r), date_text(other)));
  } else if (m.precision == "unknown" && e.precision == "unknown") {
    // Without dates only the named people tie two reports together.
    if (!shared_person) return no("both undated and no named person in common");
    score -= 50;
    why.push_back("both undated, same persons");
  } else {
    return no(fmt::format("date precisions {} and {} cannot be compared", m.precision, e.precision));
  }
  if (!m.a_person.empty() && m.a_person == e.a_person) score += 5;
  if (!m.b_person.empty() && m.b_person == e.b_person) score += 5;
  if (!m.location_name.empty() && m.location_name == e.location_name) {
    score += 3;
    why.push_back("same place " + m.location_name);
  } else if (!m.location_country.empty() && m.location_country == e.location_country) {
    why.push_back("places in " + m.location_country);
  }
  std::vector<std::string> shared;
  for (const auto& i : m.issues)
    if (std::find(e.issues.begin(), e.issues.end(), i) != e.issues.end()) shared.push_back(i);
  if (!shared.empty()) {
    score += 5 * static_cast<int>(std::min<size_t>(shared.size(), 3));
    why.push_back("shared issues " + join_list(shared));
  }
  v.join = true;
  v.score = score;
  for (const auto& w : why) v.reason += (v.reason.empty() ? "" : "; ") + w;
  return v;
}

}  // namespace rasad::store
