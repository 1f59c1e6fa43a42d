#include "ingest/options.h"

#include "text/dates.h"

namespace rasad::ingest {

Result<text::AnalyzeOptions> Options::analysis() const {
  if (lang != "auto" && lang != "ar" && lang != "fa" && lang != "en")
    return Error{"--lang wants auto, ar, fa or en, got '" + lang + "'"};
  text::AnalyzeOptions a;
  a.lang = lang;
  if (!date.empty()) {
    a.date = text::parse_metadata_date(date);
    if (!a.date || a.date->precision != text::DatePrecision::day) return Error{"--date wants YYYY-MM-DD, got '" + date + "'"};
  }
  return a;
}

}  // namespace rasad::ingest
