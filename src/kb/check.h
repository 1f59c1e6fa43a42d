#pragma once
// `rasad dict check`: lints the knowledge base after loading it (load problems included).
#include <map>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "kb/kb.h"

namespace rasad::kb {

struct CheckReport {
  std::vector<Diagnostic> diagnostics;  // load problems first, then the checks' findings
  size_t errors = 0, warnings = 0;
  std::map<std::string, size_t> counts;  // "ar country/name" -> forms; "roles" and "people" too
  size_t un_states = 0;                  // entries of un_members.tsv (members and observers)
  std::vector<std::string> un_named_in_all;  // named (name or short) in ar, fa and en
  std::map<std::string, std::vector<std::string>> un_missing;  // lang -> codes without a name
  LoadStats load;                        // of the knowledge base checked
  bool clean() const { return errors == 0; }
};

// Loads data_dir and checks it. A knowledge base that cannot be loaded at all is one error.
CheckReport check_kb(const std::string& data_dir);
// Checks an already loaded knowledge base; `load_problems` are copied into the report.
CheckReport check_kb(const KnowledgeBase& kb, const std::vector<Diagnostic>& load_problems);

}  // namespace rasad::kb
