#include "io/html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <string>
#include <utility>

#include "core/utf8.h"
#include "io/encoding.h"

namespace rasad::io {

namespace {

// --- small string helpers -------------------------------------------------------------------

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Length of the whitespace character at s[i] (ASCII whitespace or U+00A0), 0 when none.
size_t whitespace_at(std::string_view s, size_t i) {
  if (is_ascii_space(s[i])) return 1;
  if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
  return 0;
}

// Collapses runs of whitespace to one space and trims both ends.
std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    if (const size_t w = whitespace_at(s, i)) {
      space = !out.empty();
      i += w;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(s[i++]);
  }
  return out;
}

// --- gumbo access ---------------------------------------------------------------------------

struct OutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }

std::string_view attr(const GumboNode* n, const char* name) {
  if (!is_element(n)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

const GumboVector& children(const GumboNode* n) {
  static const GumboVector empty{nullptr, 0, 0};
  if (n->type == GUMBO_NODE_DOCUMENT) return n->v.document.children;
  if (is_element(n)) return n->v.element.children;
  return empty;
}

const GumboNode* child(const GumboNode* n, unsigned i) { return static_cast<const GumboNode*>(children(n).data[i]); }

bool is_text(const GumboNode* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE;
}

// Visits the subtree under `root` in document order without recursion (pages nest deeply).
// `enter` returns false to skip an element's children; `leave` runs after them.
template <class Enter, class Leave>
void walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  std::vector<Frame> stack;
  if (!enter(root)) return;
  stack.push_back({root, 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next >= children(top.node).length) {
      const GumboNode* done = top.node;
      stack.pop_back();
      leave(done);
      continue;
    }
    const GumboNode* c = child(top.node, top.next++);
    if (enter(c)) stack.push_back({c, 0});
  }
}

// All text under `n`, whitespace collapsed.
std::string text_of(const GumboNode* n) {
  std::string raw;
  walk(
      n,
      [&](const GumboNode* c) {
        if (is_text(c)) {
          raw += c->v.text.text;
          raw += ' ';
        }
        return is_element(c) || c->type == GUMBO_NODE_DOCUMENT;
      },
      [](const GumboNode*) {});
  return collapse(raw);
}

// --- what to leave out ----------------------------------------------------------------------

const char* skipped_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
      return "script";
    case GUMBO_TAG_STYLE:
      return "style";
    case GUMBO_TAG_NOSCRIPT:
      return "noscript";
    case GUMBO_TAG_TEMPLATE:
      return "template";
    case GUMBO_TAG_IFRAME:
      return "iframe";
    case GUMBO_TAG_FORM:
      return "form";
    case GUMBO_TAG_NAV:
      return "nav";
    case GUMBO_TAG_HEADER:
      return "header";
    case GUMBO_TAG_FOOTER:
      return "footer";
    case GUMBO_TAG_ASIDE:
      return "aside";
    case GUMBO_TAG_BUTTON:
      return "button";
    case GUMBO_TAG_SELECT:
      return "select";
    case GUMBO_TAG_TEXTAREA:
      return "textarea";
    case GUMBO_TAG_SVG:
      return "svg";
    case GUMBO_TAG_MATH:
      return "math";
    case GUMBO_TAG_OBJECT:
      return "object";
    case GUMBO_TAG_EMBED:
      return "embed";
    case GUMBO_TAG_CANVAS:
      return "canvas";
    case GUMBO_TAG_HEAD:
      return "head";
    default:
      return nullptr;
  }
}

// Words in class/id values that mark page furniture, as readability-style extractors use them.
// Substrings match anywhere ("comment-box", "article-comments"); whole tokens match exactly.
constexpr std::array<std::string_view, 20> kBoilerplateSubstrings = {
    "comment",    "share",  "social",    "related", "menu",  "breadcrumb", "captcha", "tags",   "advert", "sidebar",
    "newsletter", "cookie", "subscribe", "sponsor", "promo", "popup",      "taglist", "navbar", "footer", "masthead"};
constexpr std::array<std::string_view, 6> kBoilerplateTokens = {"ad", "ads", "nav", "tag", "banner", "print"};

bool names_boilerplate(std::string_view value) {
  if (value.empty()) return false;
  const std::string lower = lowercase(value);
  for (std::string_view word : kBoilerplateSubstrings) {
    if (lower.find(word) != std::string::npos) return true;
  }
  size_t pos = 0;
  while (pos < lower.size()) {
    while (pos < lower.size() && (is_ascii_space(lower[pos]) || lower[pos] == '-' || lower[pos] == '_')) ++pos;
    size_t end = pos;
    while (end < lower.size() && !is_ascii_space(lower[end]) && lower[end] != '-' && lower[end] != '_') ++end;
    const std::string_view token(lower.data() + pos, end - pos);
    for (std::string_view word : kBoilerplateTokens) {
      if (token == word) return true;
    }
    pos = end;
  }
  return false;
}

// Why an element is left out, or "" to keep it.
std::string skip_reason(const GumboNode* n, bool use_names) {
  if (!is_element(n)) return {};
  if (const char* tag = skipped_tag(n->v.element.tag)) return tag;
  if (gumbo_get_attribute(&n->v.element.attributes, "hidden")) return "hidden";
  if (lowercase(attr(n, "aria-hidden")) == "true") return "aria-hidden";
  const std::string role = lowercase(attr(n, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
      role == "search" || role == "menu" || role == "menubar") {
    return "role=" + role;
  }
  if (use_names) {
    if (names_boilerplate(attr(n, "class"))) return "class=\"" + collapse(attr(n, "class")) + "\"";
    if (names_boilerplate(attr(n, "id"))) return "id=\"" + collapse(attr(n, "id")) + "\"";
  }
  return {};
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// "div#comments", "div.share-box": enough to recognise the block in a report.
std::string describe(const GumboNode* n, const std::string& reason) {
  std::string d = gumbo_normalized_tagname(n->v.element.tag);
  if (d.empty()) {
    const GumboStringPiece& original = n->v.element.original_tag;
    d = "element";
    if (original.data && original.length > 1) {
      d.assign(original.data + 1, std::min<size_t>(original.length - 1, 20));
      d.erase(std::find_if(d.begin(), d.end(), [](char c) { return is_ascii_space(c) || c == '>' || c == '/'; }),
              d.end());
    }
  }
  return d + " (" + reason + ")";
}

// --- main text ------------------------------------------------------------------------------

struct LineBuilder {
  std::vector<std::string> lines;
  std::string current;
  bool space = false;
  int preformatted = 0;

  void add(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      if (preformatted > 0 && s[i] == '\n') {
        end_line();
        ++i;
        continue;
      }
      if (const size_t w = whitespace_at(s, i)) {
        space = !current.empty();
        i += w;
        continue;
      }
      if (space) current.push_back(' ');
      space = false;
      current.push_back(s[i++]);
    }
  }
  void end_line() {
    if (!current.empty()) lines.push_back(std::move(current));
    current.clear();
    space = false;
  }
};

constexpr size_t kMaxDropped = 100;

struct MainText {
  std::string text;
  std::vector<std::string> dropped;
};

MainText extract_main_text(const GumboNode* root, bool use_names) {
  LineBuilder builder;
  MainText out;
  walk(
      root,
      [&](const GumboNode* n) {
        if (is_text(n)) {
          builder.add(n->v.text.text);
          return false;
        }
        if (!is_element(n)) return false;
        if (n != root) {
          const std::string reason = skip_reason(n, use_names);
          if (!reason.empty()) {
            const GumboTag tag = n->v.element.tag;
            const bool invisible = tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
                                   tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD;
            if (!invisible && out.dropped.size() < kMaxDropped && !text_of(n).empty()) {
              out.dropped.push_back(describe(n, reason));
            }
            return false;
          }
        }
        const GumboTag tag = n->v.element.tag;
        if (is_block(tag)) builder.end_line();
        if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TEXTAREA) ++builder.preformatted;
        return true;
      },
      [&](const GumboNode* n) {
        if (!is_element(n)) return;
        const GumboTag tag = n->v.element.tag;
        if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TEXTAREA) --builder.preformatted;
        if (is_block(tag)) builder.end_line();
      });
  builder.end_line();
  for (size_t i = 0; i < builder.lines.size(); ++i) {
    if (i) out.text.push_back('\n');
    out.text += builder.lines[i];
  }
  return out;
}

// --- metadata -------------------------------------------------------------------------------

// Publication-date meta keys, most specific first.
constexpr std::array<std::string_view, 16> kDateKeys = {
    "article:published_time", "og:published_time", "datepublished",     "pubdate", "publishdate", "publish-date",
    "publish_date",           "dc.date.issued",    "dcterms.issued",    "date",    "dc.date",     "dcterms.date",
    "sailthru.date",          "parsely-pub-date",  "article.published", "created"};

struct Metadata {
  std::vector<std::pair<std::string, std::string>> metas;  // lowercased key, content (first wins)
  std::string title_tag;
  std::string first_h1;
  std::string canonical;
  std::string lang;
  std::vector<const GumboNode*> articles;
  std::vector<const GumboNode*> article_bodies;
  const GumboNode* body = nullptr;

  const std::string* meta(std::string_view key) const {
    for (const auto& [k, v] : metas) {
      if (k == key && !v.empty()) return &v;
    }
    return nullptr;
  }
};

bool has_token(std::string_view value, std::string_view token) {
  const std::string lower = lowercase(value);
  const std::string want = lowercase(token);
  size_t pos = 0;
  while ((pos = lower.find(want, pos)) != std::string::npos) {
    const bool start_ok = pos == 0 || is_ascii_space(lower[pos - 1]);
    const size_t end = pos + want.size();
    if (start_ok && (end == lower.size() || is_ascii_space(lower[end]))) return true;
    pos = end;
  }
  return false;
}

Metadata collect_metadata(const GumboNode* document) {
  Metadata m;
  walk(
      document,
      [&](const GumboNode* n) {
        if (n->type == GUMBO_NODE_DOCUMENT) return true;
        if (!is_element(n)) return false;
        switch (n->v.element.tag) {
          case GUMBO_TAG_HTML:
            if (m.lang.empty()) {
              std::string lang = lowercase(collapse(attr(n, "lang")));
              m.lang = lang.substr(0, lang.find_first_of("-_"));
            }
            break;
          case GUMBO_TAG_BODY:
            if (!m.body) m.body = n;
            break;
          case GUMBO_TAG_TITLE:
            if (m.title_tag.empty()) m.title_tag = text_of(n);
            return false;
          case GUMBO_TAG_H1:
            if (m.first_h1.empty()) m.first_h1 = text_of(n);
            break;
          case GUMBO_TAG_LINK:
            if (m.canonical.empty() && has_token(attr(n, "rel"), "canonical")) m.canonical = collapse(attr(n, "href"));
            break;
          case GUMBO_TAG_META: {
            const std::string_view content = attr(n, "content");
            for (const char* key_attr : {"property", "name", "itemprop", "http-equiv"}) {
              const std::string_view key = attr(n, key_attr);
              if (!key.empty()) m.metas.emplace_back(lowercase(collapse(key)), collapse(content));
            }
            break;
          }
          case GUMBO_TAG_ARTICLE:
            m.articles.push_back(n);
            break;
          case GUMBO_TAG_SCRIPT:
          case GUMBO_TAG_STYLE:
          case GUMBO_TAG_TEMPLATE:
            return false;
          default:
            break;
        }
        const std::string_view itemprop = attr(n, "itemprop");
        if (!itemprop.empty()) {
          if (has_token(itemprop, "articleBody")) m.article_bodies.push_back(n);
          if (has_token(itemprop, "datePublished") && n->v.element.tag != GUMBO_TAG_META) {
            std::string_view value = attr(n, "datetime");
            if (value.empty()) value = attr(n, "content");
            m.metas.emplace_back("datepublished", value.empty() ? text_of(n) : collapse(value));
          }
        }
        return true;
      },
      [](const GumboNode*) {});
  return m;
}

std::string first_time_datetime(const GumboNode* root) {
  std::string found;
  walk(
      root,
      [&](const GumboNode* n) {
        if (!found.empty() || !(is_element(n) || n->type == GUMBO_NODE_DOCUMENT)) return false;
        if (is_element(n) && n->v.element.tag == GUMBO_TAG_TIME) found = collapse(attr(n, "datetime"));
        return found.empty();
      },
      [](const GumboNode*) {});
  return found;
}

// An upper estimate of how deeply the page nests elements, found without parsing: open tags
// minus close tags, ignoring void elements and those a sibling closes implicitly (<p>, <li>...),
// and skipping comments and the raw text of <script>/<style>, where '<' is not markup.
size_t estimated_nesting(std::string_view html) {
  const std::string lower = lowercase(html);
  size_t depth = 0;
  size_t deepest = 0;
  size_t i = 0;
  while ((i = lower.find('<', i)) != std::string::npos) {
    ++i;
    if (i >= lower.size()) break;
    if (lower[i] == '/') {
      if (depth > 0) --depth;
      continue;
    }
    if (lower.compare(i, 3, "!--") == 0) {
      i = lower.find("-->", i);
      if (i == std::string::npos) break;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(lower[i]))) continue;
    size_t end = i;
    while (end < lower.size() && std::isalnum(static_cast<unsigned char>(lower[end]))) ++end;
    const std::string_view name(lower.data() + i, end - i);
    i = end;
    if (name == "script" || name == "style" || name == "textarea" || name == "title" || name == "xmp") {
      i = lower.find("</" + std::string(name), i);
      if (i == std::string::npos) break;
      continue;
    }
    static constexpr std::array<std::string_view, 24> kNotNesting = {
        "area",  "base", "br", "col", "embed", "hr", "img",    "input", "link", "meta", "param",  "source",
        "track", "wbr",  "p",  "li",  "dt",    "dd", "option", "tr",    "td",   "th",   "keygen", "frame"};
    if (std::find(kNotNesting.begin(), kNotNesting.end(), name) != kNotNesting.end()) continue;
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

}  // namespace

HtmlExtract extract_html(std::string_view utf8_html) {
  HtmlExtract out;
  if (const size_t depth = estimated_nesting(utf8_html); depth > kMaxHtmlNesting) {
    out.problem = "HTML nests elements too deeply (about " + std::to_string(depth) + " levels, limit " +
                  std::to_string(kMaxHtmlNesting) + ")";
    return out;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are normal on the web; do not spend memory recording them
  std::unique_ptr<GumboOutput, OutputDeleter> parsed(
      gumbo_parse_with_options(&options, utf8_html.data(), utf8_html.size()));
  if (!parsed) return out;
  const Metadata meta = collect_metadata(parsed->document);

  // The main-text root: an explicit article body, else the <article> holding the most text,
  // else <body>.
  const GumboNode* root = nullptr;
  if (!meta.article_bodies.empty()) {
    root = meta.article_bodies.front();
  } else if (!meta.articles.empty()) {
    size_t best = 0;
    for (const GumboNode* a : meta.articles) {
      const size_t len = text_of(a).size();
      if (!root || len > best) {
        root = a;
        best = len;
      }
    }
  }
  const GumboNode* body = meta.body ? meta.body : parsed->root;
  if (!root) root = body;

  MainText main = extract_main_text(root, true);
  // A page whose wrapper's class happens to contain a furniture word ("has-comments") would
  // lose everything; then trust the structure and ignore class/id names.
  if (main.text.empty()) main = extract_main_text(root, false);
  if (main.text.empty() && root != body) main = extract_main_text(body, true);
  out.text = std::move(main.text);
  out.dropped = std::move(main.dropped);

  if (const std::string* t = meta.meta("og:title")) {
    out.title = *t;
  } else if (!meta.title_tag.empty()) {
    out.title = meta.title_tag;
  } else {
    out.title = meta.first_h1;
  }
  for (std::string_view key : kDateKeys) {
    if (const std::string* d = meta.meta(key)) {
      out.date = *d;
      break;
    }
  }
  if (out.date.empty()) out.date = first_time_datetime(root);
  out.url = meta.canonical;
  if (out.url.empty()) {
    if (const std::string* u = meta.meta("og:url")) out.url = *u;
  }
  if (const std::string* s = meta.meta("og:site_name")) out.source = *s;
  out.lang = meta.lang;
  // gumbo can emit ill-formed UTF-8 for an overflowing numeric reference such as
  // "&#xdDDDDDDDDD;" (found by fuzz_html); nothing downstream should see it.
  for (std::string* field : {&out.title, &out.text, &out.date, &out.url, &out.source, &out.lang}) {
    if (!utf8::is_valid(*field)) *field = replace_invalid_utf8(*field).text;
  }
  for (std::string& d : out.dropped) {
    if (!utf8::is_valid(d)) d = replace_invalid_utf8(d).text;
  }
  return out;
}

std::string sniff_html_charset(std::string_view bytes) {
  const std::string head = lowercase(bytes.substr(0, 4096));
  auto value_after = [&](size_t pos, size_t limit) -> std::string {
    while (pos < limit && is_ascii_space(head[pos])) ++pos;
    if (pos >= limit || head[pos] != '=') return {};
    ++pos;
    while (pos < limit && is_ascii_space(head[pos])) ++pos;
    if (pos < limit && (head[pos] == '"' || head[pos] == '\'')) ++pos;
    const size_t start = pos;
    while (pos < limit && head[pos] != '"' && head[pos] != '\'' && head[pos] != ';' && head[pos] != '>' &&
           head[pos] != '/' && !is_ascii_space(head[pos])) {
      ++pos;
    }
    return head.substr(start, pos - start);
  };
  // <?xml ... encoding="..."?> at the very start of XHTML.
  if (head.rfind("<?xml", 0) == 0) {
    const size_t end = head.find("?>");
    const size_t enc = head.find("encoding", 0);
    if (enc != std::string::npos && enc < end) {
      std::string v = value_after(enc + 8, end == std::string::npos ? head.size() : end);
      if (!v.empty()) return v;
    }
  }
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const size_t end = std::min(head.find('>', pos), head.size());
    size_t cs = pos;
    while ((cs = head.find("charset", cs)) != std::string::npos && cs < end) {
      std::string v = value_after(cs + 7, end);
      if (!v.empty()) return v;
      cs += 7;
    }
    pos = end;
  }
  return {};
}

}  // namespace rasad::io
