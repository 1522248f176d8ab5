#include "align/relocation.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "align/balance_measures.hpp"
#include "io/graph/graph_reader.hpp"
#include "test_support.hpp"

namespace detente::align {
namespace {

SignedGraph random_graph(int n, double p, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  SignedGraph g;
  for (int i = 0; i < n; ++i) g.add_node("v" + std::to_string(i));
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      if (u(rng) < p) g.add_edge(i, j, u(rng) < 0.6 ? 1 : -1);
  return g;
}

TEST(FrustrationHeuristic, NeverBelowExactAndReproducible) {
  for (int t = 0; t < 20; ++t) {
    SignedGraph g = random_graph(14, 0.4, 100 + t);
    auto exact = frustration_exact(g, {.weighted = false});
    auto h = frustration_heuristic(g, {.starts = 4, .kicks = 5, .seed = 3, .weighted = false});
    EXPECT_GE(h.result.frustration, exact.frustration);
    EXPECT_EQ(h.result.frustration, frustration_of(g, h.result.side, false));
    auto h2 = frustration_heuristic(
        g, {.starts = 4, .kicks = 5, .seed = 3, .weighted = false, .threads = 2});
    EXPECT_EQ(h.result.side, h2.result.side) << "thread count changed the result";
  }
}

TEST(FrustrationHeuristic, ReachesTheExactValueOnMostCowWindows) {
  auto dir = test::data_file("alignment/cow_signed");
  if (!dir) GTEST_SKIP() << test::missing_data_message();
  int windows = 0, reached = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*dir)) {
    auto name = entry.path().filename().string();
    if (name.rfind("cow_", 0) != 0) continue;
    SignedGraph g = read_signed_graph(entry.path().string());
    auto exact = frustration_exact(g, {.weighted = false});
    auto h = frustration_heuristic(g, {.starts = 8, .kicks = 30, .seed = 1, .weighted = false});
    EXPECT_GE(h.result.frustration, exact.frustration) << name;
    ++windows;
    if (h.result.frustration == exact.frustration) ++reached;
  }
  EXPECT_EQ(windows, 51);
  EXPECT_GE(reached, 40) << reached << " of 51 windows";
  std::printf("[ info ] heuristic reached the exact index on %d of %d CoW windows\n", reached,
              windows);
}

TEST(SignedBlockmodel, RecoversPlantedThreeBlocs) {
  // Three blocs of 6, positive inside, negative between, plus two frustrated ties.
  SignedGraph g;
  for (int i = 0; i < 18; ++i) g.add_node("n" + std::to_string(i));
  for (int i = 0; i < 18; ++i)
    for (int j = i + 1; j < 18; ++j) g.add_edge(i, j, i / 6 == j / 6 ? 1 : -1);
  g.edges[0].sign = -1;  // inside bloc 0
  auto r = signed_blockmodel(g, {.clusters = 3, .starts = 30, .seed = 9});
  EXPECT_EQ(r.negative_within, 1);
  EXPECT_EQ(r.positive_between, 0);
  EXPECT_DOUBLE_EQ(r.criterion, 0.5);
  for (int i = 0; i < 18; ++i) EXPECT_EQ(r.cluster[i], r.cluster[(i / 6) * 6]);
  EXPECT_NE(r.cluster[0], r.cluster[6]);
  EXPECT_NE(r.cluster[6], r.cluster[12]);
  EXPECT_NE(r.cluster[0], r.cluster[12]);
  auto r2 = signed_blockmodel(g, {.clusters = 3, .starts = 30, .seed = 9, .threads = 2});
  EXPECT_EQ(r.cluster, r2.cluster);
  // With k = 2 and α = 1/2 the criterion is half a frustration count.
  auto two = signed_blockmodel(g, {.clusters = 2, .starts = 30, .seed = 9});
  auto exact = frustration_exact(g, {.weighted = false});
  EXPECT_GE(two.criterion * 2, exact.frustration - 1e-9);
}

TEST(BalanceMeasures, TrianglesWalksAndPolarizationByHand) {
  SignedGraph g;  // triangle a,b,c: + + -  (unbalanced); triangle b,c,d: + - -  (balanced)
  for (auto n : {"a", "b", "c", "d"}) g.add_node(n);
  g.add_edge(0, 1, 1);
  g.add_edge(1, 2, 1);
  g.add_edge(0, 2, -1);
  g.add_edge(1, 3, -1);
  g.add_edge(2, 3, -1);
  std::vector<int> side{0, 0, 0, 1};
  auto m = balance_measures(g, side, false);
  EXPECT_EQ(m.triangles, 2);
  EXPECT_DOUBLE_EQ(m.triangle_ratio, 0.5);
  EXPECT_DOUBLE_EQ(m.frustration, 1);
  EXPECT_DOUBLE_EQ(m.normalised_frustration, 1 - 1 / 2.5);
  EXPECT_DOUBLE_EQ(m.polarization, 4 * 0.75 * 0.25 * (1 - 2.0 / 5));
  EXPECT_GT(m.walk_balance, 0);
  EXPECT_LT(m.walk_balance, 1);
  // A balanced graph has walk balance exactly 1 (A and |A| are similar by a switching).
  SignedGraph b;
  for (auto n : {"a", "b", "c"}) b.add_node(n);
  b.add_edge(0, 1, 1);
  b.add_edge(1, 2, -1);
  b.add_edge(0, 2, -1);
  auto mb = balance_measures(b, {0, 0, 1}, false);
  EXPECT_NEAR(mb.walk_balance, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(mb.triangle_ratio, 1.0);
  EXPECT_DOUBLE_EQ(mb.polarization, 4 * (2.0 / 3) * (1.0 / 3));
}

}  // namespace
}  // namespace detente::align
