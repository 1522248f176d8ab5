#include "report/section_alignment.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/limits.hpp"
#include "io/scenario_toml.hpp"
#include "sim/synthetic.hpp"

namespace detente::report {
namespace {

const char* kToml = R"(
[scenario]
id = "nea-test"
name = "Northeast Asia test"
as_of = 2024-06-01
[[actor]]
id = "USA"
name = "United States"
capability = 0.14
[[actor]]
id = "JPN"
name = "Japan"
capability = 0.03
[[actor]]
id = "KOR"
name = "South Korea"
capability = 0.02
[[actor]]
id = "CHN"
name = "China"
capability = 0.22
[[actor]]
id = "PRK"
name = "North Korea"
capability = 0.01
[[actor]]
id = "RUS"
name = "Russia"
capability = 0.04
[[relation]]
a = "USA"
b = "JPN"
kind = "alliance"
[[relation]]
a = "USA"
b = "KOR"
kind = "alliance"
[[relation]]
a = "JPN"
b = "KOR"
kind = "grievance"
weight = 0.3
[[relation]]
a = "CHN"
b = "PRK"
kind = "alliance"
[[relation]]
a = "CHN"
b = "RUS"
kind = "partnership"
weight = 0.8
[[relation]]
a = "RUS"
b = "PRK"
kind = "alliance"
weight = 0.7
[[relation]]
a = "USA"
b = "CHN"
kind = "rivalry"
weight = 0.8
[[relation]]
a = "KOR"
b = "PRK"
kind = "hostility"
[[relation]]
a = "JPN"
b = "CHN"
kind = "territorial_dispute"
weight = 0.5
[[relation]]
a = "CHN"
b = "KOR"
kind = "trade_dependence"
weight = 0.4
)";

TEST(AlignmentSection, SplitsTheBlocsAndMarksFrustratedTies) {
  Scenario s = io::read_scenario(kToml, "nea-test.toml");
  Section sec = build_alignment_section(s, {.seed = 1, .threads = 2});
  EXPECT_EQ(sec.id, "alignment");
  const auto& j = sec.json;
  EXPECT_EQ(j["nodes"], 6);
  EXPECT_EQ(j["edges"], 10);
  EXPECT_EQ(j["optimal"], true);
  // Against the split: JPN–KOR grievance (0.3) and CHN–KOR trade (0.4).
  EXPECT_NEAR(j["frustration"].get<double>(), 0.7, 1e-9);
  EXPECT_EQ(j["frustration_count"], 2);
  EXPECT_NEAR(j["actor_frustration"]["KOR"].get<double>(), 0.7, 1e-9);  // both ties touch KOR
  EXPECT_NEAR(j["actor_frustration"]["JPN"].get<double>(), 0.3, 1e-9);
  EXPECT_FALSE(j["actor_frustration"].contains("USA"));
  std::set<std::string> a, b;
  for (const auto& x : j["blocs"][0]) a.insert(x);
  for (const auto& x : j["blocs"][1]) b.insert(x);
  EXPECT_EQ(a, (std::set<std::string>{"USA", "JPN", "KOR"}));
  EXPECT_EQ(b, (std::set<std::string>{"CHN", "PRK", "RUS"}));
  // Landscape with capabilities as sizes predicts the same coalitions first.
  const auto& top = j["landscape"]["minima"][0]["partition"];
  EXPECT_EQ(top["USA"], top["JPN"]);
  EXPECT_EQ(top["CHN"], top["RUS"]);
  EXPECT_NE(top["USA"], top["CHN"]);
  EXPECT_NE(sec.text.find("JPN−KOR"), std::string::npos) << sec.text;  // a frustrated tie
  EXPECT_NE(sec.text.find("proven optimal"), std::string::npos);
  // Same seed, same report.
  const Section again = build_alignment_section(s, {.seed = 1, .threads = 1});
  EXPECT_EQ(again.json, sec.json);
  EXPECT_EQ(again.text, sec.text);
}

TEST(AlignmentSection, BuiltinScenarioAndNoRelations) {
  Scenario s = io::load_scenario("northeast-asia-2024");
  Section sec;
  ASSERT_NO_THROW(sec = build_alignment_section(s, {}));
  EXPECT_EQ(sec.id, "alignment");
  EXPECT_FALSE(sec.text.empty());
}

TEST(AlignmentSection, SplitSearchStopsAtANodeBudgetTheSameOnAnyThreadCount) {
  // A synthetic 30-actor system (two camps, ties 85% consistent with them).
  Scenario s = io::read_scenario(sim::synthetic_scenario(30, 3), "synthetic-30.toml");
  const Section full = build_alignment_section(s, {.seed = 1, .threads = 1});
  const auto& fm = full.json["frustration_method"];
  ASSERT_TRUE(fm["exact"].get<bool>()) << "30 actors solve within the default budget";
  EXPECT_EQ(fm["stopped"], "finished");
  EXPECT_EQ(fm["gap"].get<double>(), 0.0);
  EXPECT_EQ(fm["node_budget"].get<long long>(), limits::kAlignmentSplitNodeBudget);
  const long long needed = fm["search_nodes"].get<long long>();
  ASSERT_GT(needed, 20) << "the test needs a search that a budget of 10 nodes cuts short";

  const Section one = build_alignment_section(s, {.seed = 1, .threads = 1}, 10);
  const Section two = build_alignment_section(s, {.seed = 1, .threads = 2}, 10);
  EXPECT_EQ(one.json, two.json);
  EXPECT_EQ(one.text, two.text);
  const auto& m = one.json["frustration_method"];
  EXPECT_FALSE(m["exact"].get<bool>());
  EXPECT_FALSE(one.json["optimal"].get<bool>());
  EXPECT_EQ(m["stopped"], "node budget");
  EXPECT_LE(m["search_nodes"].get<long long>(), 10);
  const double value = one.json["frustration"].get<double>();
  const double bound = m["lower_bound"].get<double>();
  const double optimum = full.json["frustration"].get<double>();
  // A valid bound: below the true optimum, which the found split cannot beat.
  EXPECT_LE(bound, optimum + 1e-9);
  EXPECT_GE(value, optimum - 1e-9);
  EXPECT_NEAR(m["gap"].get<double>(), value - bound, 1e-12);
  EXPECT_GT(m["gap"].get<double>(), 0);
  EXPECT_NE(one.text.find("budget of 10 search nodes"), std::string::npos) << one.text;
}

}  // namespace
}  // namespace detente::report
