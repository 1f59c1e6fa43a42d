#pragma once
// Actor mentions of one sentence (docs/CODING.md rules 1, 10, 11): the resolver's mentions as unit
// ranges, places marked as locative, agents completed with a country from the sentence or from
// what the document said before (`Discourse`).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "code/event.h"
#include "code/units.h"
#include "kb/date_range.h"
#include "kb/kb.h"
#include "kb/resolver.h"
#include "text/pipeline.h"

namespace rasad::code {

enum class MentionKind : uint8_t { country, agent, person, organization, other };
MentionKind mention_kind(std::string_view kind);

struct Mention {
  kb::ActorMention actor;
  MentionKind kind = MentionKind::other;  // actor.kind as an enum
  uint32_t begin = 0, end = 0;            // units
  bool locative = false;  // a place ("in Tokyo", a dateline): a target only through a preposition
};

// What the coder carries from one sentence of a document to the next.
struct Discourse {
  // The last actor seen in each role with its country ("وزير الخارجية الإيراني"), so that the role
  // named alone later ("وقال وزير الخارجية") is the same actor.
  std::map<std::string, kb::ActorMention> last_in_role;
  // People the document names, by "country|role": "الرئيس الإيراني" in an undated article that
  // names Rouhani as president is Rouhani.
  std::map<std::string, kb::ActorMention> named_holder;
  // The last source coded: the subject of a verb whose subject is a pronoun or dropped ("وأوضح أن").
  std::optional<EventActor> last_subject;
  // The dateline place: a place named among the first words of the document (set by find_place).
  std::optional<EventLocation> dateline;
};

struct MentionInput {
  const kb::ActorResolver& resolver;
  const kb::KnowledgeBase& kb;
  const Units& u;
  const text::Sentence& sentence;
  const Grammar* g;
  const std::string& lang;
  std::string_view text;
  kb::Day doc_day;
  const std::vector<text::DateMention>& dates;  // the document's
  const std::vector<Span>& issue_spans;          // the sentence's
  // When set (an undated document, doc_day 0), the resolved actors are added to it before any is
  // dropped, as kb::gather_date_evidence would collect them, so the coder resolves each sentence once.
  kb::DateEvidence* evidence = nullptr;
};

// The sentence's mentions in text order; updates `d.last_in_role` and `d.named_holder`.
std::vector<Mention> find_mentions(const MentionInput& in, Discourse& d);

// unit -> inside some mention (or some mention that is not locative: a place named as such)
std::vector<bool> units_in_mentions(const std::vector<Mention>& mentions, size_t n_units, bool with_locative = true);

// The event actor of a mention. A counterpart ("مع نظيره الروسي") of a source with a role is the
// holder of that role in the mention's country on the document date (rule 6).
EventActor event_actor(const Mention& m, const Units& u, const Grammar* g, const kb::KnowledgeBase& kb,
                       kb::Day doc_day, const EventActor* src);

}  // namespace rasad::code
