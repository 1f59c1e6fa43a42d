#include "code/triggers.h"

#include <algorithm>

namespace rasad::code {

bool governs_complement(std::string_view cameo) {
  const std::string_view root = cameo.substr(0, 2);
  return root == "02" || root == "03" || root == "10" || root == "11" || root == "12" || root == "13" ||
         root == "09" || root == "16";
}

// CAMEO codes future or intended cooperation as expressions of intent (root 03) and announced
// conflict as threats (root 13); disapproval and rejection in the future are not events.
std::string future_code(std::string_view cameo) {
  const std::string_view root = cameo.substr(0, 2);
  if (root == "04") return "036";
  if (root == "05") return "032";
  if (root == "06") return "031";
  if (root == "07") return "033";
  if (root == "08") return "035";
  if (root == "01" || root == "02" || root == "03" || root == "10" || root == "13") return std::string(cameo);
  // An announced conflictual act is a threat of it (CAMEO 13): protest 133, sanctions and reduced
  // relations 131, repression 137, force 138.
  if (root == "14") return "133";
  if (root == "16") return "131";
  if (root == "17") return "137";
  if (root == "18" || root == "19" || root == "20") return "138";
  return "";
}

namespace {

// Persian puts auxiliaries between the noun and the light verb of a trigger ("گفت‌وگو خواهند
// کرد", "حمایت نمی کند"), and a light verb in the subjunctive ("باید ... حمایت کند", kind
// `subjunctive`, not after an `indicative` prefix such as می) is wished or required, not done:
// the content of a demand or a plan, which the annotators do not code as an intent either.
void set_inner_modality(Trigger& t, const Units& u, const Grammar* g) {
  const PatternMatch& m = t.match;
  for (uint32_t k = m.begin + 1; k + 1 < m.end; ++k) {
    t.negated |= word_at(g, "negation", u, k) && !word_at(g, "idiom", u, k);  // "طائرة بدون طيار"
    t.future |= word_at(g, "future", u, k);
  }
  const uint32_t last = m.end - 1;
  t.wished = last > m.begin && word_at(g, "subjunctive", u, last) && !word_at(g, "indicative", u, last - 1);
}

// A consultation whose counterpart is the press (kind `press` in the next two words: "در گفت‌وگو
// با خبرنگار فارس", "با خبرگزاری فرانسه") is an interview: the speaker's statement (rule 9), even
// when the resolver names no media actor there ("گفت‌وگو با قدس").
bool is_interview(const Trigger& t, const Units& u, const Grammar* g) {
  return t.cameo.starts_with("04") && (word_at(g, "press", u, t.match.end) || word_at(g, "press", u, t.match.end + 1));
}

// An event named right after a reference word is a case, a charge, a kind or a memory, not news
// ("قضية اغتيال الحريري", "بتهمة الخطف", "ذكرى المذبحة", "مكافحة الشغب"); a conflict named right
// after an `anterior` word is what came before the news ("منذ اغتيال", "عقب الهجوم"). In a language
// whose grammar lists `occurrence` words (Arabic), a conflict noun with the article ("الهجوم",
// "والتعذيب") names an attack the reader already knows of or the kind ("التعذيب محظور"), unless an
// occurrence word stands right before it ("وقع الهجوم", "نفذوا عملية الخطف") or it is the object of a
// periphrastic "قام ب" ("قاموا ... بالتجمع": they gathered). `lo`: where the clause begins.
bool is_background(const Trigger& t, const Units& u, const text::Sentence& sentence, const Grammar* g, uint32_t lo) {
  const uint32_t at = t.match.begin;
  const bool conflict = std::string_view(t.cameo).substr(0, 2) >= "14";
  if (word_before(g, "background", u, at, lo, 0) || (conflict && word_before(g, "anterior", u, at, lo, 0))) return true;
  if (!conflict || !g || !g->of("occurrence")) return false;
  const auto& pre = u.prefixes(sentence, at);
  const auto has = [&](std::string_view p) { return std::find(pre.begin(), pre.end(), p) != pre.end(); };
  return has("ال") && !word_before(g, "occurrence", u, at, lo, 0) &&
         !(has("ب") && word_before(g, "periphrastic", u, at, lo, 3));
}

// Negation and futurity: up to three words before the trigger, not across a clause break;
// conditionals: "if" anywhere earlier in the same clause.
void set_modality(Trigger& t, const Units& u, const text::Sentence& sentence, const Grammar* g,
                  const std::string& lang) {
  const PatternMatch& m = t.match;
  uint32_t lo = m.begin >= 4 ? m.begin - 4 : 0;
  for (uint32_t k = m.begin; k > lo; --k)
    if (is_clause_punct(u.units[k - 1].forms[0])) {
      lo = k;
      break;
    }
  t.negated = word_before(g, "negation", u, m.begin, lo, 2);
  // A fixed phrase holding a negation word ("طائرة بدون طيار", a drone) negates nothing after it:
  // only a negation between it and the trigger counts.
  for (uint32_t s = 0; t.negated && s <= 2 && m.begin >= lo + s; ++s)
    if (word_before(g, "idiom", u, m.begin - s, lo, 0))
      t.negated = word_before(g, "negation", u, m.begin, m.begin - s, 2);
  t.background = is_background(t, u, sentence, g, lo);
  t.future = word_before(g, "future", u, m.begin, lo, 2) || word_before(g, "irrealis", u, m.begin, lo, 1);
  set_inner_modality(t, u, g);
  if (lang == "ar") {
    const auto& pre = u.prefixes(sentence, m.begin);
    t.future |= std::find(pre.begin(), pre.end(), "س") != pre.end();
  }
  for (uint32_t k = m.begin; k > 0; --k) {
    if (is_clause_punct(u.units[k - 1].forms[0])) break;
    if (word_at(g, "conditional", u, k - 1)) {
      t.conditional = true;
      break;
    }
  }
}

// A trigger at most three words after a governing one, with no clause break between, is its
// complement. A chain of complements belongs to the first governor: "willing to send ... to help
// defend".
void absorb_complements(std::vector<Trigger>& triggers, const Units& u, const Grammar* g) {
  for (size_t i = 1; i < triggers.size(); ++i) {
    const Trigger& prev = triggers[i - 1];
    size_t gi = i - 1;
    while (gi > 0 && triggers[gi].absorbed) --gi;
    if (!governs_complement(triggers[gi].cameo)) continue;
    const uint32_t gap = triggers[i].match.begin - prev.match.end;
    bool clause = false;
    for (uint32_t k = prev.match.end; k < triggers[i].match.begin; ++k)
      clause |= is_clause_punct(u.units[k].forms[0]) || word_at(g, "clause", u, k);
    if (gap <= 3 && !clause) triggers[i].absorbed = true;
  }
}

// What a consultation was about is not an event of its own: in "discussed in a call ... ways to
// support the ceasefire and to speed the delivery of aid", support and aid are its topics. A
// trigger after a topic word ("سبل", "حول", "درباره", "about") that follows a consultation
// trigger is absorbed, up to the next clause break and at most kTopicReach units on; the actors
// there are not the consultation's parties either ("talks about visas for students").
void absorb_topics(std::vector<Trigger>& triggers, const Units& u, const Grammar* g) {
  constexpr uint32_t kTopicReach = 15;
  for (size_t i = 0; i < triggers.size(); ++i) {
    if (triggers[i].absorbed || triggers[i].cameo.substr(0, 2) != "04") continue;
    uint32_t topic = UINT32_MAX;
    size_t j = i + 1;
    // The topic word may be inside the trigger's own pattern: "محادثات حول التعاون بين".
    for (uint32_t k = triggers[i].match.begin + 1; k < u.units.size(); ++k) {
      if (k >= triggers[i].match.end && (is_clause_punct(u.units[k].forms[0]) || word_at(g, "clause", u, k))) break;
      if (topic != UINT32_MAX && (k > topic + kTopicReach || j == triggers.size())) break;
      for (; j < triggers.size() && triggers[j].match.begin <= k; ++j)
        if (topic != UINT32_MAX && triggers[j].match.begin > topic) triggers[j].absorbed = true;
      if (topic == UINT32_MAX && word_at(g, "topic", u, k)) topic = triggers[i].topic_at = k;
    }
  }
}

// In a sentence about sport (a `sport` word anywhere: "فوتبال", "لیگ", "تیم ملی") a meeting is a
// match and a host is the home side: "در دیدار نهایی", "میزبان المپیک مارسی است" are no
// consultations.
void absorb_sport_matches(std::vector<Trigger>& triggers, const Units& u, const Grammar* g) {
  if (!g || !g->of("sport")) return;
  bool sport = false;
  for (uint32_t k = 0; k < u.units.size() && !sport; ++k) sport = word_at(g, "sport", u, k);
  if (!sport) return;
  for (Trigger& t : triggers)
    if (t.cameo.starts_with("04")) t.absorbed = true;
}

}  // namespace

std::vector<Trigger> find_triggers(const PatternSet& patterns, const Units& u, const text::Sentence& sentence,
                                   const Grammar* g, const std::string& lang, const std::vector<bool>& in_actor) {
  return find_triggers(patterns.match(u.units, lang), u, sentence, g, lang, in_actor);
}

std::vector<Trigger> find_triggers(const std::vector<PatternMatch>& matches, const Units& u,
                                   const text::Sentence& sentence, const Grammar* g, const std::string& lang,
                                   const std::vector<bool>& in_actor) {
  std::vector<Trigger> triggers;
  for (const PatternMatch& m : matches) {
    bool inside_actor = true;
    for (uint32_t k = m.begin; k < m.end; ++k) inside_actor &= in_actor[k];
    if (inside_actor) continue;  // "Foreign Ministry", a name that looks like a verb
    Trigger t;
    t.match = m;
    t.cameo = m.pattern->cameo;
    set_modality(t, u, sentence, g, lang);
    t.interview = is_interview(t, u, g);
    triggers.push_back(std::move(t));
  }
  absorb_complements(triggers, u, g);
  absorb_topics(triggers, u, g);
  absorb_sport_matches(triggers, u, g);
  return triggers;
}

bool is_question(const Units& u, const Grammar* g) {
  return is_question_mark(u.units.back().forms[0]) || word_at(g, "question", u, 0) ||
         (u.units.size() > 1 && u.units[0].forms[0] == "و" && word_at(g, "question", u, 1));
}

std::pair<uint32_t, uint32_t> clause_of(const std::vector<Trigger>& triggers, size_t ti, size_t n_units) {
  uint32_t left = 0, right = static_cast<uint32_t>(n_units);
  for (size_t k = ti; k-- > 0;)
    if (!triggers[k].absorbed) {
      left = triggers[k].match.end;
      break;
    }
  for (size_t k = ti + 1; k < triggers.size(); ++k)
    if (!triggers[k].absorbed) {
      right = triggers[k].match.begin;
      break;
    }
  return {left, right};
}

}  // namespace rasad::code
