#pragma once
// The actor resolver: finds the actors a sentence names -- countries, organizations, people and
// generic agents combined with a country ("وزير الخارجية الإيراني" -> IRNGOV) -- and the person a
// dated role points to on the article's date. Rules: docs/KB.md.
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "kb/kb.h"
#include "text/dates.h"
#include "text/morphology.h"
#include "text/segment.h"

namespace rasad::kb {

struct ActorMention {
  Span span;                 // byte offsets into the text given to resolve()
  std::string text;          // the text of the span
  std::string kind;          // country | agent | person | organization
  std::string code;          // CAMEO-style actor code: IRN, IRNGOV, IGOUNOSEC, PSEREBHMS
  std::string country;       // IRN; "" for IGOs and agents without a country
  std::string sector;        // GOV, MIL, IGO, REB ...; "" for a bare country
  std::string organization;  // organization code when one is named
  std::string person;        // person id, when named or implied by a dated role
  std::string person_name;   // display name of `person`
  std::string role;          // the dated role (head_of_state ...) or agent label, when known
  // A person named with a title that is a dated role they held ("الرئيس روحاني", "President Putin"):
  // that role, read on the date (any of their tenures in it when the date is unknown). The person is
  // then named in their office, which dates an undated document (kb/date_range.h).
  std::string title_role;
};

// Immutable; thread-safe (the Segmenter that makes the tokens is not, make one per thread).
// The match units of word forms already analysed, kept by one caller (a document being coded, or a
// thread coding many) so that each distinct form is analysed once. A unit depends only on its key
// (language, normalized form and, for Persian, the spelling), so keeping units longer never changes
// a result. Bounded; not for sharing between threads.
class UnitForms {
 public:
  const MatchUnit* find(const std::string& key) const {
    auto it = units_.find(key);
    return it == units_.end() ? nullptr : &it->second;
  }
  void put(std::string key, const MatchUnit& u) {
    if (units_.size() >= kMaxForms) units_.clear();  // a run-on text of unseen words, or a thread's stream, stays bounded
    units_.emplace(std::move(key), u);
  }

 private:
  static constexpr size_t kMaxForms = 20000;  // 50,000 took two ingest threads past 200 MB (docs/PERFORMANCE.md)
  std::unordered_map<std::string, MatchUnit> units_;
};

class ActorResolver {
 public:
  // With a Morphology, every candidate analysis of a token is tried (all proclitic/article
  // strippings); without, the token's own best analysis (Token::morph) is used.
  explicit ActorResolver(const KnowledgeBase& kb, const text::Morphology* morphology = nullptr)
      : kb_(kb), morphology_(morphology) {}

  // `tokens` of one sentence (from text::Segmenter) whose spans index `text`; `lang` ar | fa | en;
  // `date` the article's date (its day, month or year precision).
  std::vector<ActorMention> resolve(const std::vector<text::Token>& tokens, std::string_view text,
                                    std::string_view lang, const text::Date& date) const;
  std::vector<ActorMention> resolve(const std::vector<text::Token>& tokens, std::string_view text,
                                    std::string_view lang, Day day) const;

  // The same, over match units already made by units() (with their spans), so a caller that also
  // matches other dictionaries over the units builds them once.
  std::vector<ActorMention> resolve_units(const std::vector<MatchUnit>& units, const std::vector<Span>& spans,
                                          std::string_view text, std::string_view lang, Day day) const;

  // The match units the matcher sees for `tokens`, with each unit's span and the index of the
  // token it comes from when asked (a token with punctuation inside gives several units).
  std::vector<MatchUnit> units(const std::vector<text::Token>& tokens, std::string_view text,
                               std::string_view lang, std::vector<Span>* spans = nullptr,
                               std::vector<uint32_t>* token_of = nullptr, UnitForms* cache = nullptr) const;

 private:
  const KnowledgeBase& kb_;
  const text::Morphology* morphology_;
};

// "YYYY-MM-DD" etc. of a text::Date as a Day (unknown precision -> 0; month/year precision -> the
// period's last day, so roles that started within it count).
Day to_day(const text::Date& d);

}  // namespace rasad::kb
