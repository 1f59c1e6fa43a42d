#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>

#include "core/utf8.h"

namespace rasad::text {

const char* to_string(TokenKind k) {
  switch (k) {
    case TokenKind::word:
      return "word";
    case TokenKind::number:
      return "number";
    case TokenKind::punct:
      return "punct";
    case TokenKind::symbol:
      return "symbol";
  }
  return "word";
}

namespace {

// A quotation longer than this is not held together: an unclosed or mismatched quote mark must not
// swallow a whole paragraph into one sentence.
constexpr uint32_t kMaxQuoteBytes = 600;

// White space and invisible format characters (ZWNJ, bidi marks, BOM) are trimmed from sentence
// edges and never become tokens.
bool is_space_or_format(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR ||
         u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR;
}

// Code point ending just before byte `pos` of valid-or-not UTF-8 `s`; `pos` moves to its start.
char32_t prev_cp(std::string_view s, size_t& pos) {
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  size_t p = start;
  const char32_t c = utf8::next(s, p);
  if (p != pos) {  // not a well-formed sequence ending at pos: step one byte
    pos -= 1;
    return 0xFFFD;
  }
  pos = start;
  return c;
}

struct Quote {
  uint32_t open, close_end;  // line-relative: the opening mark's start, the closing mark's end
};

// Pairs of quote marks that close within `line` and within kMaxQuoteBytes. Scans bytes: in UTF-8 a
// quote mark's bytes never occur inside another character.
void find_quotes(std::string_view line, std::vector<Quote>& out) {
  constexpr std::string_view kOpenGuillemet = "\u00AB", kCloseGuillemet = "\u00BB";
  constexpr std::string_view kOpenCurly = "\u201C", kCloseCurly = "\u201D";
  out.clear();
  size_t pos = 0;
  while ((pos = line.find_first_of("\"\xC2\xE2", pos)) != std::string_view::npos) {
    const std::string_view at = line.substr(pos);
    std::string_view closer;
    size_t open_len = 1;
    if (at.front() == '"') {
      closer = "\"";
    } else if (at.starts_with(kOpenGuillemet)) {
      closer = kCloseGuillemet;
      open_len = kOpenGuillemet.size();
    } else if (at.starts_with(kOpenCurly)) {
      closer = kCloseCurly;
      open_len = kOpenCurly.size();
    } else {
      ++pos;
      continue;
    }
    const size_t close = at.substr(0, kMaxQuoteBytes).find(closer, open_len);
    if (close == std::string_view::npos) {
      pos += open_len;
      continue;
    }
    const size_t close_end = pos + close + closer.size();
    out.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(close_end)});
    pos = close_end;
  }
}

// Length of the line break starting at byte `i` (LF, CR, NEL, LS, PS), 0 when there is none.
size_t line_break_at(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == '\n' || c == '\r') return 1;
  if (c == 0xC2 && s.substr(i, 2) == "\u0085") return 2;
  if (c == 0xE2 && (s.substr(i, 3) == "\u2028" || s.substr(i, 3) == "\u2029")) return 3;
  return 0;
}

// Clause punctuation, where an over-long sentence is best cut.
bool is_clause_mark(std::string_view piece) {
  return piece == "," || piece == ";" || piece == ":" || piece == "\u060C" || piece == "\u061B";
}

// Where to end the piece of `tokens` starting at `from`: after the last clause mark of the second
// half of a kMaxSentenceTokens window, else at the window's end. Pieces are never empty.
size_t piece_end(const std::vector<Token>& tokens, size_t from, std::string_view text) {
  const size_t end = from + kMaxSentenceTokens;
  if (end >= tokens.size()) return tokens.size();
  for (size_t i = end; i > from + kMaxSentenceTokens / 2; --i)
    if (tokens[i - 1].kind == TokenKind::punct && is_clause_mark(tokens[i - 1].span.slice(text))) return i;
  return end;
}

}  // namespace

struct Segmenter::Impl {
  const Normalizer& normalizer;
  const Morphology& morphology;
  std::unordered_set<std::string> abbreviations;
  std::unique_ptr<icu::BreakIterator> sentence_root;
  std::unique_ptr<icu::BreakIterator> sentence_en;
  std::unique_ptr<icu::BreakIterator> words;
  // Break iterators run over UTF-16, ICU's own form: through a UTF-8 UText, ICU converts the
  // text chunk by chunk again on every access, which cost more than the break rules. `native[i]`
  // is the byte offset in the UTF-8 of UTF-16 unit i, plus one entry for the end.
  struct Utf16 {
    icu::UnicodeString units;
    std::vector<uint32_t> native;
  };
  Utf16 line_text, sentence_text;
  std::vector<Quote> quotes;
  std::vector<uint32_t> breaks;
  std::vector<Token> pending;  // add_bounded's tokens not yet in a sentence

  // The normalized form and best analysis of recent token texts, per language (ar, fa, other):
  // news repeats its words, so most tokens are looked up instead of normalized and analyzed
  // again. Direct-mapped by hash and small enough to stay in the CPU cache (a hash map of every
  // form seen cost more in cache misses than it saved). Per segmenter, hence per thread.
  struct Form {
    std::string text;  // the token text this slot holds ("" = none: tokens are never empty)
    std::string norm;
    MorphAnalysis word_morph;  // the analysis of a word token, once computed
    bool has_word_morph = false;
  };
  static constexpr size_t kFormSlots = 2048;  // a power of two
  std::array<std::vector<Form>, 3> forms;

  Impl(const SegmentRules& rules, const Normalizer& n, const Morphology& m) : normalizer(n), morphology(m) {
    for (std::string a : rules.abbreviations_en) {
      while (!a.empty() && (a.back() == ' ' || a.back() == '\t' || a.back() == '\r')) a.pop_back();
      if (!a.empty()) abbreviations.insert(std::move(a));
    }
    UErrorCode status = U_ZERO_ERROR;
    sentence_root.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    // "ss=standard" adds CLDR's abbreviation suppressions (Mr., Dr., ...) to the English rules.
    sentence_en.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !sentence_root || !sentence_en || !words)
      throw std::runtime_error(std::string("ICU break iterators unavailable: ") + u_errorName(status));
  }
  ~Impl() = default;

  // Points `bi` at `s` converted into `u`; u.native maps the offsets it reports to bytes of `s`.
  // Ill-formed UTF-8 becomes U+FFFD as ICU's UTF-8 UText reads it (U8_NEXT_OR_FFFD).
  static bool set_text(icu::BreakIterator& bi, std::string_view s, Utf16& u) {
    if (s.size() >= static_cast<size_t>(INT32_MAX)) return false;
    const auto len = static_cast<int32_t>(s.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    UChar* out = u.units.getBuffer(len + 1);  // never more UTF-16 units than UTF-8 bytes
    if (out == nullptr) return false;
    u.native.resize(s.size() + 1);
    int32_t n = 0;
    for (int32_t i = 0; i < len;) {
      const auto start = static_cast<uint32_t>(i);
      UChar32 c;
      U8_NEXT_OR_FFFD(bytes, i, len, c);
      u.native[static_cast<size_t>(n)] = start;
      if (c > 0xFFFF) u.native[static_cast<size_t>(n) + 1] = start;
      U16_APPEND_UNSAFE(out, n, c);
    }
    u.units.releaseBuffer(n);
    u.native[static_cast<size_t>(n)] = static_cast<uint32_t>(len);
    bi.setText(u.units);
    return true;
  }

  // True when the word before `b` (skipping spaces) is a known abbreviation or a chain of
  // single-letter initials ("J.", "J.R.R.", Arabic "د."), so a full stop there ends no sentence.
  bool abbreviation_before(std::string_view line, size_t b) const {
    size_t end = b;
    while (end > 0) {
      size_t p = end;
      const char32_t c = prev_cp(line, p);
      if (!is_space_or_format(c)) break;
      end = p;
    }
    if (end == 0 || line[end - 1] != '.') return false;
    size_t start = end;
    while (start > 0) {
      size_t p = start;
      const char32_t c = prev_cp(line, p);
      if (is_space_or_format(c) || c == '(' || c == '[' || c == '"' || c == '\'' || c == U'\u201C' || c == U'\u00AB' ||
          c == U'\u2018')
        break;
      start = p;
    }
    const std::string_view word = line.substr(start, end - start);
    if (abbreviations.count(std::string(word))) return true;
    // (letter '.')+
    size_t p = 0;
    bool any = false;
    while (p < word.size()) {
      const char32_t c = utf8::next(word, p);
      if (!u_isalpha(static_cast<UChar32>(c)) || p >= word.size() || word[p] != '.') return false;
      ++p;
      any = true;
    }
    return any;
  }

  void split_line(std::string_view text, uint32_t line_start, uint32_t line_end, std::string_view lang,
                  std::vector<Sentence>& out) {
    const std::string_view line = text.substr(line_start, line_end - line_start);
    icu::BreakIterator& bi = lang == "en" ? *sentence_en : *sentence_root;
    breaks.clear();
    if (set_text(bi, line, line_text)) {
      find_quotes(line, quotes);
      for (int32_t b = bi.next(); b != icu::BreakIterator::DONE && line_text.native[static_cast<size_t>(b)] < line.size();
           b = bi.next()) {
        const uint32_t ub = line_text.native[static_cast<size_t>(b)];
        if (std::any_of(quotes.begin(), quotes.end(), [&](const Quote& q) { return q.open < ub && ub < q.close_end; }))
          continue;
        if (abbreviation_before(line, ub)) continue;
        breaks.push_back(ub);
      }
    }
    breaks.push_back(static_cast<uint32_t>(line.size()));
    uint32_t start = 0;
    for (uint32_t end : breaks) {
      Span span = trim({line_start + start, line_start + end}, text);
      start = end;
      if (span.empty()) continue;
      add_bounded(text, span, lang, out);
    }
  }

  // The sentence at `span`, in pieces of at most kMaxSentenceTokens tokens. A piece is cut as soon
  // as more tokens than that are pending, so a run without punctuation never holds all its tokens
  // at once (8 MB of text is 1.4 million tokens).
  void add_bounded(std::string_view text, Span span, std::string_view lang, std::vector<Sentence>& out) {
    pending.clear();
    bool was_cut = false;
    tokenize_into(text, span, lang, [&](Token&& tok) {
      pending.push_back(std::move(tok));
      if (pending.size() <= kMaxSentenceTokens) return;
      emit_piece(piece_end(pending, 0, text), lang, true, out);
      was_cut = true;
    });
    if (!was_cut) {
      out.push_back(Sentence{span, std::string(lang), std::vector<Token>(std::make_move_iterator(pending.begin()),
                                                                         std::make_move_iterator(pending.end()))});
    } else if (!pending.empty()) {
      emit_piece(pending.size(), lang, false, out);
    }
  }

  // The first `n` pending tokens as a sentence of their own; the rest stay pending.
  void emit_piece(size_t n, std::string_view lang, bool cut, std::vector<Sentence>& out) {
    const auto end = pending.begin() + static_cast<ptrdiff_t>(n);
    Sentence s;
    s.span = {pending.front().span.start, pending[n - 1].span.end};
    s.lang = std::string(lang);
    s.tokens.assign(std::make_move_iterator(pending.begin()), std::make_move_iterator(end));
    s.cut = cut;
    out.push_back(std::move(s));
    pending.erase(pending.begin(), end);
  }

  static Span trim(Span span, std::string_view text) {
    size_t a = span.start, b = span.end;
    const std::string_view t = text.substr(0, b);
    while (a < b) {
      size_t p = a;
      if (!is_space_or_format(utf8::next(t, p))) break;
      a = p;
    }
    while (b > a) {
      size_t p = b;
      if (!is_space_or_format(prev_cp(t, p))) break;
      b = p;
    }
    return {static_cast<uint32_t>(a), static_cast<uint32_t>(b)};
  }

  std::vector<Token> tokenize(std::string_view text, Span span, std::string_view lang) {
    std::vector<Token> tokens;
    tokens.reserve(span.slice(text).size() / 6 + 1);  // about one token per 6 bytes in Arabic news
    tokenize_into(text, span, lang, [&](Token&& tok) { tokens.push_back(std::move(tok)); });
    return tokens;
  }

  // Calls sink(Token&&) for each token of `span`, in order.
  template <typename Sink>
  void tokenize_into(std::string_view text, Span span, std::string_view lang, Sink&& sink) {
    const std::string_view s = span.slice(text);
    if (s.empty() || !set_text(*words, s, sentence_text)) return;
    const std::vector<uint32_t>& native = sentence_text.native;
    const bool morph = lang == "ar" || lang == "fa";
    std::vector<Form>& slots = forms[lang == "ar" ? 0 : lang == "fa" ? 1 : 2];
    if (slots.empty()) slots.resize(kFormSlots);
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
      const int32_t status = words->getRuleStatus();
      const uint32_t b = native[static_cast<size_t>(start)], e = native[static_cast<size_t>(end)];
      const std::string_view piece = s.substr(b, e - b);
      Token tok;
      if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
        tok.kind = TokenKind::number;
      } else if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_IDEO_LIMIT) {
        tok.kind = TokenKind::word;
      } else {
        size_t p = 0;
        char32_t first = 0;
        bool visible = false;
        while (p < piece.size()) {
          const char32_t c = utf8::next(piece, p);
          if (!is_space_or_format(c)) {
            first = c;
            visible = true;
            break;
          }
        }
        if (!visible) continue;
        tok.kind = u_ispunct(static_cast<UChar32>(first)) ? TokenKind::punct : TokenKind::symbol;
      }
      tok.span = {span.start + b, span.start + e};
      Form& form = slots[std::hash<std::string_view>{}(piece) & (kFormSlots - 1)];
      if (form.text != piece) {
        form.text.assign(piece);
        form.norm = normalizer.normalize_string(piece);
        form.has_word_morph = false;
      }
      tok.norm = form.norm;
      if (morph && tok.kind == TokenKind::word) {
        if (!form.has_word_morph) {
          form.word_morph = morphology.best(form.norm, lang);
          form.has_word_morph = true;
        }
        tok.morph = form.word_morph;
      } else {
        tok.morph.stem = form.norm;
      }
      sink(std::move(tok));
    }
  }
};

Segmenter::Segmenter(const SegmentRules& rules, const Normalizer& normalizer, const Morphology& morphology)
    : impl_(std::make_unique<Impl>(rules, normalizer, morphology)) {}

Segmenter::~Segmenter() = default;

std::vector<Sentence> Segmenter::split(std::string_view text, Span region, std::string_view lang) {
  std::vector<Sentence> out;
  region.end = std::min<uint32_t>(region.end, static_cast<uint32_t>(text.size()));
  if (region.empty()) return out;
  // Line breaks always end a sentence; each line is segmented on its own.
  size_t line_start = region.start;
  for (size_t i = region.start; i < region.end; ++i) {
    const size_t len = line_break_at(text.substr(0, region.end), i);
    if (len == 0) continue;
    if (i > line_start) impl_->split_line(text, static_cast<uint32_t>(line_start), static_cast<uint32_t>(i), lang, out);
    line_start = i + len;
    i += len - 1;
  }
  if (region.end > line_start) impl_->split_line(text, static_cast<uint32_t>(line_start), region.end, lang, out);
  return out;
}

std::vector<Token> Segmenter::tokenize(std::string_view text, Span span, std::string_view lang) {
  span.end = std::min<uint32_t>(span.end, static_cast<uint32_t>(text.size()));
  if (span.empty()) return {};
  return impl_->tokenize(text, span, lang);
}

}  // namespace rasad::text
