#include "text/langid.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/normalize.h"

namespace rasad::text {
namespace {

LanguageGuess guess(std::string_view s) {
  static const Normalizer n;
  return identify_language(n.normalize_string(s));
}

TEST(LangId, ThreeLanguages) {
  EXPECT_EQ(guess("أكد وزير الخارجية المصري في اتصال هاتفي مع نظيره الأردني أهمية التنسيق بين البلدين").code, "ar");
  EXPECT_EQ(guess("وزیر امور خارجه ایران در تماس تلفنی با همتای ترکیه خود درباره مسائل منطقه گفتگو کرد").code, "fa");
  EXPECT_EQ(guess("The foreign ministers of Egypt and Jordan discussed the situation in Gaza by telephone").code, "en");
}

// Arabic written with Persian yeh and keheh (as seed 000 is) is still Arabic, and Persian written
// with Arabic yeh and kaf (as Fars News in 2008 was) is still Persian.
TEST(LangId, LetterVariantsAreNotLanguageEvidence) {
  EXPECT_EQ(guess("اکد رئیسا الجمهوریة الایراني والروسي علی اهمیة التعاون الستراتیجي بین طهران وموسکو").code, "ar");
  EXPECT_EQ(guess("رئيس جمهور ايران در گفتگوي تلفني با همتاي روسي خود بر توسعه همكاري هاي دو كشور تاكيد كرد").code, "fa");
}

TEST(LangId, EmptyIsUndetermined) {
  EXPECT_EQ(guess("").code, "und");
  EXPECT_FALSE(guess("").reliable);
}

TEST(LangId, HintDoesNotOverrideClearText) {
  static const Normalizer n;
  const auto g = identify_language(
      n.normalize_string("The foreign ministers of Egypt and Jordan discussed the situation in Gaza by telephone on Monday"),
      "ar");
  EXPECT_EQ(g.code, "en");
}

}  // namespace
}  // namespace rasad::text
