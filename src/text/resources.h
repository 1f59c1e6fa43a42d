#pragma once
// Everything the text layer knows, loaded once from data/text and shared read-only across threads.
#include <memory>
#include <string>

#include "core/result.h"
#include "text/boilerplate.h"
#include "text/dates.h"
#include "text/morphology.h"
#include "text/normalize.h"
#include "text/segment.h"
#include "text/url_date.h"

namespace rasad::text {

struct TextResources {
  Normalizer normalizer;
  Morphology morphology;
  SegmentRules segment_rules;
  DateFinder dates;
  Boilerplate boilerplate;
  UrlDateRules url_dates;

  // Loads data_dir/text/{morphology,abbreviations,dates,boilerplate}. Errors name the file and line.
  static Result<std::shared_ptr<const TextResources>> load(const std::string& data_dir);
};

}  // namespace rasad::text
