#include "text/dates.h"

#include "core/tsv.h"

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/utf8.h"

namespace rasad::text {

const char* to_string(DatePrecision p) {
  switch (p) {
    case DatePrecision::day: return "day";
    case DatePrecision::month: return "month";
    case DatePrecision::year: return "year";
    case DatePrecision::unknown: break;
  }
  return "unknown";
}

std::string Date::iso() const {
  char buf[48];
  switch (precision) {
    case DatePrecision::day: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day); break;
    case DatePrecision::month: std::snprintf(buf, sizeof buf, "%04d-%02d", year, month); break;
    case DatePrecision::year: std::snprintf(buf, sizeof buf, "%04d", year); break;
    case DatePrecision::unknown: return {};
  }
  return buf;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Gregorian arithmetic on day numbers (days since 1970-01-01), after H. Hinnant's civil algorithms.

int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yoe + era * 400 + (m <= 2)), m, d, DatePrecision::day};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

bool valid_ymd(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int64_t days_of(const Date& d) { return days_from_civil(d.year, d.month, d.day); }

// 1 = Sunday .. 7 = Saturday, as ICU's UCAL_SUNDAY..UCAL_SATURDAY; day 0 was a Thursday.
int weekday_of(int64_t days) { return static_cast<int>(((days % 7) + 7 + 4) % 7) + 1; }

// Dates found in news text are reported only inside this Gregorian range (sanity check).
constexpr int kMinYear = 1900, kMaxYear = 2100;

// ---------------------------------------------------------------------------------------------
// The lexicon in compiled form.

enum class Kind : uint8_t {
  month, weekday, relative_day, time_of_day, weekday_prefix, weekday_modifier, year_word, month_word,
  era, ordinal_suffix, not_date, context
};
constexpr std::array<std::pair<std::string_view, Kind>, 12> kKinds{{
    {"month", Kind::month},
    {"weekday", Kind::weekday},
    {"relative_day", Kind::relative_day},
    {"time_of_day", Kind::time_of_day},
    {"weekday_prefix", Kind::weekday_prefix},
    {"weekday_modifier", Kind::weekday_modifier},
    {"year_word", Kind::year_word},
    {"month_word", Kind::month_word},
    {"era", Kind::era},
    {"ordinal_suffix", Kind::ordinal_suffix},
    {"not_date", Kind::not_date},
    {"context", Kind::context},
}};

// Why a `context` word makes a date near it no document date (the `calendar` column of its row).
constexpr std::array<std::string_view, 3> kContextReasons{"birth", "death", "anniversary"};

int context_reason(std::string_view s) {
  const auto it = std::find(kContextReasons.begin(), kContextReasons.end(), s);
  return it == kContextReasons.end() ? -1 : static_cast<int>(it - kContextReasons.begin());
}

// How many tokens a context word may stand before ("متولد 23 آذر 1339", "the anniversary of the March
// 19, 2003 invasion") or after ("در 23 آذر 1339 به دنیا آمد") the date it qualifies.
constexpr size_t kContextBefore = 5, kContextAfter = 3;

std::optional<Kind> parse_kind(std::string_view s) {
  for (const auto& [name, kind] : kKinds)
    if (name == s) return kind;
  return std::nullopt;
}

enum class Cal : uint8_t { gregorian, persian, islamic };
const char* cal_name(Cal c) {
  switch (c) {
    case Cal::persian: return "persian";
    case Cal::islamic: return "islamic";
    case Cal::gregorian: break;
  }
  return "gregorian";
}
std::optional<Cal> parse_cal(std::string_view s) {
  if (s.empty() || s == "gregorian") return Cal::gregorian;
  if (s == "persian") return Cal::persian;
  if (s == "islamic") return Cal::islamic;
  return std::nullopt;
}

enum class Lang : uint8_t { unknown, ar, fa, en };
Lang parse_lang(std::string_view s) {
  if (s.size() >= 2) {
    const std::string_view p = s.substr(0, 2);
    if (p == "ar") return Lang::ar;
    if (p == "fa") return Lang::fa;
    if (p == "en") return Lang::en;
  }
  return Lang::unknown;
}

// A word character: a letter of any script (digits, marks removed by the normalizer, punctuation
// and spaces separate words). Below U+0800 (Latin, Arabic script) from a table built once.
bool is_word_cp(char32_t c) {
  static const std::array<bool, 0x800> below_0800 = [] {
    std::array<bool, 0x800> t{};
    for (char32_t x = 0; x < 0x800; ++x)
      t[x] = x < 0x80 ? ((x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z')) : u_isalpha(static_cast<UChar32>(x)) != 0;
    return t;
  }();
  if (c < 0x800) return below_0800[c];
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

// utf8::next with ASCII and two-byte sequences (all of Arabic script) decoded inline: the date
// matcher reads every code point of every document.
inline char32_t next_cp(std::string_view s, size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && pos + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[pos + 1]);
    if ((b1 & 0xC0) == 0x80) {
      pos += 2;
      return (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  return utf8::next(s, pos);
}

// The words of a normalized form, i.e. its runs of word characters.
std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    const char32_t c = utf8::next(s, pos);
    if (is_word_cp(c)) {
      cur.append(s.substr(start, pos - start));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

struct Word {
  std::vector<std::string> rest;  // the words after the first one, for multi-word forms
  Kind kind;
  int value;
  Cal cal;
  Lang lang;
  int reason = -1;  // kind context: index into kContextReasons
};

struct Era {
  std::string form;  // normalized, matched as bytes (may hold '.', "ه.ق")
  Cal cal;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// ---------------------------------------------------------------------------------------------
// Loading.

class LexiconBuilder {
 public:
  explicit LexiconBuilder(DateLexicon& lex) : lex_(lex) {}

  // Adds the normalized form; a ZWNJ in the raw form also yields the spelling with a space.
  void add(std::string_view raw, std::string_view kind, int value, std::string_view cal, std::string_view lang) {
    static constexpr std::string_view kZwnj = "\xE2\x80\x8C";
    add_normalized(normalizer_.normalize_string(raw), kind, value, cal, lang);
    if (raw.find(kZwnj) != std::string_view::npos) {
      std::string spaced(raw);
      for (size_t p; (p = spaced.find(kZwnj)) != std::string::npos;) spaced.replace(p, kZwnj.size(), " ");
      add_normalized(normalizer_.normalize_string(spaced), kind, value, cal, lang);
    }
  }

  Result<bool> add_file(const std::string& path, std::string_view lang) {
    return load_tsv_strict(path, 3, [&](const TsvRow& r) -> std::string {
      const auto& f = r.cols;
      if (f.size() > 4) return "expected form<TAB>kind<TAB>value[<TAB>calendar]";
      if (!parse_kind(f[1])) return "unknown kind '" + std::string(f[1]) + "'";
      const std::string value_text(f[2]);
      char* end = nullptr;
      const long value = std::strtol(value_text.c_str(), &end, 10);
      if (value_text.empty() || *end != '\0') return "value is not an integer";
      const std::string_view cal = f.size() == 4 ? f[3] : std::string_view("gregorian");
      if (f[1] == "context") {
        if (value != -1 && value != 1) return "a context word has value -1 (before the date) or 1 (after it)";
        if (context_reason(cal) < 0) return "a context word needs a reason: birth, death or anniversary";
      } else if (!parse_cal(cal)) {
        return "unknown calendar '" + std::string(cal) + "'";
      }
      if (f[1] == "month" && (value < 1 || value > 12)) return "month must be 1-12";
      if (f[1] == "weekday" && (value < 1 || value > 7)) return "weekday must be 1-7";
      if (normalizer_.normalize_string(f[0]).empty()) return "empty form";
      add(f[0], f[1], static_cast<int>(value), cal, lang);
      return {};
    });
  }

  // Month names (wide and abbreviated of at least 3 letters), weekday names and the common-era
  // name from CLDR. The pattern "d" is only there to get a formatter whose symbols follow the
  // locale's calendar keyword (DateFormatSymbols alone always gives the Gregorian ones).
  Result<bool> add_icu(const char* locale, const char* cal, const char* lang, bool weekdays_and_era) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::SimpleDateFormat format(icu::UnicodeString(u"d"), icu::Locale(locale), status);
    if (U_FAILURE(status)) return Error{std::string("ICU date symbols for ") + locale + ": " + u_errorName(status)};
    const icu::DateFormatSymbols* symbols = format.getDateFormatSymbols();
    for (const auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
      for (const auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
        int32_t count = 0;
        const icu::UnicodeString* months = symbols->getMonths(count, context, width);
        for (int32_t i = 0; i < count && i < 12; ++i) {
          if (width == icu::DateFormatSymbols::ABBREVIATED && months[i].countChar32() < 3) continue;
          std::string s;
          months[i].toUTF8String(s);
          add(s, "month", i + 1, cal, lang);
        }
      }
    }
    if (weekdays_and_era) {
      int32_t count = 0;
      const icu::UnicodeString* days = symbols->getWeekdays(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
      for (int32_t i = 1; i < count && i <= 7; ++i) {  // index 0 is unused; 1 = Sunday
        std::string s;
        days[i].toUTF8String(s);
        add(s, "weekday", i, "gregorian", lang);
      }
      const icu::UnicodeString* eras = symbols->getEras(count);
      if (count >= 2) {
        std::string s;
        eras[1].toUTF8String(s);
        add(s, "era", 0, "gregorian", lang);
      }
    }
    return true;
  }

 private:
  void add_normalized(std::string form, std::string_view kind, int value, std::string_view cal, std::string_view lang) {
    // Collapse runs of spaces so that multi-word forms compare word by word.
    std::string collapsed;
    for (const char c : form) {
      if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
      collapsed += c;
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    if (collapsed.empty()) return;
    if (!seen_.emplace(collapsed, std::string(kind), value, std::string(cal), std::string(lang)).second) return;
    lex_.entries.push_back({std::move(collapsed), std::string(kind), value, std::string(cal), std::string(lang)});
  }

  DateLexicon& lex_;
  Normalizer normalizer_;
  std::set<std::tuple<std::string, std::string, int, std::string, std::string>> seen_;
};

}  // namespace

Result<DateLexicon> load_date_lexicon(const std::string& data_dir) {
  DateLexicon lex;
  LexiconBuilder builder(lex);
  for (const char* lang : {"ar", "fa", "en"}) {
    auto r = builder.add_file(data_dir + "/text/dates/" + lang + ".tsv", lang);
    if (!r) return Error{r.error()};
  }
  struct Source {
    const char* locale;
    const char* cal;
    const char* lang;
    bool weekdays_and_era;
  };
  // "ar" has the Egyptian month series, "ar_SY" the Levantine one (ar_IQ, ar_LB, ar_JO agree).
  // The calendar is explicit because a locale's default may not be Gregorian (fa: Persian).
  static constexpr std::array<Source, 7> kSources{{
      {"ar@calendar=gregorian", "gregorian", "ar", true},
      {"ar_SY@calendar=gregorian", "gregorian", "ar", false},
      {"ar@calendar=islamic", "islamic", "ar", false},
      {"fa@calendar=gregorian", "gregorian", "fa", true},
      {"fa@calendar=persian", "persian", "fa", false},
      {"fa@calendar=islamic", "islamic", "fa", false},
      {"en@calendar=gregorian", "gregorian", "en", true},
  }};
  for (const Source& s : kSources) {
    auto r = builder.add_icu(s.locale, s.cal, s.lang, s.weekdays_and_era);
    if (!r) return Error{r.error()};
  }
  return lex;
}

// ---------------------------------------------------------------------------------------------
// Finding.

namespace {

struct Tables {
  std::unordered_map<std::string, std::vector<Word>, StringHash, std::equal_to<>> words;  // by first word
  std::vector<Era> eras;  // longest first, so "ه.ق" is tried before "ه"
  std::unique_ptr<icu::Calendar> persian, islamic;  // prototypes, cloned per conversion (clone is const)

  const icu::Calendar* proto(Cal c) const { return c == Cal::persian ? persian.get() : islamic.get(); }

  // Gregorian day-precision date of (y, m, d) in `cal`; nullopt when invalid or out of range.
  std::optional<Date> to_gregorian(Cal cal, int y, int m, int d) const {
    Date out;
    if (cal == Cal::gregorian) {
      if (!valid_ymd(y, m, d)) return std::nullopt;
      out = Date{y, m, d, DatePrecision::day};
    } else {
      if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 || !proto(cal)) return std::nullopt;
      std::unique_ptr<icu::Calendar> c(proto(cal)->clone());
      c->clear();
      c->setLenient(false);  // so that 30 Esfand of a common year is an error, not 1 Farvardin
      c->set(y, m - 1, d);
      UErrorCode status = U_ZERO_ERROR;
      const UDate t = c->getTime(status);
      if (U_FAILURE(status)) return std::nullopt;
      out = civil_from_days(static_cast<int64_t>(std::floor(t / U_MILLIS_PER_DAY)));
    }
    if (out.year < kMinYear || out.year > kMaxYear) return std::nullopt;
    return out;
  }

  // The year in `cal` of Gregorian day number `days`.
  std::optional<int> year_in(Cal cal, int64_t days) const {
    if (cal == Cal::gregorian) return civil_from_days(days).year;
    if (!proto(cal)) return std::nullopt;
    std::unique_ptr<icu::Calendar> c(proto(cal)->clone());
    UErrorCode status = U_ZERO_ERROR;
    c->setTime(static_cast<UDate>(days) * U_MILLIS_PER_DAY, status);
    const int32_t y = c->get(UCAL_YEAR, status);
    if (U_FAILURE(status)) return std::nullopt;
    return y;
  }
};

struct Tok {
  enum Type : uint8_t { word, number, punct };
  uint32_t b = 0, e = 0;  // normalized byte range
  Type type = punct;
  uint8_t digits = 0;  // for numbers
  int32_t num = -1;    // for numbers of at most 9 digits
  char32_t cp = 0;     // for punctuation
  const std::vector<Word>* lex = nullptr;  // lexicon entries whose first word this is
};

// What a match found, before it becomes a DateMention.
struct Cand {
  size_t begin = 0, end = 0;  // token range
  Date value;
  Cal cal = Cal::gregorian;
  bool relative = false, resolved = false;
  bool invalid = false;  // looks like a date but is none ("30 اسفند 1402"): consumed, not reported
};

struct Hit {
  const Word* w;
  size_t end;  // token after the match
};

// One find() call: the tokens of the normalized text and the grammar over them.
class Matcher {
 public:
  Matcher(const Tables& impl, std::string_view norm, const std::optional<Date>& anchor, Lang lang)
      : impl_(impl), t_(norm), anchor_(anchor), ctx_(lang) {
    tokenize();
    if (ctx_ == Lang::unknown) ctx_ = guess_lang();
  }

  std::vector<Cand> run() const {
    std::vector<Cand> out;
    for (size_t i = 0; i < toks_.size();) {
      std::optional<Cand> best;
      auto consider = [&](std::optional<Cand> c) {
        if (c && (!best || c->end > best->end)) best = std::move(c);
      };
      const Tok& tk = toks_[i];
      if (tk.type == Tok::number) {
        consider(numeric(i));
        consider(day_first(i, i));
      } else if (tk.type == Tok::word && tk.lex) {
        consider(month_first(i, i));
        consider(year_word(i));
        consider(relative(i));
        if (auto h = entry(i, Kind::not_date)) consider(Cand{i, h->end, {}, Cal::gregorian, false, false, true});
      }
      if (best) {
        i = best->end;
        if (!best->invalid) out.push_back(std::move(*best));
      } else {
        ++i;
      }
    }
    return out;
  }

  const std::vector<Tok>& tokens() const { return toks_; }

  // Why candidate `c` is about something other than the report (DateMention::context), or "".
  std::string context_of(const Cand& c) const {
    if (c.relative) return {};
    const size_t from = c.begin > kContextBefore ? c.begin - kContextBefore : 0;
    for (size_t j = c.begin; j-- > from;) {
      if (auto h = entry(j, Kind::context); h && h->w->value < 0 && h->end <= c.begin)
        return std::string(kContextReasons[static_cast<size_t>(h->w->reason)]);
    }
    for (size_t j = c.end; j < toks_.size() && j < c.end + kContextAfter; ++j) {
      if (auto h = entry(j, Kind::context); h && h->w->value > 0)
        return std::string(kContextReasons[static_cast<size_t>(h->w->reason)]);
    }
    if (quoted(toks_[c.begin].b, toks_[c.end - 1].e)) return "quotation";
    return {};
  }

 private:
  // ---- tokens -------------------------------------------------------------------------------
  void tokenize() {
    toks_.reserve(t_.size() / 5 + 4);
    size_t pos = 0;
    while (pos < t_.size()) {
      const unsigned char c = static_cast<unsigned char>(t_[pos]);
      if (c >= '0' && c <= '9') {
        Tok tk;
        tk.type = Tok::number;
        tk.b = static_cast<uint32_t>(pos);
        int64_t v = 0;
        while (pos < t_.size() && t_[pos] >= '0' && t_[pos] <= '9') {
          if (tk.digits < 255) ++tk.digits;
          if (v < 1'000'000'000) v = v * 10 + (t_[pos] - '0');
          ++pos;
        }
        tk.e = static_cast<uint32_t>(pos);
        tk.num = tk.digits <= 9 ? static_cast<int32_t>(v) : -1;
        toks_.push_back(tk);
        continue;
      }
      if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        if (c > ' ' && c != 0x7F) {
          Tok tk;
          tk.b = static_cast<uint32_t>(pos);
          tk.e = static_cast<uint32_t>(pos + 1);
          tk.cp = c;
          toks_.push_back(tk);
        }
        ++pos;
        continue;
      }
      size_t next = pos;
      const char32_t cp = next_cp(t_, next);
      if (is_word_cp(cp)) {
        word(pos);
        continue;
      }
      if (!u_isUWhiteSpace(static_cast<UChar32>(cp)) && u_charType(static_cast<UChar32>(cp)) != U_FORMAT_CHAR) {
        Tok tk;
        tk.b = static_cast<uint32_t>(pos);
        tk.e = static_cast<uint32_t>(next);
        tk.cp = cp;
        toks_.push_back(tk);
      }
      pos = next;
    }
  }

  // A run of word characters starting at `pos`; advances `pos` past it.
  void word(size_t& pos) {
    Tok tk;
    tk.type = Tok::word;
    tk.b = static_cast<uint32_t>(pos);
    bool arabic_script = false;
    while (pos < t_.size()) {
      size_t next = pos;
      const char32_t cp = next_cp(t_, next);
      if (!is_word_cp(cp)) break;
      if (cp >= 0x600 && cp <= 0x6FF) {
        arabic_script = true;
        // Letters Persian has and Arabic lacks; the normalizer keeps them.
        persian_letters_ += cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF;
      }
      pos = next;
    }
    tk.e = static_cast<uint32_t>(pos);
    std::string_view w = t_.substr(tk.b, tk.e - tk.b);
    if (arabic_script) {
      ++arabic_words_;
      arabic_article_ += w.size() > 4 && w.substr(0, 4) == "\xD8\xA7\xD9\x84";  // "ال"
    } else {
      ++latin_words_;
    }
    auto it = impl_.words.find(w);
    // The conjunction و is written attached ("وأمس", "والثلاثاء"); the match starts after it.
    if (it == impl_.words.end() && w.size() > 4 && w.substr(0, 2) == "\xD9\x88") {
      it = impl_.words.find(w.substr(2));
      if (it != impl_.words.end()) tk.b += 2;
    }
    if (it != impl_.words.end()) {
      tk.lex = &it->second;
      bool fa = false, ar = false;
      for (const Word& x : it->second) {  // month names are too short and shared to tell ("دي")
        fa |= x.lang == Lang::fa && x.kind != Kind::month;
        ar |= x.lang == Lang::ar && x.kind != Kind::month;
      }
      persian_lexicon_ += fa && !ar;
      arabic_lexicon_ += ar && !fa;
    }
    toks_.push_back(tk);
  }

  Lang guess_lang() const {
    if (latin_words_ > arabic_words_) return Lang::en;
    // A Persian text has a پ چ ژ گ every few words, an Arabic one an article every few words.
    const size_t fa = 3 * (persian_letters_ + persian_lexicon_);
    const size_t ar = arabic_article_ + 3 * arabic_lexicon_;
    if (fa > ar) return Lang::fa;
    if (ar > 0) return Lang::ar;
    return Lang::unknown;
  }

  // Whether normalized bytes [b, e) lie inside a quotation that opens and closes on their line:
  // «...», “...” or an odd number of straight quotes before them with one more after them.
  bool quoted(size_t b, size_t e) const {
    const size_t line_start = t_.rfind('\n', b) == std::string_view::npos ? 0 : t_.rfind('\n', b) + 1;
    const size_t line_end = std::min(t_.find('\n', e), t_.size());
    const std::string_view before = t_.substr(line_start, b - line_start);
    const std::string_view after = t_.substr(e, line_end - e);
    for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"\u00AB", "\u00BB"},
                                      {"\u201C", "\u201D"}}) {
      const size_t o = before.rfind(open);
      if (o == std::string_view::npos) continue;
      const size_t c = before.rfind(close);
      if ((c == std::string_view::npos || c < o) && after.find(close) != std::string_view::npos) return true;
    }
    const auto straight_before = std::count(before.begin(), before.end(), '"');
    return straight_before % 2 == 1 && after.find('"') != std::string_view::npos;
  }

  // ---- token tests --------------------------------------------------------------------------
  bool is_punct(size_t i, char32_t c) const { return i < toks_.size() && toks_[i].type == Tok::punct && toks_[i].cp == c; }
  bool adjacent(size_t i) const { return i > 0 && i < toks_.size() && toks_[i - 1].e == toks_[i].b; }
  const Tok* number(size_t i, int min_digits, int max_digits) const {
    if (i >= toks_.size() || toks_[i].type != Tok::number) return nullptr;
    const Tok& tk = toks_[i];
    return tk.digits >= min_digits && tk.digits <= max_digits && tk.num >= 0 ? &tk : nullptr;
  }
  const Tok* day_number(size_t i) const {
    const Tok* tk = number(i, 1, 2);
    return tk && tk->num >= 1 && tk->num <= 31 ? tk : nullptr;
  }
  std::string_view text_of(size_t i) const { return t_.substr(toks_[i].b, toks_[i].e - toks_[i].b); }
  bool lang_ok(const Word& w) const { return ctx_ == Lang::unknown || w.lang == ctx_; }

  // The longest lexicon entry of `kind` starting at token i (optionally only of the text's language).
  std::optional<Hit> entry(size_t i, Kind kind, bool same_lang = false) const {
    if (i >= toks_.size() || !toks_[i].lex) return std::nullopt;
    std::optional<Hit> best;
    for (const Word& w : *toks_[i].lex) {
      if (w.kind != kind || (same_lang && !lang_ok(w))) continue;
      size_t j = i + 1;
      bool ok = true;
      for (const std::string& r : w.rest) {
        if (j >= toks_.size() || toks_[j].type != Tok::word || text_of(j) != r) {
          ok = false;
          break;
        }
        ++j;
      }
      // Among equally long matches prefer the text's language ("مارس" is Arabic and Persian).
      if (ok && (!best || j > best->end || (j == best->end && lang_ok(w) && !lang_ok(*best->w)))) best = Hit{&w, j};
    }
    return best;
  }

  // A calendar marker right after token `i - 1` (a year): "هـ", "ه.ق", "م", "AD".
  std::optional<std::pair<Cal, size_t>> era_at(size_t i) const {
    if (i >= toks_.size()) return std::nullopt;
    const size_t at = toks_[i].b;
    for (const Era& era : impl_.eras) {
      if (t_.compare(at, era.form.size(), era.form) != 0) continue;
      const size_t after = at + era.form.size();
      size_t next = after;
      if (after < t_.size() && is_word_cp(next_cp(t_, next))) continue;  // "م" is not "مارس"
      size_t j = i;
      while (j < toks_.size() && toks_[j].b < after) ++j;
      if (toks_[j - 1].e != after) continue;
      return std::make_pair(era.cal, j);
    }
    return std::nullopt;
  }

  // ---- calendar choice and resolution -------------------------------------------------------

  // The calendar of a year written without a month name: a marker decides, else the range (an
  // unmarked 13xx-14xx year is Solar Hijri in Persian text, Hijri in Arabic text).
  std::optional<Cal> calendar_for_year(int year, std::optional<Cal> marked) const {
    if (marked) return marked;
    if (year >= kMinYear && year <= kMaxYear) return Cal::gregorian;
    if (year >= 1279 && year <= 1499) {
      if (ctx_ == Lang::fa) return Cal::persian;
      if (ctx_ == Lang::ar) return Cal::islamic;
    }
    return std::nullopt;
  }

  std::optional<Date> month_precision(Cal cal, int y, int m) const {
    if (cal == Cal::gregorian) {
      if (y < kMinYear || y > kMaxYear || m < 1 || m > 12) return std::nullopt;
      return Date{y, m, 0, DatePrecision::month};
    }
    auto d = impl_.to_gregorian(cal, y, m, 15);  // the Gregorian month holding the middle of it
    if (!d) return std::nullopt;
    return Date{d->year, d->month, 0, DatePrecision::month};
  }

  std::optional<Date> year_precision(Cal cal, int y) const {
    if (cal == Cal::gregorian) {
      if (y < kMinYear || y > kMaxYear) return std::nullopt;
      return Date{y, 0, 0, DatePrecision::year};
    }
    auto d = impl_.to_gregorian(cal, y, 7, 1);  // the Gregorian year holding the middle of it
    if (!d) return std::nullopt;
    return Date{d->year, 0, 0, DatePrecision::year};
  }

  // Day and month without a year: the year that puts the date closest to the anchor.
  std::optional<Cand> without_year(size_t begin, size_t end, Cal cal, int m, int d) const {
    Cand c{begin, end, {}, cal, true, false};
    if (!anchor_) {
      // Still report it (unresolved) when the day can exist in that month at all.
      if (d > (cal == Cal::gregorian ? days_in_month(2024, m) : (cal == Cal::persian && m <= 6 ? 31 : 30)))
        return std::nullopt;
      return c;
    }
    const int64_t a = days_of(*anchor_);
    const auto year = impl_.year_in(cal, a);
    if (!year) return std::nullopt;
    std::optional<Date> best;
    for (int y = *year - 1; y <= *year + 1; ++y) {
      auto g = impl_.to_gregorian(cal, y, m, d);
      if (g && (!best || std::llabs(days_of(*g) - a) < std::llabs(days_of(*best) - a))) best = g;
    }
    if (!best) return std::nullopt;
    c.value = *best;
    c.resolved = true;
    return c;
  }

  // ---- grammar ------------------------------------------------------------------------------

  // D/M/YYYY, D-M-YYYY, D.M.YYYY, YYYY/MM/DD, YYYY-MM-DD (one separator throughout), then an
  // optional calendar marker. Not part of a longer dotted/dashed number (IP, phone, version).
  std::optional<Cand> numeric(size_t i) const {
    if (i + 4 >= toks_.size()) return std::nullopt;
    const Tok& a = toks_[i];
    const char32_t sep = toks_[i + 1].type == Tok::punct ? toks_[i + 1].cp : 0;
    if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
    if (!is_punct(i + 3, sep)) return std::nullopt;
    for (size_t k = i + 1; k <= i + 4; ++k)
      if (!adjacent(k)) return std::nullopt;
    const Tok& b = toks_[i + 2];
    const Tok& c = toks_[i + 4];
    if (b.type != Tok::number || c.type != Tok::number || a.num < 0 || b.num < 0 || c.num < 0) return std::nullopt;
    if (i >= 2 && adjacent(i) && toks_[i - 1].type == Tok::punct && adjacent(i - 1) && toks_[i - 2].type == Tok::number)
      return std::nullopt;
    if (i + 6 < toks_.size() && adjacent(i + 5) && toks_[i + 5].type == Tok::punct && adjacent(i + 6) &&
        toks_[i + 6].type == Tok::number && toks_[i + 5].cp != ',')
      return std::nullopt;
    int y, m, d;
    if (a.digits == 4 && b.digits <= 2 && c.digits <= 2) {
      y = a.num, m = b.num, d = c.num;
    } else if (c.digits == 4 && a.digits <= 2 && b.digits <= 2) {
      y = c.num, m = b.num, d = a.num;
      if (m > 12 && d <= 12) std::swap(m, d);  // 03/19/2024 can only be month first
    } else {
      return std::nullopt;
    }
    size_t end = i + 5;
    const auto era = era_at(end);
    if (era) end = era->second;
    const auto cal = calendar_for_year(y, era ? std::optional<Cal>(era->first) : std::nullopt);
    if (!cal) return std::nullopt;
    const auto g = impl_.to_gregorian(*cal, y, m, d);
    if (!g) return std::nullopt;
    return Cand{i, end, *g, *cal, false, true};
  }

  // A month name at i, possibly doubled as "آذار/مارس" or "آذار (مارس)", possibly with a month word
  // before or after ("شهر رمضان", "اسفند ماه"). Returns the month entry and the token after it.
  std::optional<Hit> month_at(size_t i) const {
    size_t j = i;
    if (auto mw = entry(j, Kind::month_word); mw && entry(mw->end, Kind::month)) j = mw->end;
    auto m = entry(j, Kind::month);
    if (!m) return std::nullopt;
    size_t k = m->end;
    const bool slash = is_punct(k, '/'), paren = is_punct(k, '(');
    if (slash || paren) {
      if (auto m2 = entry(k + 1, Kind::month); m2 && m2->w->value == m->w->value && m2->w->cal == m->w->cal) {
        if (slash) k = m2->end;
        else if (is_punct(m2->end, ')')) k = m2->end + 1;
      }
    }
    if (m->w->lang == Lang::en && is_punct(k, '.') && adjacent(k)) ++k;  // "Jan."
    if (auto mw = entry(k, Kind::month_word)) k = mw->end;
    return Hit{m->w, k};
  }

  // "19 مارس 2024", "19 آذار/مارس 2024", "29 اسفند 1402", "9 رمضان 1445 هـ", "19 March 2024",
  // "19th of March"; without a year it needs the anchor.
  std::optional<Cand> day_first(size_t i, size_t begin) const {
    const Tok* day = day_number(i);
    if (!day) return std::nullopt;
    size_t j = i + 1;
    if (adjacent(j) && entry(j, Kind::ordinal_suffix)) ++j;
    if (auto of = entry(j, Kind::month_word); of && entry(of->end, Kind::month)) j = of->end;
    const auto month = month_at(j);
    if (!month) return std::nullopt;
    const Cal cal = month.value().w->cal;
    const int m = month->w->value;
    size_t k = month->end;
    const size_t year_tok = is_punct(k, ',') || is_punct(k, 0x060C) ? k + 1 : k;
    if (const Tok* year = number(year_tok, 4, 4)) {
      size_t end = year_tok + 1;
      if (auto era = era_at(end); era && era->first == cal) end = era->second;
      if (auto g = impl_.to_gregorian(cal, year->num, m, day->num)) return Cand{begin, end, *g, cal, false, true};
      return Cand{begin, end, {}, cal, false, false, true};
    }
    // Without a year only a month name of the text's language: "3 دي" in Arabic is no Persian date.
    if (!lang_ok(*month->w)) return std::nullopt;
    return without_year(begin, k, cal, m, day->num);
  }

  // "March 19, 2024", "March 2024", "اسفند 1402", "رمضان 1445 هـ"; "March 19" (English month
  // names only: "مارس 20" is as likely the verb "practised" followed by a count).
  std::optional<Cand> month_first(size_t i, size_t begin) const {
    const auto month = month_at(i);
    if (!month) return std::nullopt;
    const Cal cal = month->w->cal;
    const int m = month->w->value;
    size_t k = month->end;
    if (const Tok* day = day_number(k)) {
      size_t j = k + 1;
      if (adjacent(j) && entry(j, Kind::ordinal_suffix)) ++j;
      const size_t year_tok = is_punct(j, ',') || is_punct(j, 0x060C) ? j + 1 : j;
      if (const Tok* year = number(year_tok, 4, 4)) {
        size_t end = year_tok + 1;
        if (auto era = era_at(end); era && era->first == cal) end = era->second;
        if (auto g = impl_.to_gregorian(cal, year->num, m, day->num)) return Cand{begin, end, *g, cal, false, true};
        return Cand{begin, end, {}, cal, false, false, true};
      }
      if (month->w->lang == Lang::en) return without_year(begin, j, cal, m, day->num);
      return std::nullopt;
    }
    if (const Tok* year = number(is_punct(k, ',') ? k + 1 : k, 4, 4)) {
      size_t end = (is_punct(k, ',') ? k + 1 : k) + 1;
      if (auto era = era_at(end); era && era->first == cal) end = era->second;
      if (auto g = month_precision(cal, year->num, m)) return Cand{begin, end, *g, cal, false, true};
    }
    return std::nullopt;
  }

  // "عام 2001", "العام 2001", "سال 1402", "in 2001": a bare year only after a year word.
  std::optional<Cand> year_word(size_t i) const {
    const auto w = entry(i, Kind::year_word);
    if (!w) return std::nullopt;
    const Tok* year = number(w->end, 4, 4);
    if (!year) return std::nullopt;
    size_t end = w->end + 1;
    const auto era = era_at(end);
    if (era) end = era->second;
    const auto cal = calendar_for_year(year->num, era ? std::optional<Cal>(era->first) : std::nullopt);
    if (!cal) return std::nullopt;
    const auto g = year_precision(*cal, year->num);
    if (!g) return std::nullopt;
    return Cand{i, end, *g, *cal, false, true};
  }

  // [time of day] [يوم|روز|on] [last|next] (relative day [(weekday)] | weekday [الماضي|گذشته])
  // [time of day]; a weekday followed by an explicit date is that date.
  std::optional<Cand> relative(size_t i) const {
    size_t j = i;
    if (auto h = entry(j, Kind::time_of_day, true)) j = h->end;
    if (auto h = entry(j, Kind::weekday_prefix, true)) j = h->end;
    int modifier = 0;
    if (auto h = entry(j, Kind::weekday_modifier, true); h && entry(h->end, Kind::weekday, true)) {
      modifier = h->w->value;
      j = h->end;
    }
    int offset = 0, weekday = 0;
    size_t k;
    if (auto rel = entry(j, Kind::relative_day, true); rel && modifier == 0) {
      offset = rel->w->value;
      k = rel->end;
      const bool paren = is_punct(k, '(');
      if (auto wd = entry(paren ? k + 1 : k, Kind::weekday, true)) {
        if (!paren) {
          weekday = wd->w->value;
          k = wd->end;
        } else if (is_punct(wd->end, ')')) {
          weekday = wd->w->value;
          k = wd->end + 1;
        }
      }
    } else if (auto wd = entry(j, Kind::weekday, true)) {
      weekday = wd->w->value;
      k = wd->end;
      // "الثلاثاء 19 مارس 2024", "Tuesday, March 19, 2024": the explicit date, from the weekday on.
      const size_t after = is_punct(k, ',') || is_punct(k, 0x060C) ? k + 1 : k;
      std::optional<Cand> full = day_first(after, i);
      if (!full) full = month_first(after, i);
      if (full && !full->relative) return full;
      if (modifier == 0) {
        if (auto h = entry(k, Kind::weekday_modifier, true)) {
          modifier = h->w->value;
          k = h->end;
        }
      }
    } else {
      return std::nullopt;
    }
    if (auto h = entry(k, Kind::time_of_day, true)) k = h->end;

    Cand c{i, k, {}, Cal::gregorian, true, false};
    if (!anchor_) return c;
    const int64_t a = days_of(*anchor_);
    int64_t target = a + offset;
    if (weekday != 0) {
      if (modifier > 0 || offset > 0) {
        if (modifier > 0) target = a + 1;  // the next one, after the anchor
        while (weekday_of(target) != weekday) ++target;
      } else {
        if (modifier < 0) target = a - 1;  // the last one, before the anchor
        while (weekday_of(target) != weekday) --target;
      }
    }
    c.value = civil_from_days(target);
    c.resolved = true;
    return c;
  }

  const Tables& impl_;
  std::string_view t_;
  const std::optional<Date>& anchor_;
  Lang ctx_;
  std::vector<Tok> toks_;
  size_t persian_letters_ = 0, arabic_words_ = 0, arabic_article_ = 0, latin_words_ = 0;
  size_t persian_lexicon_ = 0, arabic_lexicon_ = 0;
};

std::unique_ptr<icu::Calendar> make_calendar(const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> c(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
  if (U_FAILURE(status)) return nullptr;
  return c;
}

}  // namespace

struct DateFinder::Impl {
  Tables tables;
};

DateFinder::DateFinder(DateLexicon lexicon) : impl_(std::make_unique<Impl>()) {
  Tables& tables = impl_->tables;
  for (DateLexicon::Entry& e : lexicon.entries) {
    const auto kind = parse_kind(e.kind);
    const int reason = kind == Kind::context ? context_reason(e.calendar) : -1;
    const auto cal = reason >= 0 ? std::optional<Cal>(Cal::gregorian) : parse_cal(e.calendar);
    if (!kind || !cal) continue;
    if (*kind == Kind::era) {
      // A final dot (CLDR's Persian "م.") would swallow the full stop after "2024م.".
      std::string form = e.form;
      while (form.size() > 1 && form.back() == '.') form.pop_back();
      const bool dup = std::any_of(tables.eras.begin(), tables.eras.end(),
                                   [&](const Era& x) { return x.form == form && x.cal == *cal; });
      if (!dup) tables.eras.push_back({std::move(form), *cal});
      continue;
    }
    std::vector<std::string> words = split_words(e.form);
    if (words.empty()) continue;
    Word w{{std::make_move_iterator(words.begin() + 1), std::make_move_iterator(words.end())}, *kind, e.value, *cal,
           parse_lang(e.lang), reason};
    tables.words[words.front()].push_back(std::move(w));
  }
  std::stable_sort(tables.eras.begin(), tables.eras.end(),
                   [](const Era& a, const Era& b) { return a.form.size() > b.form.size(); });
  tables.persian = make_calendar("fa@calendar=persian");
  tables.islamic = make_calendar("ar@calendar=islamic-umalqura");
}

DateFinder::~DateFinder() = default;
DateFinder::DateFinder(DateFinder&&) noexcept = default;

std::vector<DateMention> DateFinder::find(std::string_view text, const NormalizedText& norm,
                                          const std::optional<Date>& anchor, std::string_view lang) const {
  std::vector<DateMention> out;
  if (norm.text.empty()) return out;
  const Matcher matcher(impl_->tables, norm.text, anchor, parse_lang(lang));
  const std::vector<Tok>& toks = matcher.tokens();
  for (const Cand& c : matcher.run()) {
    DateMention m;
    m.span = norm.to_original(toks[c.begin].b, toks[c.end - 1].e);
    m.text = std::string(m.span.slice(text));
    m.value = c.value;
    m.calendar = cal_name(c.cal);
    m.relative = c.relative;
    m.resolved = c.resolved;
    m.context = matcher.context_of(c);
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<Date> to_gregorian(std::string_view calendar, int year, int month, int day) {
  const auto cal = parse_cal(calendar);
  if (!cal || calendar.empty()) return std::nullopt;
  Tables tables;
  if (*cal == Cal::persian) tables.persian = make_calendar("fa@calendar=persian");
  if (*cal == Cal::islamic) tables.islamic = make_calendar("ar@calendar=islamic-umalqura");
  return tables.to_gregorian(*cal, year, month, day);
}

// ---------------------------------------------------------------------------------------------
// Metadata dates.

namespace {

bool read_int(std::string_view s, size_t& pos, size_t min_digits, size_t max_digits, int& out) {
  size_t n = 0;
  int v = 0;
  while (pos + n < s.size() && n < max_digits && s[pos + n] >= '0' && s[pos + n] <= '9') {
    v = v * 10 + (s[pos + n] - '0');
    ++n;
  }
  if (n < min_digits || (pos + n < s.size() && s[pos + n] >= '0' && s[pos + n] <= '9')) return false;
  pos += n;
  out = v;
  return true;
}

// English month abbreviations from CLDR, lowercased, for RFC 822 dates.
const std::array<std::string, 12>& rfc822_months() {
  static const std::array<std::string, 12> months = [] {
    std::array<std::string, 12> m;
    UErrorCode status = U_ZERO_ERROR;
    const icu::DateFormatSymbols symbols(icu::Locale::getEnglish(), status);
    int32_t count = 0;
    const icu::UnicodeString* names = symbols.getShortMonths(count);
    for (int32_t i = 0; U_SUCCESS(status) && i < count && i < 12; ++i) {
      icu::UnicodeString lower(names[i]);
      lower.toLower(icu::Locale::getEnglish());
      lower.toUTF8String(m[static_cast<size_t>(i)]);
    }
    return m;
  }();
  return months;
}

}  // namespace

std::optional<Date> parse_metadata_date(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  size_t pos = 0;
  int y = 0, m = 0, d = 0;
  if (s[0] >= '0' && s[0] <= '9' && s.size() >= 4 && read_int(s, pos, 4, 4, y)) {
    // ISO 8601: the calendar date as written; a time and zone after it do not shift it.
    if (pos == s.size()) return y >= 1 ? std::optional<Date>(Date{y, 0, 0, DatePrecision::year}) : std::nullopt;
    const char sep = s[pos];
    if (sep != '-' && sep != '/') return std::nullopt;
    ++pos;
    if (!read_int(s, pos, 2, 2, m) || m < 1 || m > 12) return std::nullopt;
    if (pos == s.size()) return Date{y, m, 0, DatePrecision::month};
    if (s[pos] != sep) return std::nullopt;
    ++pos;
    if (!read_int(s, pos, 2, 2, d) || !valid_ymd(y, m, d)) return std::nullopt;
    if (pos < s.size()) {
      if (s[pos] != 'T' && s[pos] != ' ' && s[pos] != 't') return std::nullopt;
      ++pos;
      int hh = 0, mm = 0;
      if (!read_int(s, pos, 2, 2, hh) || hh > 24 || pos >= s.size() || s[pos] != ':') return std::nullopt;
      ++pos;
      if (!read_int(s, pos, 2, 2, mm) || mm > 59) return std::nullopt;
    }
    return Date{y, m, d, DatePrecision::day};
  }
  // RFC 822: "[Tue, ]19 Mar 2024[ 10:00:00 GMT]".
  if (const size_t comma = s.find(','); comma != std::string_view::npos && comma <= 10) {
    pos = comma + 1;
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (!read_int(s, pos, 1, 2, d)) return std::nullopt;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  size_t name_end = pos;
  while (name_end < s.size() && ((s[name_end] | 0x20) >= 'a' && (s[name_end] | 0x20) <= 'z')) ++name_end;
  std::string name(s.substr(pos, name_end - pos));
  for (char& c : name) c = static_cast<char>(c | 0x20);
  if (name.size() > 3) name.resize(3);  // "March" as well as "Mar"
  const auto& months = rfc822_months();
  const auto it = std::find(months.begin(), months.end(), name);
  if (name.size() != 3 || it == months.end()) return std::nullopt;
  m = static_cast<int>(it - months.begin()) + 1;
  pos = name_end;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (!read_int(s, pos, 4, 4, y) || !valid_ymd(y, m, d)) return std::nullopt;
  if (pos < s.size() && s[pos] != ' ') return std::nullopt;
  return Date{y, m, d, DatePrecision::day};
}

}  // namespace rasad::text
