#pragma once
// Turning a document into what the store keeps (store::IngestItem): its content hash, the text
// layer's analysis and the coder's events, the normalized title and text for full-text search and
// the near-duplicate sketch. `rasad ingest`, POST /api/documents and `rasad worker` all prepare
// documents here, so the three store the same thing for the same input.
#include <memory>
#include <string>

#include "code/coder.h"
#include "core/document.h"
#include "core/result.h"
#include "ingest/options.h"
#include "store/store.h"
#include "text/pipeline.h"

namespace rasad::ingest {

// Immutable once made; shared by the coding threads, each with its own TextPipeline.
class Preparer {
 public:
  // Fails when the options are not valid (a --date that is not a day).
  static Result<std::unique_ptr<Preparer>> create(std::shared_ptr<const code::CodingResources> resources,
                                                  const Options& options);

  // The hash prepare() stores: compare it with the stored one to skip an unchanged document
  // without coding it.
  std::string content_hash(const Document& doc) const;
  // `forms` (optional): the calling thread's analysed word forms, kept across its documents
  // (code::EventCoder::code); the item is the same with or without.
  store::IngestItem prepare(Document doc, text::TextPipeline& pipeline, kb::UnitForms* forms = nullptr) const;
  std::unique_ptr<text::TextPipeline> pipeline() const;
  const code::CodingResources& resources() const { return *resources_; }

 private:
  Preparer(std::shared_ptr<const code::CodingResources> r, text::AnalyzeOptions a, std::string hash_options);

  std::shared_ptr<const code::CodingResources> resources_;
  code::EventCoder coder_;
  text::AnalyzeOptions analysis_;
  std::string hash_options_;
};

}  // namespace rasad::ingest
