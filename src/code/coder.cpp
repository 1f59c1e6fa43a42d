#include "code/coder.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "code/attach.h"
#include "code/classifier.h"
#include "core/tsv.h"


namespace rasad::code {

namespace {

// A sentence as the coder's rules see it: match units (kb::MatchUnit), their byte spans, and the
// token each comes from.
struct Units {
  std::vector<kb::MatchUnit> units;
  std::vector<Span> spans;
  std::vector<uint32_t> token;  // unit -> index into Sentence::tokens
};

// Actors joined by "و", "and" or commas ("إيران وروسيا", "Iran, Russia and Turkey").
struct Group {
  uint32_t begin = 0, end = 0;          // units
  std::vector<uint32_t> members;        // indices into the mention list
  bool locative = false;                // a place after "in"/"في": a target only through a preposition
};

struct Trigger {
  PatternMatch match;
  std::string cameo;
  bool negated = false;
  bool future = false;
  bool conditional = false;
  bool absorbed = false;  // the complement of a governing trigger ("condemned the attack")
};

bool is_clause_punct(std::string_view w) {
  return w == "," || w == "،" || w == ";" || w == "؛" || w == ":" || w == "(" || w == ")" || w == "-" ||
         w == "–" || w == "—";
}

bool is_question_mark(std::string_view w) { return w == "?" || w == "؟"; }

// Roots whose verbs take an event as complement: "called for talks", "condemned the attack",
// "rejected the agreement", "threatened to strike". The complement is not an event of its own.
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

// Does one of `kind`'s forms end right before unit `at` (ignoring up to `slack` units between)?
bool word_before(const Grammar* g, std::string_view kind, const Units& u, uint32_t at, uint32_t lo, int slack) {
  if (!g) return false;
  const auto* forms = g->of(kind);
  if (!forms) return false;
  for (int s = 0; s <= slack; ++s) {
    if (at < lo + static_cast<uint32_t>(s)) break;
    const uint32_t end = at - s;
    for (const auto& f : *forms) {
      if (f.size() > end - lo) continue;
      bool ok = true;
      for (size_t k = 0; k < f.size() && ok; ++k) {
        const auto& forms_k = u.units[end - f.size() + k].forms;
        ok = std::find(forms_k.begin(), forms_k.end(), f[k]) != forms_k.end();
      }
      if (ok) return true;
    }
  }
  return false;
}

bool word_at(const Grammar* g, std::string_view kind, const Units& u, uint32_t at) {
  if (!g || at >= u.units.size()) return false;
  const auto* forms = g->of(kind);
  if (!forms) return false;
  for (const auto& f : *forms) {
    if (at + f.size() > u.units.size()) continue;
    bool ok = true;
    for (size_t k = 0; k < f.size() && ok; ++k) ok = u.units[at + k].forms[0] == f[k];
    if (ok) return true;
  }
  return false;
}

EventActor to_event_actor(const kb::ActorMention& m) {
  EventActor a;
  a.code = m.code;
  a.country = m.country;
  a.sector = m.sector;
  a.person = m.person;
  a.name = m.person_name.empty() ? m.organization : m.person_name;
  a.role = m.role;
  a.text = m.text;
  a.span = m.span;
  return a;
}

// The features of one (trigger, actor group) pair for the learned attacher (code/attach.h). Names
// are stable strings: data/models/attach_<lang>.tsv and the training rows use them as written here.
struct AttachContext {
  const Units& u;
  const text::Sentence& sentence;
  const Grammar* g;
  const Pattern& pattern;
  uint32_t tb, te, left_limit, right_limit;
  bool passive;
  size_t n_groups;
};

std::string bucket(uint32_t d) {
  return d == 0 ? "0" : d == 1 ? "1" : d == 2 ? "2" : d <= 5 ? "3-5" : d <= 10 ? "6-10" : "11+";
}

std::vector<std::string> attach_features(const AttachContext& c, const Group& gr, size_t index, bool rule_source,
                                         bool rule_target, bool before_prep, bool object_marker,
                                         const kb::ActorMention& first) {
  std::vector<std::string> f{"bias"};
  const bool inside = gr.begin >= c.tb && gr.end <= c.te;
  const bool before = gr.end <= c.tb;
  const std::string side = inside ? "in" : before ? "before" : "after";
  const uint32_t dist = inside ? 0 : before ? c.tb - gr.end : gr.begin - c.te;
  const bool in_clause = gr.begin >= c.left_limit && gr.end <= c.right_limit;
  const std::string target_rule[] = {"default", "none", "after", "before", "prep"};
  const std::string trule = target_rule[static_cast<int>(c.pattern.target)];
  f.push_back("side=" + side);
  f.push_back("dist=" + bucket(dist));
  f.push_back("side_dist=" + side + bucket(dist));
  f.push_back(std::string("in_clause=") + (in_clause ? "1" : "0"));
  f.push_back("rule_source=" + std::string(rule_source ? "1" : "0"));
  f.push_back("rule_target=" + std::string(rule_target ? "1" : "0"));
  f.push_back("trule=" + trule);
  f.push_back("trule_side=" + trule + side);
  f.push_back("root=" + c.pattern.cameo.substr(0, 2));
  f.push_back("root_side=" + c.pattern.cameo.substr(0, 2) + side);
  if (c.pattern.symmetric) f.push_back("sym_side=" + side);
  if (c.passive) f.push_back("passive_side=" + side);
  if (gr.locative) f.push_back("locative");
  if (before_prep) f.push_back("prep_side=" + side);
  if (object_marker) f.push_back("object_marker");
  if (gr.members.size() > 1) f.push_back("coordinated");
  f.push_back("kind=" + first.kind);
  if (!first.sector.empty()) f.push_back("sector=" + first.sector);
  f.push_back(std::string("first_group=") + (index == 0 ? "1" : "0"));
  f.push_back(std::string("only_group=") + (c.n_groups == 1 ? "1" : "0"));
  // The word (and the clitics) right before the group: "by", "against", "با", "على", "ل".
  if (gr.begin > 0) {
    f.push_back("prev=" + c.u.units[gr.begin - 1].forms[0]);
    f.push_back("prev_side=" + c.u.units[gr.begin - 1].forms[0] + side);
  } else {
    f.push_back("prev=<s>");
  }
  for (const auto& x : c.sentence.tokens[c.u.token[gr.begin]].morph.prefixes) f.push_back("clitic=" + x + side);
  if (gr.end < c.u.units.size()) f.push_back("next=" + c.u.units[gr.end].forms[0]);
  // What stands between the trigger and the group.
  const uint32_t from = before ? gr.end : c.te, to = before ? c.tb : gr.begin;
  bool punct = false;
  for (uint32_t k = from; k < to && !inside; ++k) punct |= is_clause_punct(c.u.units[k].forms[0]);
  if (punct) f.push_back("punct_between");
  return f;
}

// Most sentences report one event (docs/ANNOTATION.md counts): when the rules and gates leave more
// PLOVER types than `max_types` in out[first..], keep the events of the types `prob` ranks highest.
// Events without a PLOVER type are left alone.
template <typename Prob>
void keep_likeliest_types(std::vector<Event>& out, size_t first, size_t max_types, Prob prob) {
  std::vector<std::pair<float, std::string>> ranked;
  for (size_t k = first; k < out.size(); ++k) {
    const std::string& t = out[k].plover;
    if (t.empty() || std::any_of(ranked.begin(), ranked.end(), [&](const auto& r) { return r.second == t; })) continue;
    ranked.emplace_back(prob(t), t);
  }
  if (ranked.size() <= max_types) return;
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  ranked.resize(max_types);
  auto kept = [&](const Event& e) {
    return e.plover.empty() || std::any_of(ranked.begin(), ranked.end(), [&](const auto& r) { return r.second == e.plover; });
  };
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [&](const Event& e) { return !kept(e); }),
            out.end());
}

// The document's date expressions overlapping a sentence, found by binary search on their starts:
// a loop over every date of the document for each sentence made coding quadratic in the length
// of a long document full of dates. Document order is kept (the first date of a sentence wins).
class DatesBySentence {
 public:
  explicit DatesBySentence(const std::vector<text::DateMention>& dates) : dates_(dates) {
    for (uint32_t i = 0; i < dates.size(); ++i) {
      by_start_.push_back(i);
      longest_ = std::max(longest_, dates[i].span.size());
    }
    std::sort(by_start_.begin(), by_start_.end(),
              [&](uint32_t a, uint32_t b) { return dates[a].span.start < dates[b].span.start; });
  }

  std::vector<text::DateMention> overlapping(Span s) const {
    const uint32_t from = s.start > longest_ ? s.start - longest_ : 0;
    auto it = std::lower_bound(by_start_.begin(), by_start_.end(), from,
                               [&](uint32_t i, uint32_t v) { return dates_[i].span.start < v; });
    std::vector<uint32_t> hits;
    for (; it != by_start_.end() && dates_[*it].span.start < s.end; ++it)
      if (dates_[*it].span.end > s.start) hits.push_back(*it);
    std::sort(hits.begin(), hits.end());
    std::vector<text::DateMention> out;
    for (uint32_t i : hits) out.push_back(dates_[i]);
    return out;
  }

 private:
  const std::vector<text::DateMention>& dates_;
  std::vector<uint32_t> by_start_;  // indices into dates_, by span start
  uint32_t longest_ = 0;
};

}  // namespace

Result<std::shared_ptr<const CodingResources>> CodingResources::load(const std::string& data_dir,
                                                                     std::vector<Diagnostic>& problems) {
  auto r = std::make_shared<CodingResources>();
  auto text = text::TextResources::load(data_dir);
  if (!text) return Error{"cannot load the text resources: " + text.error()};
  r->text = *text;
  auto kb = kb::KnowledgeBase::load(data_dir, problems);
  if (!kb) return Error{"cannot load the knowledge base: " + kb.error()};
  r->kb = *kb;
  r->patterns = PatternSet::load(data_dir, *r->kb, problems);
  if (r->patterns->patterns().empty()) return Error{"no event patterns under " + data_dir + "/kb/patterns"};
  const std::string models = data_dir + "/models/";
  if (std::filesystem::exists(models + "coder.tsv")) {
    std::map<std::string, std::shared_ptr<const EventClassifier>> loaded;
    read_tsv(models + "coder.tsv", 5, [&](const TsvRow& row) {
      ClassifierUse use;
      use.lang = std::string(row.col(0));
      use.label = std::string(row.col(1));
      try {
        use.gate = std::stof(std::string(row.col(3)));
        use.alone = std::stof(std::string(row.col(4)));
      } catch (const std::exception&) {
        problems.push_back(row.error("gate and alone must be numbers"));
        return;
      }
      const std::string file(row.col(2));
      if (!loaded.contains(file)) {  // several rows share one multi-label model
        auto model = EventClassifier::load(models + file);
        if (!model) {
          problems.push_back(row.error("cannot load model: " + model.error()));
          return;
        }
        loaded[file] = *model;
      }
      use.model = loaded[file];
      for (const auto& [code, c] : r->kb->ontology().cameo_codes())
        if (c.plover == use.label && code.size() == 3) {
          use.root_cameo = code;
          break;
        }
      r->classifiers.push_back(std::move(use));
    }, [&](Diagnostic d) { problems.push_back(std::move(d)); });
    for (const char* lang : {"ar", "fa", "en"}) {
      const std::string path = models + "attach_" + lang + ".tsv";
      if (!std::filesystem::exists(path)) continue;
      auto a = Attacher::load(path);
      if (!a) problems.push_back({path, 0, Severity::error, "cannot load the attacher: " + a.error()});
      else r->attachers.emplace_back(lang, *a);
    }
    if (std::filesystem::exists(models + "sentence_types.tsv"))
      read_tsv(models + "sentence_types.tsv", 3, [&](const TsvRow& row) {
        CodingResources::TypeLimit limit;
        limit.lang = std::string(row.col(0));
        const std::string file(row.col(1));
        if (!loaded.contains(file)) {
          auto model = EventClassifier::load(models + file);
          if (!model) return problems.push_back(row.error("cannot load model: " + model.error()));
          loaded[file] = *model;
        }
        limit.model = loaded[file];
        try {
          limit.max_types = std::stoul(std::string(row.col(2)));
        } catch (const std::exception&) {
          return problems.push_back(row.error("max_types must be a whole number"));
        }
        r->type_limits.push_back(std::move(limit));
      }, [&](Diagnostic d) { problems.push_back(std::move(d)); });
  }
  return std::shared_ptr<const CodingResources>(r);
}

EventCoder::EventCoder(std::shared_ptr<const CodingResources> resources, CodeOptions options)
    : resources_(std::move(resources)),
      options_(options),
      resolver_(*resources_->kb, &resources_->text->morphology) {}

std::vector<Event> EventCoder::code(const Document& doc, const text::Analysis& analysis) const {
  return code(doc, analysis, nullptr);
}

std::vector<Event> EventCoder::code(const Document& doc, const text::Analysis& analysis,
                                    std::vector<AttachRow>* rows) const {
  std::vector<Event> out;
  const kb::KnowledgeBase& kb = *resources_->kb;
  const PatternSet& patterns = *resources_->patterns;
  const std::string_view text = doc.text;
  const kb::Day doc_day = kb::to_day(analysis.date.value);

  // The dateline place: a place named among the first words of the document.
  std::optional<EventLocation> dateline;
  // The last actor seen in each role with its country ("وزير الخارجية الإيراني"), so that the role
  // named alone later ("وقال وزير الخارجية") is the same actor.
  std::map<std::string, kb::ActorMention> last_in_role;
  // People the document names, by "country|role": "الرئيس الإيراني" in an undated article that
  // names Rouhani as president is Rouhani.
  std::map<std::string, kb::ActorMention> named_holder;
  // The last source of the previous sentence: the subject of a verb whose subject is a pronoun or
  // dropped ("وأوضح أن ...").
  std::optional<EventActor> last_subject, subject_before;

  // Issues of each sentence, attached to its events and to those of the sentence before it when
  // it follows up ("the two sides discussed ...").
  std::vector<std::vector<std::string>> sentence_issues(analysis.sentences.size());
  std::vector<size_t> event_sentence_first(analysis.sentences.size(), SIZE_MAX);

  const DatesBySentence dates_by_sentence(analysis.dates);

  for (uint32_t si = 0; si < analysis.sentences.size(); ++si) {
    const text::Sentence& sentence = analysis.sentences[si];
    const std::vector<text::DateMention> dates = dates_by_sentence.overlapping(sentence.span);
    const std::string lang = sentence.lang == "ar" || sentence.lang == "fa" || sentence.lang == "en"
                                 ? sentence.lang
                                 : analysis.lang;
    const Grammar* g = patterns.grammar(lang);

    Units u;
    u.units = resolver_.units(sentence.tokens, text, lang, &u.spans);
    for (uint32_t t = 0; t < sentence.tokens.size(); ++t) {
      const size_t pieces = std::max<size_t>(1, kb::split_match_tokens(sentence.tokens[t].norm).size());
      for (size_t k = 0; k < pieces; ++k) u.token.push_back(t);
    }
    if (u.token.size() != u.units.size()) u.token.assign(u.units.size(), 0);  // never: same splitter
    if (u.units.empty()) continue;
    auto span_of = [&](uint32_t b, uint32_t e) { return Span{u.spans[b].start, u.spans[e - 1].end}; };

    // Issues.
    std::vector<Span> issue_spans;
    if (const kb::PhraseMatcher* im = kb.issue_matcher(lang)) {
      for (const auto& m : im->match(u.units)) {
        issue_spans.push_back(span_of(m.begin, m.end));
        for (uint32_t id : *m.payloads) {
          const std::string& issue = kb.forms()[id].code;
          auto& list = sentence_issues[si];
          if (std::find(list.begin(), list.end(), issue) == list.end()) list.push_back(issue);
        }
      }
    }

    // Actors, as unit ranges.
    std::vector<kb::ActorMention> mentions = resolver_.resolve_units(u.units, u.spans, text, lang, doc_day);
    // A name inside a date expression is the date: "دوشنبه" is Monday before it is Dushanbe; one
    // inside an issue's name is the issue: "عملية آستانا" is the Astana process, not Kazakhstan.
    mentions.erase(std::remove_if(mentions.begin(), mentions.end(),
                                  [&](const kb::ActorMention& m) {
                                    for (const auto& dm : dates)
                                      if (dm.span.start <= m.span.start && m.span.end <= dm.span.end) return true;
                                    for (const auto& is : issue_spans)
                                      if (is.start <= m.span.start && m.span.end <= is.end && m.person.empty()) return true;
                                    return false;
                                  }),
                   mentions.end());
    std::vector<std::pair<uint32_t, uint32_t>> mrange;
    for (const auto& m : mentions) {
      uint32_t b = 0;
      while (b < u.units.size() && u.spans[b].end <= m.span.start) ++b;
      uint32_t e = b;
      while (e < u.units.size() && u.spans[e].start < m.span.end) ++e;
      mrange.emplace_back(b, std::max(e, b + 1));
    }
    // A capital after a locative preposition is where, not who: "in Tokyo", "في موسكو", "در تهران".
    if (const kb::PhraseMatcher* pm = kb.place_matcher(lang)) {
      std::vector<std::pair<uint32_t, uint32_t>> places;
      for (const auto& m : pm->match(u.units)) places.emplace_back(m.begin, m.end);
      std::vector<kb::ActorMention> kept;
      std::vector<std::pair<uint32_t, uint32_t>> kept_range;
      for (size_t i = 0; i < mentions.size(); ++i) {
        const auto [b, e] = mrange[i];
        bool locative = false;
        if (mentions[i].kind == "country" && mentions[i].person.empty())
          for (const auto& [pb, pe] : places)
            if (pb == b && pe == e) {
              const auto& pre = sentence.tokens[u.token[b]].morph.prefixes;
              // A dateline ("BAGHDAD —", "طهران -") names where the story was filed.
              const bool dateline_place = b == 0 && e < u.units.size() && is_clause_punct(u.units[e].forms[0]);
              locative = dateline_place || (b > 0 && word_at(g, "locative", u, b - 1)) ||
                         std::any_of(pre.begin(), pre.end(), [&](const std::string& x) { return g && g->has("locative", x); });
            }
        if (locative) mentions[i].role = "@locative";  // a place: only a prepositional target
        kept.push_back(std::move(mentions[i]));
        kept_range.push_back(mrange[i]);
      }
      mentions = std::move(kept);
      mrange = std::move(kept_range);
    }
    // An agent without a country takes the country named right after it: "opposition groups in
    // Zimbabwe", "المعارضة في سوريا".
    for (size_t i = 0; i + 1 < mentions.size(); ++i) {
      kb::ActorMention& m = mentions[i];
      if (!m.country.empty() || m.kind != "agent") continue;
      const kb::ActorMention& next = mentions[i + 1];
      if (next.kind != "country" || next.country.empty()) continue;
      const uint32_t gap = mrange[i + 1].first - mrange[i].second;
      if (gap > 2) continue;
      bool via_prep = gap == 0;
      for (uint32_t k = mrange[i].second; k < mrange[i + 1].first; ++k)
        via_prep |= word_at(g, "locative", u, k) || word_at(g, "preposition", u, k);
      if (!via_prep) continue;
      m.country = next.country;
      m.code = m.country + m.sector;
      m.span.end = next.span.end;
      m.text = std::string(m.span.slice(text));
      mrange[i].second = mrange[i + 1].second;
      mentions.erase(mentions.begin() + i + 1);
      mrange.erase(mrange.begin() + i + 1);
    }
    for (const auto& m : mentions)
      if (m.kind == "person" && !m.person.empty() && !m.country.empty() && !m.role.empty())
        named_holder[m.country + "|" + m.role] = m;
    for (auto& m : mentions) {
      if (m.kind == "agent" && m.person.empty() && !m.country.empty() && !m.role.empty()) {
        if (auto it = named_holder.find(m.country + "|" + m.role); it != named_holder.end()) {
          m.person = it->second.person;
          m.person_name = it->second.person_name;
        }
      }
      if (m.role.empty()) continue;
      if (!m.country.empty()) {
        last_in_role[m.role] = m;
      } else if (m.kind == "agent") {
        auto it = last_in_role.find(m.role);
        if (it == last_in_role.end()) continue;
        const kb::ActorMention& known = it->second;
        m.country = known.country;
        m.code = known.code;
        m.sector = known.sector;
        if (m.person.empty()) {
          m.person = known.person;
          m.person_name = known.person_name;
        }
      }
    }
    subject_before = last_subject;
    // An agent still without a country, in a sentence that names exactly one country, is of it.
    {
      std::string only;
      bool unique = true;
      for (const auto& m : mentions)
        if (!m.country.empty() && m.role != "@locative") {
          if (only.empty()) only = m.country;
          else if (only != m.country) unique = false;
        }
      // Else the country of the dateline: "Police fired tear gas" in a story filed from Baghdad.
      if (only.empty() || !unique) only = unique && !only.empty() ? only : (dateline ? dateline->country : "");
      if (!only.empty())
        for (auto& m : mentions)
          if (m.kind == "agent" && m.country.empty() && !m.sector.empty()) {
            m.country = only;
            m.code = only + m.sector;
          }
    }
    std::vector<bool> in_actor(u.units.size(), false);
    for (const auto& [b, e] : mrange)
      for (uint32_t k = b; k < e && k < u.units.size(); ++k) in_actor[k] = true;

    // Places: the first place named outside actor mentions; the dateline from the first sentence.
    std::optional<EventLocation> place;
    if (const kb::PhraseMatcher* pm = kb.place_matcher(lang)) {
      for (const auto& m : pm->match(u.units)) {
        bool overlaps = false;
        for (uint32_t k = m.begin; k < m.end; ++k) overlaps |= in_actor[k];
        const Span where = span_of(m.begin, m.end);
        bool in_date = false;
        for (const auto& dm : dates) in_date |= dm.span.start <= where.start && where.end <= dm.span.end;
        if (in_date) continue;
        const kb::NameForm& f = kb.forms()[m.payloads->front()];
        EventLocation loc;
        loc.span = span_of(m.begin, m.end);
        loc.name = std::string(loc.span.slice(text));
        loc.country = f.code;
        for (const kb::Place& p : kb.places()) {
          if (p.lang == f.lang && p.name == f.form) {
            loc.lat = p.lat;
            loc.lon = p.lon;
            loc.has_coordinates = p.has_coordinates;
            break;
          }
        }
        if (si == 0 && m.begin < 4 && !dateline) {
          dateline = loc;
          dateline->span = {};
        }
        if (!overlaps && !place) place = loc;
      }
    }

    // Groups of actors joined by conjunctions or commas.
    std::vector<Group> groups;
    for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
      if (mentions[mi].code.empty()) continue;
      const auto [b, e] = mrange[mi];
      if (!groups.empty()) {
        Group& last = groups.back();
        // "إيران وروسيا": the "و" is a proclitic of the second; two names merely adjacent
        // ("شكر رئيسي موسكو": subject, object) are not joined.
        const auto& pre = sentence.tokens[u.token[b]].morph.prefixes;
        bool joined = b == last.end && !pre.empty() && pre.front() == "و";
        if (!joined && b >= last.end && b - last.end <= 1) {
          if (b == last.end + 1) {
            const std::string& w = u.units[last.end].forms[0];
            joined = w == "و" || w == "and" || w == "," || w == "،" || w == "&";
          }
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
      for (uint32_t mi : gr.members) gr.locative &= mentions[mi].role == "@locative";
    }
    for (auto& m : mentions)
      if (m.role == "@locative") m.role.clear();
    auto preceded_by_preposition = [&](const Group& gr) {
      // A genitive ("thousands of Iraqi Kurds", "leaders of Iran") does not stop a subject.
      if (gr.begin > 0 && g && g->has("genitive", u.units[gr.begin - 1].forms[0])) return false;
      if (gr.begin > 0 && g && g->has("preposition", u.units[gr.begin - 1].forms[0])) return true;
      // An attached preposition: بروسيا, لإيران.
      const text::Token& tok = sentence.tokens[u.token[gr.begin]];
      for (const auto& p : tok.morph.prefixes)
        if (p != "و" && p != "ف" && p != "ال" && g && g->has("preposition", p)) return true;
      return false;
    };
    auto followed_by_object_marker = [&](const Group& gr) { return word_at(g, "object_marker", u, gr.end); };

    // Triggers.
    std::vector<Trigger> triggers;
    for (const PatternMatch& m : patterns.match(u.units, lang)) {
      bool inside_actor = true;
      for (uint32_t k = m.begin; k < m.end; ++k) inside_actor &= in_actor[k];
      if (inside_actor) continue;  // "Foreign Ministry", a name that looks like a verb
      Trigger t;
      t.match = m;
      t.cameo = m.pattern->cameo;
      // Negation and futurity: up to three words before the trigger, not across a clause break.
      uint32_t lo = m.begin >= 4 ? m.begin - 4 : 0;
      for (uint32_t k = m.begin; k > lo; --k)
        if (is_clause_punct(u.units[k - 1].forms[0])) {
          lo = k;
          break;
        }
      t.negated = word_before(g, "negation", u, m.begin, lo, 2);
      t.future = word_before(g, "future", u, m.begin, lo, 2) || word_before(g, "irrealis", u, m.begin, lo, 1);
      const text::Token& tok = sentence.tokens[u.token[m.begin]];
      if (lang == "ar") {
        const auto& pre = tok.morph.prefixes;
        t.future |= std::find(pre.begin(), pre.end(), "س") != pre.end();
      }
      // Conditionals: "if" anywhere earlier in the same clause.
      for (uint32_t k = m.begin; k > 0; --k) {
        if (is_clause_punct(u.units[k - 1].forms[0])) break;
        if (word_at(g, "conditional", u, k - 1)) {
          t.conditional = true;
          break;
        }
      }
      triggers.push_back(std::move(t));
    }
    // Complements of governing verbs.
    // A chain of complements belongs to the first governor: "willing to send ... to help defend".
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

    // A question does not report an event.
    bool question = is_question_mark(u.units.back().forms[0]) || word_at(g, "question", u, 0) ||
                    (u.units.size() > 1 && u.units[0].forms[0] == "و" && word_at(g, "question", u, 1));
    if (question) continue;

    const size_t first_event = out.size();
    size_t previous = SIZE_MAX;  // the first event of the previous trigger in this sentence
    for (size_t ti = 0; ti < triggers.size(); ++ti) {
      Trigger& t = triggers[ti];
      if (t.absorbed || t.conditional) continue;
      if (t.negated && !options_.keep_negated) continue;
      std::string cameo = t.cameo;
      if (t.future) {
        cameo = future_code(cameo);
        if (cameo.empty()) continue;
      }
      const kb::CameoCode* cc = kb.ontology().cameo(cameo);
      if (!cc) continue;
      const Pattern& p = *t.match.pattern;
      const bool statement = cameo.substr(0, 2) == "01";
      const uint32_t tb = t.match.begin, te = t.match.end;
      // The clause of a trigger runs from the previous event trigger to the next; complements
      // ("willing to send", "condemned the attack") belong to their governor's clause.
      uint32_t left_limit = 0, right_limit = static_cast<uint32_t>(u.units.size());
      for (size_t k = ti; k-- > 0;)
        if (!triggers[k].absorbed) {
          left_limit = triggers[k].match.end;
          break;
        }
      for (size_t k = ti + 1; k < triggers.size(); ++k)
        if (!triggers[k].absorbed) {
          right_limit = triggers[k].match.begin;
          break;
        }

      // Source.
      const Group* source = nullptr;
      const Group* target = nullptr;
      bool passive = p.passive;
      if (lang == "en" && !passive && tb > 0 && word_before(g, "passive", u, tb, left_limit, 1) &&
          word_at(g, "agent_by", u, te))
        passive = true;
      auto group_after = [&](uint32_t from, uint32_t to, const Group* skip, bool allow_prep) -> const Group* {
        for (const Group& gr : groups)
          if (gr.begin >= from && gr.begin < to && &gr != skip && !gr.locative &&
              (allow_prep || !preceded_by_preposition(gr)))
            return &gr;
        return nullptr;
      };
      auto group_before = [&](uint32_t from, uint32_t to, bool nearest, bool allow_prep) -> const Group* {
        const Group* found = nullptr;
        for (const Group& gr : groups) {
          if (gr.end > to || gr.begin < from || gr.locative) continue;
          if (!allow_prep && preceded_by_preposition(gr)) continue;
          if (followed_by_object_marker(gr)) continue;
          if (!nearest) return &gr;
          found = &gr;
        }
        return found;
      };
      if (passive) {
        for (const Group& gr : groups)
          if (gr.begin > te && gr.begin <= te + 2 && gr.begin < right_limit && !gr.locative) {
            source = &gr;
            break;
          }
        target = group_before(left_limit, tb, true, false);
      } else if (const Group* inside = lang != "ar" ? nullptr : [&]() -> const Group* {
                   // "أجرى الرئيس الإيراني اتصالا هاتفيا": the subject sits in the pattern's gap.
                   for (const Group& gr : groups)
                     if (gr.begin > tb && gr.end < te && !gr.locative && !preceded_by_preposition(gr)) return &gr;
                   return nullptr;
                 }()) {
        source = inside;
      } else if (lang == "ar") {
        // Verb first (VSO): the actor right after the verb is its subject.
        // A genitive ل is its subject too ("اتصال هاتفي للرئيس الروسي").
        auto genitive = [&](const Group& gr) {
          const auto& pre = sentence.tokens[u.token[gr.begin]].morph.prefixes;
          return (gr.begin == 0 || !g || !g->has("preposition", u.units[gr.begin - 1].forms[0])) &&
                 std::find(pre.begin(), pre.end(), "ل") != pre.end();
        };
        for (const Group& gr : groups)
          if ((gr.begin == te || gr.begin == te + 1) && !gr.locative && (!preceded_by_preposition(gr) || genitive(gr))) {
            source = &gr;
            break;
          }
        if (!source) source = group_before(left_limit, tb, true, false);
      } else if (lang == "fa") {
        source = group_before(left_limit, tb, false, false);  // SVO: the clause opens with its subject
      } else {
        source = group_before(left_limit, tb, true, false);
        if (statement && (!source)) source = group_after(te, std::min<uint32_t>(te + 2, right_limit), nullptr, false);
      }

      // Target.
      if (!passive && !statement) {
        switch (p.target) {
          case TargetRule::none:
            break;
          case TargetRule::preposition: {
            auto after_prep = [&](const Group& gr) {
              for (uint32_t k = gr.begin; k + 3 >= gr.begin && k > 0 && k + 3 > gr.begin; --k) {
                const auto& forms = u.units[k - 1].forms;
                for (const auto& prep : p.prepositions)
                  if (std::find(forms.begin(), forms.end(), prep) != forms.end()) return true;
                if (k - 1 < gr.begin - 1 && !word_at(g, "counterpart", u, k - 1)) break;
              }
              const text::Token& tok = sentence.tokens[u.token[gr.begin]];
              for (const auto& pre : tok.morph.prefixes)
                for (const auto& prep : p.prepositions)
                  if (pre == prep) return true;
              return false;
            };
            for (const Group& gr : groups) {
              if (&gr == source) continue;
              const bool right = gr.begin >= te && gr.begin < right_limit;
              const bool left = lang == "fa" && gr.end <= tb && gr.begin >= left_limit;
              if ((right || left) && after_prep(gr)) {
                target = &gr;
                break;
              }
            }
            // "هنأ الرئيس الإيراني ... نظيره الروسي": a counterpart needs no preposition.
            if (!target)
              for (const Group& gr : groups)
                if (&gr != source && gr.begin >= te && gr.begin > 0 &&
                    (mentions[gr.members[0]].role == "counterpart" || word_at(g, "counterpart", u, gr.begin - 1) || (gr.begin > 1 && word_at(g, "counterpart", u, gr.begin - 2)))) {
                  target = &gr;
                  break;
                }
            break;
          }
          case TargetRule::before:
            for (const Group& gr : groups)
              if (gr.end <= tb && gr.begin >= left_limit && &gr != source && !gr.locative) target = &gr;
            break;
          case TargetRule::after:
          case TargetRule::language_default:
            if (lang == "fa" && p.target == TargetRule::language_default) {
              for (const Group& gr : groups)
                if (&gr != source && !gr.locative && gr.begin >= left_limit && gr.end <= tb &&
                    (followed_by_object_marker(gr) || preceded_by_preposition(gr)))
                  target = &gr;
            }
            if (!target) target = group_after(te, right_limit, source, true);
            break;
        }
      }
      // "في اتصال هاتفي مع بوتين ... شدد رئيسي": a nominal symmetric trigger opening the sentence
      // takes the subject of the main clause.
      if (!source && p.symmetric && !statement)
        for (const Group& gr : groups)
          if (gr.begin >= te && &gr != target && !gr.locative && !preceded_by_preposition(gr) && !followed_by_object_marker(gr)) {
            source = &gr;
            break;
          }
      // Actors inside an intransitive pattern are its subjects: "thousands of protesters marched".
      if (!source && p.target == TargetRule::none)
        for (const Group& gr : groups)
          if (gr.begin >= tb && gr.end <= te && !gr.locative) {
            source = &gr;
            break;
          }
      // English and Persian objects inside the pattern: "rejected an Indian proposal", "summoned
      // Niger's ambassador".
      if (!passive && !statement && !target && lang != "ar" && p.target != TargetRule::none)
        for (const Group& gr : groups)
          if (gr.begin > tb && gr.end <= te && &gr != source && !gr.locative) {
            target = &gr;
            break;
          }
      // Intransitive events (protests, strikes) have a target only when an adversative word names
      // it: "in protest against Sweden's decision", "تظاهرة ضد الحكومة".
      if (!passive && !target && p.target == TargetRule::none)
        for (const Group& gr : groups) {
          if (&gr == source || gr.begin < te || gr.begin >= right_limit) continue;
          bool adversative = false;
          for (uint32_t k = gr.begin; k > te && k + 4 > gr.begin; --k) adversative |= word_at(g, "adversative", u, k - 1);
          const auto& pre = sentence.tokens[u.token[gr.begin]].morph.prefixes;
          for (const auto& x : pre) adversative |= g && g->has("adversative", x);
          if (adversative) {
            target = &gr;
            break;
          }
        }
      // A symmetric event whose partner is not marked ("در تماس تلفنی پوتین با وی") is with the
      // nearest other actor of the clause.
      if (!passive && !statement && !target && p.symmetric && p.target != TargetRule::none) {
        for (const Group& gr : groups)
          if (&gr != source && !gr.locative && gr.begin >= te && gr.begin < right_limit) {
            target = &gr;
            break;
          }
        if (!target)
          for (const Group& gr : groups)
            if (&gr != source && !gr.locative && gr.end <= tb && gr.begin >= left_limit) target = &gr;
      }
      // The learned attacher, where data/models has one for the language, chooses among the groups
      // with the positional choices above as two of its features.
      const Attacher* attacher = nullptr;
      for (const auto& [l, a] : resources_->attachers)
        if (l == lang && options_.use_attacher) attacher = a.get();
      if ((attacher || rows) && !groups.empty()) {
        const AttachContext ctx{u, sentence, g, p, tb, te, left_limit, right_limit, passive, groups.size()};
        std::vector<AttachCandidate> cands;
        for (size_t gi = 0; gi < groups.size(); ++gi) {
          const Group& gr = groups[gi];
          cands.push_back({attach_features(ctx, gr, gi, &gr == source, &gr == target, preceded_by_preposition(gr),
                                           followed_by_object_marker(gr), mentions[gr.members[0]])});
          if (rows) {
            std::vector<std::string> codes;
            for (uint32_t mi : gr.members) codes.push_back(mentions[mi].code);
            rows->push_back({doc.id, span_of(tb, te), Span{mentions[gr.members.front()].span.start, mentions[gr.members.back()].span.end},
                             cameo, std::move(codes), cands.back().features});
          }
        }
        if (attacher && !statement) {
          // The model overrides the rules where it names an actor for a role (train_attacher.py's
          // with_rules() is the same combination, measured on held-out folds).
          const auto [s_i, t_i] = attacher->choose(cands);
          const Group* model_source = s_i ? &groups[*s_i] : nullptr;
          const Group* model_target = t_i ? &groups[*t_i] : nullptr;
          // A role the model leaves empty takes a group the rules chose that the model did not use.
          auto pick = [](std::initializer_list<const Group*> options, const Group* not_this) -> const Group* {
            for (const Group* c : options)
              if (c && c != not_this) return c;
            return nullptr;
          };
          const Group* rule_source = source;
          const Group* rule_target = target;
          source = model_source ? model_source : pick({rule_source, rule_target}, model_target);
          target = model_target ? model_target : pick({rule_target, rule_source}, source);
        }
      }
      // Coordinated verbs share their subject: "Iran and Russia signed ... and condemned ...".
      const EventActor* inherited = nullptr;
      if (!source && previous != SIZE_MAX && !out[previous].source.code.empty()) inherited = &out[previous].source;

      // Counterparts: "مع نظيره الروسي" is the holder of the source's role in the target country.
      auto actor_of = [&](uint32_t mi, const EventActor* src) {
        EventActor a = to_event_actor(mentions[mi]);
        const auto [b, e] = mrange[mi];
        const bool counterpart = mentions[mi].role == "counterpart" || (b > 0 && word_at(g, "counterpart", u, b - 1)) ||
                                 (b > 1 && word_at(g, "counterpart", u, b - 2));
        if (counterpart && src && !src->role.empty() && !a.country.empty() && a.person.empty()) {
          // Undated document: the counterpart during the source person's term.
          kb::Day day = doc_day;
          if (!day && !src->person.empty())
            if (const kb::Role* sr = kb.role_of(src->person, 0)) day = sr->end_early ? sr->end_early : sr->start_late;
          if (const kb::Role* r = kb.holder(a.country, src->role, day)) {
            a.person = r->person;
            if (const kb::Person* per = kb.person(r->person)) a.name = per->display;
            a.code = r->actor_code;
            a.sector = kb.split_code(r->actor_code).second;
            a.role = r->role;
          }
        }
        return a;
      };

      std::vector<EventActor> sources, targets;
      if (source)
        for (uint32_t mi : source->members) sources.push_back(actor_of(mi, nullptr));
      else if (inherited)
        sources.push_back(*inherited);
      else if (subject_before && (tb <= 2 || lang == "fa"))
        sources.push_back(*subject_before);  // a dropped or pronoun subject at the clause start
      if (target)
        for (uint32_t mi : target->members) targets.push_back(actor_of(mi, sources.empty() ? nullptr : &sources[0]));

      // Without any actor only material conflict and intransitive events (protests) are worth a record.
      if (sources.empty() && targets.empty() && cc->quad_class != 4 && p.target != TargetRule::none) continue;

      Event base;
      base.doc = doc.id;
      base.sentence = si;
      base.sentence_span = sentence.span;
      base.lang = lang;
      base.cameo = cameo;
      base.plover = cc->plover;
      base.plover_mode = cc->plover_mode;
      base.goldstein = cc->goldstein;
      base.quad_class = cc->quad_class;
      base.trigger = span_of(tb, te);
      base.trigger_text = std::string(base.trigger.slice(text));
      base.negated = t.negated;
      base.symmetric = p.symmetric;
      // Date: an explicit or relative date in the sentence, else the document's.
      base.date = analysis.date.value.iso();
      base.date_precision = text::to_string(analysis.date.value.precision);
      base.date_origin = base.date.empty() ? "none" : "document";
      for (const auto& dm : dates) {
        if (dm.resolved && dm.span.start >= sentence.span.start && dm.span.end <= sentence.span.end &&
            dm.value.precision == text::DatePrecision::day) {
          base.date = dm.value.iso();
          base.date_precision = "day";
          base.date_origin = "sentence";
          break;
        }
      }
      if (base.date.empty()) base.date_precision = "unknown";
      base.location = place ? place : dateline;
      double confidence = 0.4 + (p.manual ? 0.1 : 0.0) + (sources.empty() ? 0.0 : 0.25) +
                          (targets.empty() && p.target != TargetRule::none ? 0.0 : 0.15);
      if (t.future) confidence -= 0.1;
      base.confidence = std::clamp(confidence, 0.05, 0.95);

      auto emit = [&](const EventActor* s, const EventActor* tg) {
        Event e = base;
        if (s) e.source = *s;
        // A country is not its own partner: "Rouhani ... cooperation between Iran and Russia" is
        // not Iran with Iran (a domestic pair of different sectors, IRNGOV-IRNOPP, is kept).
        const bool self = s && tg && !s->country.empty() && s->country == tg->country &&
                          (s->sector.empty() || tg->sector.empty() || s->code == tg->code);
        if (tg && !self && !(s && tg->code == s->code && tg->person == s->person)) e.target = *tg;
        if (self && targets.size() > 1) return;  // another member of the group is the partner
        // Only this sentence's events can repeat it (scanning all of `out` was quadratic).
        for (size_t k = first_event; k < out.size(); ++k) {
          const Event& prior = out[k];
          if (prior.sentence == si && prior.doc == e.doc && prior.cameo == e.cameo && prior.source.code == e.source.code &&
              prior.source.person == e.source.person && (prior.target ? prior.target->code : "") == (e.target ? e.target->code : ""))
            return;
        }
        out.push_back(std::move(e));
      };
      const size_t before = out.size();
      if (sources.empty()) {
        if (targets.empty()) emit(nullptr, nullptr);
        for (const auto& tg : targets) emit(nullptr, &tg);
      } else if (targets.empty()) {
        if (p.symmetric && sources.size() > 1) {
          for (const auto& a : sources)
            for (const auto& b : sources)
              if (&a != &b) emit(&a, &b);
        } else {
          for (const auto& s : sources) emit(&s, nullptr);
        }
      } else {
        for (const auto& s : sources)
          for (const auto& tg : targets) {
            emit(&s, &tg);
            if (p.symmetric) emit(&tg, &s);
          }
      }
      if (out.size() > before) {
        previous = before;
        if (!out[before].source.code.empty()) last_subject = out[before].source;
      }
    }

    // Statements (CAMEO 01) only when the sentence says nothing more specific.
    bool specific = false;
    for (size_t k = first_event; k < out.size(); ++k) specific |= out[k].cameo.substr(0, 2) != "01";
    if (specific || !options_.with_statements) {
      out.erase(std::remove_if(out.begin() + first_event, out.end(),
                               [](const Event& e) { return e.cameo.substr(0, 2) == "01"; }),
                out.end());
    }
    // Sentence classifiers: keep rule events the model finds likely; add events it is sure of.
    if (options_.use_classifiers && !resources_->classifiers.empty()) {
      std::string features;
      // A multi-label model serves several rows of coder.tsv: score it once per sentence.
      std::vector<std::pair<const EventClassifier*, std::vector<std::pair<std::string, float>>>> scored;
      auto probability = [&](const ClassifierUse& use) {
        if (features.empty()) features = EventClassifier::features(sentence);
        auto it = std::find_if(scored.begin(), scored.end(), [&](const auto& s) { return s.first == use.model.get(); });
        if (it == scored.end()) it = scored.insert(scored.end(), {use.model.get(), use.model->predict(features)});
        for (const auto& [label, p] : it->second)
          if (label == use.label) return p;
        return 0.0f;
      };
      for (const ClassifierUse& use : resources_->classifiers) {
        if (use.lang != lang) continue;
        const float prob = probability(use);
        bool kept = false;
        for (size_t k = first_event; k < out.size();) {
          if (out[k].plover == use.label && prob < use.gate) {
            out.erase(out.begin() + static_cast<std::ptrdiff_t>(k));
            continue;
          }
          if (out[k].plover == use.label) {
            kept = true;
            out[k].confidence = std::clamp(0.5 * out[k].confidence + 0.5 * prob, 0.05, 0.99);
          }
          ++k;
        }
        if (!kept && prob >= use.alone) {
          // No pattern matched, but the model is confident: an event of the type's root code.
          const std::string& root = use.root_cameo;
          const kb::CameoCode* cc = kb.ontology().cameo(root);
          if (!cc) continue;
          Event e;
          e.doc = doc.id;
          e.sentence = si;
          e.sentence_span = sentence.span;
          e.lang = lang;
          e.cameo = root;
          e.plover = cc->plover;
          e.plover_mode = cc->plover_mode;
          e.goldstein = cc->goldstein;
          e.quad_class = cc->quad_class;
          e.trigger = sentence.span;  // the evidence is the sentence as a whole
          e.trigger_text = std::string(sentence.span.slice(text));
          e.date = analysis.date.value.iso();
          e.date_precision = e.date.empty() ? "unknown" : text::to_string(analysis.date.value.precision);
          e.date_origin = e.date.empty() ? "none" : "document";
          e.location = place ? place : dateline;
          e.confidence = prob;
          out.push_back(std::move(e));
        }
      }
      for (const auto& limit : resources_->type_limits)
        if (limit.lang == lang && limit.max_types > 0)
          keep_likeliest_types(out, first_event, limit.max_types, [&](const std::string& type) {
            return probability(ClassifierUse{lang, type, limit.model, 0, 1, ""});
          });
    }
    if (out.size() > first_event) event_sentence_first[si] = first_event;
  }

  // Issues: the sentence's own, and those of up to two following sentences without events.
  for (uint32_t si = 0; si < analysis.sentences.size(); ++si) {
    if (event_sentence_first[si] == SIZE_MAX) continue;
    std::vector<std::string> issues = sentence_issues[si];
    for (uint32_t k = si + 1; k < analysis.sentences.size() && k <= si + 2; ++k) {
      if (event_sentence_first[k] != SIZE_MAX) break;
      for (const auto& i : sentence_issues[k])
        if (std::find(issues.begin(), issues.end(), i) == issues.end()) issues.push_back(i);
    }
    for (size_t k = event_sentence_first[si]; k < out.size() && out[k].sentence == si; ++k) out[k].issues = issues;
  }
  return out;
}

}  // namespace rasad::code
