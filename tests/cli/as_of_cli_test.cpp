// `detente validate` checks the as-of discipline: the built-in case passes against its own
// as_of, and fails against an earlier date with file, line and field.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace detente {
namespace {

TEST(AsOfCli, BuiltInCasePassesItsOwnAsOf) {
  auto r = test::run_cli({"validate", "northeast-asia-2024"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(AsOfCli, AnEarlierDateTurnsLaterFactsIntoErrors) {
  // Camp David (18 Aug 2023) is a fact on 1 May 2024 but not on 1 June 2023.
  auto r = test::run_cli({"validate", "--as-of", "2023-06-01", "northeast-asia-2024"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("2023-08-18 is after as_of 2023-06-01"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("<builtin:northeast-asia-2024>:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(".since'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("has status 'held'"), std::string::npos) << r.err;
}

TEST(AsOfCli, BadDateIsAnInputError) {
  auto r = test::run_cli({"validate", "--as-of", "2023-02-30", "northeast-asia-2024"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--as-of"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace detente
