// The query filters shared by the command line and the API (store/filters.h), table-driven against
// the bundled knowledge base: what is accepted (and how it is normalized), what is refused, and
// the suggestion given.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/suggest.h"
#include "store/filters.h"

// Designated initializers name only the filters a case sets.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace rasad::store {
namespace {

std::shared_ptr<const kb::KnowledgeBase> bundled_kb() {
  static std::shared_ptr<const kb::KnowledgeBase> kb = [] {
    std::vector<Diagnostic> problems;
    auto r = kb::KnowledgeBase::load(std::string(RASAD_SOURCE_DIR) + "/data", problems);
    return r ? *r : nullptr;
  }();
  return kb;
}

TEST(Suggest, ClosestWithinAFewEdits) {
  EXPECT_EQ(edit_distance("CONSULTT", "consult"), 1u);
  EXPECT_EQ(closest("CONSULTT", {"AID", "CONSULT", "COERCE"}), std::vector<std::string>{"CONSULT"});
  EXPECT_TRUE(closest("XYZ", {"CONSULT"}).empty());
  EXPECT_EQ(did_you_mean({}), "");
  EXPECT_EQ(did_you_mean({"A", "B", "C"}), "; did you mean A, B or C?");
}

struct Refused {
  FilterText in;
  std::string message;  // a part of the error
};

TEST(Filters, RefusesWhatMatchesNothingWithASuggestion) {
  const auto kb = bundled_kb();
  ASSERT_TRUE(kb);
  const std::vector<Refused> cases = {
      {{.type = "CONSULTT"}, "did you mean CONSULT?"},
      {{.from = "2024/03/01"}, "did you mean 2024-03-01?"},
      {{.from = "2024-13"}, "no month 13"},
      {{.from = "2024-02-30"}, "no such day"},
      {{.from = "March"}, "wants YYYY, YYYY-MM or YYYY-MM-DD"},
      {{.from = "2024-05", .to = "2024-03"}, "from 2024-05 is after to 2024-03"},
      {{.dyad = "IRN-RUS-USA"}, "two actor codes"},
      {{.dyad = "IRN"}, "two actor codes"},
      {{.dyad = "Iran-Russia"}, "'Iran' is not an actor code"},
      {{.dyad = "Iran-Russia"}, "did you mean IRN?"},
      {{.dyad = "IRN-Russia"}, "did you mean RUS?"},
      {{.dyad = "XYZ-RUS"}, "'XYZ' is not an actor code"},
      {{.dyad = "US-IR"}, "did you mean USA?"},  // a prefix inside a code would match USA-IRQ
      {{.actor = "IRNG"}, "is not an actor code"},
      {{.cameo = "4"}, "did you mean 04?"},
      {{.cameo = "x"}, "wants a CAMEO code"},
      {{.lang = "de"}, "wants ar, fa or en"},
      {{.person = "Nobody Atall"}, "no person is named 'Nobody Atall'"},
      {{.side = "up"}, "side wants source, target or any"},
  };
  for (const auto& c : cases) {
    auto q = parse_filters(c.in, kb.get(), "");
    ASSERT_FALSE(q) << c.message;
    EXPECT_NE(q.error().find(c.message), std::string::npos) << q.error();
  }
  auto cli = parse_filters({.type = "CONSULTT"}, kb.get(), "--");
  ASSERT_FALSE(cli);
  EXPECT_EQ(cli.error().rfind("--type", 0), 0u) << cli.error();
}

TEST(Filters, AcceptsCodesAndTypesInAnyCase) {
  const auto kb = bundled_kb();
  ASSERT_TRUE(kb);
  auto q = parse_filters({.dyad = "irn-Rusgov", .actor = "kaz", .type = "consult", .cameo = "04", .from = "2024",
                          .to = "2024-03-31", .lang = "FA"},
                         kb.get(), "");
  ASSERT_TRUE(q) << q.error();
  EXPECT_EQ(q->dyad_a, "IRN");
  EXPECT_EQ(q->dyad_b, "RUSGOV");
  EXPECT_EQ(q->actor, "KAZ");
  EXPECT_EQ(q->type, "CONSULT");
  EXPECT_EQ(q->lang, "fa");
  EXPECT_TRUE(parse_filters({.from = "2024-03-15", .to = "2024-03"}, kb.get(), ""));
  EXPECT_TRUE(parse_filters({.dyad = "IGOUNO-IRN"}, kb.get(), ""));
  // Without a knowledge base only the form is checked.
  EXPECT_TRUE(parse_filters({.dyad = "XYZ-RUS", .type = "ANYTHING"}, nullptr, ""));
  EXPECT_FALSE(parse_filters({.dyad = "US-IR"}, nullptr, ""));
}

// A person by a name in any of the three languages, or by id; every person with that name.
TEST(Filters, FindsPeopleByNameInEachLanguage) {
  const auto kb = bundled_kb();
  ASSERT_TRUE(kb);
  for (const std::string name : {"بوتين", "پوتین", "Putin", "Vladimir Putin", "putin_vladimir"}) {
    auto q = parse_filters({.person = name}, kb.get(), "");
    ASSERT_TRUE(q) << name << ": " << q.error();
    EXPECT_NE(std::find(q->person_ids.begin(), q->person_ids.end(), "putin_vladimir"), q->person_ids.end()) << name;
  }
  auto side = parse_filters({.actor = "IRN", .side = "Source"}, kb.get(), "");
  ASSERT_TRUE(side);
  EXPECT_EQ(side->side, "source");
  EXPECT_EQ(parse_filters({.side = "any"}, kb.get(), "")->side, "");
  // Without a knowledge base, an id is taken as given.
  auto bare = parse_filters({.person = "putin_vladimir"}, nullptr, "");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->person_ids, std::vector<std::string>{"putin_vladimir"});
  EXPECT_FALSE(parse_filters({.person = "Putin"}, nullptr, ""));
}

// A person's name in any language and script, in any case, or their id: the people the knowledge
// base's names resolve to (manual ids first), never a substring of a name.
TEST(Filters, ActorNamesAPersonInEveryLanguage) {
  const auto kb = bundled_kb();
  ASSERT_TRUE(kb);
  for (const std::string name : {"putin", "PUTIN", "Vladimir Putin", "بوتين", "فلاديمير بوتين", "پوتین", "putin_vladimir"}) {
    auto q = parse_filters({.actor = name}, kb.get(), "");
    ASSERT_TRUE(q) << name << ": " << q.error();
    EXPECT_TRUE(q->actor.empty()) << name;
    ASSERT_FALSE(q->person_ids.empty()) << name;
    EXPECT_EQ(q->person_ids.front(), "putin_vladimir") << name;
  }
  for (const std::string name : {"zarif", "ظريف", "ظریف"}) {
    auto q = parse_filters({.actor = name}, kb.get(), "");
    ASSERT_TRUE(q) << name << ": " << q.error();
    ASSERT_FALSE(q->person_ids.empty()) << name;
    EXPECT_NE(q->person_ids.front().find("zarif"), std::string::npos) << name;
  }
  // Codes stay codes; a part of a name is no name.
  EXPECT_EQ(parse_filters({.actor = "rus"}, kb.get(), "")->actor, "RUS");
  auto part = parse_filters({.actor = "Puti"}, kb.get(), "");
  ASSERT_FALSE(part);
  EXPECT_NE(part.error().find("nor the name of a person"), std::string::npos) << part.error();
  // How a period treats ranged events.
  EXPECT_EQ(parse_filters({.from = "2020", .ranged = "overlap"}, kb.get(), "")->ranged, RangedMatch::overlap);
  EXPECT_EQ(parse_filters({.from = "2020", .ranged = "within"}, kb.get(), "")->ranged, RangedMatch::within);
  EXPECT_FALSE(parse_filters({.ranged = "sometimes"}, kb.get(), ""));
  // One lookup and one set of people: actor=NAME and person=NAME agree; not both at once.
  for (const std::string name : {"Putin", "بوتين", "پوتین"}) {
    auto by_actor = parse_filters({.actor = name, .side = "target"}, kb.get(), "");
    auto by_person = parse_filters({.person = name}, kb.get(), "");
    ASSERT_TRUE(by_actor && by_person) << name;
    EXPECT_EQ(by_actor->person_ids, by_person->person_ids) << name;
    EXPECT_EQ(by_actor->side, "target") << name;
  }
  auto both = parse_filters({.actor = "Putin", .person = "Raisi"}, kb.get(), "");
  ASSERT_FALSE(both);
  EXPECT_NE(both.error().find("names a person"), std::string::npos) << both.error();
  auto code_and_person = parse_filters({.actor = "IRN", .person = "Putin"}, kb.get(), "");
  ASSERT_TRUE(code_and_person) << code_and_person.error();
  EXPECT_EQ(code_and_person->actor, "IRN");
}

}  // namespace
}  // namespace rasad::store
