// End-to-end golden outputs of `rasad code` through the built binary: the events of the seeds and
// the bundled examples. They pin the coder's behaviour as it is (not as it should be), so that a
// refactoring of src/code/ can be checked byte for byte; an intended change of the rules updates
// them. Golden files: tests/golden/code/<name>.txt; after an intended change regenerate with
//   RASAD_UPDATE_GOLDEN=1 build/tests/test_cli --gtest_filter='CodeGolden*'
// and review the diff like code.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = RASAD_SOURCE_DIR;
const fs::path kRasad = fs::path(RASAD_BINARY_DIR) / "rasad";
const fs::path kSeeds = kSource / ".." / "shared" / "seeds";
const fs::path kGolden = kSource / "tests" / "golden" / "code";

struct CliRun {
  int status = -1;
  std::string out;
};

CliRun run(const std::string& args) {
  const std::string cmd = kRasad.string() + " " + args + " 2>/dev/null";
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

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_golden(const std::string& name, const std::string& actual) {
  const fs::path golden = kGolden / (name + ".txt");
  if (std::getenv("RASAD_UPDATE_GOLDEN")) {
    fs::create_directories(kGolden);
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " missing: run with RASAD_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(golden), actual) << "golden " << golden << " differs";
}

void check_dir(const fs::path& dir, const std::string& prefix) {
  for (const auto& e : fs::directory_iterator(dir)) {
    const CliRun r = run("code --format jsonl '" + e.path().string() + "'");
    ASSERT_EQ(r.status, 0) << e.path();
    check_golden(prefix + e.path().stem().string(), r.out);
  }
}

TEST(CodeGolden, Seeds) { check_dir(kSeeds, "seed_"); }

TEST(CodeGolden, Examples) { check_dir(kSource / "examples", "example_"); }

}  // namespace
