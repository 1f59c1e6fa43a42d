// Fuzzes the coder end to end: a document in, events out, through text::TextPipeline and
// code::EventCoder with the bundled data/ loaded once. Every event's spans (sentence, trigger,
// source, target, location) lie inside the text on UTF-8 boundaries, the sentence span contains the
// trigger, and the trigger and actor texts are what their spans slice. Time per input is bounded
// by the fuzzer's -timeout, not checked here.
//
// Input: a first line "DATE<TAB>LANG<TAB>URL" (the document's metadata, each may be empty), then the
// text. Without a line break the whole input is the text.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "code/coder.h"
#include "core/paths.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

namespace {

struct Loaded {
  std::shared_ptr<const rasad::code::CodingResources> resources;
  rasad::code::EventCoder coder;
  rasad::text::TextPipeline pipeline;
};

Loaded& loaded() {
  static Loaded* l = [] {
    std::vector<rasad::Diagnostic> problems;
    auto r = rasad::code::CodingResources::load(rasad::resolve_data_dir(""), problems);
    if (!r) {
      std::fprintf(stderr, "fuzz_coder: %s\n", r.error().c_str());
      std::abort();
    }
    rasad::code::CodeOptions options;
    options.keep_negated = true;  // negated events too, so their spans get checked
    return new Loaded{*r, rasad::code::EventCoder(*r, options), rasad::text::TextPipeline((*r)->text)};
  }();
  return *l;
}

std::string_view field(std::string_view& line) {
  const size_t tab = line.find('\t');
  const std::string_view f = line.substr(0, tab);
  line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
  return f;
}

}  // namespace

// Loading data/ takes seconds under the sanitizers: done before the first input, so that it does
// not count against -timeout. (The replay main skips this; loaded() is lazy as well.)
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  loaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rasad;
  Loaded& l = loaded();
  const std::string bytes = fuzz::valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  Document doc;
  doc.id = "fuzz";
  doc.format = "text";
  const size_t nl = bytes.find('\n');
  if (nl == std::string::npos) {
    doc.text = bytes;
  } else {
    std::string_view meta = std::string_view(bytes).substr(0, nl);
    doc.date = field(meta);
    doc.lang = field(meta);
    doc.url = field(meta);
    doc.text = bytes.substr(nl + 1);
  }
  const std::string_view body = doc.text;
  const text::Analysis a = l.pipeline.analyze(doc);
  for (const text::Sentence& s : a.sentences) FUZZ_CHECK(fuzz::span_on_boundaries(s.span, body));
  for (const code::Event& e : l.coder.code(doc, a)) {
    FUZZ_CHECK(e.sentence < a.sentences.size());
    FUZZ_CHECK(fuzz::span_on_boundaries(e.sentence_span, body));
    FUZZ_CHECK(fuzz::span_on_boundaries(e.trigger, body));
    FUZZ_CHECK(fuzz::contains(e.sentence_span, e.trigger));
    FUZZ_CHECK(e.trigger.slice(body) == e.trigger_text);
    FUZZ_CHECK(fuzz::span_on_boundaries(e.source.span, body));
    if (!e.source.text.empty()) FUZZ_CHECK(e.source.span.slice(body) == e.source.text);
    if (e.target) {
      FUZZ_CHECK(fuzz::span_on_boundaries(e.target->span, body));
      if (!e.target->text.empty()) FUZZ_CHECK(e.target->span.slice(body) == e.target->text);
    }
    if (e.location) FUZZ_CHECK(fuzz::span_on_boundaries(e.location->span, body));
    FUZZ_CHECK(e.confidence >= 0 && e.confidence <= 1);
  }
  return 0;
}
