#include "sim/split_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/limits.hpp"
#include "sim/kernels.hpp"

namespace detente::sim {
namespace {

std::vector<double> random_ties(int n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> x(static_cast<std::size_t>(n * n), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) x[i * n + j] = x[j * n + i] = rng() % 4 == 0 ? 0.0 : u(rng);
  return x;
}

// Two planted camps; a tie agrees with them with probability `agree`.
std::vector<double> camp_ties(int n, double agree, std::mt19937_64& rng, std::vector<int>& camp) {
  std::uniform_real_distribution<double> u(0, 1);
  camp.assign(static_cast<std::size_t>(n), 0);
  for (int i = 1; i < n; ++i) camp[i] = u(rng) < 0.5;
  std::vector<double> x(static_cast<std::size_t>(n * n), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const double w = 0.1 + 0.9 * u(rng);
      const bool consistent = u(rng) < agree;
      x[i * n + j] = x[j * n + i] = ((camp[i] == camp[j]) == consistent) ? w : -w;
    }
  return x;
}

double cost(const std::vector<double>& x, int n, const std::vector<std::int8_t>& s) {
  double f = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      if (x[i * n + j] * s[i] * s[j] < 0) f += std::abs(x[i * n + j]);
  return f;
}

TEST(SplitSearch, ExactWhereTheBudgetAllowsIt) {
  // 2^(n−1) ≤ budget · substeps · n²(n−1)/2: with 2 substeps exact up to 14 actors.
  EXPECT_TRUE(SplitSearch(8, 2).exact());
  EXPECT_TRUE(SplitSearch(14, 2).exact());
  EXPECT_FALSE(SplitSearch(15, 2).exact());
  EXPECT_TRUE(SplitSearch(17, 48).exact());  // more dynamics work buys a larger exact search
  EXPECT_FALSE(SplitSearch(limits::kExactSplitMaxActors + 1, 1000).exact());
  EXPECT_FALSE(SplitSearch(193, 2).exact());
}

TEST(SplitSearch, ExactPathMatchesTheKernel) {
  std::mt19937_64 rng(3);
  for (int n : {2, 5, 8, 12}) {
    const auto x = random_ties(n, rng);
    SplitSearch search(n, 2);
    ASSERT_TRUE(search.exact());
    std::vector<std::int8_t> side(static_cast<std::size_t>(n), 1);
    const SplitValue v = search.run(x, side, 0);
    std::uint64_t split = 0;
    EXPECT_EQ(v.frustration, min_frustration(x, n, &split));
    EXPECT_EQ(v.lower_bound, v.frustration);
    EXPECT_NEAR(cost(x, n, side), v.frustration, 1e-9);
  }
}

// The heuristic's value is attained by its split, never below the exact minimum, and its
// bound never above it, on random signed matrices where the exact answer is known.
TEST(SplitSearch, HeuristicBracketsTheExactMinimum) {
  std::mt19937_64 rng(17);
  int optimal = 0, within = 0, total = 0;
  for (int n : {15, 18, 21}) {
    SplitSearch search(n, 1);
    ASSERT_FALSE(search.exact());
    std::vector<std::int8_t> side(static_cast<std::size_t>(n), 1);
    for (int month = 0; month < 8; ++month) {
      const auto x = random_ties(n, rng);
      // Every matrix is new, so every call is a restart month (6k): all starts and kicks.
      const SplitValue v = search.run(x, side, 6 * month);
      std::uint64_t split = 0;
      const double exact = min_frustration(x, n, &split);
      EXPECT_EQ(side[0], 1);
      EXPECT_NEAR(cost(x, n, side), v.frustration, 1e-9);
      EXPECT_GE(v.frustration, exact - 1e-9) << "n=" << n;
      EXPECT_LE(v.lower_bound, exact + 1e-9) << "n=" << n;
      EXPECT_GT(v.lower_bound, 0.0) << "random ties have unbalanced triangles";
      optimal += std::abs(v.frustration - exact) < 1e-9;
      within += v.frustration <= 1.05 * exact + 1e-9;
      ++total;
    }
  }
  // Dense random ±weights are spin glasses, the hardest case for local search.
  EXPECT_GE(optimal, total / 2) << "local search should often find the optimum";
  EXPECT_GE(within, total * 9 / 10) << "and nearly always come within 5%";
}

// A perfectly balanced system of 193 actors: the planted camps are found and proven (gap 0).
TEST(SplitSearch, FindsAndProvesPlantedCamps) {
  std::mt19937_64 rng(5);
  std::vector<int> camp;
  const int n = 193;
  const auto x = camp_ties(n, 1.0, rng, camp);
  SplitSearch search(n, 2);
  std::vector<std::int8_t> side(static_cast<std::size_t>(n), 1);
  const SplitValue v = search.run(x, side, 0);
  EXPECT_NEAR(v.frustration, 0.0, 1e-9);
  EXPECT_NEAR(v.lower_bound, 0.0, 1e-9);
  for (int i = 0; i < n; ++i) EXPECT_EQ(side[i] == side[0], camp[i] == camp[0]) << i;
}

// 90 % consistent camps: the found split is no worse than the planted one, and the bound is
// a real fraction of it.
TEST(SplitSearch, NoisyCampsAtScale) {
  std::mt19937_64 rng(9);
  std::vector<int> camp;
  const int n = 120;
  const auto x = camp_ties(n, 0.9, rng, camp);
  std::vector<std::int8_t> planted(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) planted[i] = camp[i] ? -1 : 1;
  SplitSearch search(n, 2);
  std::vector<std::int8_t> side(static_cast<std::size_t>(n), 1);
  const SplitValue v = search.run(x, side, 0);
  EXPECT_LE(v.frustration, cost(x, n, planted) + 1e-9);
  EXPECT_GT(v.lower_bound, 0.3 * v.frustration);
  EXPECT_LE(v.lower_bound, v.frustration);
}

// The packing is a valid bound for any split and any cap, and its rescaling for any matrix.
TEST(SplitSearch, PackingBoundsAreValid) {
  std::mt19937_64 rng(23);
  std::uniform_real_distribution<double> u(-0.3, 0.3);
  for (int trial = 0; trial < 20; ++trial) {
    const int n = 6 + trial % 8;
    const auto x = random_ties(n, rng);
    std::uint64_t split = 0;
    const double exact = min_frustration(x, n, &split);
    std::vector<std::int8_t> side(static_cast<std::size_t>(n));
    for (auto& s : side) s = rng() % 2 ? 1 : -1;
    std::vector<double> residual(static_cast<std::size_t>(n * n));
    for (double cap : {0.0, 10.0, 1e9})
      EXPECT_LE(triangle_packing_bound(x, n, side, cap, residual), exact + 1e-9);
    EXPECT_EQ(triangle_packing_bound(x, n, side, 0.0, residual), 0.0);
    // A packing found on x, rescaled onto a perturbed y, bounds y's minimum.
    std::vector<PackedTriangle> packed;
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b)
        for (int c = b + 1; c < n; ++c)
          if (x[a * n + b] * x[a * n + c] * x[b * n + c] < 0)
            packed.push_back({a, b, c, 0.5 * std::abs(x[a * n + b])});  // overloaded on purpose
    std::vector<double> y = x;
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j)
        y[i * n + j] = y[j * n + i] = std::clamp(x[i * n + j] + u(rng), -1.0, 1.0);
    EXPECT_LE(rescaled_packing_bound(y, n, packed), min_frustration(y, n, &split) + 1e-9);
  }
}

// The rescaled packings of the months between fresh ones are computed by AVX2 and AVX-512
// intrinsics where the processor has them: every instruction set gives the same bits.
TEST(SplitSearch, BoundsAreBitIdenticalOnEveryInstructionSet) {
  const SimdLevel chosen = simd_level();
  std::vector<std::vector<double>> series;
  std::mt19937_64 rng(41);
  std::vector<int> camp;
  std::vector<double> x = camp_ties(50, 0.8, rng, camp);
  std::normal_distribution<double> shock(0.0, 0.03);
  for (int month = 0; month < 14; ++month) {
    series.push_back(x);
    for (int i = 0; i < 50; ++i)
      for (int j = i + 1; j < 50; ++j)
        x[i * 50 + j] = x[j * 50 + i] = std::clamp(x[i * 50 + j] + shock(rng), -1.0, 1.0);
  }
  std::vector<std::vector<double>> bounds;
  for (SimdLevel level : supported_simd_levels()) {
    set_simd_level(level);
    SplitSearch search(50, 2);
    std::vector<std::int8_t> side(50, 1);
    std::vector<double> b;
    for (int month = 0; month < 14; ++month) {
      const SplitValue v = search.run(series[static_cast<std::size_t>(month)], side, month);
      EXPECT_LE(v.lower_bound, v.frustration);
      b.push_back(v.lower_bound);
    }
    EXPECT_GT(b[3], 0.0);  // a rescaled month proves something
    bounds.push_back(b);
  }
  set_simd_level(chosen);
  for (std::size_t l = 1; l < bounds.size(); ++l)
    for (std::size_t m = 0; m < bounds[0].size(); ++m)
      EXPECT_EQ(bounds[l][m], bounds[0][m]) << "level " << l << ", month " << m;
}

}  // namespace
}  // namespace detente::sim
