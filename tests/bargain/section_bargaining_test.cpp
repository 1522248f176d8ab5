// The bargaining report section on a small scenario.
#include "report/section_bargaining.hpp"

#include <gtest/gtest.h>

#include "bargain/weighted_mean.hpp"
#include "io/scenario_toml.hpp"

namespace detente {
namespace {

const char* kScenario = R"(
[scenario]
id = "toy"
name = "Toy"
[[actor]]
id = "AAA"
name = "Alphaland"
capability = 0.5
[[actor]]
id = "BBB"
name = "Betaland"
capability = 0.3
[[actor]]
id = "CCC"
name = "Gammaland"
capability = 0.2
[[actor]]
id = "DDD"
name = "Deltaland"
capability = 0.1
[[issue]]
id = "summit"
name = "Holding the summit"
low = "never"
high = "this year"
status_quo = 20
[[issue]]
id = "trade"
name = "Trade & deal"
low = "none"
high = "full"
[[position]]
actor = "AAA"
issue = "summit"
position = 80
salience = 0.6
[[position]]
actor = "BBB"
issue = "summit"
position = 60
salience = 0.5
[[position]]
actor = "CCC"
issue = "summit"
position = 10
salience = 0.9
[[position]]
actor = "DDD"
issue = "summit"
position = 30
salience = 0.4
[[position]]
actor = "AAA"
issue = "trade"
position = 30
salience = 0.3
[[position]]
actor = "BBB"
issue = "trade"
position = 90
salience = 0.8
[[position]]
actor = "CCC"
issue = "trade"
position = 50
salience = 0.4
)";

TEST(SectionBargaining, EveryModelEveryIssueWithBaseline) {
  Scenario s = io::read_scenario(kScenario, "toy.toml");
  report::Section sec = report::build_bargaining_section(s, report::RunOptions{});
  EXPECT_EQ(sec.id, "bargaining");
  for (const char* m : {"mean", "median", "nash", "eum", "smp", "exchange", "summit", "trade"})
    EXPECT_NE(sec.text.find(m), std::string::npos) << m << "\n" << sec.text;
  EXPECT_EQ(sec.text.find("n/a"), std::string::npos) << sec.text;
  ASSERT_EQ(sec.json["issues"].size(), 2u);
  const auto& summit = sec.json["issues"][0];
  EXPECT_EQ(summit["issue"], "summit");
  auto p = bargain::from_scenario(s);
  EXPECT_DOUBLE_EQ(summit["forecasts"]["mean"].get<double>(), bargain::weighted_mean(p, 0));
  EXPECT_DOUBLE_EQ(summit["difference_from_baseline"]["mean"].get<double>(), 0.0);
  for (const char* m : {"median", "nash", "eum", "smp", "exchange"}) {
    ASSERT_TRUE(summit["forecasts"][m].is_number()) << m;
    EXPECT_GE(summit["forecasts"][m].get<double>(), 10 - 1e-9) << m;
    EXPECT_LE(summit["forecasts"][m].get<double>(), 80 + 1e-9) << m;
  }
  EXPECT_GE(summit["trajectories"]["eum"].size(), 2u);
  EXPECT_GE(summit["trajectories"]["smp"].size(), 2u);
  // Same seed, same section.
  EXPECT_EQ(report::build_bargaining_section(s, report::RunOptions{}).json, sec.json);
  report::RunOptions two;
  two.threads = 2;
  EXPECT_EQ(report::build_bargaining_section(s, two).json, sec.json);
}

TEST(SectionBargaining, ScenarioWithoutIssues) {
  Scenario s = io::read_scenario(
      "[scenario]\nid = \"x\"\nname = \"x\"\n[[actor]]\nid = \"A\"\nname = \"A\"\ncapability = 1\n",
      "x.toml");
  auto sec = report::build_bargaining_section(s, report::RunOptions{});
  EXPECT_NE(sec.text.find("no issues"), std::string::npos);
}

}  // namespace
}  // namespace detente
