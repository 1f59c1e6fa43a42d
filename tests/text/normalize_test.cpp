#include "text/normalize.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace rasad::text {
namespace {

const Normalizer& normalizer() {
  static const Normalizer n;  // immutable after construction; shared like the knowledge base
  return n;
}

std::string norm(std::string_view s) { return normalizer().normalize_string(s); }

// Every invariant the header promises, checked for one input. Returns the normalized text.
NormalizedText check_invariants(std::string_view original) {
  const NormalizedText nt = normalizer().normalize(original);
  EXPECT_EQ(nt.offsets.size(), nt.text.size() + 1);
  EXPECT_EQ(nt.offsets.back(), original.size());
  EXPECT_TRUE(utf8::is_valid(nt.text));
  for (size_t i = 0; i + 1 < nt.offsets.size(); ++i) {
    EXPECT_LE(nt.offsets[i], nt.offsets[i + 1]) << "at " << i;
    EXPECT_LT(nt.offsets[i], original.size()) << "at " << i;
  }
  if (utf8::is_valid(original)) {
    for (size_t i = 0; i < nt.text.size(); ++i) {
      EXPECT_TRUE(utf8::is_boundary(original, nt.offsets[i])) << "byte " << i;
    }
  }
  for (size_t g = 0; g < nt.gaps.size(); ++g) {
    EXPECT_GT(nt.gaps[g].at, 0u);
    EXPECT_LE(nt.gaps[g].at, nt.text.size());
    if (g > 0) {
      EXPECT_LT(nt.gaps[g - 1].at, nt.gaps[g].at);
    }
  }
  EXPECT_EQ(normalizer().normalize_string(original), nt.text);
  return nt;
}

struct EqualCase {
  const char* a;
  const char* b;
  const char* why;
};

TEST(Normalize, VariantsNormalizeEqual) {
  const EqualCase cases[] = {
      {"یؤکد", "يؤكد", "Persian yeh/keheh (seed 000) vs Arabic yeh/kaf"},
      {"همکاری\u200cها", "همکاریها", "ZWNJ kept or lost in the crawl"},
      {"بین\u200cالمللی", "بینالمللی", "ZWNJ, seed 001"},
      {"أحمد", "احمد", "hamza above"},
      {"إيران", "ايران", "hamza below"},
      {"آذار", "اذار", "madda"},
      {"ٱلله", "الله", "wasla"},
      {"مُحَمَّد", "محمد", "harakat"},
      {"ـــروسيا", "روسيا", "tatweel"},
      {"رو\u0640سيا", "روسيا", "tatweel inside a word"},
      {"٢٠٢٤", "2024", "Arabic-Indic digits"},
      {"۲۰۲۴", "2024", "Persian digits"},
      {"\uFEB3\uFEE0\uFE8E\uFEE1", "سلام", "presentation forms"},
      {"\uFEDF\uFEE0\uFEEE", "للو", "lam initial and medial forms"},
      {"\uFEFB", "لا", "lam-alef ligature"},
      {"Russia", "RUSSIA", "case"},
      {"مدرسة", "مدرسه", "teh marbuta"},
      {"مصطفى", "مصطفي", "alef maqsura"},
      {"مسئول", "مسيول", "yeh with hamza"},
      {"ا\u0654حمد", "احمد", "decomposed hamza above composes, then folds"},
      {"\u200Fالعراق\u200E", "العراق", "bidi marks"},
      {"\uFEFFنص", "نص", "byte-order mark"},
      {"co\u00ADoperate", "cooperate", "soft hyphen"},
      {"a\u00A0b", "a b", "no-break space"},
      {"a\u2009b\u3000c", "a b c", "thin and ideographic space"},
      {"a\u1680b", "a b", "ogham space: NFKC keeps it, Zs folding does not"},
      {"ｆｕｌｌ", "full", "fullwidth Latin"},
      {"ﬁle", "file", "fi ligature"},
      {"ە", "ه", "ae"},
      {"ۀ", "ه", "heh with yeh above"},
      {"ه\u0654", "ه", "heh + hamza above: composed by NFKC, then folded"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(norm(c.a), norm(c.b)) << c.why;
  }
}

struct ExactCase {
  const char* in;
  const char* out;
};

TEST(Normalize, PinsOutput) {
  const ExactCase cases[] = {
      {"", ""},
      {"Hello, World!", "hello, world!"},
      {"یؤکد", "يوكد"},
      {"أحمد", "احمد"},
      {"١٩/٠٣/٢٠٢٤، ٢:٣٧ م", "19/03/2024، 2:37 م"},
      {"قال؛ لماذا؟", "قال؛ لماذا؟"},  // Arabic semicolon and question mark kept
      {"«ولادیمیر پوتین»", "«ولاديمير پوتين»"},  // guillemets and پ kept
      {"گفتوگو", "گفتوگو"},  // gaf is Persian only, nothing to unify
      {"\u2460", "1"},         // circled digit one (NFKC)
      {"Straße", "straße"},    // simple case folding: no expansion
      {"\xFF", "\uFFFD"},
      {"a\xC3", "a\uFFFD"},  // truncated sequence
      {"\xE0\x80\x80", "\uFFFD\uFFFD\uFFFD"},  // overlong: one replacement per byte
      {"e\u0301", "\u00E9"},                 // NFKC composes
      {"e\u200D\u0301", "\u00E9"},           // removing ZWJ lets the accent compose
      {"a\u06D6\u0301", "\u00E1"},           // removing a Quranic mark unblocks composition
      {"\u0301x", "\u0301x"},                // a mark at the very start stays
      {"\uFDF2", "الله"},                    // allah ligature
      {"\u06D2\u0654", "\u06D3"},           // yeh barree + hamza composes; ۓ is not folded
      {"\u06D2\u064E", "\u06D2"},           // a haraka on it is simply dropped
  };
  for (const auto& c : cases) {
    EXPECT_EQ(norm(c.in), c.out) << "input: " << c.in;
    EXPECT_EQ(norm(norm(c.in)), norm(c.in)) << "input: " << c.in;
  }
}

TEST(Normalize, OffsetsOfRemovedAndExpandedText) {
  {
    const auto nt = check_invariants("ـب");  // tatweel (2 bytes) then beh
    EXPECT_EQ(nt.text, "ب");
    EXPECT_EQ(nt.offsets, (std::vector<uint32_t>{2, 2, 4}));
  }
  {
    const auto nt = check_invariants("\uFEFB!");  // ligature (3 bytes) -> lam alef (4 bytes)
    EXPECT_EQ(nt.text, "لا!");
    EXPECT_EQ(nt.offsets, (std::vector<uint32_t>{0, 0, 0, 0, 3, 4}));
  }
  {
    const auto nt = check_invariants("Ab\xFF");
    EXPECT_EQ(nt.text, "ab\uFFFD");
    EXPECT_EQ(nt.offsets, (std::vector<uint32_t>{0, 1, 2, 2, 2, 3}));
  }
}

struct SpanCase {
  const char* original;
  uint32_t start, end;           // normalized byte range
  const char* expected_original;  // what to_original slices out of the original
};

TEST(Normalize, ToOriginal) {
  const SpanCase cases[] = {
      // Harakat belong to the letter they sit on.
      {"مُحَمَّد", 0, 2, "مُ"},
      {"مُحَمَّد", 0, 8, "مُحَمَّد"},
      {"مُحَمَّد", 4, 6, "مَّ"},
      // A removed ZWNJ is not part of either side.
      {"همکاری\u200cها", 0, 12, "همکاری"},
      {"همکاری\u200cها", 12, 16, "ها"},
      // Trailing removed characters stay outside; leading ones too.
      {"ab\u200F c", 0, 2, "ab"},
      {"\u200Fab", 0, 2, "ab"},
      {"روســيا", 0, 6, "روس"},
      // Half of a ligature's output maps to the whole ligature.
      {"\uFEFB", 0, 2, "\uFEFB"},
      {"x\uFEFBy", 1, 3, "\uFEFB"},
      // Whole text and empty ranges.
      {"Russia", 0, 6, "Russia"},
      {"Russia", 2, 2, ""},
      {"ab", 1, 99, "b"},
  };
  for (const auto& c : cases) {
    const std::string_view original = c.original;
    const auto nt = check_invariants(original);
    const Span span = nt.to_original(c.start, c.end);
    EXPECT_EQ(span.slice(original), c.expected_original)
        << "original " << c.original << " [" << c.start << "," << c.end << ")";
  }
}

std::vector<std::string> seed_lines() {
  std::vector<std::string> lines;
  const std::filesystem::path dir = RASAD_SOURCE_DIR "/../shared/seeds";
  if (!std::filesystem::exists(dir)) return lines;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
  }
  return lines;
}

// A token boundary that falls between the outputs of two different original units; inside an
// expanded unit (a ligature) no original slice can produce just part of it.
bool on_unit_boundary(const NormalizedText& nt, size_t i) {
  return i == 0 || i == nt.text.size() || nt.offsets[i - 1] != nt.offsets[i];
}

// Checks idempotence, the invariants, and that every whitespace-separated token's original span
// normalizes back to the token. Returns how many tokens were checked.
size_t check_properties(std::string_view line) {
  const auto nt = check_invariants(line);
  EXPECT_EQ(norm(nt.text), nt.text) << "not idempotent: " << line;
  size_t checked = 0;
  size_t i = 0;
  while (i < nt.text.size()) {
    while (i < nt.text.size() && (nt.text[i] == ' ' || nt.text[i] == '\t' || nt.text[i] == '\r')) ++i;
    size_t j = i;
    while (j < nt.text.size() && nt.text[j] != ' ' && nt.text[j] != '\t' && nt.text[j] != '\r') ++j;
    if (j > i && on_unit_boundary(nt, i) && on_unit_boundary(nt, j)) {
      const Span span = nt.to_original(static_cast<uint32_t>(i), static_cast<uint32_t>(j));
      EXPECT_LE(span.end, line.size());
      if (utf8::is_valid(line)) {
        EXPECT_TRUE(utf8::is_boundary(line, span.start));
        EXPECT_TRUE(utf8::is_boundary(line, span.end));
      }
      EXPECT_EQ(norm(span.slice(line)), nt.text.substr(i, j - i)) << "line: " << line;
      ++checked;
    }
    i = j;
  }
  return checked;
}

TEST(Normalize, PropertiesOnSeeds) {
  const auto lines = seed_lines();
  ASSERT_GE(lines.size(), 50u) << "seeds not found under " RASAD_SOURCE_DIR "/../shared/seeds";
  size_t tokens = 0;
  for (const auto& line : lines) tokens += check_properties(line);
  EXPECT_GT(tokens, 1000u);
}

TEST(Normalize, SeedsLoseTheVariantLetters) {
  std::string all;
  for (const auto& line : seed_lines()) all += norm(line) + "\n";
  ASSERT_FALSE(all.empty());
  for (const char* gone : {"ی", "ک", "ة", "أ", "إ", "آ", "ى", "ؤ", "ئ", "\u064B", "\u0651", "٢", "۲"}) {
    EXPECT_EQ(all.find(gone), std::string::npos) << gone;
  }
  EXPECT_NE(all.find("همكاريها"), std::string::npos);  // seed 001, spelled without ZWNJ
  EXPECT_NE(all.find("يوكد"), std::string::npos);      // seed 000, spelled with Persian letters
}

// Deterministic fuzzing: random bytes (mostly invalid UTF-8), and random strings over an alphabet
// of the characters that interact: letters, marks that compose or block, removed characters.
TEST(Normalize, FuzzRandomBytes) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
  for (int round = 0; round < 3000; ++round) {
    std::string s(static_cast<size_t>(length(rng)), '\0');
    for (auto& ch : s) ch = static_cast<char>(byte(rng));
    const auto nt = check_invariants(s);
    EXPECT_EQ(norm(nt.text), nt.text);
    for (uint32_t a = 0; a <= nt.text.size(); a += 3) {
      const Span span = nt.to_original(a, static_cast<uint32_t>(nt.text.size()));
      EXPECT_LE(span.start, span.end);
      EXPECT_LE(span.end, s.size());
    }
  }
}

TEST(Normalize, FuzzInteractingCodePoints) {
  const char32_t alphabet[] = {
      U'a',    U'E',    U'e',    U'i',    U' ',    0x0301, 0x0308, 0x0327, 0x0345, 0x00C5,
      0x0130,  0x0627,  0x0648,  0x064A,  0x06CC,  0x06D5, 0x06C1, 0x06D2, 0x0649, 0x0653,
      0x0654,  0x0655,  0x064E,  0x0651,  0x0670,  0x06D6, 0x06E5, 0x06ED, 0x0640, 0x200C,
      0x200D,  0x200F,  0x00AD,  0xFEFF,  0x00A0,  0xFEFB, 0xFE8D, 0xFDFA, 0x1100, 0x1161,
      0x11A8,  0xAC00,  0x0CC6,  0x0CD5,  0x1E9E,  0x03A3, 0x2126, 0x0662, 0x06F4, 0x1D400,
  };
  std::mt19937 rng(777);
  std::uniform_int_distribution<size_t> pick(0, std::size(alphabet) - 1), length(1, 12);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const size_t n = length(rng);
    for (size_t k = 0; k < n; ++k) utf8::append(s, alphabet[pick(rng)]);
    check_properties(s);
  }
}

}  // namespace
}  // namespace rasad::text
