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

// The Arabic conflict triggers of `text` and whether each is coded as news (not background,
// negated, future or conditional).
std::vector<std::pair<std::string, bool>> arabic_conflicts(const char* text) {
  std::vector<std::pair<std::string, bool>> out;
  for (const Trigger& t : triggers_of(Analysed(text, "ar")))
    if (t.cameo.substr(0, 2) >= "14")
      out.emplace_back(t.cameo, !t.background && !t.negated && !t.future && !t.conditional && !t.absorbed);
  return out;
}

// The kinds found once per unit (Grammar::starts_at) answer word_at as the per-kind lookups do,
// one-word and multi-word forms alike, in the three languages.
TEST(Triggers, KindMasksAgreeWithLookups) {
  const std::vector<std::string> kinds = {"negation", "future", "conditional", "clause", "topic", "attribution",
                                          "counterpart", "locative", "preposition", "question", "sport", "idiom"};
  size_t hits = 0;
  for (const auto& [text, lang] : std::vector<std::pair<const char*, const char*>>{
           {"ولن يهاجم الجيش المدينة إذا لم تنسحب، وبحسب الوزير بحث الطرفان سبل التعاون في مدينة عدن.", "ar"},
           {"به گزارش خبرگزاری فارس، اگر پلیس نیاید معترضان در تهران درباره قیمتها تجمع نخواهند کرد.", "fa"},
           {"According to the minister, the army will not attack unless talks about the ceasefire fail in Gaza.", "en"}}) {
    const Analysed a(text, lang);
    ASSERT_NE(a.g, nullptr);
    const Units fast = a.units(0), slow = a.plain_units(0);
    ASSERT_EQ(fast.kinds.size(), fast.units.size());
    ASSERT_TRUE(slow.kinds.empty());
    for (const auto& kind : kinds)
      for (uint32_t k = 0; k <= fast.units.size(); ++k) {
        EXPECT_EQ(word_at(a.g, kind, fast, k), word_at(a.g, kind, slow, k)) << lang << " " << kind << " at " << k;
        hits += word_at(a.g, kind, slow, k);
      }
  }
  EXPECT_GE(hits, 12u);  // the sentences do hold such words
}

// A conflict named as a case, a charge or a memory ("قضية اغتيال"), after "since" ("منذ اغتيال"),
// or as a noun with the article (an attack already reported, or the kind: "التعذيب") is not a
// new event; a verb of occurrence before the noun ("وقع الهجوم") makes it news.
TEST(Triggers, BackgroundConflictsAreNotNews) {
  for (const char* text : {"تنظر المحكمة في قضية اغتيال القاضي.", "عاد الهدوء إلى المدينة منذ اغتيال المحافظ.",
                           "يبقى التعذيب جريمة لا تسقط بالتقادم."}) {
    const auto ts = arabic_conflicts(text);
    ASSERT_FALSE(ts.empty()) << text;
    for (const auto& [cameo, news] : ts) EXPECT_FALSE(news) << text << ": " << cameo;
  }
  for (const char* text : {"ووقع الهجوم صباح اليوم قرب الحدود.", "قتل مسلحون ثلاثة جنود أمس."}) {
    const auto ts = arabic_conflicts(text);
    ASSERT_EQ(ts.size(), 1u) << text;
    EXPECT_TRUE(ts[0].second) << text;
  }
}

// "سيارة" is not the future prefix س + a verb: a car bomb that exploded is an attack, not a threat.
// "طائرة بدون طيار" (a drone) holds a negation word that negates nothing.
TEST(Triggers, CarBombsAndDronesAreAttacks) {
  for (const char* text : {"انفجرت سيارة مفخخة قرب السوق.", "وذكر شهود أن طائرة بدون طيار قصفت منزلا في القرية."}) {
    const auto ts = arabic_conflicts(text);
    ASSERT_FALSE(ts.empty()) << text;
    EXPECT_GE(ts[0].first.substr(0, 2), "18") << text;  // 18-20: ASSAULT
    EXPECT_TRUE(ts[0].second) << text;
  }
  const auto neg = arabic_conflicts("لم تقصف الطائرات القرية.");
  ASSERT_EQ(neg.size(), 1u);
  EXPECT_FALSE(neg[0].second);
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

// The base form a pattern's past tense or gerund gets ("condemned" -> "condemn") is a verb only
// where English puts one: after "to", a modal, "not". Elsewhere it is a noun or another word: the
// "force" of a peacekeeping force is not "forced", and "noted" does not make "not" a statement.
TEST(Triggers, BaseFormsOfPatternVerbsOnlyAfterToOrAModal) {
  const auto will = triggers_of(Analysed("Russia will condemn Iran.", "en"));
  ASSERT_EQ(will.size(), 1u);
  EXPECT_EQ(will[0].cameo, "111");
  for (const char* text : {"France will contribute troops to a peacekeeping force in Liberia.",
                           "The government said it would not be rushed."}) {
    const Analysed a(text, "en");
    const Units u = a.units(0);
    for (const Trigger& t : triggers_of(a)) {
      const std::string& word = u.units[t.match.begin].forms[0];
      EXPECT_TRUE(word != "force" && word != "not") << text << ": " << word << " read as " << t.cameo;
    }
  }
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


TEST(Triggers, TopicsOfAConsultationAreNotEvents) {
  // Support and aid are what the two ministers discussed, not events of their own.
  const auto ts = triggers_of(Analysed(
      "بحث وزير الخارجية المصري في اتصال هاتفي مع نظيره الأردني سبل دعم وقف إطلاق النار وتسريع إيصال المساعدات الإنسانية.",
      "ar"));
  ASSERT_GE(ts.size(), 2u);
  EXPECT_EQ(ts[0].cameo.substr(0, 2), "04");
  EXPECT_FALSE(ts[0].absorbed);
  EXPECT_NE(ts[0].topic_at, UINT32_MAX);
  for (size_t k = 1; k < ts.size(); ++k) EXPECT_TRUE(ts[k].absorbed) << ts[k].cameo;
  // Without a topic word the later trigger is an event: the two met and signed.
  const auto signed_too = triggers_of(Analysed("Iran met Russia and signed a deal with Turkey.", "en"));
  ASSERT_EQ(signed_too.size(), 2u);
  EXPECT_EQ(signed_too[0].topic_at, UINT32_MAX);
  EXPECT_FALSE(signed_too[1].absorbed);
}

TEST(Triggers, AWordListedWholeIsNotReadAsPrepositionAndVerb) {
  // "بحث" (discussed) is a pattern word of its own, not "ب" + "حث" (urged, REQUEST).
  const auto ts = triggers_of(Analysed("بحث وزير الخارجية المصري مع نظيره الأردني الأوضاع في غزة.", "ar"));
  for (const Trigger& t : ts) EXPECT_NE(t.cameo.substr(0, 2), "02") << t.cameo;
  // The verb itself, and with the conjunction, still urges.
  const auto urged = triggers_of(Analysed("وحث الرئيس المصري الأردن على التهدئة.", "ar"));
  ASSERT_FALSE(urged.empty());
  EXPECT_EQ(urged[0].cameo.substr(0, 2), "02");
}

}  // namespace
}  // namespace rasad::code
