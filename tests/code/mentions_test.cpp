// The mention stage (code/mentions.h): places are not actors, agents take a country from the
// discourse.
#include "code/mentions.h"

#include <gtest/gtest.h>

#include "stage_harness.h"

namespace rasad::code {
namespace {

using testing::Analysed;
using testing::harness;

std::vector<Mention> mentions_of(const Analysed& a, size_t si, Discourse& d) {
  const Units u = a.units(si);
  const std::vector<Span> no_issues;
  return find_mentions({*harness().resolver, *harness().res->kb, u, a.analysis.sentences[si], a.g, a.lang,
                        a.doc.text, kb::to_day(a.analysis.date.value), a.analysis.dates, no_issues},
                       d);
}

TEST(Mentions, CapitalAfterLocativeWordIsAPlace) {
  const Analysed a("Rouhani arrived in Moscow.", "en", "2017-03-27");
  Discourse d;
  const auto ms = mentions_of(a, 0, d);
  ASSERT_FALSE(ms.empty());
  EXPECT_FALSE(ms.front().locative);
  EXPECT_EQ(ms.front().kind, MentionKind::person);
  ASSERT_GE(ms.size(), 2u);
  EXPECT_TRUE(ms.back().locative);
  EXPECT_EQ(ms.back().actor.role, "");
  const auto in = units_in_mentions(ms, a.units(0).units.size());
  EXPECT_TRUE(in[ms.back().begin]);
}

TEST(Mentions, RoleNamedAloneKeepsItsCountry) {
  const Analysed a("التقى وزير الخارجية الإيراني نظيره التركي. وقال وزير الخارجية إن المحادثات كانت مثمرة.", "ar",
                   "2021-01-01");
  ASSERT_EQ(a.analysis.sentences.size(), 2u);
  Discourse d;
  mentions_of(a, 0, d);
  const auto second = mentions_of(a, 1, d);
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(second.front().kind, MentionKind::agent);
  EXPECT_EQ(second.front().actor.country, "IRN");
}

}  // namespace
}  // namespace rasad::code
