#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

const std::string kScenario = test::summit_scenario("cli-sim", "CLI simulation", 12);

std::string scenario_file() {
  auto dir = test::temp_dir("simcli");
  test::write_text(dir / "s.toml", kScenario);
  return (dir / "s.toml").string();
}

TEST(SimulateCli, ProbabilitiesPerVariant) {
  auto r = test::run_cli({"simulate", scenario_file(), "--all-variants", "--runs", "4000", "--seed",
                          "3", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["variants"].size(), 2u);
  EXPECT_EQ(j["variants"][0]["variant"], "baseline");
  double p = j["variants"][0]["outcomes"][0]["probability"];
  EXPECT_NEAR(p, 0.7, 0.03);
  auto ci = j["variants"][0]["outcomes"][0]["ci95"];
  EXPECT_LT(ci[0].get<double>(), p);
  EXPECT_GT(ci[1].get<double>(), p);
  EXPECT_EQ(j["variants"][1]["outcomes"][0]["probability"], 0.0);
  EXPECT_EQ(j["variants"][0]["months"].size(), 12u);
}

TEST(SimulateCli, SameOutputForOneAndTwoThreads) {
  std::string f = scenario_file();
  auto a = test::run_cli({"simulate", f, "--all-variants", "--runs", "999", "--seed", "5",
                          "--format", "json", "--threads", "1"});
  auto b = test::run_cli({"simulate", f, "--all-variants", "--runs", "999", "--seed", "5",
                          "--format", "json", "--threads", "2"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

TEST(SimulateCli, SameOutputForOneAndTwoMpiRanks) {
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  std::string f = scenario_file();
  auto single = test::run_cli(
      {"simulate", f, "--all-variants", "--runs", "1001", "--seed", "9", "--format", "json"});
  auto args = test::mpirun_args(2);
  args.insert(args.end(), {"simulate", f, "--all-variants", "--runs", "1001", "--seed", "9",
                           "--format", "json"});
  auto ranks = test::run_program("mpirun", args);
  ASSERT_EQ(single.exit_code, 0) << single.err;
  ASSERT_EQ(ranks.exit_code, 0) << ranks.err;
  EXPECT_EQ(single.out, ranks.out);
}

TEST(SimulateCli, UnknownVariantIsABadInput) {
  auto r = test::run_cli({"simulate", scenario_file(), "--variant", "nope"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unknown variant 'nope' (the scenario has: baseline, off)"),
            std::string::npos)
      << r.err;
}

// DETENTE_SIMD picks the kernels' instruction set; the output does not change with it, and
// a name the processor cannot run is an error rather than silently ignored.
TEST(SimulateCli, InstructionSetChoiceKeepsTheOutputAndRejectsTypos) {
  std::string f = scenario_file();
  const std::vector<std::string> args = {DETENTE_BINARY, "simulate", f,          "--runs", "500",
                                         "--seed",       "3",        "--format", "json"};
  std::vector<std::string> base = {"DETENTE_SIMD=baseline"}, best = {};
  base.insert(base.end(), args.begin(), args.end());
  best.insert(best.end(), args.begin(), args.end());
  auto a = test::run_program("env", base);
  auto b = test::run_program("env", best);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  std::vector<std::string> typo = {"DETENTE_SIMD=AVX2"};
  typo.insert(typo.end(), args.begin(), args.end());
  auto r = test::run_program("env", typo);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("DETENTE_SIMD"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("got 'AVX2'"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(SimulateCli, WritesAtomicallyToAFile) {
  auto dir = test::temp_dir("simout");
  auto r =
      test::run_cli({"simulate", scenario_file(), "--runs", "100", "-o", (dir / "o.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(test::read_text(dir / "o.txt").find("Summit held"), std::string::npos);
}

}  // namespace
}  // namespace detente

namespace detente {
namespace {

// Forecasts written by a run can be scored later against what happened.
TEST(SimulateCli, ForecastsCanBeScored) {
  auto dir = test::temp_dir("sim-score");
  test::write_text(dir / "s.toml", kScenario);
  auto r = test::run_cli({"simulate", (dir / "s.toml").string(), "--all-variants", "--runs", "500",
                          "--forecasts", (dir / "f.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string csv = test::read_text(dir / "f.csv");
  EXPECT_EQ(csv.rfind("variant,question,probability\n", 0), 0u) << csv;
  EXPECT_NE(csv.find("off,held,0\n"), std::string::npos) << csv;
  test::write_text(dir / "res.csv", "question,outcome\nheld,1\n");
  auto s = test::run_cli(
      {"score", (dir / "f.csv").string(), (dir / "res.csv").string(), "--format", "json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NO_THROW((void)nlohmann::json::parse(s.out));
  EXPECT_NE(s.out.find("baseline"), std::string::npos);
  EXPECT_NE(s.out.find("\"off\""), std::string::npos);
}

}  // namespace
}  // namespace detente
