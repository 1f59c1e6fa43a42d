#include "kb/resolver.h"

#include <algorithm>

namespace rasad::kb {

namespace {

// What one matched phrase stands for: its best form and where it sits.
struct Item {
  uint32_t begin = 0, end = 0;  // units
  const NameForm* form = nullptr;
  bool conj = false;  // opened by a stripped "و"
};

int category_rank(FormCategory c) {
  switch (c) {
    case FormCategory::organization: return 0;
    case FormCategory::person: return 1;
    case FormCategory::agent: return 2;
    case FormCategory::country: return 3;
    default: return 9;
  }
}

bool is_quote(std::string_view t) {
  return t == "\"" || t == "'" || t == "«" || t == "»" || t == "“" || t == "”" || t == "‘" || t == "’";
}

bool is_conj_word(std::string_view norm) { return norm == "و" || norm == "and" || norm == "&"; }

}  // namespace

Day to_day(const text::Date& d) {
  switch (d.precision) {
    case text::DatePrecision::day: return d.year * 10000 + d.month * 100 + d.day;
    case text::DatePrecision::month: return d.year * 10000 + d.month * 100 + 31;
    case text::DatePrecision::year: return d.year * 10000 + 1231;
    case text::DatePrecision::unknown: return 0;
  }
  return 0;
}

namespace {
// The stems behind Persian affixes written after a ZWNJ (حمله‌ای -> حمله), and the forms they make
// with the proclitics already stripped from the token: patterns and names are listed bare.
void add_persian_bases(MatchUnit& u, const std::vector<std::string>& bases) {
  for (const auto& b : bases) {
    if (std::find(u.forms.begin(), u.forms.end(), b) != u.forms.end()) continue;
    u.forms.push_back(b);
    u.flags.push_back(0);
  }
}
}  // namespace

std::vector<MatchUnit> ActorResolver::units(const std::vector<text::Token>& tokens, std::string_view text,
                                            std::string_view lang, std::vector<Span>* spans,
                                            std::vector<uint32_t>* token_of, UnitForms* cache) const {
  std::vector<MatchUnit> out;
  out.reserve(tokens.size());
  const bool semitic = lang == "ar" || lang == "fa";
  for (const text::Token& t : tokens) {
    // Units so far belong to the token before this one.
    if (token_of && &t != tokens.data()) token_of->resize(out.size(), static_cast<uint32_t>(&t - tokens.data() - 1));
    const std::string_view original = t.span.slice(text);
    const bool analysed = semitic && t.kind == text::TokenKind::word;
    // Persian bases read the original spelling (its ZWNJs), so it is part of the key there. A form
    // seen before is looked up first: whether it makes one unit depends on its norm alone, so a
    // form in the cache does.
    std::string key;
    if (analysed && cache && morphology_) {
      key.append(lang).append(1, '\x1f').append(t.norm);
      if (lang == "fa") key.append(1, '\x1f').append(original);
      if (const MatchUnit* seen = cache->find(key)) {
        out.push_back(*seen);
        out.back().original = original;
        if (spans) spans->push_back(t.span);
        continue;
      }
    }
    const bool whole = is_one_match_token(t.norm);
    std::vector<std::string> pieces = whole ? std::vector<std::string>{} : split_match_tokens(t.norm);
    if (whole || pieces.size() <= 1) {
      MatchUnit u;
      u.forms.push_back(t.norm);
      u.flags.push_back(0);
      u.original = original;
      if (analysed) {
        auto add = [&](const text::MorphAnalysis& a) {
          // Proclitics are dropped from the outside in: وبالرئيس -> بالرئيس? no: الرئيس, رئيس.
          // Suffix-stripped stems are not tried: "تجاری" is not "تجار"; forms list inflections.
          for (size_t k = 1; k <= a.prefixes.size(); ++k) {
            std::string form;
            for (size_t j = k; j < a.prefixes.size(); ++j) form += a.prefixes[j];
            form += a.stem;
            for (const auto& suffix : a.suffixes) form += suffix;
            if (form.empty() || std::find(u.forms.begin(), u.forms.end(), form) != u.forms.end()) continue;
            uint8_t flags = a.prefixes.front() == "و" ? kStrippedConj : 0;
            for (size_t j = 0; j < k; ++j) {
              if (a.prefixes[j] == "ال") flags |= kStrippedArticle;
              if (a.prefixes[j] == "ب" || a.prefixes[j] == "ك" || a.prefixes[j] == "ل") flags |= kStrippedPreposition;
            }
            u.forms.push_back(std::move(form));
            u.flags.push_back(flags);
          }
        };
        if (morphology_) {
          for (const auto& a : morphology_->analyze(t.norm, lang)) add(a);
          if (lang == "fa") add_persian_bases(u, morphology_->persian_bases(t.norm, original));
        } else {
          add(t.morph);
        }
        if (cache && morphology_) cache->put(std::move(key), u);
      }
      out.push_back(std::move(u));
      if (spans) spans->push_back(t.span);
      continue;
    }
    // A token holding punctuation ("Iran's", "U.S."): one unit per piece. When normalization kept
    // the length (ASCII), pieces get their own spans.
    const std::vector<std::string> orig_pieces = split_match_tokens(original);
    const bool same_length = t.norm.size() == original.size();
    size_t pos = 0;
    for (size_t k = 0; k < pieces.size(); ++k) {
      MatchUnit u;
      u.forms.push_back(pieces[k]);
      u.flags.push_back(0);
      u.original = orig_pieces.size() == pieces.size() ? orig_pieces[k] : pieces[k];
      Span s = t.span;
      if (same_length) {
        const size_t at = t.norm.find(pieces[k], pos);
        if (at != std::string::npos) {
          s = {t.span.start + static_cast<uint32_t>(at), t.span.start + static_cast<uint32_t>(at + pieces[k].size())};
          pos = at + pieces[k].size();
        }
      }
      out.push_back(std::move(u));
      if (spans) spans->push_back(s);
    }
  }
  if (token_of && !tokens.empty()) token_of->resize(out.size(), static_cast<uint32_t>(tokens.size() - 1));
  return out;
}

std::vector<ActorMention> ActorResolver::resolve(const std::vector<text::Token>& tokens, std::string_view text,
                                                 std::string_view lang, const text::Date& date) const {
  return resolve(tokens, text, lang, to_day(date));
}

std::vector<ActorMention> ActorResolver::resolve(const std::vector<text::Token>& tokens, std::string_view text,
                                                 std::string_view lang, Day day) const {
  if (tokens.empty() || !kb_.actor_matcher(lang)) return {};
  std::vector<Span> spans;
  const std::vector<MatchUnit> us = units(tokens, text, lang, &spans);
  return resolve_units(us, spans, text, lang, day);
}

std::vector<ActorMention> ActorResolver::resolve_units(const std::vector<MatchUnit>& us, const std::vector<Span>& spans,
                                                       std::string_view text, std::string_view lang, Day day) const {
  std::vector<ActorMention> out;
  const PhraseMatcher* matcher = kb_.actor_matcher(lang);
  if (!matcher || us.empty()) return out;
  const auto& forms = kb_.forms();

  std::vector<Item> items;
  for (const PhraseMatch& m : matcher->match(us)) {
    const NameForm* best = nullptr;
    for (uint32_t id : *m.payloads) {
      const NameForm& f = forms[id];
      // Names do not take the article: "المبارك" (the blessed) is not Mubarak.
      if (f.category == FormCategory::person && (m.first_flags & kStrippedArticle)) continue;
      if (!best || category_rank(f.category) < category_rank(best->category) ||
          (f.category == best->category && f.manual && !best->manual))
        best = &f;
    }
    if (best) items.push_back({m.begin, m.end, best, (m.first_flags & kStrippedConj) != 0});
  }

  auto span_of = [&](uint32_t b, uint32_t e) { return Span{spans[b].start, spans[e - 1].end}; };
  auto make = [&](uint32_t b, uint32_t e, const char* kind) {
    ActorMention a;
    a.span = span_of(b, e);
    a.text = std::string(a.span.slice(text));
    a.kind = kind;
    return a;
  };
  auto set_person = [&](ActorMention& a, const std::string& id) {
    a.person = id;
    if (const Person* p = kb_.person(id)) a.person_name = p->display;
  };
  // Country + agent: the code, and the holder of the agent's dated role on `day`.
  auto combine = [&](ActorMention& a, const NameForm& agent, const NameForm& country) {
    a.kind = "agent";
    a.country = kb_.split_code(country.code).first;
    if (a.country.empty()) a.country = country.code.substr(0, 3);
    a.sector = agent.sector.substr(0, agent.sector.find('+'));
    a.code = a.country + a.sector;
    a.role = agent.role;
    if (!agent.role.empty())
      if (const Role* r = kb_.holder(a.country, agent.role, day)) set_person(a, r->person);
  };
  auto is_country = [](const Item& it) { return it.form->category == FormCategory::country; };
  auto is_person = [](const Item& it) { return it.form->category == FormCategory::person; };
  // A person right after an agent+country mention names its holder when their role agrees.
  auto attach_person = [&](ActorMention& a, size_t& j) {
    uint32_t at = items[j - 1].end;
    while (at < us.size() && is_quote(us[at].forms[0])) ++at;
    if (j < items.size() && items[j].begin == at && is_person(items[j])) {
      const Role* r = kb_.role_of(items[j].form->code, day);
      if (!r || r->country == a.country) {
        set_person(a, items[j].form->code);
        a.span.end = span_of(items[j].begin, items[j].end).end;
        a.text = std::string(a.span.slice(text));
        ++j;
      }
    }
  };
  auto word_at = [&](uint32_t u, std::string_view w) { return u < us.size() && us[u].forms[0] == w; };

  // A person's tenure in the dated role of the title they are named with: the one held on `d`, or
  // with the date unknown (0) their latest in it; nullptr when they never held it then.
  auto titled_role = [&](const std::string& person, const std::string& role, Day d) -> const Role* {
    const Person* p = kb_.person(person);
    if (!p || role.empty()) return nullptr;
    const Role* best = nullptr;
    for (uint32_t k : p->roles) {  // by start, so the latest wins
      const Role& r = kb_.roles()[k];
      if (r.role == role && (d == 0 || r.holds_on(d))) best = &r;
    }
    return best;
  };

  size_t i = 0;
  while (i < items.size()) {
    const Item& it = items[i];
    const NameForm& f = *it.form;
    size_t next = i + 1;
    if (f.category == FormCategory::agent) {
      // Countries after the agent: adjective or idafa/ezafe name (ar, fa), "of (the) X" (en), and
      // more joined by "و"/"and": الرئيسين الإيراني والروسي.
      uint32_t at = it.end;
      if (lang == "en" && word_at(at, "of")) at += word_at(at + 1, "the") ? 2 : 1;
      size_t j = i + 1;
      bool first = true;
      while (j < items.size() && is_country(items[j])) {
        uint32_t gap_ok = at;
        if (first && items[j].conj) break;  // "المملكة والأردن": the kingdom and Jordan, not Jordan's
        if (!first) {
          if (items[j].conj) {
            gap_ok = items[j].begin;
          } else if (items[j].begin == at + 1 && is_conj_word(us[at].forms[0])) {
            gap_ok = items[j].begin;
          } else {
            break;
          }
        }
        if (items[j].begin != gap_ok) break;
        ActorMention a = first ? make(it.begin, items[j].end, "agent") : make(items[j].begin, items[j].end, "agent");
        combine(a, f, *items[j].form);
        ++j;
        attach_person(a, j);
        out.push_back(std::move(a));
        at = items[j - 1].end;
        first = false;
      }
      if (!first) {
        i = j;
        continue;
      }
      // A title before a name: الرئيس روحاني, President Putin.
      if (i + 1 < items.size() && items[i + 1].begin == it.end && is_person(items[i + 1])) {
        ++i;
        ActorMention a = make(it.begin, items[i].end, "person");
        const Role* r = kb_.role_of(items[i].form->code, day);
        if (const Role* t = titled_role(items[i].form->code, f.role, day)) {
          r = t;
          a.title_role = f.role;
        }
        set_person(a, items[i].form->code);
        if (r) {
          a.code = r->actor_code;
          std::tie(a.country, a.sector) = kb_.split_code(r->actor_code);
          a.role = r->role;
        }
        out.push_back(std::move(a));
        i = i + 1;
        continue;
      }
      // Alone, only curated agents count: the imported lists hold common nouns (عمل, لجنة).
      if (!f.manual) {
        i = next;
        continue;
      }
      ActorMention a = make(it.begin, it.end, "agent");
      a.sector = f.sector.substr(0, f.sector.find('+'));
      a.code = a.sector;
      a.role = f.role;
      out.push_back(std::move(a));
      i = next;
      continue;
    }
    if (f.category == FormCategory::country) {
      // English puts the country first: "Iranian foreign minister", "Iran's president".
      if (lang == "en" && i + 1 < items.size() && items[i + 1].form->category == FormCategory::agent) {
        uint32_t at = it.end;
        if (word_at(at, "'") || word_at(at, "’")) at += word_at(at + 1, "s") ? 2 : 1;
        if (items[i + 1].begin == at) {
          ActorMention a = make(it.begin, items[i + 1].end, "agent");
          combine(a, *items[i + 1].form, f);
          size_t j = i + 2;
          attach_person(a, j);
          out.push_back(std::move(a));
          i = j;
          continue;
        }
      }
      ActorMention a = make(it.begin, it.end, "country");
      std::tie(a.country, a.sector) = kb_.split_code(f.code);
      a.code = f.code;
      out.push_back(std::move(a));
      i = next;
      continue;
    }
    if (f.category == FormCategory::organization) {
      ActorMention a = make(it.begin, it.end, "organization");
      a.code = f.code;
      a.organization = f.code;
      std::tie(a.country, a.sector) = kb_.split_code(f.code);
      out.push_back(std::move(a));
      i = next;
      continue;
    }
    if (f.category == FormCategory::person) {
      ActorMention a = make(it.begin, it.end, "person");
      set_person(a, f.code);
      if (const Role* r = kb_.role_of(f.code, day)) {
        a.code = r->actor_code;
        std::tie(a.country, a.sector) = kb_.split_code(r->actor_code);
        a.role = r->role;
        if (kb_.is_organization(r->actor_code)) a.organization = r->actor_code;
      } else if (const Role* later = kb_.role_of(f.code, 0); later && !later->country.empty()) {
        // Named before any office of theirs began: still of their country, in no office yet.
        a.code = a.country = later->country;
      }
      out.push_back(std::move(a));
    }
    i = next;
  }
  return out;
}

}  // namespace rasad::kb
