#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

using test::run_cli;

TEST(LandscapeCli, SyriaJson) {
  auto a = test::data_file("alignment/landscape_syria2016/Actor_data.csv");
  auto p = test::data_file("alignment/landscape_syria2016/Pairwise_propensity_Feb_20.csv");
  if (!a || !p) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"landscape", *a, *p, "--offset", "3", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["minima"].size(), 1u);
  const auto& m = j["minima"][0];
  EXPECT_EQ(m["energy"], -83200);
  EXPECT_EQ(m["partition"]["Turkey"], m["partition"]["ISIS"]);
  EXPECT_NE(m["partition"]["US"], m["partition"]["ISIS"]);
  EXPECT_EQ(m["frustration"]["ISIS"], -38000);
  EXPECT_EQ(m["basin"], 1024);
}

TEST(LandscapeCli, MissingFileExitsOne) {
  auto r = run_cli({"landscape", "/nonexistent/a.csv", "/nonexistent/p.csv"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/a.csv"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace detente
