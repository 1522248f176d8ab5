// Every malformed example in tests/fixtures/scenarios/ declares on its first line the
// diagnostic it must produce ("# expect: FILE:LINE: field '…': …"); `detente validate`
// must exit 1 and print it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace detente {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> malformed_examples() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(test::source_file("tests/fixtures/scenarios")))
    if (e.path().extension() == ".toml" && e.path().filename() != "valid_minimal.toml")
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(InvalidScenarios, EachExampleExitsOneNamingFileLineAndField) {
  auto files = malformed_examples();
  ASSERT_GE(files.size(), 12u);
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string first;
    std::getline(in, first);
    ASSERT_EQ(first.rfind("# expect: ", 0), 0u) << f;
    std::string expected = first.substr(10);
    auto r = test::run_cli({"validate", f.string()});
    EXPECT_EQ(r.exit_code, 1) << f;
    EXPECT_NE(r.err.find(expected), std::string::npos)
        << f << "\nexpected: " << expected << "\ngot: " << r.err;
    EXPECT_TRUE(r.out.empty()) << f;
  }
}

TEST(InvalidScenarios, ValidMinimalPasses) {
  auto r =
      test::run_cli({"validate", test::source_file("tests/fixtures/scenarios/valid_minimal.toml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(InvalidScenarios, RunWritesNothingOnBadInput) {
  auto dir = test::temp_dir("run-bad");
  auto r = test::run_cli({"run", test::source_file("tests/fixtures/scenarios/unknown_actor.toml"),
                          "--out-dir", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.json"));
  EXPECT_FALSE(fs::exists(dir / "out" / "report.html"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace detente
