#include "text/pipeline.h"

#include <algorithm>
#include <unordered_set>

#include "core/utf8.h"

namespace rasad::text {

namespace {

bool is_supported(std::string_view lang) { return lang == "ar" || lang == "fa" || lang == "en"; }

// "ar-SA", "AR", "arb" -> "ar"; "per"/"fas" -> "fa"; "eng" -> "en".
std::string primary_language(std::string_view tag) {
  std::string s;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (s == "ara" || s == "arb") return "ar";
  if (s == "fas" || s == "per" || s == "pes") return "fa";
  if (s == "eng") return "en";
  return s;
}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Lines of the original text, trimmed of ASCII white space; empty lines left out.
std::vector<Span> split_lines(std::string_view text) {
  std::vector<Span> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    size_t b = pos, e = end;
    while (b < e && is_space_byte(text[b])) ++b;
    while (e > b && is_space_byte(text[e - 1])) --e;
    if (e > b) lines.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    if (end == text.size()) break;
    pos = end + 1;
  }
  return lines;
}

// Normalized byte range that corresponds to original span `s`.
std::pair<uint32_t, uint32_t> to_normalized(const NormalizedText& norm, Span s) {
  const auto& off = norm.offsets;
  const auto b = std::lower_bound(off.begin(), off.end() - 1, s.start) - off.begin();
  const auto e = std::lower_bound(off.begin(), off.end() - 1, s.end) - off.begin();
  return {static_cast<uint32_t>(b), static_cast<uint32_t>(std::max(b, e))};
}

// A dateline is a short line that is a date plus at most a time ("١٩/٠٣/٢٠٢٤، ٢:٣٧ م"): once the
// date is taken out, only digits, punctuation and words of at most two letters are left.
bool is_dateline(std::string_view norm_line, size_t date_start, size_t date_end) {
  if (norm_line.size() > 80) return false;
  std::string rest(norm_line.substr(0, date_start));
  rest += ' ';
  rest += norm_line.substr(date_end);
  size_t pos = 0, letters_in_word = 0;
  while (pos < rest.size()) {
    const char32_t c = utf8::next(rest, pos);
    const bool letter = (c >= U'a' && c <= U'z') || (c >= 0x0600 && c <= 0x06FF && !(c >= 0x0660 && c <= 0x066D) &&
                                                     c != 0x060C && c != 0x061B && c != 0x061F);
    if (letter) {
      if (++letters_in_word > 3) return false;
    } else {
      letters_in_word = 0;
    }
  }
  return true;
}

size_t word_count(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

}  // namespace

TextPipeline::TextPipeline(std::shared_ptr<const TextResources> resources)
    : resources_(std::move(resources)),
      segmenter_(resources_->segment_rules, resources_->normalizer, resources_->morphology) {}

Analysis TextPipeline::analyze(const Document& doc, const AnalyzeOptions& options) {
  Analysis a;
  a.warnings = doc.warnings;
  const std::string_view text = doc.text;
  const NormalizedText norm = resources_->normalizer.normalize(text);

  // Language: forced, else declared by the input, else CLD2 on the normalized text.
  const std::string declared = primary_language(doc.lang);
  a.detected = identify_language(language_sample(norm.text), is_supported(declared) ? declared : std::string());
  const std::string forced = options.lang == "auto" ? std::string() : primary_language(options.lang);
  if (!forced.empty()) {
    a.lang = forced;
    a.lang_origin = "forced";
  } else if (!declared.empty()) {
    a.lang = declared;
    a.lang_origin = "metadata";
    if (a.detected.reliable && a.detected.code != declared && a.detected.percent >= 80)
      a.warnings.push_back("declared language '" + declared + "' but the text reads as '" +
                           a.detected.code + "'");
  } else {
    a.lang = a.detected.code;
    a.lang_origin = "detected";
  }
  if (!is_supported(a.lang))
    a.warnings.push_back("language '" + a.lang + "' is not one rasad codes (ar, fa, en)");

  // Dates, first without an anchor: the dateline and explicit dates decide the document date.
  std::vector<DateMention> found = resources_->dates.find(text, norm, std::nullopt, a.lang);

  // Lines: boilerplate, source attribution, repeated lines, dateline.
  std::vector<Span> kept;
  std::unordered_set<std::string_view> seen_lines;
  const std::vector<Span> lines = split_lines(text);
  for (size_t li = 0; li < lines.size(); ++li) {
    const Span line = lines[li];
    const auto [nb, ne] = to_normalized(norm, line);
    const std::string_view norm_line = std::string_view(norm.text).substr(nb, ne - nb);
    const LineVerdict verdict = resources_->boilerplate.classify(norm_line, a.lang);
    if (verdict.source && doc.source.empty() && a.source.empty()) {
      const Span s = norm.to_original(nb + verdict.source_start, nb + verdict.source_end);
      a.source = std::string(trim_line_for_match(s.slice(text)));
    }
    if (verdict.drop) {
      a.removed.push_back({line, verdict.reason});
      continue;
    }
    if (kept.size() < 3 && a.date.origin == "none") {
      const auto in_line = std::find_if(found.begin(), found.end(), [&](const DateMention& m) {
        return m.resolved && !m.relative && m.span.start >= line.start && m.span.end <= line.end &&
               m.value.precision == DatePrecision::day;
      });
      if (in_line != found.end()) {
        const auto [db, de] = to_normalized(norm, in_line->span);
        if (is_dateline(norm_line, db - nb, de - nb)) {
          a.removed.push_back({line, "dateline"});
          a.date = {in_line->value, "dateline", in_line->span};
          continue;
        }
      }
    }
    if (norm_line.size() >= 16 && !seen_lines.insert(norm_line).second) {
      a.removed.push_back({line, "repeated line"});
      continue;
    }
    kept.push_back(line);
  }

  // Document date: metadata, then dateline, then the URL, then --date, then the first full date in
  // the text that is not a birth date, an anniversary or quoted (DateMention::context).
  if (!doc.date.empty()) {
    if (auto d = parse_metadata_date(doc.date)) {
      if (a.date.origin == "dateline" && !(a.date.value == *d))
        a.warnings.push_back("dateline " + a.date.value.iso() + " differs from metadata date " + d->iso());
      a.date = {*d, "metadata", {}};
    } else {
      a.warnings.push_back("metadata date '" + doc.date + "' not understood");
    }
  }
  if (a.date.origin == "none" && !doc.url.empty()) {
    if (auto u = date_from_url(doc.url, resources_->url_dates, a.lang)) a.date = {u->value, "url", {}};
  }
  if (a.date.origin == "none" && options.date) a.date = {*options.date, "command-line", {}};
  auto in_kept = [&](Span s) {
    const auto it = std::upper_bound(kept.begin(), kept.end(), s.start,
                                     [](uint32_t pos, const Span& l) { return pos < l.start; });
    return it != kept.begin() && s.end <= std::prev(it)->end;
  };
  if (a.date.origin == "none") {
    for (const DateMention& m : found) {
      if (m.resolved && !m.relative && m.value.precision == DatePrecision::day && m.context.empty() &&
          in_kept(m.span)) {
        a.date = {m.value, "text", m.span};
        break;
      }
    }
  }

  // Relative expressions ("اليوم الثلاثاء", "دیروز") resolve against the document date.
  const bool has_relative = std::any_of(found.begin(), found.end(), [](const DateMention& m) { return m.relative; });
  if (has_relative && a.date.value.precision == DatePrecision::day)
    found = resources_->dates.find(text, norm, a.date.value, a.lang);
  size_t unresolved = 0;
  for (DateMention& m : found) {
    if (!in_kept(m.span)) continue;
    unresolved += !m.resolved;
    a.dates.push_back(std::move(m));
  }
  if (unresolved > 0)
    a.warnings.push_back(std::to_string(unresolved) +
                         " relative date expression(s) left unresolved: the document has no date (give --date)");

  // Title: the input's, else a headline-like first line (4-30 words, no closing punctuation).
  a.title = doc.title;
  if (a.title.empty()) {
    for (size_t i = 0; i < kept.size() && i < 3; ++i) {
      const std::string_view line = kept[i].slice(text);
      const std::string_view trimmed = trim_line_for_match(line);
      const size_t words = word_count(line);
      const bool closed = trimmed.size() < line.size() &&
                          (line.ends_with(".") || line.ends_with(":") || line.ends_with("؛") || line.ends_with("،"));
      if (words >= 4 && words <= 30 && !closed) {
        a.title = std::string(line);
        break;
      }
    }
  }
  if (!doc.source.empty()) a.source = doc.source;

  // Sentences and tokens, with a sentence-level language where CLD2 is sure of it. A document CLD2
  // finds almost wholly in one language is not asked again sentence by sentence (it halves the
  // time spent in CLD2 and changes nothing on monolingual news).
  const bool mixed = !(a.detected.reliable && a.detected.percent >= 90 && a.detected.code == a.lang);
  for (const Span& region : kept) {
    for (Sentence& s : segmenter_.split(text, region, a.lang)) {
      s.lang = a.lang;
      if (mixed && s.span.size() >= 60) {
        const auto [sb, se] = to_normalized(norm, s.span);
        const LanguageGuess g = identify_language(std::string_view(norm.text).substr(sb, se - sb), a.lang);
        if (g.reliable && is_supported(g.code) && g.percent >= 70) s.lang = g.code;
      }
      a.sentences.push_back(std::move(s));
    }
  }
  if (a.sentences.empty()) a.warnings.push_back("no sentences left after boilerplate removal");
  if (const auto cut = std::count_if(a.sentences.begin(), a.sentences.end(), [](const Sentence& s) { return s.cut; }))
    a.warnings.push_back(std::to_string(cut) + " over-long sentence(s) cut after " + std::to_string(kMaxSentenceTokens) +
                         " tokens or at clause punctuation");
  return a;
}

std::string kept_text(const Document& d, const Analysis& a) {
  if (a.removed.empty()) return d.text;
  std::vector<Span> cut;
  for (const auto& r : a.removed) cut.push_back(r.span);
  std::sort(cut.begin(), cut.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
  std::string out;
  uint32_t at = 0;
  for (const Span& s : cut) {
    if (s.start > at) out.append(d.text, at, s.start - at);
    out += '\n';
    at = std::max(at, s.end);
  }
  if (at < d.text.size()) out.append(d.text, at);
  return out;
}

}  // namespace rasad::text
