// The sentence models' stage (code/gates.h): the type limit keeps the likeliest types.
#include "code/gates.h"

#include <gtest/gtest.h>

#include <map>

namespace rasad::code {
namespace {

Event typed(const std::string& plover) {
  Event e;
  e.plover = plover;
  return e;
}

TEST(TypeLimit, KeepsTheLikeliestTypesAndUntypedEvents) {
  std::vector<Event> es{typed("X"), typed("CONSULT"), typed("ASSAULT"), typed(""), typed("CONSULT"), typed("PROTEST")};
  const std::map<std::string, float> p{{"CONSULT", 0.9f}, {"ASSAULT", 0.2f}, {"PROTEST", 0.5f}};
  // Events before `first` (another sentence's) are not touched.
  keep_likeliest_types(es, 1, 2, [&](const std::string& t) { return p.at(t); });
  ASSERT_EQ(es.size(), 5u);
  EXPECT_EQ(es[0].plover, "X");
  EXPECT_EQ(es[1].plover, "CONSULT");
  EXPECT_EQ(es[2].plover, "");
  EXPECT_EQ(es[3].plover, "CONSULT");
  EXPECT_EQ(es[4].plover, "PROTEST");
}

TEST(TypeLimit, NothingToDoUnderTheLimit) {
  std::vector<Event> es{typed("CONSULT"), typed("ASSAULT")};
  keep_likeliest_types(es, 0, 2, [](const std::string&) { return 0.0f; });
  EXPECT_EQ(es.size(), 2u);
}

TEST(Gate, SparesEventsWithBothPartiesOnlyWhereChosen) {
  ClassifierUse use;
  use.label = "CONSULT";
  use.gate = 0.02f;
  Event both = typed("CONSULT"), one = typed("CONSULT");
  both.source.code = one.source.code = "IRNGOV";
  both.target = EventActor{};
  both.target->code = "RUSGOV";
  EXPECT_TRUE(passes_gate(use, 0.5f, one));  // likely enough
  EXPECT_FALSE(passes_gate(use, 0.015f, one));
  EXPECT_FALSE(passes_gate(use, 0.015f, both));  // parties 0: the gate applies to all
  use.spare_parties = true;
  EXPECT_TRUE(passes_gate(use, 0.015f, both));
  EXPECT_FALSE(passes_gate(use, 0.015f, one));
  Event empty_target = one;
  empty_target.target = EventActor{};  // a target without a code is no party
  EXPECT_FALSE(passes_gate(use, 0.015f, empty_target));
}

}  // namespace
}  // namespace rasad::code
