// KTAB SMP: reproduces KTAB's own deterministic logs turn by turn; closed forms; seeding.
#include "bargain/smp.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/bargain/read_input.hpp"
#include "test_support.hpp"

namespace detente::bargain {
namespace {

// "History of actor positions over time" (in file order) of a KTAB log: "name, dim: x0 x1 …" per
// line.
std::vector<std::pair<std::string, std::vector<double>>> ktab_history(const std::string& log) {
  std::ifstream in(log);
  std::string line;
  std::vector<std::pair<std::string, std::vector<double>>> out;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("History of actor positions", 0) == 0) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line.rfind("History of actors' winning", 0) == 0) break;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    std::stringstream ss(line.substr(colon + 1));
    std::vector<double> xs;
    for (double x; ss >> x;) xs.push_back(x);
    out.emplace_back(key, xs);
  }
  return out;
}

// The last column of "History of actors' winning probabilities": "name, prob : p0 p1 …".
std::vector<double> ktab_final_probabilities(const std::string& log) {
  std::ifstream in(log);
  std::string line;
  std::vector<double> out;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("History of actors' winning", 0) == 0) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    auto colon = line.find(" : ");
    if (colon == std::string::npos) break;
    std::stringstream ss(line.substr(colon + 3));
    double last = 0;
    for (double x; ss >> x;) last = x;
    out.push_back(last);
  }
  return out;
}

void expect_reproduces_log(const std::string& input, const std::string& log, std::size_t turns) {
  auto p = read_bargaining_input(input);
  SmpResult r = smp(p, SmpOptions{});  // smpc's defaults, as its log prints them
  // The final winning probabilities, to KTAB's printed 4 decimals.
  auto final_p = ktab_final_probabilities(log);
  ASSERT_EQ(final_p.size(), p.actor_count());
  for (std::size_t a = 0; a < p.actor_count(); ++a)
    EXPECT_NEAR(r.final_probability[a], final_p[a], 0.00051) << p.actors[a];
  EXPECT_TRUE(r.converged);
  ASSERT_EQ(r.turns.size(), turns + 1);
  auto history = ktab_history(log);
  ASSERT_EQ(history.size(), p.actor_count() * p.issue_count());
  for (std::size_t a = 0; a < p.actor_count(); ++a)
    for (std::size_t k = 0; k < p.issue_count(); ++k) {
      // KTAB labels each row "<actor>, <dimension header>".
      std::vector<double> expected;
      std::size_t row = 0;
      for (const auto& [key, xs] : history) {
        if (key.rfind(p.actors[a] + ",", 0) == 0) {
          if (row == k) expected = xs;
          ++row;
        }
      }
      ASSERT_EQ(expected.size(), turns + 1) << p.actors[a];
      for (std::size_t t = 0; t <= turns; ++t)
        EXPECT_NEAR(r.turns[t][a][k], expected[t], 0.051)
            << p.actors[a] << " dim " << k << " turn " << t;
    }
}

TEST(Smp, ReproducesKtabLogDummyData3Dim) {
  auto in = test::data_file("bargaining/ktab/dummyData_3Dim.csv");
  auto log = test::data_file("bargaining/ktab/20170530_ref-dummyData_3Dim.txt");
  if (!in || !log) GTEST_SKIP() << test::missing_data_message();
  expect_reproduces_log(*in, *log, 10);
}

TEST(Smp, SoePolCompConvergesInThePapersBandAndReproducesKtabLog) {
  auto in = test::data_file("bargaining/ktab/SOE-Pol-Comp.csv");
  auto log = test::data_file("bargaining/ktab/20170530_ref-SOE-Pol-Comp.txt");
  if (!in || !log) GTEST_SKIP() << test::missing_data_message();
  auto p = read_bargaining_input(*in);
  SmpResult r = smp(p, SmpOptions{});
  EXPECT_TRUE(r.converged);
  EXPECT_LT(r.fractional_change.back(), 0.02);
  // Efird, Lester & Wise (2016): policy converges near 30, within 15–45 across sweeps.
  EXPECT_GE(r.forecast[0], 15);
  EXPECT_LE(r.forecast[0], 45);
  expect_reproduces_log(*in, *log, 27);
}

TEST(Smp, SoeSingleIssueCasesConvergeInThePapersBands) {
  auto policy = test::data_file("bargaining/ktab/SOE-Policy.csv");
  auto competitive = test::data_file("bargaining/ktab/SOE-Competitive.csv");
  if (!policy || !competitive) GTEST_SKIP() << test::missing_data_message();
  auto a = smp(read_bargaining_input(*policy), SmpOptions{});
  EXPECT_TRUE(a.converged);
  EXPECT_GE(a.forecast[0], 15);  // paper: near 30, 15–45 across sweeps
  EXPECT_LE(a.forecast[0], 45);
  auto b = smp(read_bargaining_input(*competitive), SmpOptions{});
  EXPECT_TRUE(b.converged);
  EXPECT_GE(b.forecast[0], 20);  // paper: 20–40
  EXPECT_LE(b.forecast[0], 40);
}

TEST(Smp, SameSeedSameOutputAnyThreadCount) {
  auto in = test::data_file("bargaining/ktab/SOE-Pol-Comp.csv");
  if (!in) GTEST_SKIP() << test::missing_data_message();
  auto p = read_bargaining_input(*in);
  OptionValues v{{"StateTransitions", "Stochastic"},
                 {"PCEModel", "MarkovIncentive"},
                 {"VotingRule", "PropCbc"},
                 {"prngSeed", "42"},
                 {"maxIter", "30"}};
  auto one = smp(p, smp_options(v));
  v["threads"] = "4";
  auto four = smp(p, smp_options(v));
  EXPECT_EQ(one.turns, four.turns);
  EXPECT_EQ(one.forecast, four.forecast);
  v["threads"] = "1";
  EXPECT_EQ(smp(p, smp_options(v)).turns, one.turns);
  v["prngSeed"] = "43";
  EXPECT_NE(smp(p, smp_options(v)).turns, one.turns);
}

TEST(Smp, XmlModelParametersAndIdealAdjustmentAreUsed) {
  auto xml = test::data_file("bargaining/ktab/dummyData_3Dim.xml");
  if (!xml) GTEST_SKIP() << test::missing_data_message();
  std::string text = test::read_text(*xml);
  // The same scenario with ideals that lag: SActor-00 keeps 80% of its old ideal.
  auto at = text.find("</Scenario>");
  ASSERT_NE(at, std::string::npos);
  std::string lagging = text;
  lagging.insert(at,
                 "<IdealAdjustment><iaPair><adjustingIdeal>SActor-00</adjustingIdeal>"
                 "<referencePos>SActor-00</referencePos><adjust>0.2</adjust></iaPair>"
                 "</IdealAdjustment>\n");
  auto dir = test::temp_dir("smp-xml");
  test::write_text(dir / "lag.xml", lagging);
  auto base = read_bargaining_input(*xml);
  auto lag = read_bargaining_input((dir / "lag.xml").string());
  ASSERT_EQ(lag.ideal_adjustments.size(), 1u);
  auto r0 = smp(base, SmpOptions{}), r1 = smp(lag, SmpOptions{});
  EXPECT_EQ(r0.turns[1], r1.turns[1]);  // ideals only matter from the second turn on
  EXPECT_NE(r0.turns.back(), r1.turns.back());
  // ModelParameters in the file reach the model through the registry.
  std::string params = text;
  params.insert(text.find("<Dimensions>"),
                "<ModelParameters><VotingRule>Binary</VotingRule></ModelParameters>\n");
  test::write_text(dir / "params.xml", params);
  auto q = read_bargaining_input((dir / "params.xml").string());
  auto run = run_smp_model(q, RunSettings{});
  EXPECT_EQ(run.options["VotingRule"], "Binary");
  EXPECT_EQ(run.options["prngSeed"], 3707583219545544125ULL);
}

TEST(Smp, VotingRulesAndVictoryProbabilities) {
  using namespace smp_detail;
  EXPECT_DOUBLE_EQ(vote("Proportional", 2, 0.7, 0.5), 0.4);
  EXPECT_DOUBLE_EQ(vote("Binary", 2, 0.7, 0.5), 2);
  EXPECT_DOUBLE_EQ(vote("Cubic", 1, 0.7, 0.2), 0.125);
  EXPECT_DOUBLE_EQ(vote("PropCbc", 1, 0.7, 0.2), 0.5 * 0.5 + 0.5 * 0.125);
  EXPECT_DOUBLE_EQ(vote("PropBin", 1, 0.7, 0.2), 0.8 * 0.5 + 0.2);
  EXPECT_DOUBLE_EQ(vote("ASymProsp", 3, 0.7, 0.2), 1.0);
  EXPECT_DOUBLE_EQ(vote("ASymProsp", 3, 0.2, 0.7), -1.5);
  EXPECT_DOUBLE_EQ(victory_probability("Linear", 3, 1), 0.75);
  EXPECT_DOUBLE_EQ(victory_probability("Square", 3, 1), 0.9);
  EXPECT_DOUBLE_EQ(victory_probability("Binary", 1.2, 1), 1 / (1 + 1e-6));
  EXPECT_NEAR(victory_probability("Binary", 1, 1), 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(bs_util(0.5, 0), 0.5);
  EXPECT_DOUBLE_EQ(bs_util(0.5, 1), 0.75);   // risk averse: concave
  EXPECT_DOUBLE_EQ(bs_util(0.5, -1), 0.25);  // risk seeking: convex
}

TEST(Smp, PceModelsAgreeOnAClearWinner) {
  using namespace smp_detail;
  // Option 0 beats both others 9:1, option 1 beats 2 by 6:4.
  std::vector<double> c = {1e-8, 9, 9, 1, 1e-8, 6, 1, 4, 1e-8};
  for (const char* m : {"Conditional", "MarkovUniform", "MarkovIncentive"}) {
    auto p = pce(m, "Linear", c, 3);
    EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-9) << m;
    EXPECT_GT(p[0], p[1]) << m;
    EXPECT_GT(p[1], p[2]) << m;
  }
  // Conditional by hand: 0.5·0.9·0.9 : 0.1·0.5·0.6 : 0.1·0.4·0.5.
  auto p = pce("Conditional", "Linear", c, 3);
  const double a = 0.405, b = 0.03, d = 0.02;
  EXPECT_NEAR(p[0], a / (a + b + d), 1e-12);
}

}  // namespace
}  // namespace detente::bargain
