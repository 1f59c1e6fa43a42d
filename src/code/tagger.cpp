#include "code/tagger.h"

#include <algorithm>

#include "core/tsv.h"
#include "core/utf8.h"

namespace rasad::code {

namespace {

// The last two code points of a word of at least four: Arabic and Persian inflection and
// derivation show at the end (ات، ها، ین) where the stemmer left the word whole.
std::string_view ending(std::string_view w) {
  auto starts = [&](size_t i) { return (static_cast<unsigned char>(w[i]) & 0xC0) != 0x80; };
  size_t code_points = 0, from = w.size();
  for (size_t i = w.size(); i-- > 0;)
    if (starts(i) && ++code_points == 2) from = i;
  return code_points >= 4 ? w.substr(from) : std::string_view();
}

bool is_word(const Units& u, const text::Sentence& sentence, uint32_t i) {
  return sentence.tokens[u.token[i]].kind == text::TokenKind::word;
}

}  // namespace

void tagger_features(const Units& u, const text::Sentence& sentence, uint32_t i, const std::vector<bool>& in_actor,
                     FeatureSink& sink) {
  const auto& forms = u.units[i].forms;
  const uint32_t n = static_cast<uint32_t>(u.units.size());
  sink.add({"bias"});
  sink.add({"w=", forms[0]});
  for (size_t k = 1; k < forms.size() && k <= 2; ++k) sink.add({"s=", forms[k]});
  if (const std::string_view end = ending(forms[0]); !end.empty()) sink.add({"end=", end});
  for (const std::string& p : u.prefixes(sentence, i)) sink.add({"clitic=", p});
  // Neighbours: light verbs follow their noun ("حمله کرد"), objects and prepositions the verb.
  sink.add({"w-1=", i > 0 ? std::string_view(u.units[i - 1].forms[0]) : "<s>"});
  sink.add({"w+1=", i + 1 < n ? std::string_view(u.units[i + 1].forms[0]) : "</s>"});
  if (i + 1 < n) sink.add({"w+1=", u.units[i + 1].forms[0], " w=", forms[0]});
  if (i + 2 < n) sink.add({"w+2=", u.units[i + 2].forms[0]});
  if (i > 1) sink.add({"w-2=", u.units[i - 2].forms[0]});
  // Actors around the word: events have parties, most words next to names are not triggers.
  bool before = false, after = false;
  for (uint32_t k = i > 3 ? i - 3 : 0; k < i; ++k) before |= in_actor[k];
  for (uint32_t k = i + 1; k < n && k <= i + 3; ++k) after |= in_actor[k];
  sink.add({before ? "actor-before" : "no-actor-before"});
  sink.add({after ? "actor-after" : "no-actor-after"});
  if (i > 0 && in_actor[i - 1]) sink.add({"actor-1"});
  if (i + 1 < n && in_actor[i + 1]) sink.add({"actor+1"});
  if (i == 0) sink.add({"first"});
}

std::vector<bool> tagger_candidates(const Units& u, const text::Sentence& sentence, const std::vector<bool>& in_actor,
                                    const std::vector<PatternMatch>& matches) {
  std::vector<bool> out(u.units.size());
  for (uint32_t i = 0; i < out.size(); ++i) out[i] = !in_actor[i] && is_word(u, sentence, i);
  for (const PatternMatch& m : matches)
    for (uint32_t k = m.begin; k < m.end; ++k) out[k] = false;
  return out;
}

Result<std::shared_ptr<const TriggerTagger>> TriggerTagger::load(const std::string& path) {
  auto t = std::make_shared<TriggerTagger>();
  auto label = [&](const TsvRow& row) -> std::string {
    if (row.cols.size() != 4 || (row.col(3) != "sym" && row.col(3) != "-")) return "a label line is: @label NAME CAMEO sym|-";
    if (t->patterns_.empty() != (row.col(1) == "O")) return "the first label, and only it, is O";
    Pattern p;
    p.cameo = std::string(row.col(2));
    p.text = "tagger:" + std::string(row.col(1));
    p.symmetric = row.col(3) == "sym";
    t->patterns_.push_back(std::move(p));
    return {};
  };
  const std::string bad = read_linear_model(path, "@margin", t->margin_, label, [&] { return t->patterns_.size(); }, t->weights_);
  if (!bad.empty()) return Error{bad};
  return std::shared_ptr<const TriggerTagger>(std::move(t));
}

bool TriggerTagger::knows(const kb::MatchUnit& unit) const {
  if (weights_.contains(feature_id({"w=", unit.forms[0]}))) return true;
  for (size_t k = 1; k < unit.forms.size() && k <= 2; ++k)
    if (weights_.contains(feature_id({"s=", unit.forms[k]}))) return true;
  return false;
}

std::vector<PatternMatch> TriggerTagger::propose(const Units& u, const text::Sentence& sentence,
                                                 const std::vector<bool>& in_actor,
                                                 const std::vector<bool>& candidates) const {
  std::vector<PatternMatch> out;
  std::vector<float> s(patterns_.size());
  for (uint32_t i = 0; i < u.units.size(); ++i) {
    if (!candidates[i] || !knows(u.units[i])) continue;
    std::fill(s.begin(), s.end(), 0.0f);
    LabelScores sink(weights_, s);
    tagger_features(u, sentence, i, in_actor, sink);
    const size_t best = static_cast<size_t>(std::max_element(s.begin() + 1, s.end()) - s.begin());
    if (s[best] - s[0] >= margin_) out.push_back({i, i + 1, &patterns_[best]});
  }
  return out;
}

}  // namespace rasad::code
