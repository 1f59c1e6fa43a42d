#pragma once
// What the end-to-end tests of the built binary share: running `rasad`, reading files, and the
// golden-file check (RASAD_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace rasad::test {

namespace fs = std::filesystem;

inline const fs::path kSource = RASAD_SOURCE_DIR;
inline const fs::path kRasad = fs::path(RASAD_BINARY_DIR) / "rasad";
inline const fs::path kSeeds = kSource / ".." / "shared" / "seeds";

struct CliRun {
  int status = -1;
  std::string out, err;
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A shell command line's standard output (and what the line redirects into it) and exit status.
inline CliRun shell(const std::string& cmd) {
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// `rasad ARGS` with standard output and standard error captured.
inline CliRun run(const std::string& args) {
  const fs::path err_file = fs::temp_directory_path() / ("rasad_test_err_" + std::to_string(::getpid()));
  CliRun r = shell(kRasad.string() + " " + args + " 2>" + err_file.string());
  r.err = slurp(err_file);
  fs::remove(err_file);
  return r;
}

inline void check_golden(const fs::path& dir, const std::string& name, const std::string& actual) {
  const fs::path golden = dir / (name + ".txt");
  if (std::getenv("RASAD_UPDATE_GOLDEN")) {
    fs::create_directories(dir);
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " missing: run with RASAD_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(golden), actual) << "golden " << golden << " differs";
}

}  // namespace rasad::test
