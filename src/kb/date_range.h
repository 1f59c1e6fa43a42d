#pragma once
// When was an undated document written? The office holders it names in their offices bound it by
// their tenures ("الرئيس الروسي" + بوتين, "رئيس جمهور ایران" + روحانی: Putin's and Rouhani's terms
// overlap from 2013-08-03 to 2021-08-03), and dated issues narrow it (COVID-19 from 2020-01,
// data/kb/issue_dates.tsv). The answer is a range, never a day.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kb/kb.h"
#include "kb/resolver.h"

namespace rasad::kb {

// What a document names, collected over its sentences.
struct DateEvidence {
  std::vector<std::string> people;                           // person ids named
  std::vector<std::pair<std::string, std::string>> offices;  // (country, dated role) named by an agent
  std::vector<std::string> issues;                           // issue ids mentioned
};

// Adds the people and dated offices of `mentions` (resolved without a date, so that every person in
// them was named, never implied by an office) to `e`.
void collect_date_evidence(const std::vector<ActorMention>& mentions, DateEvidence& e);

// The evidence of a whole document: its sentences resolved without a date, and the issues named in
// them. `lang` is the document's, used for sentences in a language rasad does not code.
DateEvidence gather_date_evidence(const std::vector<text::Sentence>& sentences, std::string_view text,
                                  std::string_view lang, const ActorResolver& resolver, const KnowledgeBase& kb);

struct DateRange {
  Day first = 0;  // inclusive
  Day last = 0;   // inclusive; 0 = open (an office held as far as the knowledge base knows)
  // One line per constraint that bounded the range: "putin_vladimir head_of_state RUS",
  // "issue covid19".
  std::vector<std::string> evidence;
};

// The range every constraint allows: for each named person who held a named office, the union of
// their tenures in it; for each dated issue, its period. The result spans the first to the last day
// allowed (Putin alone allows 2000-2008 and 2012 on: 2000-05-07 to open). Nullopt when nothing
// constrains the date or the constraints contradict each other. Pure: reads only `kb`.
std::optional<DateRange> infer_date_range(const DateEvidence& evidence, const KnowledgeBase& kb);

// "2013-08-03"; "" for 0.
std::string day_iso(Day d);

}  // namespace rasad::kb
