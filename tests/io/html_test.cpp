#include "io/html.h"

#include <gtest/gtest.h>

#include <string>

#include "core/utf8.h"

namespace rasad::io {
namespace {

// A news page in the usual shape: navigation, an article, comments, scripts, a footer.
constexpr const char* kPage = R"(<!DOCTYPE html>
<html lang="ar-SA" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>الموقع | عنوان الصفحة</title>
  <meta property="og:title" content="  وزير  الخارجية يزور القاهرة ">
  <meta property="og:site_name" content="صحيفة المثال">
  <meta property="article:published_time" content="2024-03-19T14:37:00+03:00">
  <meta name="date" content="2020-01-01">
  <link rel="canonical" href="https://example.org/news/42">
  <style>body { color: red }</style>
  <script>var tracking = "يجب ألا يظهر";</script>
</head>
<body>
  <nav><ul><li><a href="/">الرئيسية</a></li><li>سياسة</li></ul></nav>
  <div class="header-menu">قائمة</div>
  <article>
    <h1>وزير الخارجية يزور القاهرة</h1>
    <p>وصل وزير الخارجية
       إلى القاهرة&nbsp;اليوم في زيارة <b>رسمية</b> تستغرق يومين.</p>
    <!-- a comment that must not show -->
    <p>وقال في تصريح: &quot;العلاقات قوية&quot; &amp; متينة.</p>
    <div class="share-buttons"><a>فيسبوك</a> <a>تويتر</a></div>
    <ul><li>البند الأول</li><li>البند الثاني</li></ul>
    <script>document.write("لا")</script>
    <time datetime="2024-03-18">أمس</time>
  </article>
  <section id="comments"><h3>تعليقك</h3><form><textarea>captcha</textarea></form></section>
  <aside>أخبار ذات صلة</aside>
  <footer>جميع الحقوق محفوظة</footer>
</body>
</html>)";

TEST(Html, ExtractsArticleTextOnly) {
  const HtmlExtract e = extract_html(kPage);
  EXPECT_EQ(e.text,
            "وزير الخارجية يزور القاهرة\n"
            "وصل وزير الخارجية إلى القاهرة اليوم في زيارة رسمية تستغرق يومين.\n"
            "وقال في تصريح: \"العلاقات قوية\" & متينة.\n"
            "البند الأول\n"
            "البند الثاني\n"
            "أمس");
}

TEST(Html, ReadsMetadata) {
  const HtmlExtract e = extract_html(kPage);
  EXPECT_EQ(e.title, "وزير الخارجية يزور القاهرة");
  EXPECT_EQ(e.date, "2024-03-19T14:37:00+03:00");
  EXPECT_EQ(e.url, "https://example.org/news/42");
  EXPECT_EQ(e.source, "صحيفة المثال");
  EXPECT_EQ(e.lang, "ar");
  ASSERT_EQ(e.dropped.size(), 1u);
  EXPECT_EQ(e.dropped[0], "div (class=\"share-buttons\")");
}

TEST(Html, WithoutArticleUsesBodyAndDropsFurniture) {
  const HtmlExtract e = extract_html(
      "<html><head><title> Page  title </title></head><body>"
      "<header><h1>Site</h1></header>"
      "<div id=\"main\"><p>First   paragraph<br>second line</p><div>Inline <i>x</i>y <span>z</span></div></div>"
      "<div id=\"sidebar\"><p>Most read</p></div>"
      "<div class=\"ad\">Buy now</div><div class=\"download\">Kept: ad is a whole word only</div>"
      "<div hidden>hidden text</div><p aria-hidden=\"true\">also hidden</p>"
      "<footer>(c)</footer></body></html>");
  EXPECT_EQ(e.text, "First paragraph\nsecond line\nInline xy z\nKept: ad is a whole word only");
  EXPECT_EQ(e.title, "Page title");
  EXPECT_EQ(e.date, "");
  EXPECT_EQ(e.lang, "");
  EXPECT_EQ(e.dropped, (std::vector<std::string>{"header (header)", "div (id=\"sidebar\")", "div (class=\"ad\")",
                                                 "div (hidden)", "p (aria-hidden)", "footer (footer)"}));
}

TEST(Html, ArticleBodyWinsAndTitleFallsBackToH1) {
  const HtmlExtract e = extract_html(
      "<body><h1>Headline</h1><div itemprop=\"articleBody\"><p>Body text.</p></div>"
      "<p>Outside.</p><span itemprop=\"datePublished\" content=\"2023-05-01\">May 1</span></body>");
  EXPECT_EQ(e.text, "Body text.");
  EXPECT_EQ(e.title, "Headline");
  EXPECT_EQ(e.date, "2023-05-01");
}

TEST(Html, LongestArticleIsChosen) {
  const HtmlExtract e = extract_html(
      "<body><article>Short teaser</article><article><p>The real story is longer than the "
      "teaser.</p></article></body>");
  EXPECT_EQ(e.text, "The real story is longer than the teaser.");
}

TEST(Html, WrapperWithFurnitureClassDoesNotEmptyThePage) {
  const HtmlExtract e = extract_html("<body><div class=\"page has-comments\"><p>Only content.</p></div></body>");
  EXPECT_EQ(e.text, "Only content.");
}

TEST(Html, PreKeepsLineBreaks) {
  const HtmlExtract e = extract_html("<body><pre>line one\nline  two</pre></body>");
  EXPECT_EQ(e.text, "line one\nline two");
}

TEST(Html, DeepButPlausibleNestingIsRead) {
  std::string page = "<body>";
  for (size_t i = 0; i < kMaxHtmlNesting - 10; ++i) page += "<div>";
  page += "deep";
  const HtmlExtract e = extract_html(page);
  EXPECT_EQ(e.text, "deep");
  EXPECT_EQ(e.problem, "");
}

TEST(Html, AbsurdNestingIsRefusedQuickly) {
  std::string page = "<body>";
  for (int i = 0; i < 100000; ++i) page += "<ul><li>";
  const HtmlExtract e = extract_html(page);
  EXPECT_EQ(e.text, "");
  EXPECT_EQ(e.problem, "HTML nests elements too deeply (about 100001 levels, limit 4096)");
}

TEST(Html, ManyParagraphsAndScriptComparisonsAreNotNesting) {
  std::string page = "<body><script>";
  for (int i = 0; i < 6000; ++i) page += "if(i<n&&j<m)";
  page += "</script><!-- <div><div> -->";
  for (int i = 0; i < 6000; ++i) page += "<p>para<br><img src=x>";
  const HtmlExtract e = extract_html(page);
  EXPECT_EQ(e.problem, "");
  EXPECT_EQ(e.text.substr(0, 10), "para\npara\n");
}

// Found by fuzz_html: gumbo turned an overflowing numeric character reference into bytes that
// are not UTF-8.
TEST(Html, OverflowingCharacterReferenceYieldsValidUtf8) {
  const HtmlExtract e = extract_html("<p>a &#xdDDDDDDDDDDDDDDDDDDDDDDDDDDDy b</p><p>&#99999999999; &#xD800; ok</p>");
  EXPECT_EQ(utf8::valid_prefix(e.text), e.text.size());
  EXPECT_NE(e.text.find("ok"), std::string::npos);
}

struct CharsetCase {
  std::string html;
  std::string charset;
};

TEST(Html, SniffsDeclaredCharset) {
  for (const CharsetCase& c : {
           CharsetCase{"<html><head><meta charset=\"windows-1256\">", "windows-1256"},
           CharsetCase{"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-6\">", "iso-8859-6"},
           CharsetCase{"<meta charset=utf-8>", "utf-8"},
           CharsetCase{"<meta content='text/html;charset=windows-1256' http-equiv='content-type'/>", "windows-1256"},
           CharsetCase{"<?xml version=\"1.0\" encoding=\"windows-1256\"?><html>", "windows-1256"},
           CharsetCase{"<html><head><title>no charset</title>", ""},
           CharsetCase{std::string(5000, ' ') + "<meta charset=\"utf-8\">", ""},  // beyond the first 4 KiB
       }) {
    EXPECT_EQ(sniff_html_charset(c.html), c.charset) << c.html;
  }
}

}  // namespace
}  // namespace rasad::io
