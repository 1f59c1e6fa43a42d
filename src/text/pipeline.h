#pragma once
// The text layer end to end: Document -> Analysis (language, date, title, source, boilerplate
// removed, sentences with tokens). All spans are byte ranges into Document::text.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "text/dates.h"
#include "text/langid.h"
#include "text/resources.h"
#include "text/segment.h"

namespace rasad::text {

struct RemovedLine {
  Span span;
  std::string reason;
};

struct DocumentDate {
  Date value;                 // precision unknown when there is none
  std::string origin = "none";  // metadata | dateline | url | command-line | text | none
  Span span;                  // where the text gave it (dateline, text); empty otherwise
};

struct AnalyzeOptions {
  std::optional<Date> date;  // --date: the document date when the document gives none of its own
  std::string lang;          // --lang: force a language ("", "auto" = decide)
};

struct Analysis {
  std::string lang;            // the language the document is processed as
  std::string lang_origin;     // forced | metadata | detected
  LanguageGuess detected;      // what CLD2 said of the whole text
  DocumentDate date;
  std::string title;
  std::string source;
  std::vector<Sentence> sentences;
  std::vector<DateMention> dates;  // date expressions in the kept text, resolved where possible
  std::vector<RemovedLine> removed;
  std::vector<std::string> warnings;
};

// The document text with the lines the text layer dropped as boilerplate cut out (each replaced by a
// line break), so that republished copies with other comment prompts or tag lists still look
// alike to the near-duplicate sketch.
std::string kept_text(const Document& doc, const Analysis& a);

// One per thread (owns a Segmenter); the resources are shared.
class TextPipeline {
 public:
  explicit TextPipeline(std::shared_ptr<const TextResources> resources);
  Analysis analyze(const Document& doc, const AnalyzeOptions& options = {});
  const TextResources& resources() const { return *resources_; }

 private:
  std::shared_ptr<const TextResources> resources_;
  Segmenter segmenter_;
};

}  // namespace rasad::text
