#include "text/resources.h"

#include "core/tsv.h"

namespace rasad::text {

namespace {

Result<SegmentRules> load_segment_rules(const std::string& dir) {
  SegmentRules rules;
  auto loaded = load_tsv_strict(dir + "/abbreviations/en.txt", 1, [&](const TsvRow& r) {
    rules.abbreviations_en.emplace_back(r.col(0));
    return std::string();
  });
  if (!loaded) return Error{loaded.error()};
  return rules;
}

}  // namespace

Result<std::shared_ptr<const TextResources>> TextResources::load(const std::string& data_dir) {
  const std::string dir = data_dir + "/text";
  Normalizer normalizer;
  auto ar = load_morph_rules(dir + "/morphology/ar.tsv");
  if (!ar) return Error{ar.error()};
  auto fa = load_morph_rules(dir + "/morphology/fa.tsv");
  if (!fa) return Error{fa.error()};
  auto seg = load_segment_rules(dir);
  if (!seg) return Error{seg.error()};
  auto lexicon = load_date_lexicon(data_dir);
  if (!lexicon) return Error{lexicon.error()};
  auto boilerplate = Boilerplate::load(dir + "/boilerplate", normalizer);
  if (!boilerplate) return Error{boilerplate.error()};
  auto url_dates = load_url_date_rules(data_dir);
  if (!url_dates) return Error{url_dates.error()};
  return std::shared_ptr<const TextResources>(new TextResources{
      normalizer, Morphology(std::move(ar).value(), std::move(fa).value()), std::move(seg).value(),
      DateFinder(std::move(lexicon).value()), std::move(boilerplate).value(),
      std::move(url_dates).value()});
}

}  // namespace rasad::text
