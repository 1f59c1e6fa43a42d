#pragma once
// Converting a PETRARCH/TABARI actor dictionary (the format of ../shared/reference/petrarch2/
// Phoenix.*.actors.txt) into a rasad user dictionary: one TSV row per fact, its first column naming
// the data/kb/actors table it belongs to, the rest that table's columns (DATA.md, "User
// dictionaries"). `rasad dict import --format petrarch` writes it; `--dict FILE` loads it.
//
// PETRARCH entries and what they become:
//   NAME_ [CODE]                  a name: `country` row (CODE may be a full actor code, IRNGOV), or
//                                 `organization` row for IGO/NGO/IMG/MNC codes
//   +SYNONYM_                     another form of the entry above; so is a name on the next line
//                                 while the entry has no code yet (YELTSIN / BORIS_YELTSIN_ / [...])
//   NAME_ / <TAB>[CODE 130803-210803]   a person: `person` rows for the name and its synonyms, one
//                                 `role` row per dated code (role `office`; YYMMDD years 00-30 are
//                                 20YY, others 19YY, as in PETRARCH; YYYYMMDD also accepted)
//   [CODE >YYMMDD]                from the date on, end open; [CODE <YYMMDD] (no start) is skipped
//                                 with a warning, as is an undated code in a dated entry
// Lines starting with # or <, and text after #, are comments.
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace rasad::kb {

struct PetrarchImport {
  std::vector<std::string> rows;  // TSV lines without the newline, in input order
  size_t entries = 0, people = 0, roles = 0, names = 0;
};

// Converts `content`, read from `path` (named in diagnostics as path:line). Problems (a code line
// before any entry, an unclosed or empty bracket, a malformed code or date, an impossible date)
// become Diagnostics; the line is skipped and the rest converted.
PetrarchImport import_petrarch_actors(std::string_view content, const std::string& path,
                                      std::vector<Diagnostic>& problems);

// The header comment a user dictionary file starts with.
std::string user_dictionary_header(const std::string& source);

}  // namespace rasad::kb
