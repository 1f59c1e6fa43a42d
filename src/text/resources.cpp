#include "text/resources.h"

#include <fstream>

namespace rasad::text {

namespace {

Result<SegmentRules> load_segment_rules(const std::string& dir) {
  SegmentRules rules;
  const std::string path = dir + "/abbreviations/en.txt";
  std::ifstream in(path);
  if (!in) return Error{path + ": cannot read"};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    rules.abbreviations_en.push_back(line);
  }
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
  return std::shared_ptr<const TextResources>(new TextResources{
      normalizer, Morphology(std::move(ar).value(), std::move(fa).value()), std::move(seg).value(),
      DateFinder(std::move(lexicon).value()), std::move(boilerplate).value()});
}

}  // namespace rasad::text
