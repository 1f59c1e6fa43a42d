#include "kb/petrarch_import.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

namespace rasad::kb {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "HASSAN_ROUHANI_" -> "Hassan Rouhani": underscores are spaces, the final one marks a whole word.
std::string display_form(std::string_view name) {
  std::string out;
  bool word_start = true;
  for (char c : name) {
    if (c == '_' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      word_start = true;
      continue;
    }
    const unsigned char u = static_cast<unsigned char>(c);
    out += static_cast<char>(word_start ? std::toupper(u) : std::tolower(u));
    word_start = false;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string person_id(std::string_view name) {
  std::string id;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80)
      id += static_cast<char>(std::tolower(u));
    else if (!id.empty() && id.back() != '_')
      id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id;
}

bool valid_code(std::string_view code) {
  return code.size() >= 3 && code.size() <= 15 &&
         std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

bool is_organization_code(std::string_view code) {
  return code.starts_with("IGO") || code.starts_with("NGO") || code.starts_with("IMG") || code.starts_with("MNC");
}

// YYMMDD (00-30 -> 20YY, else 19YY) or YYYYMMDD -> "YYYY-MM-DD"; nullopt when malformed or impossible.
std::optional<std::string> petrarch_date(std::string_view s) {
  if ((s.size() != 6 && s.size() != 8) || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  auto num = [&](size_t at, size_t n) { return std::stoi(std::string(s.substr(at, n))); };
  int y = s.size() == 8 ? num(0, 4) : num(0, 2);
  if (s.size() == 6) y += y <= 30 ? 2000 : 1900;
  const size_t at = s.size() - 4;
  const int m = num(at, 2), d = num(at + 2, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return std::nullopt;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

struct Code {
  std::string code;
  std::string start, end;  // "" = none
  bool dated = false;
  bool before_only = false;  // [CODE <DATE]
};

// The inside of one "[...]": "IRNGOV", "IRNGOV 130803-210803", "AFGGOV >011222", "X <990101".
std::optional<Code> parse_code(std::string_view inside, std::string& why) {
  inside = trim(inside);
  const size_t sp = inside.find_first_of(" \t");
  Code c;
  c.code = std::string(inside.substr(0, sp));
  if (!valid_code(c.code)) {
    why = "bad actor code '" + c.code + "' (3-15 capital letters or digits)";
    return std::nullopt;
  }
  if (sp == std::string_view::npos) return c;
  const std::string_view dates = trim(inside.substr(sp));
  c.dated = true;
  if (dates.starts_with('>') || dates.starts_with('<')) {
    const std::string_view date = trim(dates.substr(1));
    const auto d = petrarch_date(date);
    if (!d) {
      why = "bad date '" + std::string(date) + "' (YYMMDD or YYYYMMDD)";
      return std::nullopt;
    }
    (dates[0] == '>' ? c.start : c.end) = *d;
    c.before_only = dates[0] == '<';
    return c;
  }
  const size_t dash = dates.find('-');
  const auto a = petrarch_date(trim(dates.substr(0, dash)));
  const auto b = dash == std::string_view::npos ? std::nullopt : petrarch_date(trim(dates.substr(dash + 1)));
  if (!a || !b) {
    why = "bad date range '" + std::string(dates) + "' (YYMMDD-YYMMDD, >YYMMDD or <YYMMDD)";
    return std::nullopt;
  }
  if (*b < *a) {
    why = "date range '" + std::string(dates) + "' ends before it starts";
    return std::nullopt;
  }
  c.start = *a;
  c.end = *b;
  return c;
}

struct Entry {
  size_t line = 0;
  std::vector<std::string> names;  // primary first
  std::vector<Code> codes;
};

class Converter {
 public:
  Converter(const std::string& path, std::vector<Diagnostic>& problems, PetrarchImport& out)
      : path_(path), problems_(problems), out_(out) {}

  void line(size_t no, std::string_view raw) {
    std::string_view s = raw;
    if (const size_t hash = s.find('#'); hash != std::string_view::npos) s = s.substr(0, hash);
    if (trim(s).empty() || raw.starts_with('<')) return;
    const bool indented = std::isspace(static_cast<unsigned char>(s.front()));
    s = trim(s);
    if (s.starts_with('+')) {
      if (!entry_) return error(no, "synonym before any entry");
      std::string_view name = trim(s.substr(1));
      if (!codes(no, name)) return;
      if (name.empty()) return error(no, "empty synonym");
      entry_->names.emplace_back(name);
      return;
    }
    if (s.starts_with('[')) {
      if (!entry_) return error(no, "code line before any entry");
      codes(no, s);
      return;
    }
    if (indented) return error(no, "indented line is neither a synonym (+) nor a code ([...])");
    // Names on consecutive lines before any code share the codes that follow (YELTSIN /
    // PRESIDENT_BORIS_YELTSIN / ... / [RUSGOV ...]).
    if (entry_ && entry_->codes.empty() && s.find('[') == std::string_view::npos) {
      entry_->names.emplace_back(s);
      return;
    }
    flush();
    entry_ = Entry{no, {}, {}};
    std::string_view name = s;
    if (!codes(no, name)) {
      entry_.reset();
      return;
    }
    if (name.empty()) {
      entry_.reset();
      return error(no, "entry without a name");
    }
    entry_->names.emplace_back(name);
  }

  void flush() {
    if (!entry_) return;
    Entry e = std::move(*entry_);
    entry_.reset();
    if (e.codes.empty()) return error(e.line, "entry '" + e.names.front() + "' has no code");
    ++out_.entries;
    const bool person = std::any_of(e.codes.begin(), e.codes.end(), [](const Code& c) { return c.dated; });
    if (!person) {
      const Code& c = e.codes.front();
      const bool org = is_organization_code(c.code);
      for (const std::string& n : e.names) {
        const std::string form = display_form(n);
        if (form.empty()) continue;
        out_.rows.push_back((org ? "organization\t" : "country\t") + c.code + "\ten\tname\t" + form + "\tpetrarch");
        ++out_.names;
      }
      if (e.codes.size() > 1)
        warn(e.line, "entry '" + e.names.front() + "' has several undated codes; the first is used");
      return;
    }
    const std::string id = person_id(e.names.front());
    if (id.empty()) return error(e.line, "entry '" + e.names.front() + "' gives no person id");
    ++out_.people;
    for (const std::string& n : e.names) {
      const std::string form = display_form(n);
      if (form.empty()) continue;
      out_.rows.push_back("person\t" + id + "\ten\t" + form + "\tpetrarch");
    }
    for (const Code& c : e.codes) {
      if (!c.dated) {
        warn(e.line,
             "undated code " + c.code + " of the person '" + e.names.front() + "' left out (rasad roles are dated)");
        continue;
      }
      if (c.before_only) {
        warn(e.line, "code " + c.code + " <" + c.end + " of '" + e.names.front() + "' left out: a role needs a start");
        continue;
      }
      const std::string country = is_organization_code(c.code) ? "" : c.code.substr(0, 3);
      out_.rows.push_back("role\t" + id + "\t" + c.code + "\toffice\t" + country + "\t" + c.start + "\t" + c.end +
                          "\tpetrarch");
      ++out_.roles;
    }
  }

 private:
  // Takes every "[...]" out of `s` into the current entry; false (and an error) when one is bad.
  bool codes(size_t no, std::string_view& s) {
    std::string_view rest = s;
    const size_t first = rest.find('[');
    std::string_view name = trim(rest.substr(0, first));
    while (true) {
      const size_t open = rest.find('[');
      if (open == std::string_view::npos) break;
      const size_t close = rest.find(']', open);
      if (close == std::string_view::npos) {
        error(no, "unclosed '['");
        return false;
      }
      std::string why;
      const auto c = parse_code(rest.substr(open + 1, close - open - 1), why);
      if (!c) {
        error(no, why);
        return false;
      }
      entry_->codes.push_back(*c);
      rest = rest.substr(close + 1);
    }
    if (!trim(rest).empty() && first != std::string_view::npos) {
      error(no, "text after the code: '" + std::string(trim(rest)) + "'");
      return false;
    }
    s = name;
    return true;
  }

  void error(size_t no, std::string message) { problems_.push_back({path_, no, Severity::error, std::move(message)}); }
  void warn(size_t no, std::string message) { problems_.push_back({path_, no, Severity::warning, std::move(message)}); }

  const std::string& path_;
  std::vector<Diagnostic>& problems_;
  PetrarchImport& out_;
  std::optional<Entry> entry_;
};

}  // namespace

PetrarchImport import_petrarch_actors(std::string_view content, const std::string& path,
                                      std::vector<Diagnostic>& problems) {
  PetrarchImport out;
  Converter conv(path, problems, out);
  size_t no = 0;
  for (size_t pos = 0; pos <= content.size();) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    conv.line(++no, line);
    if (end == content.size()) break;
    pos = end + 1;
  }
  conv.flush();
  return out;
}

std::string user_dictionary_header(const std::string& source) {
  return "# rasad user dictionary, converted by `rasad dict import` from " + source +
         "\n# Load it with `rasad --dict FILE ...`. Each row: table<TAB>that table's columns (docs/DATA.md):\n"
         "#   country       code lang kind form origin\n"
         "#   organization  code lang kind form origin\n"
         "#   person        person_id lang form origin\n"
         "#   role          person_id actor_code role country start end origin\n";
}

}  // namespace rasad::kb
