#pragma once
// Where and when an event happened (docs/CODING.md, `date` and `location`), and the event header
// every event of a sentence starts from.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "code/event.h"
#include "code/units.h"
#include "core/document.h"
#include "kb/date_range.h"
#include "kb/kb.h"
#include "text/pipeline.h"

namespace rasad::code {

// The first place the sentence names outside actor mentions (`in_actor`) and date expressions
// (`dates`: the document's, or just those overlapping the sentence). A capital, city or region of
// the gazetteer inside a locative mention ("in Cairo"; `in_named` marks the other mentions) is a
// place too; a country there is not ("the situation in Afghanistan" is more often the topic).
// In the first sentence, a place among the first four units also becomes `dateline` (span empty)
// unless one is set.
std::optional<EventLocation> find_place(const kb::KnowledgeBase& kb, const Units& u, const std::string& lang,
                                        const std::vector<bool>& in_actor, const std::vector<bool>& in_named,
                                        const std::vector<text::DateMention>& dates, uint32_t si, std::string_view text, std::optional<EventLocation>& dateline);

// An event of `cameo` (described by `cc`) in sentence `si` of `lang`, located at `location`, with
// the document's date, or with `sentence_dates` the first resolved day-precision date of `dates`
// written in the sentence. Trigger, actors, confidence are left to the caller.
Event event_header(const Document& doc, const text::Analysis& analysis, uint32_t si, const std::string& lang,
                   const std::string& cameo, const kb::CameoCode& cc, const std::optional<EventLocation>& location,
                   const std::vector<text::DateMention>& dates, bool sentence_dates);

// Events that got no date (`date_origin` "none") take the document's inferred range when there is
// one: precision "range", origin "inferred", `date_from`/`date_to`; `date` stays empty.
void apply_date_range(std::vector<Event>& events, const std::optional<kb::DateRange>& range);

}  // namespace rasad::code
