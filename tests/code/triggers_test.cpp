// The trigger stage (code/triggers.h): modality, complements, questions, clauses.
#include "code/triggers.h"

#include <gtest/gtest.h>

#include "stage_harness.h"

namespace rasad::code {
namespace {

using testing::Analysed;
using testing::harness;

std::vector<Trigger> triggers_of(const Analysed& a, size_t si = 0) {
  const Units u = a.units(si);
  return find_triggers(*harness().res->patterns, u, a.analysis.sentences[si], a.g, a.lang,
                       std::vector<bool>(u.units.size(), false));
}

TEST(Triggers, NegationAndFuture) {
  const auto neg = triggers_of(Analysed("Russia did not condemn Iran.", "en"));
  ASSERT_FALSE(neg.empty());
  EXPECT_EQ(neg.back().cameo, "111");
  EXPECT_TRUE(neg.back().negated);
  EXPECT_FALSE(neg.back().future);
  const auto fut = triggers_of(Analysed("Turkey will meet Iran next week.", "en"));
  ASSERT_EQ(fut.size(), 1u);
  EXPECT_TRUE(fut[0].future);
  EXPECT_EQ(future_code("042"), "036");
  EXPECT_EQ(future_code("112"), "");
  EXPECT_EQ(future_code("190"), "138");
}

TEST(Triggers, ConditionalAndQuestion) {
  const Analysed cond("If Turkey attacks Syria, the region will suffer.", "en");
  const auto ts = triggers_of(cond);
  ASSERT_FALSE(ts.empty());
  EXPECT_TRUE(ts[0].conditional);
  const Analysed q("Will Russia condemn Iran?", "en");
  EXPECT_TRUE(is_question(q.units(0), q.g));
  EXPECT_FALSE(is_question(cond.units(0), cond.g));
}

TEST(Triggers, ComplementOfGoverningVerbIsAbsorbed) {
  const auto ts = triggers_of(Analysed("Egypt condemned the attack on the mosque.", "en"));
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_TRUE(governs_complement(ts[0].cameo));
  EXPECT_FALSE(ts[0].absorbed);
  EXPECT_TRUE(ts[1].absorbed);
  // The governor's clause runs over its complement to the end of the sentence.
  EXPECT_EQ(clause_of(ts, 0, 8).second, 8u);
}

}  // namespace
}  // namespace rasad::code
