#pragma once
// The TSV reader moved to core (every stage's data files use it); kept here for kb code.
#include "core/tsv.h"

namespace rasad::kb {
using rasad::read_tsv;
using rasad::TsvRow;
}  // namespace rasad::kb
