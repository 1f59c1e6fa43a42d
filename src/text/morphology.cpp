#include "text/morphology.h"

#include <algorithm>
#include <array>

#include "core/tsv.h"
#include "text/normalize.h"

namespace rasad::text {

namespace {

constexpr std::string_view kAlef = "\xD8\xA7";                  // ا
constexpr std::string_view kLam = "\xD9\x84";                   // ل
constexpr std::string_view kTeh = "\xD8\xAA";                   // ت
constexpr std::string_view kHeh = "\xD9\x87";                   // ه (also ة after normalization)
constexpr std::string_view kWaw = "\xD9\x88";                   // و
constexpr std::string_view kYeh = "\xD9\x8A";                   // ي (also ی ى ئ after normalization)
constexpr std::string_view kKaf = "\xD9\x83";                   // ك (also ک after normalization)
constexpr std::string_view kAlefTeh = "\xD8\xA7\xD8\xAA";       // ات
constexpr std::string_view kFaPluralForm = "\xD9\x87\xD8\xA7";  // ها
constexpr std::string_view kFaSuperlativeForm = "\xD8\xAA\xD8\xB1\xD9\x8A\xD9\x86";  // ترين
constexpr std::string_view kFaIndefAfterHeh = "\xD8\xA7\xD9\x8A";                    // اي

// Every Arabic-script letter after normalization is a 2-byte sequence led by 0xD8..0xDB.
bool is_arabic_script_word(std::string_view t) {
  if (t.empty() || t.size() % 2 != 0) return false;
  for (size_t i = 0; i < t.size(); i += 2) {
    const auto lead = static_cast<unsigned char>(t[i]);
    if (lead < 0xD8 || lead > 0xDB) return false;
  }
  return true;
}

// Options for one affix slot that match one token: few by construction (a token starts or ends
// with at most a handful of the listed forms), so they live on the stack.
template <class T>
class SlotOptions {
 public:
  explicit SlotOptions(T none) { push_back(none); }
  void push_back(T v) {
    if (n_ < items_.size()) items_[n_++] = v;
  }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + n_; }

 private:
  std::array<T, 8> items_;  // left uninitialized past n_: this runs for every token
  size_t n_ = 0;
};

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Longest forms first so that "هما" is tried before "هم" and "ترین" before "تر".
void sort_longest_first(std::vector<std::string>& v) {
  std::stable_sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

}  // namespace

Result<MorphRules> load_morph_rules(const std::string& path) {
  const Normalizer normalizer;
  MorphRules rules;
  auto loaded = load_tsv_strict(path, 2, [&](const TsvRow& r) -> std::string {
    const std::array<std::string_view, 3> field{trim(r.col(0)), trim(r.col(1)), trim(r.col(2))};
    if (field[1].empty()) return "expected kind<TAB>form[<TAB>note]";
    const std::string_view kind = field[0], note = field[2];
    if (kind == "setting") {
      size_t value = 0;
      for (char c : note) {
        if (c < '0' || c > '9') return "setting value must be a number";
        value = value * 10 + static_cast<size_t>(c - '0');
      }
      if (note.empty()) return "setting needs a value in the third column";
      if (field[1] == "min_stem_bytes") {
        rules.min_stem_bytes = value;
      } else if (field[1] == "min_stem_bytes_multi") {
        rules.min_stem_bytes_multi = value;
      } else {
        return "unknown setting '" + std::string(field[1]) + "'";
      }
      return {};
    }
    std::string form = normalizer.normalize_string(field[1]);
    if (form.empty()) return "form is empty after normalization";
    if (kind == "proclitic") {
      if (note == "conj") {
        rules.conjunctions.push_back(std::move(form));
      } else if (note == "prep") {
        rules.proclitics.push_back(std::move(form));
      } else if (note == "future") {
        rules.future.push_back(std::move(form));
      } else {
        return "proclitic note must be conj, prep or future";
      }
    } else if (kind == "imperfect") {
      rules.imperfect.push_back(std::move(form));
    } else if (kind == "article") {
      rules.articles.push_back(std::move(form));
    } else if (kind == "enclitic") {
      rules.enclitics.push_back(std::move(form));
    } else if (kind == "prefix") {
      if (note == "verb") {
        rules.verb_prefixes.push_back(form);
      } else if (note != "always") {
        return "prefix note must be verb or always";
      }
      rules.prefixes.push_back(std::move(form));
    } else if (kind == "suffix") {
      rules.suffixes.push_back(std::move(form));
    } else if (kind == "verb_ending") {
      rules.verb_endings.push_back(std::move(form));
    } else if (kind == "stem") {
      rules.stems.push_back(std::move(form));
    } else {
      return "unknown kind '" + std::string(kind) + "'";
    }
    return {};
  });
  if (!loaded) return Error{loaded.error()};
  if (rules.min_stem_bytes_multi < rules.min_stem_bytes) rules.min_stem_bytes_multi = rules.min_stem_bytes;
  return rules;
}

// One split of a token; every view points into the token or into the rules.
struct Morphology::Split {
  std::array<std::string_view, 3> prefixes{};
  size_t n_prefixes = 0;
  std::string_view stem;
  std::array<std::string_view, 2> suffixes{};
  size_t n_suffixes = 0;
  double score = 0;

  MorphAnalysis materialize() const {
    MorphAnalysis a;
    for (size_t i = 0; i < n_prefixes; ++i) a.prefixes.emplace_back(prefixes[i]);
    a.stem = std::string(stem);
    for (size_t i = 0; i < n_suffixes; ++i) a.suffixes.emplace_back(suffixes[i]);
    return a;
  }
};

namespace {

constexpr size_t kStemFilterBits = 4096;  // the size of Morphology's filters

// Heuristic weights (see docs/TEXT.md). The unanalyzed token scores 0 and wins ties.
constexpr double kArticle = 4.0;         // ال before a stem of 3+ letters: rarely part of a word
constexpr double kTwoLetterStem = -4.5;  // "الذي", "تنها": a 2-letter stem alone never wins
constexpr double kKnownStem = 3.0;       // the stem is listed as `stem` in the data
constexpr double kConjWaw = 1.0;         // و + 3-letter stem: "وقال", "واكد"
constexpr double kConjOther = -0.5;      // ف alone: "فرنسا", "فريق" start with it
constexpr double kConjWithMore = 1.0;    // و/ف before the article, و before a preposition
constexpr double kPrepNoArticle = 1.0;   // ب/ل/ك + long noun: "بزيارة", "لتعزيز"
constexpr double kPrepNoArticleShort = -1.0;
constexpr double kPrepLoanwordShape = -1.5;  // ب + "وتين": stem opens with a long vowel or ends in ا
constexpr double kPrepWithArticle = 0.5;
constexpr double kFutureVerb = 1.5;        // س + imperfect verb shape: "سيزور"
constexpr double kFutureNoun = -1.5;       // "سياسة", "سنوات", "ساعة"
constexpr double kEncliticAfterTeh = 0.5;  // "زيارته", "حكومتها": ة became ت before the pronoun
constexpr double kEncliticOther = -0.5;
constexpr double kEncliticAmbiguous = -1.0;  // ي and ك end many words ("روسي", "ذلك")
constexpr double kFaPrefixAlways = 2.0;      // نمی
constexpr double kFaPrefixVerb = 2.0;        // می + verb ending
constexpr double kFaPrefixNoVerb = -1.0;
constexpr double kFaPlural = 2.0;
constexpr double kFaSuperlative = 1.5;
constexpr double kFaComparative = 1.0;
constexpr double kFaEncliticAfterSuffix = 0.5;  // "همکاریهای" = ها + ی
constexpr double kFaEzafeAfterHeh = 1.0;        // "منطقه‌ای"
constexpr double kFaEncliticAlone = -1.0;

// A cheap filter in front of the binary search over listed stems: almost every candidate stem
// is not listed, and most are rejected on length and first and last byte.
size_t stem_filter_key(std::string_view s) {
  if (s.empty()) return 0;
  const auto first = static_cast<unsigned char>(s.front()), last = static_cast<unsigned char>(s.back());
  return (s.size() * 131 + first * 31 + last) % kStemFilterBits;
}

bool sorted_contains(const std::vector<std::string>& sorted, std::string_view s) {
  return std::binary_search(sorted.begin(), sorted.end(), s, std::less<>());
}

// Affixes are a few bytes long: a byte loop beats a call to memcmp.
inline bool same_bytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}
inline bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && same_bytes(s.data(), p.data(), p.size());
}
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && same_bytes(s.data() + s.size() - p.size(), p.data(), p.size());
}

}  // namespace

Morphology::Morphology(MorphRules arabic, MorphRules persian) : ar_(std::move(arabic)), fa_(std::move(persian)) {
  for (MorphRules* r : {&ar_, &fa_}) {
    sort_longest_first(r->conjunctions);
    sort_longest_first(r->proclitics);
    sort_longest_first(r->articles);
    sort_longest_first(r->enclitics);
    sort_longest_first(r->prefixes);
    sort_longest_first(r->suffixes);
    std::sort(r->stems.begin(), r->stems.end());
  }
  for (const auto& st : ar_.stems) ar_stem_filter_.set(stem_filter_key(st));
  for (const auto& st : fa_.stems) fa_stem_filter_.set(stem_filter_key(st));
}

bool Morphology::listed_stem(const MorphRules& r, std::string_view stem) const {
  const auto& filter = &r == &ar_ ? ar_stem_filter_ : fa_stem_filter_;
  return filter.test(stem_filter_key(stem)) && sorted_contains(r.stems, stem);
}

// Arabic: [conj] [prep | future] [article] stem [enclitic]; the article and an enclitic exclude
// each other, and the future marker takes no article.
template <class Emit>
void Morphology::enumerate_arabic(std::string_view t, Emit&& emit) const {
  const MorphRules& r = ar_;
  const auto stem_ok = [&](std::string_view stem, size_t n_affixes) {
    return stem.size() >= (n_affixes >= 2 ? r.min_stem_bytes_multi : r.min_stem_bytes);
  };
  // Enclitics that end the token; a split keeps one only when the stem is left long enough.
  SlotOptions<std::string_view> token_enclitics{std::string_view{}};
  for (const auto& e : r.enclitics)
    if (ends_with(t, e)) token_enclitics.push_back(e);
  SlotOptions<std::string_view> conj_opts{std::string_view{}};
  for (const auto& c : r.conjunctions)
    if (starts_with(t, c)) conj_opts.push_back(c);

  for (std::string_view conj : conj_opts) {
    const std::string_view after_conj = t.substr(conj.size());
    // Preposition slot: none, a preposition, or the future marker before an imperfect letter.
    struct Prep {
      std::string_view form;
      bool future;
    };
    SlotOptions<Prep> prep_opts{Prep{{}, false}};
    for (const auto& p : r.proclitics)
      if (starts_with(after_conj, p)) prep_opts.push_back({p, false});
    for (const auto& f : r.future) {
      if (!starts_with(after_conj, f)) continue;
      const std::string_view next = after_conj.substr(f.size());
      if (std::any_of(r.imperfect.begin(), r.imperfect.end(),
                      [&](const std::string& l) { return starts_with(next, l); }))
        prep_opts.push_back({f, true});
    }
    for (const Prep& prep : prep_opts) {
      const std::string_view after_prep = after_conj.substr(prep.form.size());
      // Article slot: none, the article, or after ل the article without its alef (لل = ل + ال).
      struct Art {
        std::string_view form;
        size_t written;  // bytes it takes in the token
      };
      SlotOptions<Art> art_opts{Art{{}, 0}};
      if (!prep.future) {
        for (const auto& a : r.articles) {
          if (starts_with(after_prep, a)) {
            art_opts.push_back({a, a.size()});
          } else if (prep.form == kLam && starts_with(a, kAlef) && starts_with(after_prep, a.substr(kAlef.size()))) {
            art_opts.push_back({a, a.size() - kAlef.size()});
          }
        }
      }
      for (const Art& art : art_opts) {
        const std::string_view rest = after_prep.substr(art.written);
        for (std::string_view enc : token_enclitics) {
          if (!enc.empty() && (!art.form.empty() || enc.size() >= rest.size())) continue;
          const std::string_view stem = rest.substr(0, rest.size() - enc.size());
          const size_t n_affixes = !conj.empty() + !prep.form.empty() + !art.form.empty() + !enc.empty();
          if (n_affixes > 0 && !stem_ok(stem, n_affixes)) continue;
          Split s;
          if (!conj.empty()) s.prefixes[s.n_prefixes++] = conj;
          if (!prep.form.empty()) s.prefixes[s.n_prefixes++] = prep.form;
          if (!art.form.empty()) s.prefixes[s.n_prefixes++] = art.form;
          s.stem = stem;
          if (!enc.empty()) s.suffixes[s.n_suffixes++] = enc;

          const size_t letters = stem.size() / 2;
          double score = 0;
          if (n_affixes > 0 && letters == 2) score += kTwoLetterStem;
          if (listed_stem(r, stem)) score += kKnownStem;
          if (!art.form.empty()) score += kArticle;
          if (!conj.empty()) {
            if (!art.form.empty() || (!prep.form.empty() && conj == kWaw)) {
              score += kConjWithMore;
            } else {
              score += conj == kWaw ? kConjWaw : kConjOther;
            }
          }
          if (prep.future) {
            const bool noun_shape = ends_with(stem, kHeh) || ends_with(stem, kYeh) || ends_with(stem, kAlefTeh) ||
                                    ends_with(stem, kAlef) || letters < 3;
            score += noun_shape ? kFutureNoun : kFutureVerb;
          } else if (!prep.form.empty()) {
            if (!art.form.empty()) {
              score += kPrepWithArticle;
            } else {
              // Loanwords and names keep a long vowel after their first letter (بوتين, بيروت,
              // ليبيا) or end in ا (بريطانيا); Arabic nouns after a preposition are usually long
              // verbal nouns or feminine nouns ending in ة (here ه).
              const bool long_noun = letters >= 5 || (letters >= 4 && ends_with(stem, kHeh));
              score += long_noun ? kPrepNoArticle : kPrepNoArticleShort;
              if (starts_with(stem, kAlef) || starts_with(stem, kWaw) || starts_with(stem, kYeh) ||
                  ends_with(stem, kAlef))
                score += kPrepLoanwordShape;
            }
          }
          if (!enc.empty()) {
            if (enc == kYeh || enc == kKaf) {
              score += kEncliticAmbiguous;
            } else {
              score += ends_with(stem, kTeh) ? kEncliticAfterTeh : kEncliticOther;
            }
          }
          s.score = score;
          emit(s);
        }
      }
    }
  }
}

// Persian: [prefix] stem [suffix] [enclitic].
template <class Emit>
void Morphology::enumerate_persian(std::string_view t, Emit&& emit) const {
  const MorphRules& r = fa_;
  SlotOptions<std::string_view> pre_opts{std::string_view{}};
  for (const auto& p : r.prefixes)
    if (starts_with(t, p)) pre_opts.push_back(p);
  SlotOptions<std::string_view> enc_opts{std::string_view{}};
  for (const auto& e : r.enclitics)
    if (ends_with(t, e)) enc_opts.push_back(e);
  const bool verb_ending =
      std::any_of(r.verb_endings.begin(), r.verb_endings.end(), [&](const std::string& e) { return ends_with(t, e); });

  for (std::string_view pre : pre_opts) {
    for (std::string_view enc : enc_opts) {
      if (pre.size() + enc.size() > t.size()) continue;
      const std::string_view before_enc = t.substr(pre.size(), t.size() - pre.size() - enc.size());
      SlotOptions<std::string_view> suf_opts{std::string_view{}};
      for (const auto& s : r.suffixes)
        if (ends_with(before_enc, s)) suf_opts.push_back(s);
      for (std::string_view suf : suf_opts) {
        const std::string_view stem = before_enc.substr(0, before_enc.size() - suf.size());
        const size_t n_affixes = !pre.empty() + !enc.empty() + !suf.empty();
        if (n_affixes > 0 && stem.size() < (n_affixes >= 2 ? r.min_stem_bytes_multi : r.min_stem_bytes)) continue;
        Split s;
        if (!pre.empty()) s.prefixes[s.n_prefixes++] = pre;
        s.stem = stem;
        if (!suf.empty()) s.suffixes[s.n_suffixes++] = suf;
        if (!enc.empty()) s.suffixes[s.n_suffixes++] = enc;

        double score = 0;
        if (n_affixes > 0 && stem.size() / 2 == 2) score += kTwoLetterStem;
        if (listed_stem(r, stem)) score += kKnownStem;
        if (!pre.empty()) {
          // Verbs take no plural or possessive here, so only an enclitic that is a personal ending
          // (ی, یم, ید) may come with the prefix without weakening it.
          if (!contains(r.verb_prefixes, pre)) {
            score += kFaPrefixAlways;
          } else {
            score += verb_ending ? kFaPrefixVerb : kFaPrefixNoVerb;
          }
        }
        if (!suf.empty()) {
          score += suf == kFaPluralForm ? kFaPlural : suf == kFaSuperlativeForm ? kFaSuperlative : kFaComparative;
        }
        if (!enc.empty()) {
          if (!suf.empty()) {
            score += kFaEncliticAfterSuffix;
          } else if (enc == kFaIndefAfterHeh && ends_with(stem, kHeh)) {  // ای after silent h
            score += kFaEzafeAfterHeh;
          } else {
            score += kFaEncliticAlone;
          }
          if (!pre.empty()) score += kFaEncliticAlone;  // a verb's ending, not a clitic
        }
        s.score = score;
        emit(s);
      }
    }
  }
}

// Emits the unanalyzed token first (so it wins ties), then every split the rules allow.
template <class Emit>
void Morphology::for_each_split(std::string_view t, std::string_view lang, Emit&& emit) const {
  Split whole;
  whole.stem = t;
  const bool arabic = lang == "ar", persian = lang == "fa";
  if (!(arabic || persian) || !is_arabic_script_word(t)) {
    emit(whole);
    return;
  }
  const MorphRules& r = arabic ? ar_ : fa_;
  if (listed_stem(r, t)) whole.score = kKnownStem;
  emit(whole);
  const auto split_only = [&](const Split& s) {
    if (s.n_prefixes + s.n_suffixes > 0) emit(s);
  };
  if (arabic) {
    enumerate_arabic(t, split_only);
  } else {
    enumerate_persian(t, split_only);
  }
}

std::vector<Morphology::Split> Morphology::ranked(std::string_view t, std::string_view lang) const {
  std::vector<Split> out;
  for_each_split(t, lang, [&](const Split& s) { out.push_back(s); });
  std::stable_sort(out.begin(), out.end(), [](const Split& a, const Split& b) { return a.score > b.score; });
  return out;
}

std::vector<MorphAnalysis> Morphology::analyze(std::string_view normalized_token, std::string_view lang) const {
  std::vector<MorphAnalysis> out;
  for (const Split& s : ranked(normalized_token, lang)) out.push_back(s.materialize());
  return out;
}

namespace {
constexpr std::string_view kZwnj = "\xE2\x80\x8C";

size_t code_points(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// True when `rest` is [suffix][enclitic] by the Persian rules, at least one of them.
bool persian_affixes(const MorphRules& r, std::string_view rest) {
  if (rest.empty()) return false;
  if (contains(r.suffixes, rest) || contains(r.enclitics, rest)) return true;
  for (const auto& s : r.suffixes)
    if (starts_with(rest, s) && contains(r.enclitics, rest.substr(s.size()))) return true;
  return false;
}
}  // namespace

std::vector<std::string> Morphology::persian_bases(std::string_view t, std::string_view original) const {
  std::vector<std::string> out;
  if (!is_arabic_script_word(t)) return out;
  std::string_view word = t;
  // Peel ZWNJ-marked affix groups from the end: each group is the original text after a ZWNJ, as
  // many normalized letters (2 bytes each) as it has code points.
  while (true) {
    const size_t z = original.rfind(kZwnj);
    if (z == std::string_view::npos) break;
    const size_t n = 2 * code_points(original.substr(z + kZwnj.size()));
    original = original.substr(0, z);
    if (n == 0 || n + fa_.min_stem_bytes > word.size()) break;
    if (!persian_affixes(fa_, word.substr(word.size() - n))) break;
    word = word.substr(0, word.size() - n);
    out.emplace_back(word);
  }
  if (out.empty() && ends_with(t, kFaIndefAfterHeh)) {
    const std::string_view stem = t.substr(0, t.size() - kFaIndefAfterHeh.size());
    if (ends_with(stem, kHeh) && stem.size() >= fa_.min_stem_bytes_multi) out.emplace_back(stem);
  }
  return out;
}

MorphAnalysis Morphology::best(std::string_view normalized_token, std::string_view lang) const {
  // The first of the highest score, as the stable sort in ranked() would order them.
  Split top;
  bool first = true;
  for_each_split(normalized_token, lang, [&](const Split& s) {
    if (first || s.score > top.score) top = s;
    first = false;
  });
  return top.materialize();
}

}  // namespace rasad::text
