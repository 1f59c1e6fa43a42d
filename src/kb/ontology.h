#pragma once
// CAMEO event codes with Goldstein scores and quad classes, and the CAMEO -> PLOVER 2021 mapping,
// loaded from data/kb/ontology/{cameo,plover}.tsv.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace rasad::kb {

struct CameoCode {
  std::string code;         // "041"
  std::string name;
  std::string root;         // "04"
  int quad_class = 0;       // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0.0;
  std::string plover;       // "" where PLOVER 2021 has no type for the code
  std::string plover_mode;
};

struct PloverType {
  std::string type;
  std::vector<std::string> modes;
  std::string quad;
  std::string definition;
};

class Ontology {
 public:
  // Loads the two files; problems (malformed lines, bad numbers, unknown PLOVER types) are appended
  // to `problems`; a file that cannot be read leaves the ontology empty of its part.
  static Ontology load(const std::string& data_dir, std::vector<Diagnostic>& problems);

  const CameoCode* cameo(std::string_view code) const;
  const PloverType* plover(std::string_view type) const;
  const std::map<std::string, CameoCode, std::less<>>& cameo_codes() const { return cameo_; }
  const std::map<std::string, PloverType, std::less<>>& plover_types() const { return plover_; }

 private:
  std::map<std::string, CameoCode, std::less<>> cameo_;
  std::map<std::string, PloverType, std::less<>> plover_;
};

}  // namespace rasad::kb
