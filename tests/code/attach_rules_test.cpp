// The positional attacher (code/attach_rules.h): groups, passives, prepositional targets.
#include "code/attach_rules.h"

#include <gtest/gtest.h>

#include "code/triggers.h"
#include "stage_harness.h"

namespace rasad::code {
namespace {

using testing::Analysed;
using testing::harness;

// The rules' source and target codes (first members) for the sentence's first trigger.
std::pair<std::string, std::string> arguments_of(const Analysed& a, bool* passive = nullptr,
                                                 size_t* n_groups = nullptr) {
  const Units u = a.units(0);
  const text::Sentence& s = a.analysis.sentences[0];
  Discourse d;
  const std::vector<Span> no_issues;
  const auto ms = find_mentions({*harness().resolver, *harness().res->kb, u, s, a.g, a.lang, a.doc.text,
                                 kb::to_day(a.analysis.date.value), a.analysis.dates, no_issues},
                                d);
  const auto groups = group_mentions(ms, u, s);
  if (n_groups) *n_groups = groups.size();
  const auto ts = find_triggers(*harness().res->patterns, u, s, a.g, a.lang, units_in_mentions(ms, u.units.size()));
  if (ts.empty()) return {"no trigger", ""};
  const auto [l, r] = clause_of(ts, 0, u.units.size());
  const Clause c{u, s, a.g, a.lang, groups, ms, *ts[0].match.pattern, false, ts[0].match.begin, ts[0].match.end, l, r};
  const Arguments args = RuleAttacher().choose(c);
  if (passive) *passive = args.passive;
  auto code = [&](const Group* gr) { return gr ? ms[gr->members[0]].actor.code : std::string("-"); };
  return {code(args.source), code(args.target)};
}

TEST(RuleAttacher, PassiveTakesTheSourceAfterBy) {
  bool passive = false;
  const auto [src, tgt] = arguments_of(Analysed("Syrian soldiers were attacked by Turkish forces.", "en", "2021-01-01"), &passive);
  EXPECT_TRUE(passive);
  EXPECT_EQ(src.substr(0, 3), "TUR");
  EXPECT_EQ(tgt.substr(0, 3), "SYR");
}

TEST(RuleAttacher, CoordinatedActorsFormOneGroup) {
  size_t n = 0;
  const auto [src, tgt] = arguments_of(Analysed("Iran and Russia held talks in Moscow.", "en", "2021-01-01"), nullptr, &n);
  EXPECT_EQ(n, 2u);  // Iran and Russia; Moscow, a place
  EXPECT_EQ(src.substr(0, 3), "IRN");
}

}  // namespace
}  // namespace rasad::code
