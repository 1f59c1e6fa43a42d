#pragma once
// Main-text extraction from HTML with gumbo.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rasad::io {

struct HtmlExtract {
  std::string title;                 // <meta property="og:title">, else <title>, else first <h1>
  std::string text;                  // main text: one block (paragraph, heading, list item) per line
  std::string date;                  // raw publication date, the most specific source first
                                     // (article:published_time, og:published_time, date, pubdate, DC.date.issued,
                                     //  itemprop=datePublished, <time datetime> inside the article)
  std::string url;                   // <link rel=canonical> or og:url
  std::string source;                // og:site_name
  std::string lang;                  // <html lang>, primary subtag
  std::vector<std::string> dropped;  // short descriptions of boilerplate blocks left out
  std::string problem;               // why nothing could be extracted (e.g. absurdly deep nesting), or ""
};

// Pages nesting elements deeper than this are refused: the HTML tree builder spends time
// quadratic in the depth (100,000 nested <div> take half a minute), and no real page is close.
inline constexpr size_t kMaxHtmlNesting = 4096;

// Leaves out script, style, noscript, template, iframe, form, nav, header, footer, aside,
// and elements whose id/class names say comments, share, social, related, menu, breadcrumb,
// captcha, tags, advert... When an <article> or [itemprop=articleBody] exists, only it is used.
HtmlExtract extract_html(std::string_view utf8_html);

// The charset an HTML page declares in its first 4 KiB (<meta charset> or http-equiv), or "".
std::string sniff_html_charset(std::string_view bytes);

}  // namespace rasad::io
