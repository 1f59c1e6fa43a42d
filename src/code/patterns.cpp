#include "code/patterns.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "core/tsv.h"
#include "text/normalize.h"

namespace rasad::code {

namespace {

constexpr int kMaxGap = 3;  // "_" skips 0..3 tokens

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    const size_t at = s.find(sep, pos);
    out.push_back(s.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos));
    if (at == std::string_view::npos) break;
    pos = at + 1;
  }
  return out;
}

// The first three code points of `s` (all of it when shorter).
std::string_view head_of(std::string_view s) {
  size_t i = 0;
  for (int cp = 0; cp < 3 && i < s.size(); ++cp) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}

// Alternatives that normalization splits into several tokens ("cease-fire|truce") cannot share one
// position: each becomes a variant of the pattern with that alternative written alone, where the
// single-word path splits it like sentence tokens. Returns the variants (the text itself when none).
std::vector<std::string> expand_multiword_alternatives(std::string_view text, WordPieces& pieces_of) {
  std::vector<std::string> out{std::string(text)};
  for (size_t round = 0; round < 4; ++round) {
    std::vector<std::string> next;
    bool changed = false;
    for (const std::string& variant : out) {
      const auto words = split(variant, ' ');
      size_t at = words.size();
      std::vector<std::string_view> single, multi;
      for (size_t i = 0; i < words.size() && at == words.size(); ++i) {
        const auto alts = split(words[i], '|');
        if (alts.size() < 2) continue;
        single.clear();
        multi.clear();
        for (std::string_view a : alts) {
          const std::string_view bare = !a.empty() && a.back() == '*' ? a.substr(0, a.size() - 1) : a;
          (pieces_of(bare).size() > 1 ? multi : single).push_back(a);
        }
        if (!multi.empty()) at = i;
      }
      if (at == words.size()) {
        next.push_back(variant);
        continue;
      }
      changed = true;
      auto rebuild = [&](std::string_view replacement) {
        std::string v;
        for (size_t i = 0; i < words.size(); ++i) {
          if (i) v += ' ';
          v += i == at ? replacement : words[i];
        }
        return v;
      };
      if (!single.empty()) {
        std::string joined;
        for (size_t k = 0; k < single.size(); ++k) joined += (k ? "|" : "") + std::string(single[k]);
        next.push_back(rebuild(joined));
      }
      for (std::string_view m : multi) next.push_back(rebuild(m));
    }
    out = std::move(next);
    if (!changed) break;
  }
  return out;
}

}  // namespace

std::vector<std::string> strip_inflections(std::string_view word, const std::vector<std::vector<std::string>>& suffixes) {
  std::vector<std::string> out;
  for (const auto& sfx : suffixes) {
    if (sfx.size() != 1) continue;
    const std::string& x = sfx[0];
    if (word.size() >= x.size() + 3 && word.substr(word.size() - x.size()) == x) {
      std::string stem(word.substr(0, word.size() - x.size()));
      if (std::find(out.begin(), out.end(), stem) == out.end()) out.push_back(std::move(stem));
    }
  }
  return out;
}

void Grammar::add(const std::string& kind, std::vector<std::string> form) {
  auto [it, added] = kinds_.try_emplace(kind);
  Kind& k = it->second;
  if (added) {
    // More kinds than bits would need wider masks; the grammar files hold under 30.
    if (kinds_.size() > 64) throw std::length_error("more than 64 grammar kinds");
    k.bit = uint64_t{1} << (kinds_.size() - 1);
  }
  firsts_[form.front()].emplace_back(k.bit, std::vector<std::string>(form.begin() + 1, form.end()));
  if (form.size() == 1) k.single.insert(form[0]);
  k.first[form.front()].push_back(static_cast<uint32_t>(k.forms.size()));
  k.last[form.back()].push_back(static_cast<uint32_t>(k.forms.size()));
  k.forms.push_back(std::move(form));
}

bool Grammar::has(std::string_view kind, std::string_view word) const {
  auto it = kinds_.find(kind);
  return it != kinds_.end() && it->second.single.contains(word);
}

bool Grammar::has_any(std::string_view word) const {
  return std::any_of(kinds_.begin(), kinds_.end(), [&](const auto& k) { return k.second.single.contains(word); });
}

uint64_t Grammar::mask(std::string_view kind) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? 0 : it->second.bit;
}

uint64_t Grammar::starts_at(const std::vector<kb::MatchUnit>& units, uint32_t at) const {
  const auto it = at < units.size() ? firsts_.find(units[at].forms[0]) : firsts_.end();
  if (it == firsts_.end()) return 0;
  uint64_t out = 0;
  for (const auto& [bit, rest] : it->second) {
    if ((out & bit) || at + 1 + rest.size() > units.size()) continue;
    bool ok = true;
    for (size_t k = 0; k < rest.size() && ok; ++k) ok = units[at + 1 + k].forms[0] == rest[k];
    if (ok) out |= bit;
  }
  return out;
}

const std::vector<std::vector<std::string>>* Grammar::of(std::string_view kind) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? nullptr : &it->second.forms;
}

namespace {
const std::vector<uint32_t>* indexed(const auto& index, std::string_view word) {
  auto f = index.find(word);
  return f == index.end() ? nullptr : &f->second;
}
}  // namespace

const std::vector<uint32_t>* Grammar::starting_with(std::string_view kind, std::string_view word) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? nullptr : indexed(it->second.first, word);
}

const std::vector<uint32_t>* Grammar::ending_with(std::string_view kind, std::string_view word) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? nullptr : indexed(it->second.last, word);
}

bool alt_matches(const PatternToken::Alt& alt, std::string_view form) {
  if (alt.prefix) return form.size() >= alt.text.size() && form.compare(0, alt.text.size(), alt.text) == 0;
  // Most words of one length differ in their last byte (Arabic letters share their first): that
  // test first spares most calls to memcmp, the matcher's hottest step.
  const size_t n = alt.text.size();
  return form.size() == n && (n == 0 || form[n - 1] == alt.text[n - 1]) && form == alt.text;
}

const std::vector<std::string>& WordPieces::operator()(std::string_view word) {
  const std::string key(word);
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  return memo_.emplace(key, kb::split_match_tokens(normalizer_.normalize_string(word))).first->second;
}

std::string parse_pattern(std::string_view text, const text::Normalizer& normalizer, std::vector<PatternToken>& out) {
  WordPieces pieces_of(normalizer);
  return parse_pattern(text, pieces_of, out);
}

std::string parse_pattern(std::string_view text, WordPieces& pieces_of, std::vector<PatternToken>& out) {
  out.clear();
  if (text.empty()) return "empty pattern";
  for (std::string_view raw : split(text, ' ')) {
    if (raw.empty()) return "two spaces in a row, or a space at an end";
    if (raw == "_") {
      if (out.empty()) return "a pattern cannot start with the gap '_'";
      PatternToken gap;
      gap.gap = true;
      out.push_back(std::move(gap));
      continue;
    }
    const auto alts = split(raw, '|');
    if (alts.size() == 1) {
      // A single word that normalization splits ("cease-fire", "U.S.") becomes several tokens,
      // as sentence tokens are split the same way (kb::split_match_tokens).
      const bool prefix = raw.back() == '*';
      const auto& pieces = pieces_of(prefix ? raw.substr(0, raw.size() - 1) : raw);
      if (pieces.empty()) return "token '" + std::string(raw) + "' has nothing to match";
      for (size_t i = 0; i < pieces.size(); ++i) {
        PatternToken t;
        t.alts.push_back({pieces[i], prefix && i + 1 == pieces.size()});
        out.push_back(std::move(t));
      }
      continue;
    }
    PatternToken t;
    for (std::string_view a : alts) {
      if (a.empty() || a == "*") return "empty alternative in '" + std::string(raw) + "'";
      const bool prefix = a.back() == '*';
      const auto& pieces = pieces_of(prefix ? a.substr(0, a.size() - 1) : a);
      if (pieces.size() != 1) return "alternative '" + std::string(a) + "' must be one word";
      t.alts.push_back({pieces[0], prefix});
    }
    out.push_back(std::move(t));
  }
  if (out.back().gap) return "a pattern cannot end with the gap '_'";
  return "";
}

std::shared_ptr<const PatternSet> PatternSet::load(const std::string& data_dir, const kb::KnowledgeBase& kb,
                                                   std::vector<Diagnostic>& problems) {
  auto set = std::make_shared<PatternSet>();
  namespace fs = std::filesystem;
  auto problem = [&](Diagnostic d) { problems.push_back(std::move(d)); };
  WordPieces pieces_of(kb.normalizer());  // shared by every pattern file

  auto sorted_files = [](const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.is_regular_file() && e.path().extension() == ".tsv") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  };

  // Grammar: kind <TAB> lang-independent form <TAB> origin; one file per language.
  for (const std::string& path : sorted_files(fs::path(data_dir) / "kb" / "grammar")) {
    const std::string lang = fs::path(path).stem().string();
    Grammar& g = set->grammar_[lang];
    read_tsv(path, 2, [&](const TsvRow& r) {
      std::vector<std::string> words = pieces_of(r.col(1));
      if (words.empty()) {
        problem(r.error("grammar form '" + std::string(r.col(1)) + "' has nothing to match"));
        return;
      }
      g.add(std::string(r.col(0)), std::move(words));
    }, problem);
  }

  std::set<std::string> seen;
  for (const std::string& path : sorted_files(fs::path(data_dir) / "kb" / "patterns")) {
    const std::string name = fs::path(path).filename().string();
    const std::string lang = name.substr(0, name.find('.'));
    if (lang != "ar" && lang != "fa" && lang != "en") {
      problems.push_back({path, 0, Severity::warning, "pattern file of unknown language skipped"});
      continue;
    }
    const bool manual = name.find(".manual.") != std::string::npos;
    const uint32_t file = static_cast<uint32_t>(set->files_.size());
    set->files_.push_back(path);
    read_tsv(path, 4, [&](const TsvRow& r) {
     for (const std::string& variant : expand_multiword_alternatives(r.col(1), pieces_of)) {
      Pattern p;
      p.lang = lang;
      p.cameo = std::string(r.col(0));
      p.text = variant;
      p.manual = manual;
      p.src = {file, static_cast<uint32_t>(r.line)};
      if (!kb.ontology().cameo(p.cameo)) {
        problem(r.error("unknown CAMEO code '" + p.cameo + "'"));
        return;
      }
      if (std::string err = parse_pattern(p.text, pieces_of, p.tokens); !err.empty()) {
        problem(r.error("pattern '" + p.text + "': " + err));
        return;
      }
      if (const Grammar* gr = set->grammar(lang); gr && gr->of("inflection")) {
        for (auto& t : p.tokens) {
          const size_t n = t.alts.size();
          for (size_t k = 0; k < n; ++k) {
            if (t.alts[k].prefix) continue;
            // A plural or third person ("talks", "condemns") leaves a word of the same class.
            const bool verbal = !t.alts[k].text.ends_with("s");
            for (auto& stem : strip_inflections(t.alts[k].text, *gr->of("inflection"))) {
              // A closed-class word is no verb's base: "noted" is not "not".
              if (gr->has_any(stem)) continue;
              auto same = std::find_if(t.alts.begin(), t.alts.end(), [&](const auto& a) { return !a.prefix && a.text == stem; });
              if (same == t.alts.end()) t.alts.push_back({std::move(stem), false, verbal});
              else same->base &= verbal;  // "supported|supports": "support" is also a noun here
            }
          }
        }
      }
      const std::string_view target = r.col(2);
      if (target == "-" || target.empty()) {
        p.target = TargetRule::language_default;
      } else if (target == "none") {
        p.target = TargetRule::none;
      } else if (target == "after") {
        p.target = TargetRule::after;
      } else if (target == "before") {
        p.target = TargetRule::before;
      } else if (target.substr(0, 5) == "prep:" && target.size() > 5) {
        p.target = TargetRule::preposition;
        for (std::string_view w : split(target.substr(5), ',')) {
          const auto& pieces = pieces_of(w);
          if (pieces.size() != 1) {
            problem(r.error("preposition '" + std::string(w) + "' must be one word"));
            return;
          }
          p.prepositions.push_back(pieces[0]);
        }
      } else {
        problem(r.error("unknown target rule '" + std::string(target) + "' (-, none, after, before, prep:X,Y)"));
        return;
      }
      const std::string_view flags = r.col(3);
      if (!flags.empty() && flags != "-") {
        for (std::string_view f : split(flags, ',')) {
          if (f == "sym") p.symmetric = true;
          else if (f == "passive") p.passive = true;
          else if (f == "reported") p.reported = true;
          else {
            problem(r.error("unknown flag '" + std::string(f) + "' (sym, passive, reported)"));
            return;
          }
        }
      }
      for (const auto& t : p.tokens)
        if (!t.gap) p.specificity += t.alts.size() == 1 && !t.alts[0].prefix ? 2 : 1;
      std::string key = lang + "\t" + p.cameo + "\t";
      for (const auto& t : p.tokens) {
        if (t.gap) key += "_ ";
        for (const auto& a : t.alts) key += a.text + (a.prefix ? "* " : " ");
        key += "|";
      }
      if (!seen.insert(key).second) {
        problems.push_back({path, r.line, Severity::warning, "duplicate pattern '" + p.text + "' for " + p.cameo});
        continue;
      }
      set->patterns_.push_back(std::move(p));
     }
    }, problem);
  }

  for (Pattern& p : set->patterns_)
    for (PatternToken& t : p.tokens)
      for (PatternToken::Alt& a : t.alts) {
        if (!a.prefix) a.id = set->word_ids_.try_emplace(a.text, static_cast<uint32_t>(set->word_ids_.size() + 1)).first->second;
        t.id_bits |= a.prefix ? 0 : uint64_t{1} << (a.id % 64);
        t.any_prefix |= a.prefix;
      }
  for (uint32_t i = 0; i < set->patterns_.size(); ++i) {
    const Pattern& p = set->patterns_[i];
    Index& idx = set->index_[p.lang];
    for (const auto& a : p.tokens.front().alts) {
      if (a.prefix) {
        // Prefix alternatives are indexed by their first three code points: one lookup per sentence
        // word finds every candidate, matches_at() then checks the whole prefix.
        auto& list = idx.prefix[head_of(a.text)];
        if (list.empty() || list.back() != (i << 1 | 1)) list.push_back(i << 1 | 1);
      } else {
        // Found through a word that is not a base form, the pattern's first token is met already.
        idx.exact[a.id].push_back(i << 1 | (a.base ? 1 : 0));
      }
    }
  }
  return set;
}

const Grammar* PatternSet::grammar(std::string_view lang) const {
  auto it = grammar_.find(lang);
  return it == grammar_.end() ? nullptr : &it->second;
}

std::string PatternSet::where(const kb::Source& s) const {
  return (s.file < files_.size() ? files_[s.file] : std::string("?")) + ":" + std::to_string(s.line);
}

PatternSet::FormIds PatternSet::form_ids(const std::vector<kb::MatchUnit>& units) const {
  FormIds f;
  f.first.reserve(units.size() + 1);
  f.bits.reserve(units.size());
  for (const kb::MatchUnit& u : units) {
    f.first.push_back(static_cast<uint32_t>(f.ids.size()));
    uint64_t bits = 0;
    for (const std::string& form : u.forms) {
      const auto it = word_ids_.find(form);
      f.ids.push_back(it == word_ids_.end() ? 0 : it->second);
      if (it != word_ids_.end()) bits |= uint64_t{1} << (it->second % 64);
    }
    f.bits.push_back(bits);
  }
  f.first.push_back(static_cast<uint32_t>(f.ids.size()));
  return f;
}

bool PatternSet::matches_at(const Pattern& p, const std::vector<kb::MatchUnit>& units, const FormIds& ids, size_t ti,
                            uint32_t u, uint32_t& end, const Grammar* g) const {
  // Depth-first over the tokens; a gap tries 0..kMaxGap skipped units, shortest first.
  for (; ti < p.tokens.size(); ++ti, ++u) {
    const PatternToken& t = p.tokens[ti];
    if (t.gap) {
      for (int skip = 0; skip <= kMaxGap && u + skip <= units.size(); ++skip)
        if (matches_at(p, units, ids, ti + 1, u + skip, end, g)) return true;
      return false;
    }
    if (u >= units.size()) return false;
    if (!t.any_prefix && !(t.id_bits & ids.bits[u])) return false;
    bool ok = false;
    // Inside a pattern its own words are the context: "thousands _ marched" meets "Thousands march".
    // Asked only when a base form matches: the grammar lookup is not free.
    auto base_here = [&] { return ti > 0 || (u > 0 && g && g->has("base_form", units[u - 1].forms[0])); };
    const std::vector<std::string>& forms = units[u].forms;
    for (size_t fi = 0; fi < forms.size() && !ok; ++fi) {
      // An exact alternative equals a form exactly when their ids do (alt_matches, in integers).
      const uint32_t id = ids.ids[ids.first[u] + fi];
      for (const auto& a : t.alts)
        if ((a.prefix ? alt_matches(a, forms[fi]) : a.id == id) && (!a.base || base_here())) {
          ok = true;
          break;
        }
    }
    if (!ok) return false;
  }
  end = u;
  return true;
}

std::vector<PatternMatch> PatternSet::match(const std::vector<kb::MatchUnit>& given, std::string_view lang) const {
  std::vector<PatternMatch> out;
  auto it = index_.find(lang);
  if (it == index_.end()) return out;
  // Inflected pattern words also carry their base forms (added at load), so "will condemn" meets
  // "condemned|condemns"; sentence words are not stripped, so the noun "forces" stays apart from
  // "forced".
  const std::vector<kb::MatchUnit>& units = given;
  const Index& idx = it->second;
  const Grammar* g = grammar(lang);
  const FormIds ids = form_ids(units);
  std::vector<uint32_t> candidates;
  for (uint32_t at = 0; at < units.size();) {
    candidates.clear();
    // A word the patterns list whole is not also read as a preposition and a shorter word:
    // "بحث" (discussed) is not "ب" + "حث" (urged).
    const kb::MatchUnit& unit = units[at];
    const uint32_t* unit_ids = ids.ids.data() + ids.first[at];
    auto exact_of = [&](uint32_t id) { return id == 0 ? idx.exact.end() : idx.exact.find(id); };
    const auto whole = exact_of(unit_ids[0]);  // forms[0] is the word as written
    for (size_t fi = 0; fi < unit.forms.size(); ++fi) {
      if (whole != idx.exact.end() && (unit.flags[fi] & kb::kStrippedPreposition)) continue;
      const std::string& form = unit.forms[fi];
      if (auto e = fi == 0 ? whole : exact_of(unit_ids[fi]); e != idx.exact.end())
        candidates.insert(candidates.end(), e->second.begin(), e->second.end());
      if (auto e = idx.prefix.find(head_of(form)); e != idx.prefix.end())
        candidates.insert(candidates.end(), e->second.begin(), e->second.end());
    }
    // Each pattern once, in id order, found without a check of its first token where it can be.
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end(),
                                 [](uint32_t a, uint32_t b) { return a >> 1 == b >> 1; }),
                     candidates.end());
    PatternMatch best;
    for (uint32_t entry : candidates) {
      const uint32_t id = entry >> 1;
      const Pattern& p = patterns_[id];
      uint32_t end = 0;
      const bool first_met = (entry & 1) == 0;
      if (!(first_met ? matches_at(p, units, ids, 1, at + 1, end, g) : matches_at(p, units, ids, 0, at, end, g))) continue;
      const bool better = !best.pattern || end > best.end ||
                          (end == best.end && (p.specificity > best.pattern->specificity ||
                                               (p.specificity == best.pattern->specificity &&
                                                (p.manual > best.pattern->manual ||
                                                 (p.manual == best.pattern->manual && id < static_cast<uint32_t>(best.pattern - patterns_.data()))))));
      if (better) best = {at, end, &p};
    }
    if (best.pattern) {
      out.push_back(best);
      at = best.end;
    } else {
      ++at;
    }
  }
  return out;
}

}  // namespace rasad::code
