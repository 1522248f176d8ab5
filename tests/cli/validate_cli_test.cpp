#include <gtest/gtest.h>

#include "test_support.hpp"

namespace detente {
namespace {

using test::run_cli;

TEST(ValidateCli, BuiltinScenarioIsValid) {
  auto r = run_cli({"validate", "northeast-asia-2024"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ok"), std::string::npos);
}

TEST(ValidateCli, MissingFileExitsOne) {
  auto r = run_cli({"validate", "/nonexistent/scenario.toml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/scenario.toml"), std::string::npos) << r.err;
}

TEST(ValidateCli, UnknownSubcommandExitsOne) {
  auto r = run_cli({"frobnicate"});
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace detente
