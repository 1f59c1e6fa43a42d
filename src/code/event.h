#pragma once
// An event record: who did what to whom, when and where, with the evidence. Produced by the coder
// (code/coder.h) one per sentence-level event; stored, merged and exported by the store. Every span
// is a byte range into the text of the document the event was coded from (Document::text).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/span.h"

namespace rasad::code {

struct EventActor {
  std::string code;     // CAMEO actor code: "IRNGOV", "RUS", "IGOUNO"
  std::string country;  // "IRN"; "" for IGOs and actors without a country
  std::string sector;   // "GOV", "MIL", "IGO" ...; "" for a bare country
  std::string person;   // person id when a person is named or implied by a dated role
  std::string name;     // display name of the person or organization, else ""
  std::string role;     // dated role or agent label ("head_of_state", "protesters"), else ""
  std::string text;     // the words of the mention as written
  Span span;            // into the document text
};

struct EventLocation {
  std::string name;     // as written in the text
  std::string country;  // country code of the place
  double lat = 0, lon = 0;
  bool has_coordinates = false;
  Span span;            // into the document text; empty when it comes from the dateline
};

struct Event {
  // Provenance.
  std::string doc;       // Document::id
  uint32_t sentence = 0; // index of the sentence in Analysis::sentences
  Span sentence_span;    // into the document text
  std::string lang;      // ar | fa | en

  // When.
  std::string date;            // "YYYY-MM-DD", "YYYY-MM", "YYYY", or "" when unknown
  std::string date_precision;  // day | month | year | range | unknown
  std::string date_origin;     // sentence | document | inferred | none
  // Precision "range" (an undated document, kb/date_range.h): the first and last day the tenures of
  // the office holders it names allow, ISO; `date_to` "" when an office is still held. `date`
  // stays "": a range is never a day.
  std::string date_from, date_to;

  // What.
  std::string cameo;        // "041"
  std::string plover;       // one of the 16 PLOVER 2021 types, "" where PLOVER has none
  std::string plover_mode;  // "" when none
  double goldstein = 0;
  int quad_class = 0;       // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string trigger_text;
  Span trigger;             // into the document text

  // Who.
  EventActor source;
  std::optional<EventActor> target;

  std::vector<std::string> issues;  // issue ids from data/kb/issues.tsv
  std::optional<EventLocation> location;

  bool negated = false;  // the sentence denies the event (coded as CAMEO prescribes, see docs/CODING.md)
  bool symmetric = false;  // one direction of a symmetric event (a call, a meeting between A and B)
  double confidence = 0;   // 0..1
};

}  // namespace rasad::code
