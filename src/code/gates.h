#pragma once
// The sentence models' stage (docs/CODING.md rule 16): the classifiers of data/models/coder.tsv gate
// the rule events of their type and add an event where they are sure and no rule fired; the type
// models of data/models/sentence_types.tsv keep a sentence's likeliest event types.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "code/coder.h"
#include "code/event.h"

namespace rasad::code {

struct GateInput {
  const CodingResources& res;
  const Document& doc;
  const text::Analysis& analysis;
  uint32_t si;  // the sentence
  const std::string& lang;
  const std::optional<EventLocation>& location;  // for the events the classifiers add
};

// Whether a rule event of `use.label` stays when its sentence scores `prob`: at or above the gate,
// or, where training chose to spare them, when the event names both a source and a target.
bool passes_gate(const ClassifierUse& use, float prob, const Event& e);

// Applies the models of `in.lang` to the sentence's events, out[first_event..].
void apply_sentence_models(const GateInput& in, std::vector<Event>& out, size_t first_event);

// Most sentences report one event (docs/ANNOTATION.md counts): when out[first..] holds more PLOVER
// types than `max_types`, keeps the events of the types `prob` ranks highest. Events without a
// PLOVER type are left alone.
void keep_likeliest_types(std::vector<Event>& out, size_t first, size_t max_types,
                          const std::function<float(const std::string&)>& prob);

}  // namespace rasad::code
