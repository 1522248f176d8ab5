#include "sim/backtest.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/parameters.hpp"
#include "sim/dynamics.hpp"
#include "test_support.hpp"

namespace detente::sim {
namespace {

align::SignedGraph graph(const std::vector<std::tuple<std::string, std::string, int>>& ties) {
  align::SignedGraph g;
  for (const auto& [a, b, sign] : ties) {
    int u = g.find_node(a).value_or(-1), v = g.find_node(b).value_or(-1);
    if (u < 0) u = g.add_node(a);
    if (v < 0) v = g.add_node(b);
    g.add_edge(u, v, sign);
  }
  return g;
}

TEST(Backtest, ParametersAndDefaultsAgree) {
  EXPECT_EQ(default_dynamics().size(), static_cast<std::size_t>(kParamCount));
  EXPECT_EQ(parameter_specs().size(), static_cast<std::size_t>(kParamCount));
}

// Two blocs {A, B, C} and {D, E}: in each next window a new tie appears and follows
// balance (friends of friends are friends, friends of enemies are enemies). Persistence
// can only guess the base rate for new ties; the dynamics sees the blocs.
TEST(Backtest, BalanceDynamicsForecastsNewTiesThatFollowBalance) {
  std::vector<Window> windows;
  const std::vector<std::tuple<std::string, std::string, int>> core = {
      {"A", "B", 1}, {"B", "C", 1}, {"D", "E", 1}, {"A", "D", -1}, {"B", "E", -1}};
  const std::vector<std::tuple<std::string, std::string, int>> added = {
      {"A", "C", 1}, {"C", "D", -1}, {"A", "E", -1}, {"C", "E", -1}, {"B", "D", -1}};
  auto ties = core;
  windows.push_back({"w0", graph(ties)});
  for (std::size_t k = 0; k < added.size(); ++k) {
    ties.push_back(added[k]);
    windows.push_back({"w" + std::to_string(k + 1), graph(ties)});
  }
  BacktestOptions options;
  options.dynamics = default_dynamics();
  options.dynamics[kBalanceGain] = 2;
  BacktestResult r = backtest(windows, options);
  ASSERT_EQ(r.transitions.size(), 4u);
  EXPECT_EQ(r.dynamics_new.count, 4u);
  EXPECT_EQ(r.dynamics_new.accuracy, 1.0);
  EXPECT_LT(r.dynamics_new.brier, r.persistence_new.brier);
  // Existing ties never change here: persistence is perfect on them.
  EXPECT_EQ(r.persistence_existing.brier, 0.0);
  EXPECT_EQ(r.dynamics_existing.accuracy, 1.0);
}

TEST(Backtest, CorrelatesOfWarWindows) {
  auto dir = test::data_file("alignment/cow_signed");
  if (!dir) GTEST_SKIP() << test::missing_data_message();
  auto windows = read_windows(*dir);
  ASSERT_EQ(windows.size(), 51u);
  BacktestResult r = backtest(windows, {});
  ASSERT_EQ(r.transitions.size(), 49u);
  EXPECT_EQ(r.transitions.front().from, "cow_47-50");
  EXPECT_EQ(r.dynamics.count, r.dynamics_existing.count + r.dynamics_new.count);
  for (const auto* s : {&r.dynamics, &r.persistence}) {
    EXPECT_GT(s->brier, 0);
    EXPECT_LT(s->brier, 0.25);
  }
  // Persistence is hard to beat on ties that exist; the dynamics should not do worse
  // there, and it should beat the base rate on new ties, where balance has something to say.
  EXPECT_LE(r.dynamics_existing.brier, r.persistence_existing.brier + 1e-3);
  EXPECT_LT(r.dynamics_new.brier, r.persistence_new.brier);
  EXPECT_LE(r.difference_low, r.brier_difference);
  EXPECT_GE(r.difference_high, r.brier_difference);
  // Deterministic.
  BacktestResult again = backtest(windows, {});
  EXPECT_EQ(again.dynamics.brier, r.dynamics.brier);
}

TEST(Backtest, CliRejectsADirectoryWithoutWindows) {
  auto dir = test::temp_dir("backtest-empty");
  auto r = test::run_cli({"backtest", dir.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("expected at least three cow_*.csv windows"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace detente::sim
