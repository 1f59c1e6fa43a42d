#include "code/units.h"

#include <algorithm>

namespace rasad::code {

Units sentence_units(const kb::ActorResolver& resolver, const text::Sentence& sentence, std::string_view text,
                     const std::string& lang, kb::UnitForms* cache, const Grammar* g) {
  Units u;
  u.units = resolver.units(sentence.tokens, text, lang, &u.spans, &u.token, cache);
  if (g) {
    u.kinds.resize(u.units.size());
    for (uint32_t k = 0; k < u.units.size(); ++k) u.kinds[k] = g->starts_at(u.units, k);
  }
  return u;
}

bool is_clause_punct(std::string_view w) {
  return w == "," || w == "،" || w == ";" || w == "؛" || w == ":" || w == "(" || w == ")" || w == "-" ||
         w == "–" || w == "—";
}

bool is_question_mark(std::string_view w) { return w == "?" || w == "؟"; }

bool word_before(const Grammar* g, std::string_view kind, const Units& u, uint32_t at, uint32_t lo, int slack) {
  if (!g) return false;
  const auto* forms = g->of(kind);
  if (!forms) return false;
  for (int s = 0; s <= slack; ++s) {
    if (at < lo + static_cast<uint32_t>(s)) break;
    const uint32_t end = at - s;
    if (end == lo) continue;
    // Only the forms whose last word is one of the forms of the unit before `end`.
    for (const auto& last : u.units[end - 1].forms) {
      const auto* ending = g->ending_with(kind, last);
      if (!ending) continue;
      for (uint32_t fi : *ending) {
        const auto& f = (*forms)[fi];
        if (f.size() > end - lo) continue;
        bool ok = true;
        for (size_t k = 0; k + 1 < f.size() && ok; ++k) {
          const auto& forms_k = u.units[end - f.size() + k].forms;
          ok = std::find(forms_k.begin(), forms_k.end(), f[k]) != forms_k.end();
        }
        if (ok) return true;
      }
    }
  }
  return false;
}

bool word_at(const Grammar* g, std::string_view kind, const Units& u, uint32_t at) {
  if (!g || at >= u.units.size()) return false;
  if (u.kinds.size() == u.units.size()) return u.kinds[at] & g->mask(kind);
  const auto* starting = g->starting_with(kind, u.units[at].forms[0]);
  if (!starting) return false;
  const auto& forms = *g->of(kind);
  for (uint32_t fi : *starting) {
    const auto& f = forms[fi];
    if (at + f.size() > u.units.size()) continue;
    bool ok = true;
    for (size_t k = 0; k < f.size() && ok; ++k) ok = u.units[at + k].forms[0] == f[k];
    if (ok) return true;
  }
  return false;
}

}  // namespace rasad::code
