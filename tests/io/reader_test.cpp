#include "io/reader.h"

#include <gtest/gtest.h>
#include <lzma.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/test_support.h"

namespace rasad::io {
namespace {

namespace fs = std::filesystem;
using testing::encode_as;
using testing::kArabic;
using testing::kPersian;

// A fresh directory under the system temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ =
        fs::temp_directory_path() / ("rasad_io_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& bytes) const {
    const fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
  static inline int counter_ = 0;
};

std::string xz_compress(const std::string& data) {
  std::string out(lzma_stream_buffer_bound(data.size()), '\0');
  size_t pos = 0;
  const lzma_ret ret =
      lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                              reinterpret_cast<uint8_t*>(out.data()), &pos, out.size());
  EXPECT_EQ(ret, LZMA_OK);
  out.resize(pos);
  return out;
}

struct Collected {
  std::vector<Document> docs;
  std::vector<std::string> diagnostics;  // Diagnostic::format()
  uint64_t returned = 0;
};

Collected read_all(const std::vector<std::string>& paths, const ReadOptions& options = {}) {
  Collected c;
  c.returned = read_paths(
      paths, options, [&](Document&& d) { c.docs.push_back(std::move(d)); },
      [&](const Diagnostic& d) { c.diagnostics.push_back(d.format()); });
  return c;
}

constexpr const char* kIsoArabic = "قال المتحدث إن الوفد سيصل يوم الخميس، ثم يلتقي الرئيس؟";

TEST(Reader, MixedDirectoryYieldsGoodDocumentsAndOneDiagnosticPerBadInput) {
  TempDir dir;
  dir.write("binary.bin", std::string("\x7F"
                                      "ELF\x02\x01\x01\0\0\0",
                                      10));
  dir.write("empty.txt", "");
  dir.write("cp1256.txt", encode_as(kArabic, "windows-1256"));
  dir.write("iso.txt", encode_as(kIsoArabic, "ISO-8859-6"));
  dir.write("invalid.txt", "Good start \xFF\xFE then more text.\n");
  dir.write("utf16.txt", "\xFF\xFE" + encode_as(kPersian, "UTF-16LE"));
  dir.write(".hidden.txt", "never read");
  dir.write("sub/nested.txt", "Nested file.\n");
  dir.write("news.jsonl",
            "{\"id\":\"n1\",\"text\":\"first\",\"lang\":\"ar\",\"date\":\"2024-03-19\"}\n"
            "\n"
            "{\"id\":\"n2\",\"text\":\"oops}\n"
            "{\"id\":\"n3\",\"title\":\"no text\"}\n"
            "{\"id\":\"n4\",\"text\":\"fourth\"}");  // no final newline
  dir.write("page.html",
            "<html lang=\"fa\"><head><meta charset=\"utf-8\"><title>T</title>"
            "<meta property=\"article:published_time\" content=\"2024-03-18\"></head><body>"
            "<nav>Home</nav><!-- note --><script>x()</script>"
            "<article><p>Main one.</p><p>Main two.</p></article>"
            "<div class=\"comments\">Reply</div></body></html>");

  const Collected c = read_all({dir.path()});
  const std::string d = dir.path();
  EXPECT_EQ(c.diagnostics,
            (std::vector<std::string>{
                d + "/binary.bin: error: binary file (NUL byte at offset 7), skipped",
                d + "/empty.txt: error: empty file, skipped",
                d + "/invalid.txt: warning: 2 invalid UTF-8 sequences replaced with U+FFFD (first at byte 11)",
                d + "/news.jsonl:3: error: not valid JSON at column 25 (syntax error while parsing value - "
                    "invalid string: missing closing quote; last read: '\"oops}')",
                d + "/news.jsonl:4: error: missing field \"text\" (id \"n3\")",
            }));
  ASSERT_EQ(c.docs.size(), 8u);
  EXPECT_EQ(c.returned, 8u);
  struct Expect {
    std::string id, path, format, encoding, text;
    uint64_t line;
  };
  const std::vector<Expect> expected = {
      {"cp1256", d + "/cp1256.txt", "text", "windows-1256", std::string(kArabic), 0},
      {"invalid", d + "/invalid.txt", "text", "UTF-8", "Good start \xEF\xBF\xBD\xEF\xBF\xBD then more text.\n", 0},
      {"iso", d + "/iso.txt", "text", "ISO-8859-6", kIsoArabic, 0},
      {"n1", d + "/news.jsonl", "jsonl", "UTF-8", "first", 1},
      {"n4", d + "/news.jsonl", "jsonl", "UTF-8", "fourth", 5},
      {"page", d + "/page.html", "html", "UTF-8", "Main one.\nMain two.", 0},
      {"nested", d + "/sub/nested.txt", "text", "UTF-8", "Nested file.\n", 0},
      {"utf16", d + "/utf16.txt", "text", "UTF-16LE", std::string(kPersian), 0},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].id);
    EXPECT_EQ(c.docs[i].id, expected[i].id);
    EXPECT_EQ(c.docs[i].path, expected[i].path);
    EXPECT_EQ(c.docs[i].format, expected[i].format);
    EXPECT_EQ(c.docs[i].encoding, expected[i].encoding);
    EXPECT_EQ(c.docs[i].text, expected[i].text);
    EXPECT_EQ(c.docs[i].line, expected[i].line);
  }
  EXPECT_EQ(c.docs[1].warnings.size(), 1u);
  EXPECT_EQ(c.docs[3].lang, "ar");
  EXPECT_EQ(c.docs[3].date, "2024-03-19");
  EXPECT_EQ(c.docs[5].title, "T");
  EXPECT_EQ(c.docs[5].date, "2024-03-18");
  EXPECT_EQ(c.docs[5].lang, "fa");
}

TEST(Reader, FormatJudgedByContentWhenTheNameSaysNothing) {
  TempDir dir;
  const std::string jsonl = dir.write("feed", "{\"id\":\"x\",\"text\":\"from content\"}\n");
  const std::string html = dir.write("page.txt", "<!doctype html><html><body><p>html body</p></body></html>");
  const std::string text = dir.write("notes.md", "# plain <b>text</b>\n");
  const Collected c = read_all({jsonl, html, text});
  ASSERT_EQ(c.docs.size(), 3u);
  EXPECT_EQ(c.docs[0].format, "jsonl");
  EXPECT_EQ(c.docs[0].id, "x");
  EXPECT_EQ(c.docs[1].format, "html");
  EXPECT_EQ(c.docs[1].text, "html body");
  EXPECT_EQ(c.docs[2].format, "text");
  EXPECT_EQ(c.docs[2].id, "notes");
}

TEST(Reader, HtmlInWindows1256IsDecodedByItsDeclaredCharset) {
  TempDir dir;
  const std::string page =
      "<html><head><meta charset=\"windows-1256\"></head><body><p>" + std::string(kArabic) + "</p></body></html>";
  const std::string path = dir.write("legacy.html", encode_as(page, "windows-1256"));
  const Collected c = read_all({path});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].encoding, "windows-1256");
  EXPECT_EQ(c.docs[0].text, kArabic);
  EXPECT_TRUE(c.diagnostics.empty());
}

TEST(Reader, XzIsDecompressedAndTruncatedXzReported) {
  TempDir dir;
  std::string lines;
  for (int i = 1; i <= 500; ++i)
    lines += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"" + std::string(kArabic) + "\"}\n";
  const std::string packed = xz_compress(lines);
  const std::string good = dir.write("corpus.jsonl.xz", packed);
  const std::string cut = dir.write("cut.jsonl.xz", packed.substr(0, packed.size() / 2));
  const std::string text = dir.write("story.txt.xz", xz_compress("A story.\n"));
  const std::string bogus = dir.write("bogus.txt.xz", "not xz at all");

  const Collected c = read_all({good, text});
  EXPECT_TRUE(c.diagnostics.empty());
  ASSERT_EQ(c.docs.size(), 501u);
  EXPECT_EQ(c.docs[499].id, "r500");
  EXPECT_EQ(c.docs[499].line, 500u);
  EXPECT_EQ(c.docs[500].id, "story");
  EXPECT_EQ(c.docs[500].text, "A story.\n");

  const Collected broken = read_all({cut, bogus});
  ASSERT_EQ(broken.diagnostics.size(), 2u);
  EXPECT_NE(broken.diagnostics[0].find("cut.jsonl.xz:"), std::string::npos);
  EXPECT_NE(broken.diagnostics[0].find("truncated .xz data (stopped after line "), std::string::npos)
      << broken.diagnostics[0];
  EXPECT_EQ(broken.diagnostics[1], bogus + ": error: not in .xz format");
  EXPECT_GT(broken.docs.size(), 0u);  // what came before the cut is delivered
  EXPECT_LT(broken.docs.size(), 500u);
}

TEST(Reader, LimitsAreEnforcedWithClearMessages) {
  TempDir dir;
  const std::string big = dir.write("big.txt", std::string(2000, 'x'));
  const std::string big_html = dir.write("big.html", "<p>" + std::string(2000, 'x'));
  const std::string feed = dir.write(
      "feed.jsonl", "{\"id\":\"a\",\"text\":\"" + std::string(2000, 'y') + "\"}\n{\"id\":\"b\",\"text\":\"short\"}\n");
  ReadOptions options;
  options.max_file_bytes = 1000;
  options.max_record_bytes = 100;
  const Collected c = read_all({big, big_html, feed}, options);
  EXPECT_EQ(c.diagnostics, (std::vector<std::string>{
                               big + ": error: file too large (2000 bytes, limit 1000), skipped",
                               big_html + ": error: file too large (2003 bytes, limit 1000), skipped",
                               feed + ":1: error: record longer than 100 bytes, skipped",
                           }));
  ASSERT_EQ(c.docs.size(), 1u);  // JSON Lines is streamed: the file limit does not apply
  EXPECT_EQ(c.docs[0].id, "b");
  EXPECT_EQ(c.docs[0].line, 2u);
}

TEST(Reader, MissingPathIsReportedAndTheRunGoesOn) {
  TempDir dir;
  const std::string ok = dir.write("ok.txt", "fine");
  const std::string blank_feed = dir.write("blank.jsonl", "\xEF\xBB\xBF\n\n  \n");
  const Collected c = read_all({dir / "missing.txt", blank_feed, ok});
  ASSERT_EQ(c.diagnostics.size(), 2u);
  EXPECT_EQ(c.diagnostics[0], dir / "missing.txt" + ": error: cannot open: No such file or directory");
  EXPECT_EQ(c.diagnostics[1], blank_feed + ": error: empty file, skipped");
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id, "ok");
}

TEST(Reader, TooManyMalformedRecordsAreSummarised) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 150; ++i) lines += "{broken\n";
  const std::string path = dir.write("junk.jsonl", lines);
  const Collected c = read_all({path});
  ASSERT_EQ(c.diagnostics.size(), 101u);
  EXPECT_EQ(c.diagnostics.back(), path + ": error: 50 more bad records in this file not reported");
}

TEST(Reader, StandardInputIsNamedStdin) {
  TempDir dir;
  const std::string text = dir.write("in.txt", "from standard input\n");
  ASSERT_NE(std::freopen(text.c_str(), "rb", stdin), nullptr);
  Collected c = read_all({"-"});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id, "stdin");
  EXPECT_EQ(c.docs[0].path, "-");
  EXPECT_EQ(c.docs[0].text, "from standard input\n");

  const std::string feed = dir.write("in.jsonl", "{\"id\":\"s1\",\"text\":\"a\"}\n{bad\n");
  ASSERT_NE(std::freopen(feed.c_str(), "rb", stdin), nullptr);
  c = read_all({"-"});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id, "s1");
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].rfind("-:2: error: not valid JSON at column 2", 0), 0u) << c.diagnostics[0];
}

TEST(Reader, RealFarsNewsCorpus) {
  const std::string path = RASAD_SOURCE_DIR "/../shared/corpus/farsnews.jsonl.xz";
  if (!fs::exists(path)) GTEST_SKIP() << "corpus not present: " << path;
  const Collected c = read_all({path});
  EXPECT_TRUE(c.diagnostics.empty()) << c.diagnostics.front();
  EXPECT_EQ(c.docs.size(), 1500u);
  for (const Document& d : c.docs) {
    ASSERT_FALSE(d.id.empty());
    ASSERT_FALSE(d.text.empty()) << d.id;
    ASSERT_EQ(d.format, "jsonl");
  }
  EXPECT_EQ(c.docs.front().id, "fars-00001");
  EXPECT_EQ(c.docs.front().lang, "fa");
  EXPECT_EQ(c.docs.front().line, 1u);
}

}  // namespace
}  // namespace rasad::io
