#pragma once
// Locating the knowledge files under data/.
#include <string>

namespace rasad {

// The data directory: `explicit_dir` when non-empty, else $RASAD_DATA, else `data/` beside the
// executable's parent (an installed tree), else the source tree's data/ known at build time.
std::string resolve_data_dir(const std::string& explicit_dir);

}  // namespace rasad
