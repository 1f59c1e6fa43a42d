#pragma once
// What decides the coding of a document besides the document itself: the --date and --lang of
// `rasad ingest` (defaults for POST /api/documents and `rasad worker`). One place turns them into
// the text layer's options and into the part of the content hash they contribute, so that every
// way in recognizes the documents another way stored as unchanged.
#include <string>

#include "core/result.h"
#include "text/pipeline.h"

namespace rasad::ingest {

struct Options {
  std::string date;           // YYYY-MM-DD for documents that give none; "" none
  std::string lang = "auto";  // auto, ar, fa or en

  // The text layer's options; an error naming --date when it is not a day, --lang when it is not
  // one of the four.
  Result<text::AnalyzeOptions> analysis() const;
  // Hashed with every document (store::content_hash).
  std::string hash_options() const { return "date=" + date + ";lang=" + lang; }
  friend bool operator==(const Options&, const Options&) = default;
};

}  // namespace rasad::ingest
