#pragma once
// Finding and resolving dates: numeric (with Arabic-Indic/Persian digits), month names (Arabic
// Levantine and Egyptian series, Persian Solar Hijri, Hijri, English), converted to Gregorian with
// ICU calendars; relative expressions resolved against an anchor date.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/span.h"
#include "text/normalize.h"

namespace rasad::text {

enum class DatePrecision { day, month, year, unknown };
const char* to_string(DatePrecision p);

struct Date {
  int year = 0, month = 0, day = 0;  // Gregorian; month/day 0 when below the precision
  DatePrecision precision = DatePrecision::unknown;
  std::string iso() const;  // "2024-03-19", "2024-03", "2024", "" for unknown
  friend bool operator==(const Date&, const Date&) = default;
};

// Parses "YYYY-MM-DD", ISO 8601 date-times ("2024-03-19T14:37:00+03:30"), "YYYY-MM", "YYYY",
// RFC 822 dates ("Tue, 19 Mar 2024 10:00:00 GMT") as found in metadata.
std::optional<Date> parse_metadata_date(std::string_view s);

// The Gregorian day of (year, month, day) in `calendar` ("gregorian", "persian" -- Solar Hijri --,
// "islamic" -- Umm al-Qura), converted with ICU; nullopt for a day the month does not have, an
// unknown calendar, or a result outside 1900-2100.
std::optional<Date> to_gregorian(std::string_view calendar, int year, int month, int day);

struct DateMention {
  Span span;                 // into the document text
  std::string text;          // the original text of the expression
  Date value;                // resolved Gregorian value; precision unknown when unresolved
  std::string calendar;      // "gregorian", "persian", "islamic"
  bool relative = false;     // "today", "أمس", "دیروز", a weekday...
  bool resolved = false;     // false for a relative expression without an anchor
  // Why this date is about something other than the report and can never be the document date:
  // "birth" ("متولد 23 آذر 1339", "born on"), "death", "anniversary" ("الذكرى", "سالگرد"), from the
  // lexicon's `context` words around it, or "quotation" (inside «...», "..." or “...” on its line).
  // Empty for an ordinary date.
  std::string context;
};

struct DateLexicon {
  // Loaded from data/text/dates/<lang>.tsv plus ICU's CLDR month and weekday names (ar, ar_SY for
  // the Levantine series, fa with Gregorian and Persian calendars, ar/fa with the Islamic calendar,
  // en). All forms stored normalized. Kinds and values are described in data/text/dates/ar.tsv:
  // month (1-12), weekday (1 = Sunday .. 7 = Saturday, as ICU), relative_day (day offset),
  // time_of_day, weekday_prefix, weekday_modifier (-1 last, +1 next), year_word, month_word, era,
  // ordinal_suffix, context (a word that makes a date near it a birth, death or anniversary date:
  // value -1 the word comes before the date, +1 after it). `calendar` is gregorian | persian |
  // islamic, and for kind `context` the reason: birth | death | anniversary. `lang` is ar | fa | en.
  struct Entry {
    std::string form;
    std::string kind;
    int value = 0;
    std::string calendar;
    std::string lang;
  };
  std::vector<Entry> entries;
};

Result<DateLexicon> load_date_lexicon(const std::string& data_dir);

class DateFinder {
 public:
  explicit DateFinder(DateLexicon lexicon);
  ~DateFinder();
  DateFinder(DateFinder&&) noexcept;
  // All date expressions in `norm` (the normalized form of `text`); spans mapped back to `text`.
  // Relative expressions resolve against `anchor` when given ("اليوم الثلاثاء" -> the anchor if it
  // is a Tuesday, else the closest Tuesday not after it; "أمس" -> anchor - 1 day). A day and month
  // without a year ("19 مارس") take the year that puts them closest to the anchor.
  // `lang` ("ar", "fa", "en") tells how to read an unmarked year 13xx-14xx (Solar Hijri in Persian,
  // Hijri in Arabic) and which language's bare weekday and relative words count; empty: guessed
  // from the text (Persian letters پ چ ژ گ versus the Arabic article).
  std::vector<DateMention> find(std::string_view text, const NormalizedText& norm,
                                const std::optional<Date>& anchor, std::string_view lang = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasad::text
