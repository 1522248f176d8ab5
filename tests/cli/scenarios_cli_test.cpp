#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

using test::run_cli;

// `detente scenarios --synthetic N` prints a scenario that validates and simulates; past
// the exact split budget the summary says so and carries a gap, and a bloc_split outcome
// is evaluated at 70 actors (once refused above 62).
TEST(ScenariosCli, SyntheticScenarioSimulatesAtScale) {
  auto r = run_cli({"scenarios", "--synthetic", "70", "--seed", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto dir = test::temp_dir("scenarios_cli");
  const auto file = dir / "synthetic-70.toml";
  test::write_text(file, r.out);
  auto v = run_cli({"validate", file.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  auto s =
      run_cli({"simulate", file.string(), "--runs", "20", "--threads", "2", "--format", "json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const auto j = nlohmann::json::parse(s.out);
  const auto& variant = j["variants"][0];
  EXPECT_EQ(variant["frustration_method"]["exact"], false);
  EXPECT_GE(variant["frustration_method"]["max_gap"].get<double>(), 0.0);
  EXPECT_GT(variant["frustration"][0]["q50"].get<double>(), 0.0);
  bool bloc = false;
  for (const auto& o : variant["outcomes"]) bloc |= o["id"] == "two_camps";
  EXPECT_TRUE(bloc);
}

TEST(ScenariosCli, SyntheticSizeOutOfRangeIsAnInputError) {
  auto r = run_cli({"scenarios", "--synthetic", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("actors"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace detente
