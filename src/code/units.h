#pragma once
// A sentence as the coder's stages see it: match units (kb::MatchUnit) with their byte spans and the
// token each comes from, and the closed-class word tests (data/kb/grammar) the stages share.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "code/patterns.h"
#include "core/span.h"
#include "kb/resolver.h"
#include "text/pipeline.h"

namespace rasad::code {

struct Units {
  std::vector<kb::MatchUnit> units;
  std::vector<Span> spans;
  std::vector<uint32_t> token;  // unit -> index into Sentence::tokens
  std::vector<uint64_t> kinds;  // unit -> Grammar::starts_at, when built with a grammar

  // Bytes of units [b, e), b < e.
  Span span_of(uint32_t b, uint32_t e) const { return Span{spans[b].start, spans[e - 1].end}; }
  // The clitics (morph.prefixes) of the token unit `at` comes from.
  const std::vector<std::string>& prefixes(const text::Sentence& s, uint32_t at) const {
    return s.tokens[token[at]].morph.prefixes;
  }
};

// The units of `sentence` in `lang`; `cache` (optional) keeps the analysed word forms of the
// document so far. With the language's grammar `g`, the kinds starting at each unit are found once
// (word_at then tests a bit; the stages ask it at every word).
Units sentence_units(const kb::ActorResolver& resolver, const text::Sentence& sentence, std::string_view text,
                     const std::string& lang, kb::UnitForms* cache = nullptr, const Grammar* g = nullptr);

bool is_clause_punct(std::string_view w);
bool is_question_mark(std::string_view w);

// Does one of `kind`'s forms end right before unit `at` (ignoring up to `slack` units between), not
// reaching before unit `lo`?
bool word_before(const Grammar* g, std::string_view kind, const Units& u, uint32_t at, uint32_t lo, int slack);
// Does one of `kind`'s forms start at unit `at`?
bool word_at(const Grammar* g, std::string_view kind, const Units& u, uint32_t at);

}  // namespace rasad::code
