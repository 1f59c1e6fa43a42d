#pragma once
// The event filters of `rasad events|timeline|export` and of the API's /api/events and
// /api/timeline, checked in one place so that the command line and the API accept the same values
// and refuse the same mistakes with the same message (docs/STORE.md, Queries).
#include <string>
#include <string_view>

#include "core/result.h"
#include "kb/kb.h"
#include "store/store.h"

namespace rasad::store {

// The filters as typed; empty = not given.
struct FilterText {
  std::string dyad;   // A-B: two actor codes, either direction
  std::string actor;  // an actor code, source or target; or a person's name in any language, or id
  std::string type;   // PLOVER type
  std::string cameo;  // CAMEO code prefix, digits
  std::string from, to;  // YYYY, YYYY-MM or YYYY-MM-DD, inclusive
  std::string lang;   // ar, fa or en
  std::string person;  // a person's name in any of the three languages, or a person id (putin_vladimir)
  std::string side;    // source | target | any (default): which side `actor`, `person` and dyad A are on
  std::string ranged;  // with from/to: "" leave out events dated only by an inferred range; overlap; within
};

// Checks `f` and returns the query it asks for, codes and types in upper case (both are accepted in
// any case). Actor codes are CAMEO-style 3-letter blocks starting with a country, a sector or an
// organization the knowledge base knows (IRN, IRNGOV, IGOUNO); a code matches the events whose code
// starts with it, so a known code never matches another country. An error names the filter as
// `prefix` + name ("--type" on the command line, "type" in the API) and suggests valid values where
// it can. Without a knowledge base, codes and types are checked for their form only.
// People (EventQuery::person_ids, one set per query) come from `person`, or from an `actor` that is
// not a known code but names people; both look them up alike (KnowledgeBase::people_named: an id,
// or a whole name form in any language, normalized as coding normalizes, so "putin", بوتين and
// پوتین agree; every person with that name counts, as the imported and the hand-curated entry of
// one leader can have two ids). An actor naming people together with `person` is refused. Without
// a knowledge base only a person id in the form of one is accepted, and an actor must be a code.
Result<EventQuery> parse_filters(const FilterText& f, const kb::KnowledgeBase* kb, std::string_view prefix);

}  // namespace rasad::store
