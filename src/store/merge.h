#pragma once
// Event merging: when does a coded mention report the same real-world event as a stored event?
// Pure functions over plain values so the rules can be tested without a database. Rules:
// docs/STORE.md ("Event merge").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "code/event.h"

namespace rasad::store {

// A day may differ by this much between two day-precision reports of one event (time zones,
// "yesterday" in next-day reports).
inline constexpr int kDayWindow = 1;
// An inferred range (an undated document bounded by tenures) joins a dated report only when it is at
// most this many days long: as precise as a month report, which joins the days of its month.
inline constexpr int kRangeJoinDays = 31;

// What merging compares, for a mention and for an event (its first mention, the anchor). The actor
// pair is in key order: as coded, or sorted for symmetric events.
struct MergeFacts {
  std::string type;         // PLOVER type, or "CAMEO" + the 2-digit root when PLOVER has none
  std::string cameo, plover_mode;
  std::string a, a_sector, a_person;  // a/b: country code, or the organization code (6 chars) without one
  std::string b, b_sector, b_person;
  bool swapped = false;  // a/b are the coded target/source (a symmetric event put in key order)
  bool negated = false;
  std::string date, precision;   // ISO date and day|month|year|range|unknown
  std::optional<int64_t> day;    // days since 1970-01-01 for day precision
  std::string date_from, date_to;  // precision range: the inferred bounds, ISO (date_to "" open)
  std::string location_country, location_name;
  std::vector<std::string> issues;

  std::string key() const;  // type|a|b[|neg]: merging only ever looks among events with the same key
  // The range of `day` values of events a mention with these facts may join; nullopt when only
  // events without a day (month, year, unknown precision, a range wider than kRangeJoinDays) can
  // match.
  std::optional<std::pair<int64_t, int64_t>> day_window() const;
  // The days the date allows (a day, its month or year, an inferred range); nullopt when undated.
  std::optional<std::pair<int64_t, int64_t>> days() const;
};

// Sets the date fields of `f` from stored or coded values; a precision whose date cannot be read
// becomes "unknown".
void set_date(MergeFacts& f, const std::string& date, const std::string& precision, const std::string& date_from,
              const std::string& date_to);

MergeFacts facts_of(const code::Event& e);

struct Verdict {
  bool join = false;
  int score = 0;       // higher is a better match among several compatible events
  std::string reason;  // why it joined, or the first rule that kept it apart
};

// May the mention `m` join the event whose anchor is `e` (both with the same key)?
Verdict judge(const MergeFacts& m, const MergeFacts& e);

// "YYYY-MM-DD" -> days since 1970-01-01; nullopt when not a valid calendar day.
std::optional<int64_t> epoch_day(std::string_view iso);

// Issue lists are stored as comma-separated ids.
std::string join_list(const std::vector<std::string>& v);
std::vector<std::string> split_list(std::string_view s);

}  // namespace rasad::store
