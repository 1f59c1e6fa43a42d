#include "code/attach_rules.h"

#include <algorithm>

namespace rasad::code {

std::vector<Group> group_mentions(const std::vector<Mention>& mentions, const Units& u, const text::Sentence& sentence) {
  std::vector<Group> groups;
  for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
    if (mentions[mi].actor.code.empty()) continue;
    const uint32_t b = mentions[mi].begin, e = mentions[mi].end;
    if (!groups.empty()) {
      Group& last = groups.back();
      // "إيران وروسيا": the "و" is a proclitic of the second; two names merely adjacent
      // ("شكر رئيسي موسكو": subject, object) are not joined.
      const auto& pre = u.prefixes(sentence, b);
      bool joined = b == last.end && !pre.empty() && pre.front() == "و";
      if (!joined && b == last.end + 1) {
        const std::string& w = u.units[last.end].forms[0];
        joined = w == "و" || w == "and" || w == "," || w == "،" || w == "&";
      }
      if (joined) {
        last.members.push_back(mi);
        last.end = e;
        continue;
      }
    }
    groups.push_back({b, e, {mi}, false});
  }
  for (Group& gr : groups) {
    gr.locative = true;
    for (uint32_t mi : gr.members) gr.locative &= mentions[mi].locative;
  }
  return groups;
}

void drop_attributions(std::vector<Group>& groups, const Units& u, const Grammar* g) {
  constexpr uint32_t kLongest = 12;  // units an attribution runs at most without a clause mark
  if (!g || !g->of("attribution") || groups.empty()) return;
  const uint32_t n = static_cast<uint32_t>(u.units.size());
  for (uint32_t k = 0; k < n; ++k) {
    if (!word_at(g, "attribution", u, k)) continue;
    uint32_t end = k + 1;
    while (end < n && end < k + kLongest && !is_clause_punct(u.units[end].forms[0])) ++end;
    std::erase_if(groups, [&](const Group& gr) { return gr.begin > k && gr.end <= end; });
    k = end;
  }
}

bool Clause::preceded_by_preposition(const Group& gr) const {
  // A genitive ("thousands of Iraqi Kurds", "leaders of Iran") does not stop a subject.
  if (gr.begin > 0 && g && g->has("genitive", u.units[gr.begin - 1].forms[0])) return false;
  if (gr.begin > 0 && g && g->has("preposition", u.units[gr.begin - 1].forms[0])) return true;
  // An attached preposition: بروسيا, لإيران.
  for (const auto& p : u.prefixes(sentence, gr.begin))
    if (p != "و" && p != "ف" && p != "ال" && g && g->has("preposition", p)) return true;
  return false;
}

bool Clause::followed_by_object_marker(const Group& gr) const { return word_at(g, "object_marker", u, gr.end); }

namespace {

// The first group starting in [from, to), not `skip`, not a place.
const Group* group_after(const Clause& c, uint32_t from, uint32_t to, const Group* skip, bool allow_prep) {
  for (const Group& gr : c.groups)
    if (gr.begin >= from && gr.begin < to && &gr != skip && !gr.locative &&
        (allow_prep || !c.preceded_by_preposition(gr)))
      return &gr;
  return nullptr;
}

// The nearest (else the first) group inside [from, to) that is not an object.
const Group* group_before(const Clause& c, uint32_t from, uint32_t to, bool nearest, bool allow_prep) {
  const Group* found = nullptr;
  for (const Group& gr : c.groups) {
    if (gr.end > to || gr.begin < from || gr.locative) continue;
    if (!allow_prep && c.preceded_by_preposition(gr)) continue;
    if (c.followed_by_object_marker(gr)) continue;
    if (!nearest) return &gr;
    found = &gr;
  }
  return found;
}

// "أجرى الرئيس الإيراني اتصالا هاتفيا": the subject sits in the pattern's gap.
const Group* subject_in_gap(const Clause& c) {
  for (const Group& gr : c.groups)
    if (gr.begin > c.tb && gr.end < c.te && !gr.locative && !c.preceded_by_preposition(gr)) return &gr;
  return nullptr;
}

// Verb first (VSO): the actor right after the verb is its subject. A genitive ل is its subject too
// ("اتصال هاتفي للرئيس الروسي").
const Group* arabic_subject(const Clause& c) {
  auto genitive = [&](const Group& gr) {
    const auto& pre = c.u.prefixes(c.sentence, gr.begin);
    return (gr.begin == 0 || !c.g || !c.g->has("preposition", c.u.units[gr.begin - 1].forms[0])) &&
           std::find(pre.begin(), pre.end(), "ل") != pre.end();
  };
  for (const Group& gr : c.groups)
    if ((gr.begin == c.te || gr.begin == c.te + 1) && !gr.locative && (!c.preceded_by_preposition(gr) || genitive(gr)))
      return &gr;
  return group_before(c, c.left_limit, c.tb, true, false);
}

// A group after one of the pattern's prepositions (a "counterpart" word may stand between), or
// with one attached.
bool after_preposition(const Clause& c, const Group& gr) {
  const auto& preps = c.pattern.prepositions;
  for (uint32_t k = gr.begin; k + 3 >= gr.begin && k > 0 && k + 3 > gr.begin; --k) {
    const auto& forms = c.u.units[k - 1].forms;
    for (const auto& prep : preps)
      if (std::find(forms.begin(), forms.end(), prep) != forms.end()) return true;
    if (k - 1 < gr.begin - 1 && !word_at(c.g, "counterpart", c.u, k - 1)) break;
  }
  for (const auto& pre : c.u.prefixes(c.sentence, gr.begin))
    for (const auto& prep : preps)
      if (pre == prep) return true;
  return false;
}

const Group* prepositional_target(const Clause& c, const Group* source) {
  for (const Group& gr : c.groups) {
    if (&gr == source) continue;
    const bool right = gr.begin >= c.te && gr.begin < c.right_limit;
    const bool left = c.lang == "fa" && gr.end <= c.tb && gr.begin >= c.left_limit;
    if ((right || left) && after_preposition(c, gr)) return &gr;
  }
  // "هنأ الرئيس الإيراني ... نظيره الروسي": a counterpart needs no preposition.
  for (const Group& gr : c.groups)
    if (&gr != source && gr.begin >= c.te && gr.begin > 0 &&
        (c.mentions[gr.members[0]].actor.role == "counterpart" || word_at(c.g, "counterpart", c.u, gr.begin - 1) ||
         (gr.begin > 1 && word_at(c.g, "counterpart", c.u, gr.begin - 2))))
      return &gr;
  return nullptr;
}

}  // namespace

Arguments RuleAttacher::choose(const Clause& c) const {
  Arguments a;
  a.passive = c.pattern.passive;
  // "is investigating crimes by X" is progressive, not passive: a passive verb is no gerund.
  if (c.lang == "en" && !a.passive && c.tb > 0 && word_before(c.g, "passive", c.u, c.tb, c.left_limit, 1) &&
      word_at(c.g, "agent_by", c.u, c.te) && !c.u.units[c.tb].forms[0].ends_with("ing"))
    a.passive = true;
  if (c.pattern.reported) {  // "X said Y must ...": Y is the target, X the statement's source
    a.target = group_before(c, c.left_limit, c.tb, true, false);
    return a;
  }
  choose_source(c, a);
  if (!a.passive && !c.statement) choose_target(c, a);
  fill_in(c, a);
  return a;
}

void RuleAttacher::choose_source(const Clause& c, Arguments& a) const {
  if (a.passive) {
    for (const Group& gr : c.groups)
      if (gr.begin > c.te && gr.begin <= c.te + 2 && gr.begin < c.right_limit && !gr.locative) {
        a.source = &gr;
        break;
      }
    a.target = group_before(c, c.left_limit, c.tb, true, false);
  } else if (const Group* inside = c.lang != "ar" ? nullptr : subject_in_gap(c)) {
    a.source = inside;
  } else if (c.lang == "ar") {
    a.source = arabic_subject(c);
  } else if (c.lang == "fa") {
    a.source = group_before(c, c.left_limit, c.tb, false, false);  // SOV: the clause opens with its subject
  } else {
    a.source = group_before(c, c.left_limit, c.tb, true, false);
    if (c.statement && !a.source) a.source = group_after(c, c.te, std::min<uint32_t>(c.te + 2, c.right_limit), nullptr, false);
  }
}

void RuleAttacher::choose_target(const Clause& c, Arguments& a) const {
  const Pattern& p = c.pattern;
  switch (p.target) {
    case TargetRule::none:
      break;
    case TargetRule::preposition:
      a.target = prepositional_target(c, a.source);
      break;
    case TargetRule::before:
      for (const Group& gr : c.groups)
        if (gr.end <= c.tb && gr.begin >= c.left_limit && &gr != a.source && !gr.locative) a.target = &gr;
      break;
    case TargetRule::after:
    case TargetRule::language_default:
      if (c.lang == "fa" && p.target == TargetRule::language_default) {
        for (const Group& gr : c.groups)
          if (&gr != a.source && !gr.locative && gr.begin >= c.left_limit && gr.end <= c.tb &&
              (c.followed_by_object_marker(gr) || c.preceded_by_preposition(gr)))
            a.target = &gr;
      }
      if (!a.target) a.target = group_after(c, c.te, c.right_limit, a.source, true);
      break;
  }
}

void RuleAttacher::fill_in(const Clause& c, Arguments& a) const {
  fill_in_source(c, a);
  fill_in_target(c, a);
}

void RuleAttacher::fill_in_source(const Clause& c, Arguments& a) const {
  const Pattern& p = c.pattern;
  const uint32_t tb = c.tb, te = c.te;
  // "في اتصال هاتفي مع بوتين ... شدد رئيسي": a nominal symmetric trigger opening the sentence
  // takes the subject of the main clause.
  if (!a.source && p.symmetric && !c.statement)
    for (const Group& gr : c.groups)
      if (gr.begin >= te && &gr != a.target && !gr.locative && !c.preceded_by_preposition(gr) &&
          !c.followed_by_object_marker(gr)) {
        a.source = &gr;
        break;
      }
  // Actors inside an intransitive pattern are its subjects: "thousands of protesters marched".
  if (!a.source && p.target == TargetRule::none)
    for (const Group& gr : c.groups)
      if (gr.begin >= tb && gr.end <= te && !gr.locative) {
        a.source = &gr;
        break;
      }
}

void RuleAttacher::fill_in_target(const Clause& c, Arguments& a) const {
  const Pattern& p = c.pattern;
  const uint32_t tb = c.tb, te = c.te;
  // English and Persian objects inside the pattern: "rejected an Indian proposal", "summoned
  // Niger's ambassador".
  if (!a.passive && !c.statement && !a.target && c.lang != "ar" && p.target != TargetRule::none)
    for (const Group& gr : c.groups)
      if (gr.begin > tb && gr.end <= te && &gr != a.source && !gr.locative) {
        a.target = &gr;
        break;
      }
  // Intransitive events (protests, strikes) have a target only when an adversative word names
  // it: "in protest against Sweden's decision", "تظاهرة ضد الحكومة".
  if (!a.passive && !a.target && p.target == TargetRule::none)
    for (const Group& gr : c.groups) {
      if (&gr == a.source || gr.begin < te || gr.begin >= c.right_limit) continue;
      bool adversative = false;
      for (uint32_t k = gr.begin; k > te && k + 4 > gr.begin; --k) adversative |= word_at(c.g, "adversative", c.u, k - 1);
      for (const auto& x : c.u.prefixes(c.sentence, gr.begin)) adversative |= c.g && c.g->has("adversative", x);
      if (adversative) {
        a.target = &gr;
        break;
      }
    }
  // A symmetric event whose partner is not marked ("در تماس تلفنی پوتین با وی") is with the
  // nearest other actor of the clause.
  if (!a.passive && !c.statement && !a.target && p.symmetric && p.target != TargetRule::none) {
    for (const Group& gr : c.groups)
      if (&gr != a.source && !gr.locative && gr.begin >= te && gr.begin < c.right_limit) {
        a.target = &gr;
        break;
      }
    if (!a.target)
      for (const Group& gr : c.groups)
        if (&gr != a.source && !gr.locative && gr.end <= tb && gr.begin >= c.left_limit) a.target = &gr;
  }
}

namespace {

std::string_view bucket(uint32_t d) {
  return d == 0 ? "0" : d == 1 ? "1" : d == 2 ? "2" : d <= 5 ? "3-5" : d <= 10 ? "6-10" : "11+";
}

}  // namespace

void attach_features(const Clause& c, bool passive, const Group& gr, size_t index, bool rule_source,
                     bool rule_target, FeatureSink& f) {
  const kb::ActorMention& first = c.mentions[gr.members[0]].actor;
  f.add({"bias"});
  const bool inside = gr.begin >= c.tb && gr.end <= c.te;
  const bool before = gr.end <= c.tb;
  const std::string_view side = inside ? "in" : before ? "before" : "after";
  const uint32_t dist = inside ? 0 : before ? c.tb - gr.end : gr.begin - c.te;
  const bool in_clause = gr.begin >= c.left_limit && gr.end <= c.right_limit;
  constexpr std::string_view target_rule[] = {"default", "none", "after", "before", "prep"};
  const std::string_view trule = target_rule[static_cast<int>(c.pattern.target)];
  const std::string_view root = std::string_view(c.pattern.cameo).substr(0, 2);
  auto yes = [](bool b) { return b ? "1" : "0"; };
  f.add({"side=", side});
  f.add({"dist=", bucket(dist)});
  f.add({"side_dist=", side, bucket(dist)});
  f.add({"in_clause=", yes(in_clause)});
  f.add({"rule_source=", yes(rule_source)});
  f.add({"rule_target=", yes(rule_target)});
  f.add({"trule=", trule});
  f.add({"trule_side=", trule, side});
  f.add({"root=", root});
  f.add({"root_side=", root, side});
  if (c.pattern.symmetric) f.add({"sym_side=", side});
  if (passive) f.add({"passive_side=", side});
  if (gr.locative) f.add({"locative"});
  if (c.preceded_by_preposition(gr)) f.add({"prep_side=", side});
  if (c.followed_by_object_marker(gr)) f.add({"object_marker"});
  if (gr.members.size() > 1) f.add({"coordinated"});
  f.add({"kind=", first.kind});
  if (!first.sector.empty()) f.add({"sector=", first.sector});
  f.add({"first_group=", yes(index == 0)});
  f.add({"only_group=", yes(c.groups.size() == 1)});
  // The word (and the clitics) right before the group: "by", "against", "با", "على", "ل".
  if (gr.begin > 0) {
    const std::string_view prev = c.u.units[gr.begin - 1].forms[0];
    f.add({"prev=", prev});
    f.add({"prev_side=", prev, side});
  } else {
    f.add({"prev=<s>"});
  }
  for (const auto& x : c.u.prefixes(c.sentence, gr.begin)) f.add({"clitic=", x, side});
  if (gr.end < c.u.units.size()) f.add({"next=", c.u.units[gr.end].forms[0]});
  // What stands between the trigger and the group.
  const uint32_t from = before ? gr.end : c.te, to = before ? c.tb : gr.begin;
  bool punct = false;
  for (uint32_t k = from; k < to && !inside; ++k) punct |= is_clause_punct(c.u.units[k].forms[0]);
  if (punct) f.add({"punct_between"});
}

std::vector<std::string> attach_features(const Clause& c, bool passive, const Group& gr, size_t index,
                                         bool rule_source, bool rule_target) {
  FeatureNames names;
  attach_features(c, passive, gr, index, rule_source, rule_target, names);
  return std::move(names.names);
}

}  // namespace rasad::code
