#include "code/coder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <future>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "code/attach.h"
#include "code/attach_rules.h"
#include "code/classifier.h"
#include "code/gates.h"
#include "code/issues.h"
#include "code/mentions.h"
#include "code/tagger.h"
#include "code/triggers.h"
#include "code/units.h"
#include "code/when_where.h"
#include "core/tsv.h"

// EventCoder::code runs the stages of docs/CODING.md over each sentence: units (units.h), issues
// (issues.h), actor mentions (mentions.h), place (when_where.h), actor groups and positional
// arguments (attach_rules.h), triggers (triggers.h: the pattern matches and the learned tagger's
// proposals, tagger.h), then per trigger the learned attacher (attach.h), actors, the event header
// (when_where.h) and directions (here), then statements (here) and the sentence models (gates.h);
// issues spread over sentences at the end.

namespace rasad::code {

namespace {

// What the per-trigger stage reads about the sentence being coded.
struct SentenceScope {
  const Document& doc;
  const text::Analysis& analysis;
  uint32_t si;
  const std::string& lang;
  const Grammar* g;
  const Units& u;
  const std::vector<Mention>& mentions;
  const std::vector<Group>& groups;
  const std::vector<Trigger>& triggers;
  const std::optional<EventLocation>& location;     // the sentence's place, else the dateline
  const std::optional<EventActor>& subject_before;  // the last source before this sentence
  const std::vector<text::DateMention>& dates;      // the document's dates within the sentence
  size_t first_event;                               // index in `out` of the sentence's first event
};

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

// The learned attacher, where data/models has one for the language, chooses among the groups
// with the positional choices `a` as two of its features; `rows` (training data) get every pair.
void learned_arguments(const Clause& c, const Attacher* attacher, Arguments& a, const std::string& cameo,
                       const Document& doc, std::vector<AttachRow>* rows) {
  if ((!attacher && !rows) || c.groups.empty()) return;
  // The groups nearest the trigger on each side, and those the rules chose: in a run-on sentence
  // scoring every group for every trigger costs triggers x groups, and far groups are not chosen.
  constexpr size_t kNearest = 6;
  const auto after = std::lower_bound(c.groups.begin(), c.groups.end(), c.tb,
                                      [](const Group& g, uint32_t at) { return g.begin < at; });
  const size_t mid = static_cast<size_t>(after - c.groups.begin());
  const size_t lo = mid > kNearest ? mid - kNearest : 0, hi = std::min(c.groups.size(), mid + kNearest);
  std::vector<AttachCandidate> cands;
  std::vector<size_t> index;  // cands[k] is group index[k]
  for (size_t gi = 0; gi < c.groups.size(); ++gi) {
    const Group& gr = c.groups[gi];
    if ((gi < lo || gi >= hi) && &gr != a.source && &gr != a.target) continue;
    index.push_back(gi);
    FeatureIds ids;
    attach_features(c, a.passive, gr, gi, &gr == a.source, &gr == a.target, ids);
    cands.push_back(std::move(ids.candidate));
    if (rows) {
      std::vector<std::string> codes;
      for (uint32_t mi : gr.members) codes.push_back(c.mentions[mi].actor.code);
      rows->push_back({doc.id, c.u.span_of(c.tb, c.te),
                       Span{c.mentions[gr.members.front()].actor.span.start, c.mentions[gr.members.back()].actor.span.end},
                       cameo, std::move(codes), attach_features(c, a.passive, gr, gi, &gr == a.source, &gr == a.target)});
    }
  }
  if (!attacher || c.statement || c.pattern.reported) return;
  // The model overrides the rules where it names an actor for a role (train_attacher.py's
  // with_rules() is the same combination, measured on held-out folds).
  const auto [s_i, t_i] = attacher->choose(cands);
  const Group* model_source = s_i ? &c.groups[index[*s_i]] : nullptr;
  const Group* model_target = t_i ? &c.groups[index[*t_i]] : nullptr;
  // A role the model leaves empty takes a group the rules chose that the model did not use, nor
  // the same actors under another name ("پوتین، رئیس جمهور روسیه" is one party, not two).
  auto codes = [&](const Group* g) {
    std::vector<std::string> out;
    for (uint32_t mi : g->members) out.push_back(c.mentions[mi].actor.code);
    std::sort(out.begin(), out.end());
    return out;
  };
  auto pick = [&](std::initializer_list<const Group*> options, const Group* not_this) -> const Group* {
    for (const Group* o : options)
      if (o && o != not_this && (!not_this || codes(o) != codes(not_this))) return o;
    return nullptr;
  };
  const Group* rule_source = a.source;
  const Group* rule_target = a.target;
  // Two groups naming the same actors cannot be both parties: keep the model's choice the rules
  // share (else its target) and fill the other role below.
  if (model_source && model_target && codes(model_source) == codes(model_target)) {
    if (model_source == rule_source) {
      model_target = nullptr;
    } else {
      model_source = nullptr;
    }
  }
  a.source = model_source ? model_source : pick({rule_source, rule_target}, model_target);
  a.target = model_target ? model_target : pick({rule_target, rule_source}, a.source);
}

// Directions (rule 7): each source with each target, both ways for a symmetric pattern; with no
// target, a symmetric event between the members of a compound source. An event already coded in
// the sentence with the same code and actors is not repeated.
void emit_directions(std::vector<Event>& out, size_t first_event, const Event& base,
                     const std::vector<EventActor>& sources, const std::vector<EventActor>& targets, bool symmetric) {
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
    for (size_t k = first_event; k < out.size(); ++k)
      if (const Event& prior = out[k]; prior.sentence == e.sentence && prior.doc == e.doc && prior.cameo == e.cameo &&
          prior.source.code == e.source.code && prior.source.person == e.source.person &&
          (prior.target ? prior.target->code : "") == (e.target ? e.target->code : ""))
        return;
    out.push_back(std::move(e));
  };
  if (sources.empty()) {
    if (targets.empty()) emit(nullptr, nullptr);
    for (const auto& tg : targets) emit(nullptr, &tg);
  } else if (targets.empty()) {
    if (symmetric && sources.size() > 1) {
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
        if (symmetric) emit(&tg, &s);
      }
  }
}

// An agent without a country of its own ("students"), not of an international sector, takes `country`.
void give_country(EventActor& a, const std::string& country) {
  static constexpr std::string_view kStateless[] = {"IGO", "NGO", "IMG", "MNC", "UAF"};
  if (country.empty() || !a.country.empty() || a.sector.empty() || a.code != a.sector) return;
  if (std::any_of(std::begin(kStateless), std::end(kStateless), [&](std::string_view x) { return a.sector.starts_with(x); }))
    return;
  a.country = country;
  a.code = country + a.code;
}

// Rule 14: a demonstration, strike or riot that names no one it is against ("in protest against
// X") is against the government of its country, as ICEWS codes it: the protesters' country, else
// the place's. A government's own protest ("Iran protested", 140) is not one of these.
void against_government(std::vector<Event>& out, size_t from, const std::optional<EventLocation>& location) {
  for (size_t k = from; k < out.size(); ++k) {
    Event& e = out[k];
    if (e.target || e.source.sector == "GOV") continue;
    // Stateless protesters protest where they march: "protesters marched in Cairo" are Egyptians.
    if (location) give_country(e.source, location->country);
    const std::string country = !e.source.country.empty() ? e.source.country : location ? location->country : "";
    if (country.empty()) continue;
    EventActor gov;
    gov.code = country + "GOV";
    gov.country = country;
    gov.sector = "GOV";
    e.target = std::move(gov);
  }
}

bool is_media(const EventActor& a) { return a.sector.find("MED") != std::string::npos; }

// Talking to the press is a statement, not a consultation (rule 9a): "در گفت‌وگو با خبرنگار فارس",
// "told reporters", "في حديث لصحيفة". A consult whose counterpart is the media is dropped, so the
// sentence's statement (or its more specific event) stands.
void drop_interviews(std::vector<Event>& out, size_t first_event) {
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first_event), out.end(),
                           [](const Event& e) {
                             return e.cameo.substr(0, 2) == "04" &&
                                    (is_media(e.source) || (e.target && is_media(*e.target)));
                           }),
            out.end());
}

// Statements (CAMEO 01) only when the sentence says nothing more specific (rule 9).
void drop_statements(std::vector<Event>& out, size_t first_event, bool with_statements) {
  bool specific = false;
  for (size_t k = first_event; k < out.size(); ++k) specific |= out[k].cameo.substr(0, 2) != "01";
  if (specific || !with_statements)
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first_event), out.end(),
                             [](const Event& e) { return e.cameo.substr(0, 2) == "01"; }),
              out.end());
}

// Per language, every model a sentence of it is scored with (rows of coder.tsv; type limits in use).
std::vector<std::pair<std::string, std::shared_ptr<const SentenceModels>>> group_sentence_models(const CodingResources& r) {
  std::map<std::string, std::vector<std::shared_ptr<const EventClassifier>>> by_lang;
  auto add = [&](const std::string& lang, const std::shared_ptr<const EventClassifier>& m) {
    auto& v = by_lang[lang];
    if (std::find(v.begin(), v.end(), m) == v.end()) v.push_back(m);
  };
  for (const auto& use : r.classifiers) add(use.lang, use.model);
  for (const auto& limit : r.type_limits)
    if (limit.max_types > 0) add(limit.lang, limit.model);
  std::vector<std::pair<std::string, std::shared_ptr<const SentenceModels>>> out;
  for (auto& [lang, models] : by_lang) out.emplace_back(lang, std::make_shared<const SentenceModels>(std::move(models)));
  return out;
}

// The parts of data/models that need nothing else: read on their own thread while the knowledge
// base loads (the two take about the same time).
struct LoadedModels {
  std::vector<ClassifierUse> classifiers;  // root_cameo left empty: it needs the ontology
  std::vector<CodingResources::TypeLimit> type_limits;
  std::vector<std::pair<std::string, std::shared_ptr<const Attacher>>> attachers;
  std::vector<std::pair<std::string, std::shared_ptr<const TriggerTagger>>> taggers;
  std::vector<std::pair<std::string, std::shared_ptr<const FactualityModel>>> factuality;
  std::vector<Diagnostic> problems;
};

std::optional<ClassifierUse> classifier_use(const TsvRow& row, std::vector<Diagnostic>& problems) {
  ClassifierUse use;
  use.lang = std::string(row.col(0));
  use.label = std::string(row.col(1));
  try {
    use.gate = std::stof(std::string(row.col(3)));
    use.alone = std::stof(std::string(row.col(4)));
  } catch (const std::exception&) {
    problems.push_back(row.error("gate and alone must be numbers"));
    return std::nullopt;
  }
  if (row.col(5) != "0" && row.col(5) != "1") {
    problems.push_back(row.error("parties must be 0 or 1"));
    return std::nullopt;
  }
  use.spare_parties = row.col(5) == "1";
  return use;
}

// A model trained per language (`<prefix><lang>.tsv`, where one exists), each with its load().
template <class Model>
void load_per_language(const std::string& prefix, const char* what,
                       std::vector<std::pair<std::string, std::shared_ptr<const Model>>>& out,
                       std::vector<Diagnostic>& problems) {
  for (const char* lang : {"ar", "fa", "en"}) {
    const std::string path = prefix + lang + ".tsv";
    if (!std::filesystem::exists(path)) continue;
    auto m = Model::load(path);
    if (!m) problems.push_back({path, 0, Severity::error, std::string("cannot load ") + what + ": " + m.error()});
    else out.emplace_back(lang, *m);
  }
}

LoadedModels load_models(const std::string& models) {
  LoadedModels out;
  auto& problems = out.problems;
  std::map<std::string, std::shared_ptr<const EventClassifier>> loaded;
  // Several rows share one multi-label model: each file is read once.
  auto model_of = [&](const TsvRow& row, const std::string& file) -> std::shared_ptr<const EventClassifier> {
    if (!loaded.contains(file)) {
      auto model = EventClassifier::load(models + file);
      if (!model) {
        problems.push_back(row.error("cannot load model: " + model.error()));
        return nullptr;
      }
      loaded[file] = *model;
    }
    return loaded[file];
  };
  auto note = [&](Diagnostic d) { problems.push_back(std::move(d)); };
  read_tsv(models + "coder.tsv", 6, [&](const TsvRow& row) {
    auto use = classifier_use(row, problems);
    if (!use) return;
    use->model = model_of(row, std::string(row.col(2)));
    if (use->model) out.classifiers.push_back(std::move(*use));
  }, note);
  load_per_language(models + "attach_", "the attacher", out.attachers, problems);
  load_per_language(models + "tagger_", "the trigger tagger", out.taggers, problems);
  load_per_language(models + "factuality_", "the factuality model", out.factuality, problems);
  if (std::filesystem::exists(models + "sentence_types.tsv"))
    read_tsv(models + "sentence_types.tsv", 3, [&](const TsvRow& row) {
      CodingResources::TypeLimit limit;
      limit.lang = std::string(row.col(0));
      limit.model = model_of(row, std::string(row.col(1)));
      if (!limit.model) return;
      try {
        limit.max_types = std::stoul(std::string(row.col(2)));
      } catch (const std::exception&) {
        return problems.push_back(row.error("max_types must be a whole number"));
      }
      out.type_limits.push_back(std::move(limit));
    }, note);
  return out;
}

}  // namespace

Result<std::shared_ptr<const CodingResources>> CodingResources::load(const std::string& data_dir,
                                                                     std::vector<Diagnostic>& problems) {
  const std::string models = data_dir + "/models/";
  std::future<LoadedModels> models_loading;
  if (std::filesystem::exists(models + "coder.tsv"))
    models_loading = std::async(std::launch::async, load_models, models);
  auto r = std::make_shared<CodingResources>();
  auto text = text::TextResources::load(data_dir);
  if (!text) return Error{"cannot load the text resources: " + text.error()};
  r->text = *text;
  auto kb = kb::KnowledgeBase::load(data_dir, problems);
  if (!kb) return Error{"cannot load the knowledge base: " + kb.error()};
  r->kb = *kb;
  r->patterns = PatternSet::load(data_dir, *r->kb, problems);
  if (r->patterns->patterns().empty()) return Error{"no event patterns under " + data_dir + "/kb/patterns"};
  if (models_loading.valid()) {
    LoadedModels m = models_loading.get();
    problems.insert(problems.end(), m.problems.begin(), m.problems.end());
    r->classifiers = std::move(m.classifiers);
    for (ClassifierUse& use : r->classifiers)
      for (const auto& [code, c] : r->kb->ontology().cameo_codes())
        if (c.plover == use.label && code.size() == 3) {
          use.root_cameo = code;
          break;
        }
    r->type_limits = std::move(m.type_limits);
    r->attachers = std::move(m.attachers);
    for (auto& [lang, tagger] : m.taggers) {
      const auto& ps = tagger->patterns();
      if (std::all_of(ps.begin() + 1, ps.end(), [&](const Pattern& p) { return r->kb->ontology().cameo(p.cameo); }))
        r->taggers.emplace_back(lang, std::move(tagger));
      else
        problems.push_back({models + "tagger_" + lang + ".tsv", 0, Severity::error, "a label's CAMEO code is unknown"});
    }
    r->factuality = std::move(m.factuality);
    r->sentence_models = group_sentence_models(*r);
  }
  return std::shared_ptr<const CodingResources>(r);
}

EventCoder::EventCoder(std::shared_ptr<const CodingResources> resources, CodeOptions options)
    : resources_(std::move(resources)),
      options_(options),
      resolver_(*resources_->kb, &resources_->text->morphology) {}

std::vector<Event> EventCoder::code(const Document& doc, const text::Analysis& analysis) const {
  return code(doc, analysis, TrainingRows{});
}

namespace {

// An agent the sentence gives no country ("accused Darfur rebels", "the government arrested
// students") is, failing every clue of rule 11, of the country of the event's other party: the
// domestic reading, as an ICEWS coder would assign it. International sectors stay stateless.
void domestic_default(std::vector<EventActor>& agents, const std::vector<EventActor>& others) {
  std::string country;
  for (const EventActor& o : others) {
    if (o.country.empty() || (!country.empty() && o.country != country)) return;
    country = o.country;
  }
  for (EventActor& a : agents) give_country(a, country);
}

// Failing even that, the home country of the language's press when its grammar names one
// (`home_country`): "the police arrested three suspects" in Persian news is Iran's police.
void home_default(std::vector<EventActor>& agents, const Grammar* g) {
  const auto* home = g ? g->of("home_country") : nullptr;
  if (!home || home->empty() || home->front().empty()) return;
  std::string country = home->front().front();
  for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (EventActor& a : agents) give_country(a, country);
}

// Rule 11's last steps for an event's parties: the domestic reading, then the home country.
void country_defaults(std::vector<EventActor>& sources, std::vector<EventActor>& targets, const Grammar* g) {
  domestic_default(targets, sources);
  domestic_default(sources, targets);
  home_default(sources, g);
  home_default(targets, g);
}

// The actors of the groups the attachers chose. Without a source group: the source of the previous
// trigger (`inherited`), else, at the clause start (or anywhere in Persian), the last source of the
// previous sentences: a dropped or pronoun subject.
void event_actors(const SentenceScope& s, const kb::KnowledgeBase& kb, const Arguments& args,
                  const EventActor* inherited, uint32_t tb, std::vector<EventActor>& sources,
                  std::vector<EventActor>& targets) {
  const kb::Day doc_day = kb::to_day(s.analysis.date.value);
  if (args.source)
    for (uint32_t mi : args.source->members) sources.push_back(event_actor(s.mentions[mi], s.u, s.g, kb, doc_day, nullptr));
  else if (inherited)
    sources.push_back(*inherited);
  else if (s.subject_before && (tb <= 2 || s.lang == "fa"))
    sources.push_back(*s.subject_before);
  if (args.target)
    for (uint32_t mi : args.target->members)
      targets.push_back(event_actor(s.mentions[mi], s.u, s.g, kb, doc_day, sources.empty() ? nullptr : &sources[0]));
  country_defaults(sources, targets, s.g);
}

// An event the sentence model adds without a trigger (rule 16, `alone`) has no position to attach
// actors from: its source is the sentence's first actor (a news sentence opens with its speaker or
// subject) and its target the next actor of another code. Places and the media are left out. A
// sentence naming more than two actors' countries is left alone: which two the event joins is a
// guess ("the talks between Iran and Russia ... the provocations of the US and Israel").
void sentence_event_parties(const SentenceScope& s, const kb::KnowledgeBase& kb, std::vector<Event>& out) {
  const Mention* first = nullptr;
  const Mention* next = nullptr;
  std::vector<std::string> countries;
  for (const Mention& m : s.mentions) {
    if (m.locative || m.actor.code.empty() || m.actor.sector.find("MED") != std::string::npos) continue;
    if (std::find(countries.begin(), countries.end(), m.actor.country) == countries.end())
      countries.push_back(m.actor.country);
    if (!first) first = &m;
    else if (!next && m.actor.code != first->actor.code) next = &m;
  }
  if (!first || countries.size() > 2) return;
  const kb::Day doc_day = kb::to_day(s.analysis.date.value);
  const Span whole = s.analysis.sentences[s.si].span;
  for (size_t k = s.first_event; k < out.size(); ++k) {
    Event& e = out[k];
    if (e.trigger != whole || !e.source.code.empty() || e.target) continue;
    std::vector<EventActor> sources{event_actor(*first, s.u, s.g, kb, doc_day, nullptr)}, targets;
    if (next) targets.push_back(event_actor(*next, s.u, s.g, kb, doc_day, &sources[0]));
    country_defaults(sources, targets, s.g);
    e.source = sources[0];
    if (!targets.empty()) e.target = targets[0];
  }
}

// The model of `lang` among per-language models (data/models/<prefix><lang>.tsv), if used and trained.
template <class Model>
const Model* model_for(const std::vector<std::pair<std::string, std::shared_ptr<const Model>>>& models, bool use,
                       const std::string& lang) {
  if (!use) return nullptr;
  for (const auto& [l, m] : models)
    if (l == lang) return m.get();
  return nullptr;
}

// The events of trigger `ti` of the sentence, appended to `out`. `previous` is the first event of
// the previous trigger in the sentence (SIZE_MAX when none); `last_subject` follows the sources.
void code_trigger(const SentenceScope& s, const CodingResources& res, const CodeOptions& options, size_t ti,
                  size_t& previous, std::optional<EventActor>& last_subject, std::vector<Event>& out,
                  std::vector<AttachRow>* rows) {
  const kb::KnowledgeBase& kb = *res.kb;
  const Trigger& t = s.triggers[ti];
  if (t.absorbed || t.conditional || t.wished || t.interview || t.background) return;
  if (t.negated && !options.keep_negated) return;
  std::string cameo = t.cameo;
  if (t.future) {
    cameo = future_code(cameo);
    if (cameo.empty()) return;
  }
  const kb::CameoCode* cc = kb.ontology().cameo(cameo);
  if (!cc) return;
  const Pattern& p = *t.match.pattern;
  const bool statement = cameo.substr(0, 2) == "01";
  const uint32_t tb = t.match.begin, te = t.match.end;
  // The clause of a trigger runs from the previous event trigger to the next; complements
  // ("willing to send", "condemned the attack") belong to their governor's clause.
  auto [left_limit, right_limit] = clause_of(s.triggers, ti, s.u.units.size());
  // The parties of a consultation stand before its topic ("talks with Lavrov about Afghanistan").
  right_limit = std::min(right_limit, t.topic_at);
  std::vector<Group> before_topic;
  if (t.topic_at != UINT32_MAX)
    std::copy_if(s.groups.begin(), s.groups.end(), std::back_inserter(before_topic),
                 [&](const Group& gr) { return gr.begin < t.topic_at; });
  const Clause clause{s.u, s.analysis.sentences[s.si], s.g, s.lang,
                      t.topic_at != UINT32_MAX ? before_topic : s.groups, s.mentions, p, statement,
                      tb, te, left_limit, right_limit};
  Arguments args = RuleAttacher().choose(clause);
  const Attacher* attacher = model_for(res.attachers, options.use_attacher, s.lang);
  learned_arguments(clause, attacher, args, cameo, s.doc, rows);
  // A meeting "between Iran and Turkey" has its parties in one group wherever it stands: a
  // symmetric event with a compound target and no source is between the members (rule 7).
  if (p.symmetric && !args.source && args.target && args.target->members.size() > 1) std::swap(args.source, args.target);

  // Coordinated verbs share their subject: "Iran and Russia signed ... and condemned ...".
  const EventActor* inherited = nullptr;
  if (!args.source && previous != SIZE_MAX && !out[previous].source.code.empty()) inherited = &out[previous].source;
  // A demand in reported speech is the speaker's: "Straw said the government must ..." (no
  // statement before it, "must" is not a demand of anyone).
  if (p.reported && (!inherited || out[previous].cameo.substr(0, 2) != "01" || !args.target ||
                     std::any_of(args.target->members.begin(), args.target->members.end(),
                                 [&](uint32_t mi) { return s.mentions[mi].actor.code == inherited->code; })))
    return;  // "... concluded that the US must": the US is not its own speaker
  std::vector<EventActor> sources, targets;
  event_actors(s, kb, args, inherited, tb, sources, targets);

  // Without any actor only material conflict and intransitive events (protests) are worth a record.
  if (sources.empty() && targets.empty() && cc->quad_class != 4 && p.target != TargetRule::none) return;

  Event base = event_header(s.doc, s.analysis, s.si, s.lang, cameo, *cc, s.location, s.dates, true);
  base.trigger = s.u.span_of(tb, te);
  base.trigger_text = std::string(base.trigger.slice(s.doc.text));
  base.negated = t.negated;
  base.symmetric = p.symmetric;
  double confidence = 0.4 + (p.manual ? 0.1 : 0.0) + (sources.empty() ? 0.0 : 0.25) +
                      (targets.empty() && p.target != TargetRule::none ? 0.0 : 0.15);
  if (t.future) confidence -= 0.1;
  base.confidence = std::clamp(confidence, 0.05, 0.95);

  const size_t before = out.size();
  emit_directions(out, s.first_event, base, sources, targets, p.symmetric);
  if (cameo.substr(0, 2) == "14" && cameo != "140") against_government(out, before, s.location);
  if (out.size() > before) {
    previous = before;
    if (!out[before].source.code.empty()) last_subject = out[before].source;
  }
}

// Rows for train_factuality.py carry the word rules' verdict as a feature, then the model (where one
// is trained for the language) decides.
void sentence_factuality(const FactualityModel* model, const Units& u, const text::Sentence& sentence,
                         const std::string& doc, std::vector<Trigger>& triggers, std::vector<FactRow>* rows) {
  for (size_t ti = 0; rows && ti < triggers.size(); ++ti) {
    if (!has_factuality(triggers[ti])) continue;
    FeatureNames names;
    factuality_features(u, sentence, triggers, ti, names);
    const PatternMatch& m = triggers[ti].match;
    rows->push_back({doc, u.span_of(m.begin, m.end), triggers[ti].cameo, std::move(names.names)});
  }
  if (model) decide_factuality(*model, u, sentence, triggers);
}

// The sentence's trigger matches: the patterns', then the words the tagger (where one is trained)
// proposes among those the patterns and actor mentions leave, in sentence order. `rows` (training
// data) get every word the tagger reads, and without features the units the patterns took: an
// annotated trigger there is found already, not one to learn.
std::vector<PatternMatch> sentence_matches(const PatternSet& patterns, const TriggerTagger* tagger, const Units& u,
                                           const text::Sentence& sentence, const std::string& lang,
                                           const std::vector<bool>& in_actor, const std::string& doc,
                                           std::vector<TagRow>* rows) {
  std::vector<PatternMatch> matches = patterns.match(u.units, lang);
  if (!tagger && !rows) return matches;
  const std::vector<bool> candidates = tagger_candidates(u, sentence, in_actor, matches);
  for (uint32_t i = 0; rows && i < candidates.size(); ++i) {
    if (in_actor[i]) continue;
    FeatureNames names;
    if (candidates[i]) tagger_features(u, sentence, i, in_actor, names);
    rows->push_back({doc, u.spans[i], std::move(names.names)});
  }
  if (!tagger) return matches;
  std::vector<PatternMatch> proposed = tagger->propose(u, sentence, in_actor, candidates);
  if (proposed.empty()) return matches;
  matches.insert(matches.end(), proposed.begin(), proposed.end());
  std::sort(matches.begin(), matches.end(), [](const PatternMatch& a, const PatternMatch& b) { return a.begin < b.begin; });
  return matches;
}

}  // namespace

std::vector<Event> EventCoder::code(const Document& doc, const text::Analysis& analysis,
                                    TrainingRows rows, kb::UnitForms* unit_forms) const {
  std::vector<Event> out;
  const kb::KnowledgeBase& kb = *resources_->kb;
  const PatternSet& patterns = *resources_->patterns;
  const kb::Day doc_day = kb::to_day(analysis.date.value);
  Discourse discourse;
  // Issues of each sentence, attached to its events and to those of the sentence before it when
  // it follows up ("the two sides discussed ...").
  std::vector<std::vector<std::string>> sentence_issues(analysis.sentences.size());
  std::vector<size_t> event_sentence_first(analysis.sentences.size(), SIZE_MAX);

  const DatesBySentence dates_by_sentence(analysis.dates);
  // An undated document is bounded by the tenures of the office holders it names (kb/date_range.h),
  // as `rasad doc` reports it; the evidence is collected as the sentences are resolved.
  const bool undated_doc = analysis.date.value.iso().empty();
  kb::DateEvidence evidence;
  kb::UnitForms own_forms;  // each distinct word form of the document analysed once
  kb::UnitForms& forms = unit_forms ? *unit_forms : own_forms;
  for (uint32_t si = 0; si < analysis.sentences.size(); ++si) {
    const text::Sentence& sentence = analysis.sentences[si];
    const std::vector<text::DateMention> dates = dates_by_sentence.overlapping(sentence.span);
    const std::string lang = sentence.lang == "ar" || sentence.lang == "fa" || sentence.lang == "en"
                                 ? sentence.lang
                                 : analysis.lang;
    const Grammar* g = patterns.grammar(lang);
    const Units u = sentence_units(resolver_, sentence, doc.text, lang, &forms, g);
    if (u.units.empty()) continue;
    SentenceIssues issues = find_issues(kb, u, lang);
    if (undated_doc) evidence.issues.insert(evidence.issues.end(), issues.ids.begin(), issues.ids.end());
    sentence_issues[si] = std::move(issues.ids);
    const std::optional<EventActor> subject_before = discourse.last_subject;
    const std::vector<Mention> mentions =
        find_mentions({resolver_, kb, u, sentence, g, lang, doc.text, doc_day, dates, issues.spans,
                       undated_doc ? &evidence : nullptr},
                      discourse);
    const std::vector<bool> in_actor = units_in_mentions(mentions, u.units.size());
    // The place: the first named outside actor mentions; the dateline from the first sentence.
    // A capital read as a place ("in Cairo") is the event's place, not one of its actors.
    const std::vector<bool> in_named = units_in_mentions(mentions, u.units.size(), false);
    const std::optional<EventLocation> place = find_place(kb, u, lang, in_actor, in_named, dates, si, doc.text, discourse.dateline);
    const std::optional<EventLocation> location = place ? place : discourse.dateline;
    std::vector<Group> groups = group_mentions(mentions, u, sentence);
    drop_attributions(groups, u, g);
    std::vector<Trigger> triggers =
        find_triggers(sentence_matches(patterns, model_for(resources_->taggers, options_.use_tagger, lang), u, sentence,
                                       lang, in_actor, doc.id, rows.tags),
                      u, sentence, g, lang, in_actor);
    sentence_factuality(model_for(resources_->factuality, options_.use_factuality, lang), u, sentence, doc.id, triggers,
                        rows.facts);
    if (is_question(u, g)) continue;  // a question does not report an event

    const size_t first_event = out.size();
    const SentenceScope scope{doc, analysis, si, lang, g, u, mentions, groups, triggers, location, subject_before, dates, first_event};
    size_t previous = SIZE_MAX;  // the first event of the previous trigger in this sentence
    for (size_t ti = 0; ti < triggers.size(); ++ti)
      code_trigger(scope, *resources_, options_, ti, previous, discourse.last_subject, out, rows.attach);

    drop_interviews(out, first_event);
    drop_statements(out, first_event, options_.with_statements);
    // Sentence classifiers: keep rule events the model finds likely; add events it is sure of.
    if (options_.use_classifiers && !resources_->classifiers.empty())
      apply_sentence_models({*resources_, doc, analysis, si, lang, location}, out, first_event);
    sentence_event_parties(scope, kb, out);
    if (out.size() > first_event) event_sentence_first[si] = first_event;
  }
  spread_issues(out, sentence_issues, event_sentence_first);
  const bool undated = std::any_of(out.begin(), out.end(), [](const Event& e) { return e.date_origin == "none"; });
  if (undated && undated_doc) apply_date_range(out, kb::infer_date_range(evidence, kb));
  return out;
}

}  // namespace rasad::code
