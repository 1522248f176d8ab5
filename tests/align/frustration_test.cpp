#include "align/frustration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "io/csv.hpp"
#include "io/graph/graph_reader.hpp"
#include "test_support.hpp"

namespace detente::align {
namespace {

SignedGraph random_graph(int n, double p, std::mt19937_64& rng, bool weighted) {
  SignedGraph g;
  for (int i = 0; i < n; ++i) g.add_node("v" + std::to_string(i));
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<int> w(1, 5);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      if (u(rng) < p) g.add_edge(i, j, u(rng) < 0.5 ? 1 : -1, weighted ? w(rng) * 0.5 : 1.0);
  return g;
}

double brute_force(const SignedGraph& g, bool weighted) {
  double best = INFINITY;
  int n = g.size();
  std::vector<int> side(n);
  for (std::uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) {
    for (int i = 0; i < n; ++i) side[i] = i == 0 ? 0 : (mask >> (i - 1)) & 1;
    best = std::min(best, frustration_of(g, side, weighted));
  }
  return best;
}

TEST(Frustration, ExactEqualsBruteForceOnRandomGraphs) {
  std::mt19937_64 rng(20261128);
  for (int trial = 0; trial < 120; ++trial) {
    int n = 3 + trial % 11;
    double p = 0.2 + 0.6 * ((trial * 7) % 10) / 10.0;
    bool weighted = trial % 2 == 1;
    SignedGraph g = random_graph(n, p, rng, weighted);
    auto r = frustration_exact(g, {.weighted = weighted});
    double bf = brute_force(g, weighted);
    EXPECT_NEAR(r.frustration, bf, 1e-9) << "trial " << trial << " n=" << n;
    EXPECT_TRUE(r.optimal);
    EXPECT_NEAR(r.lower_bound, r.frustration, 1e-9);
    ASSERT_EQ(r.side.size(), static_cast<std::size_t>(n));
    EXPECT_NEAR(frustration_of(g, r.side, weighted), r.frustration, 1e-9);
    EXPECT_EQ(r.frustrated, frustrated_edges(g, r.side));
    EXPECT_LE(frustration_cycle_bound(g, weighted), bf + 1e-9);
  }
}

TEST(Frustration, CycleBoundIsValidAndStrongOnNearlyBalancedNetworks) {
  auto p = test::data_file("alignment/tribes/tribes_gahuku_gama_signed.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  SignedGraph g = read_signed_graph(*p);
  double lb = frustration_cycle_bound(g, false);
  EXPECT_LE(lb, 7);
  EXPECT_GE(lb, 5);
  auto cow = test::data_file("alignment/cow_signed/cow_96-99.csv");
  ASSERT_TRUE(cow);
  SignedGraph c = read_signed_graph(*cow);
  double lbc = frustration_cycle_bound(c, false);
  EXPECT_LE(lbc, 45);
  EXPECT_GE(lbc, 35);
  std::printf("[ info ] cycle-packing bound: tribes %.0f of 7, CoW 96-99 %.0f of 45\n", lb, lbc);
}

TEST(Frustration, BalancedGraphHasZeroAndTheObviousSplit) {
  SignedGraph g;
  for (auto n : {"a", "b", "c", "d"}) g.add_node(n);
  g.add_edge(0, 1, 1);
  g.add_edge(2, 3, 1);
  g.add_edge(0, 2, -1);
  g.add_edge(1, 3, -1);
  g.add_edge(0, 3, -1);
  auto r = frustration_exact(g);
  EXPECT_EQ(r.frustration, 0);
  EXPECT_TRUE(r.optimal);
  EXPECT_EQ(r.side[0], r.side[1]);
  EXPECT_NE(r.side[0], r.side[2]);
}

TEST(Frustration, UnweightedIgnoresWeights) {
  SignedGraph g;  // a triangle with one negative tie: one tie must go
  for (auto n : {"a", "b", "c"}) g.add_node(n);
  g.add_edge(0, 1, 1, 5.0);
  g.add_edge(1, 2, 1, 3.0);
  g.add_edge(0, 2, -1, 2.0);
  EXPECT_EQ(frustration_exact(g, {.weighted = true}).frustration, 2.0);
  EXPECT_EQ(frustration_exact(g, {.weighted = false}).frustration, 1.0);
}

TEST(Frustration, TribesIsSevenWithTheKnownSplit) {
  auto p = test::data_file("alignment/tribes/tribes_gahuku_gama_signed.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  SignedGraph g = read_signed_graph(*p);
  auto r = frustration_exact(g, {.weighted = false});
  EXPECT_EQ(r.frustration, 7);
  EXPECT_EQ(r.lower_bound, 7);
  EXPECT_TRUE(r.optimal);
  std::set<std::string> small;
  int s_gama = r.side[*g.find_node("Gama")];
  for (int i = 0; i < g.size(); ++i)
    if (r.side[i] == s_gama) small.insert(g.names[i]);
  EXPECT_EQ(small, (std::set<std::string>{"Gama", "Gavev", "Kotun", "Nagad"}));
}

TEST(Frustration, KnownCowWindowsExactly) {
  auto known = test::data_file("alignment/cow_signed/frustration_known.csv");
  if (!known) GTEST_SKIP() << test::missing_data_message();
  auto table = io::CsvTable::read_file(*known);
  int checked = 0;
  for (const auto& row : table.rows()) {
    std::string name = table.text(row, "network");
    std::string rel = name.rfind("cow_", 0) == 0 ? "alignment/cow_signed/" + name + ".csv"
                                                 : "alignment/tribes/" + name + ".csv";
    auto p = test::data_file(rel);
    ASSERT_TRUE(p) << rel;
    SignedGraph g = read_signed_graph(*p);
    EXPECT_EQ(g.size(), table.number(row, "n")) << name;
    EXPECT_EQ(static_cast<double>(g.edges.size()), table.number(row, "m")) << name;
    auto r = frustration_exact(g, {.weighted = false});
    EXPECT_TRUE(r.optimal) << name;
    EXPECT_EQ(r.frustration, table.number(row, "frustration")) << name;
    EXPECT_EQ(frustration_of(g, r.side, false), r.frustration);
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

TEST(Frustration, LargeNearlyBalancedBlockIsProvedWithoutSearch) {
  // 3,000 nodes on a ring with chords (i, i+2): one block full of triangles. Signs follow
  // a planted split, then every 50th ring tie is flipped; each flip sits in its own two
  // triangles, so the index is exactly the number of flips (60).
  const int n = 3000;
  std::mt19937_64 rng(11);
  std::vector<int> planted(n);
  for (auto& x : planted) x = static_cast<int>(rng() & 1);
  SignedGraph g;
  for (int i = 0; i < n; ++i) g.add_node("r" + std::to_string(i));
  int flips = 0;
  for (int i = 0; i < n; ++i)
    for (int step : {1, 2}) {
      int j = (i + step) % n;
      int sign = planted[i] == planted[j] ? 1 : -1;
      if (step == 1 && i % 50 == 0) sign = -sign, ++flips;
      g.add_edge(i, j, sign);
    }
  auto r = frustration_exact(g, {.weighted = false});
  EXPECT_TRUE(r.optimal);
  EXPECT_EQ(r.frustration, flips);
  EXPECT_EQ(r.lower_bound, flips);
  EXPECT_EQ(frustration_of(g, r.side, false), flips);
}

TEST(Frustration, TimeLimitReturnsBoundsAndBestPartition) {
  std::mt19937_64 rng(7);
  SignedGraph g = random_graph(90, 0.5, rng, false);
  auto r = frustration_exact(g, {.weighted = false, .time_limit_seconds = 0.002});
  EXPECT_LE(r.lower_bound, r.frustration);
  EXPECT_EQ(frustration_of(g, r.side, false), r.frustration);
  EXPECT_LT(r.seconds, 1.0);
  // 90 nodes, ~2,000 ties and hundreds of frustrated ones: far beyond 2 ms of search.
  EXPECT_FALSE(r.optimal);
  EXPECT_LT(r.lower_bound, r.frustration);
  EXPECT_GT(r.lower_bound, 0);
}

TEST(Frustration, NodeBudgetGivesAValidBoundAndTheSameAnswerEveryTime) {
  // 24 nodes, dense: the exact search needs many nodes, brute force still runs.
  std::mt19937_64 rng(11);
  SignedGraph g = random_graph(24, 0.6, rng, true);
  auto full = frustration_exact(g, {.weighted = true});
  ASSERT_TRUE(full.optimal);
  EXPECT_EQ(full.stopped, FrustrationStop::finished);
  const long long budget = 200;
  ASSERT_GT(full.search_nodes, 10 * budget) << "the graph must need more than the budget";
  auto cut = frustration_exact(g, {.weighted = true, .node_budget = budget});
  EXPECT_EQ(cut.stopped, FrustrationStop::node_budget);
  EXPECT_FALSE(cut.optimal);
  EXPECT_LE(cut.search_nodes, budget);
  // The bound is proven (no split beats it) and the value is attained by the split.
  EXPECT_LE(cut.lower_bound, full.frustration + 1e-9);
  EXPECT_GT(cut.lower_bound, 0);
  EXPECT_GE(cut.frustration, full.frustration - 1e-9);
  EXPECT_NEAR(frustration_of(g, cut.side, true), cut.frustration, 1e-9);
  // A count, not a clock: the same budget gives the same split and bound every time,
  // whatever else the machine is doing (a time limit would not).
  for (int again = 0; again < 3; ++again) {
    auto r = frustration_exact(g, {.weighted = true, .node_budget = budget});
    EXPECT_EQ(r.side, cut.side);
    EXPECT_EQ(r.lower_bound, cut.lower_bound);
    EXPECT_EQ(r.frustration, cut.frustration);
    EXPECT_EQ(r.search_nodes, cut.search_nodes);
  }
  // A budget the search does not use up changes nothing.
  auto ample = frustration_exact(g, {.weighted = true, .node_budget = 100 * full.search_nodes});
  EXPECT_TRUE(ample.optimal);
  EXPECT_EQ(ample.stopped, FrustrationStop::finished);
  EXPECT_EQ(ample.side, full.side);
  EXPECT_EQ(ample.search_nodes, full.search_nodes);
}

TEST(Frustration, NodeBudgetOnALargeGraphStopsWithItsBounds) {
  std::mt19937_64 rng(7);
  SignedGraph g = random_graph(90, 0.5, rng, false);
  auto r = frustration_exact(g, {.weighted = false, .node_budget = 5000});
  EXPECT_EQ(r.stopped, FrustrationStop::node_budget);
  EXPECT_FALSE(r.optimal);
  EXPECT_LE(r.search_nodes, 5000);
  EXPECT_GT(r.lower_bound, 0);
  EXPECT_LT(r.lower_bound, r.frustration);
  EXPECT_EQ(frustration_of(g, r.side, false), r.frustration);
  auto again = frustration_exact(g, {.weighted = false, .node_budget = 5000});
  EXPECT_EQ(again.side, r.side);
  EXPECT_EQ(again.lower_bound, r.lower_bound);
}

}  // namespace
}  // namespace detente::align
