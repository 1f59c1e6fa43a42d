#include "core/paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace rasad {

std::string resolve_data_dir(const std::string& explicit_dir) {
  namespace fs = std::filesystem;
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("RASAD_DATA"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path().parent_path() / "data", exe.parent_path().parent_path() / "share/rasad/data"}) {
      if (fs::is_directory(candidate / "text", ec)) return candidate.string();
    }
  }
  return RASAD_DEFAULT_DATA_DIR;
}

}  // namespace rasad
