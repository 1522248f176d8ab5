// `detente bargain`: formats, models, options, errors and exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

using test::run_cli;

TEST(BargainCli, EumJsonHasTheDocumentedShape) {
  auto path = test::data_file("bargaining/eum/eu_emissions_bdm1994.csv");
  if (!path) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"bargain", *path, "--model", "eum", "--rounds", "8", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["model"], "eum");
  EXPECT_EQ(j["options"]["q"], 1.0);
  ASSERT_EQ(j["issues"].size(), 1u);
  const auto& is = j["issues"][0];
  ASSERT_EQ(is["rounds"].size(), 9u);  // round 0 is the input
  EXPECT_EQ(is["rounds"][0]["round"], 0);
  EXPECT_DOUBLE_EQ(is["rounds"][0]["median"].get<double>(), 7.0);
  EXPECT_NEAR(is["rounds"][0]["mean"].get<double>(), 7.39, 0.005);
  EXPECT_DOUBLE_EQ(is["rounds"][0]["positions"]["Netherlands"].get<double>(), 4.0);
  EXPECT_NEAR(is["rounds"][8]["median"].get<double>(), 9.6, 0.3);
  EXPECT_DOUBLE_EQ(is["forecast"].get<double>(), is["rounds"][8]["median"].get<double>());
}

TEST(BargainCli, AllModelsSideBySide) {
  auto path = test::data_file("bargaining/ktab/SOE-Pol-Comp.csv");
  if (!path) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"bargain", *path, "--model", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* m :
       {"mean", "median", "nash", "eum", "smp", "exchange", "Policy", "Competitive"})
    EXPECT_NE(r.out.find(m), std::string::npos) << m << "\n" << r.out;
  auto c = run_cli({"bargain", *path, "--model", "all", "--format", "csv"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("issue,mean,median,nash,eum,smp,exchange\n", 0), 0u) << c.out;
}

TEST(BargainCli, IssueSelectionAndOptions) {
  auto path = test::data_file("bargaining/ktab/SOE-Pol-Comp.csv");
  if (!path) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"bargain", *path, "--model", "smp", "--issue", "Policy", "--option",
                    "VotingRule=PropCbc", "--seed", "3", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["issues"].size(), 1u);
  EXPECT_EQ(j["issues"][0]["issue"], "Policy");
  EXPECT_EQ(j["options"]["VotingRule"], "PropCbc");
  EXPECT_EQ(j["options"]["prngSeed"], 3);
  auto bad = run_cli({"bargain", *path, "--model", "smp", "--issue", "Nope"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--issue"), std::string::npos) << bad.err;
  auto opt = run_cli({"bargain", *path, "--model", "eum", "--option", "qq=1"});
  EXPECT_EQ(opt.exit_code, 1);
  EXPECT_NE(opt.err.find("qq"), std::string::npos) << opt.err;
  auto all = run_cli({"bargain", *path, "--model", "all", "--option", "q=0.5"});
  EXPECT_EQ(all.exit_code, 1);
  auto qualified = run_cli({"bargain", *path, "--model", "all", "--option", "eum.q=0.5"});
  EXPECT_EQ(qualified.exit_code, 0) << qualified.err;
  // Each --option takes one value, so INPUT may follow it; options repeat.
  auto order = run_cli({"bargain", "--option", "q=0.5", *path, "--model", "eum", "-O", "rounds=2",
                        "--format", "json"});
  ASSERT_EQ(order.exit_code, 0) << order.err;
  auto j2 = nlohmann::json::parse(order.out);
  EXPECT_EQ(j2["options"]["q"], 0.5);
  EXPECT_EQ(j2["issues"][0]["rounds"].size(), 3u);
}

TEST(BargainCli, MalformedDecideFileExitsOneWithLocation) {
  auto path = test::data_file("bargaining/exchange/decide_copenhagen_with_errors.csv");
  if (!path) GTEST_SKIP() << test::missing_data_message();
  auto dir = test::temp_dir("bargain-cli");
  auto out = dir / "out.json";
  auto r = run_cli(
      {"bargain", *path, "--model", "exchange", "--format", "json", "--output", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("decide_copenhagen_with_errors.csv:86: field 'position'"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));  // no partial output
}

TEST(BargainCli, ExchangeCsvAndOutputFile) {
  auto path = test::data_file("bargaining/exchange/decide_cop21.csv");
  if (!path) GTEST_SKIP() << test::missing_data_message();
  auto dir = test::temp_dir("bargain-cli-csv");
  auto out = dir / "ex.csv";
  auto r =
      run_cli({"bargain", *path, "--model", "exchange", "--format", "csv", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto text = test::read_text(out);
  EXPECT_EQ(text.rfind("model,issue,round,median,mean,forecast,African_grp", 0), 0u) << text;
}

TEST(BargainCli, BuiltinScenarioAndBadInputs) {
  auto r = run_cli({"bargain", "northeast-asia-2024", "--model", "all"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto smp = run_cli({"bargain", "northeast-asia-2024", "--model", "smp", "--format", "json"});
  ASSERT_EQ(smp.exit_code, 0) << smp.err;
  EXPECT_EQ(nlohmann::json::parse(smp.out)["options"]["dimensions"], "separate");
  EXPECT_EQ(run_cli({"bargain", "/nonexistent.csv"}).exit_code, 1);
  EXPECT_EQ(run_cli({"bargain", "northeast-asia-2024", "--model", "oracle"}).exit_code, 1);
  auto dir = test::temp_dir("bargain-cli-bad");
  test::write_text(dir / "bad.csv", "Actor,Capability,Position,Salience\nA,1,x,0.5\nB,1,3,0.5\n");
  auto bad = run_cli({"bargain", (dir / "bad.csv").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.csv:2: field 'position'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace detente
