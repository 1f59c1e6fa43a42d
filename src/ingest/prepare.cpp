#include "ingest/prepare.h"

#include "store/sketch.h"

namespace rasad::ingest {

Result<std::unique_ptr<Preparer>> Preparer::create(std::shared_ptr<const code::CodingResources> resources,
                                                   const Options& options) {
  auto analysis = options.analysis();
  if (!analysis) return Error{analysis.error()};
  return std::unique_ptr<Preparer>(new Preparer(std::move(resources), std::move(*analysis), options.hash_options()));
}

Preparer::Preparer(std::shared_ptr<const code::CodingResources> r, text::AnalyzeOptions a, std::string hash_options)
    : resources_(std::move(r)), coder_(resources_), analysis_(std::move(a)), hash_options_(std::move(hash_options)) {}

std::string Preparer::content_hash(const Document& doc) const { return store::content_hash(doc, hash_options_); }

std::unique_ptr<text::TextPipeline> Preparer::pipeline() const {
  return std::make_unique<text::TextPipeline>(resources_->text);
}

store::IngestItem Preparer::prepare(Document doc, text::TextPipeline& pipeline, kb::UnitForms* forms) const {
  const text::Normalizer& normalizer = resources_->kb->normalizer();
  store::IngestItem it;
  it.content_hash = content_hash(doc);
  const text::Analysis a = pipeline.analyze(doc, analysis_);
  it.events = coder_.code(doc, a, {}, forms);
  it.lang = a.lang;
  it.date = a.date.value.iso();
  it.source = !doc.source.empty() ? doc.source : a.source;
  it.normalized_title = normalizer.normalize_string(doc.title.empty() ? a.title : doc.title);
  it.normalized_text = normalizer.normalize_string(doc.text);
  it.sketch = store::make_sketch(normalizer.normalize_string(text::kept_text(doc, a)));
  it.doc = std::move(doc);
  return it;
}

}  // namespace rasad::ingest
