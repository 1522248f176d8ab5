#include "sim/kernels.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"
#include "sim/model.hpp"

namespace detente::sim {
namespace {

std::vector<double> random_ties(int n, std::mt19937_64& rng, bool with_zeros = false) {
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> x(static_cast<std::size_t>(n * n), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      x[i * n + j] = x[j * n + i] = with_zeros && rng() % 3 == 0 ? 0.0 : u(rng);
  return x;
}

// The month of docs/models/dynamics.md written as plainly as possible, with std::tanh (or
// with the kernels' own tanh, for comparisons bit for bit).
void reference_month(int n, const std::vector<double>& dyn, std::vector<double>& x,
                     const std::vector<double>& baseline, bool kernel_tanh = false) {
  const double alpha = dyn[kBalanceGain], beta = dyn[kRestoringRate], cap = dyn[kSaturation];
  const int steps = static_cast<int>(std::lround(dyn[kSubsteps]));
  const double h = 1.0 / steps, scale = alpha / (cap * std::max(1, n - 2));
  for (int s = 0; s < steps; ++s) {
    std::vector<double> next = x;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        if (i == j) continue;
        double square = 0;
        for (int k = 0; k < n; ++k) square += x[i * n + k] * x[k * n + j];
        const double dx =
            -beta * (x[i * n + j] - baseline[i * n + j]) +
            cap * (kernel_tanh ? balance_tanh(scale * square) : std::tanh(scale * square));
        next[i * n + j] = std::clamp(x[i * n + j] + h * dx, -1.0, 1.0);
      }
    x = next;
  }
}

// The weight of the ties that a split (bit i = actor i's side) frustrates.
double split_cost(const std::vector<double>& x, int n, std::uint64_t side) {
  double cost = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const bool same = ((side >> i) & 1) == ((side >> j) & 1);
      const double w = x[i * n + j];
      if ((w > 0 && !same) || (w < 0 && same)) cost += std::abs(w);
    }
  return cost;
}

// Restores the kernels' instruction set after a test that switches it.
struct SimdGuard {
  SimdLevel saved = simd_level();
  ~SimdGuard() { set_simd_level(saved); }
};

TEST(Kernels, BalanceTanhMatchesStdTanh) {
  double worst = 0;
  for (double v = -25; v <= 25; v += 0.001) {
    const double want = std::tanh(v);
    worst = std::max(worst, std::abs(balance_tanh(v) - want) / std::max(std::abs(want), 1e-300));
  }
  EXPECT_LT(worst, 1e-15);
  EXPECT_EQ(balance_tanh(0.0), 0.0);
  EXPECT_NEAR(balance_tanh(1e-10), 1e-10, 1e-25);  // relative accuracy near 0
  EXPECT_EQ(balance_tanh(30.0), 1.0);
  EXPECT_EQ(balance_tanh(-1e300), -1.0);
}

TEST(Kernels, IntegrateMonthMatchesThePlainEquations) {
  SimdGuard guard;
  std::mt19937_64 rng(11);
  std::vector<double> dyn = default_dynamics();
  dyn[kBalanceGain] = 0.7;  // strong enough that the balance force matters
  dyn[kSubsteps] = 3;
  for (SimdLevel level : supported_simd_levels()) {
    set_simd_level(level);
    for (int n : {3, 5, 6, 7, 8, 9, 10, 12, 17, 33, 50}) {  // fixed-size and tiled paths
      std::vector<double> x = random_ties(n, rng), baseline = random_ties(n, rng);
      std::vector<double> want = x, scratch(integrate_scratch_size(n));
      for (int month = 0; month < 4; ++month) {
        integrate_month(n, dyn, x, baseline, scratch);
        reference_month(n, dyn, want, baseline);
      }
      for (std::size_t k = 0; k < x.size(); ++k)
        ASSERT_NEAR(x[k], want[k], 1e-12) << simd_name(level) << " n=" << n << " k=" << k;
    }
  }
}

// Without the balance force (α = 0, the calibrated default) the kernels do not form X²:
// the force term cap · tanh(0 · X²) is +0 whatever X² holds, so the month must be the same
// doubles as the full equation evaluated with the kernels' own tanh, bit for bit.
TEST(Kernels, WithoutTheBalanceForceTheMonthIsBitIdenticalToTheFullEquation) {
  SimdGuard guard;
  std::vector<double> dyn = default_dynamics();
  dyn[kBalanceGain] = 0;
  dyn[kRestoringRate] = 0.83;
  for (double substeps : {1.0, 3.0}) {
    dyn[kSubsteps] = substeps;
    for (SimdLevel level : supported_simd_levels()) {
      set_simd_level(level);
      for (int n : {3, 6, 8, 10, 12, 17, 50}) {  // fixed-size and tiled paths
        std::mt19937_64 rng(static_cast<unsigned>(n));
        std::vector<double> x = random_ties(n, rng, true), baseline = random_ties(n, rng, true);
        std::vector<double> want = x, scratch(integrate_scratch_size(n));
        for (int month = 0; month < 3; ++month) {
          integrate_month(n, dyn, x, baseline, scratch);
          reference_month(n, dyn, want, baseline, /*kernel_tanh=*/true);
        }
        ASSERT_EQ(0, std::memcmp(x.data(), want.data(), x.size() * sizeof(double)))
            << simd_name(level) << " n=" << n << " substeps=" << substeps;
      }
    }
  }
}

TEST(Kernels, MinFrustrationMatchesBruteForce) {
  SimdGuard guard;
  std::mt19937_64 rng(5);
  for (SimdLevel level : supported_simd_levels()) {
    set_simd_level(level);
    for (int n = 1; n <= 13; ++n)
      for (int trial = 0; trial < 12; ++trial) {
        const std::vector<double> x = random_ties(n, rng, trial % 2 == 1);
        double brute = 1e300;
        for (std::uint64_t side = 0; side < (std::uint64_t{1} << n); ++side)
          brute = std::min(brute, split_cost(x, n, side));
        std::uint64_t split = 0;
        const double found = min_frustration(x, n, &split);
        ASSERT_NEAR(found, brute, 1e-9) << simd_name(level) << " n=" << n;
        EXPECT_EQ(split & 1, 0u);
        // The split returned has the cost returned.
        EXPECT_NEAR(split_cost(x, n, split), found, 1e-9) << simd_name(level) << " n=" << n;
      }
  }
}

// Every instruction set gives the same bits: no fused multiply-add, no reassociation.
TEST(Kernels, EveryInstructionSetGivesIdenticalResults) {
  SimdGuard guard;
  const std::vector<SimdLevel> levels = supported_simd_levels();
  if (levels.size() < 2) GTEST_SKIP() << "this processor runs only the baseline kernels";
  std::vector<double> dyn = default_dynamics();
  dyn[kBalanceGain] = 0.9;
  for (int n : {4, 6, 7, 8, 9, 10, 11, 14, 23}) {
    std::mt19937_64 rng(static_cast<unsigned>(n));
    const std::vector<double> start = random_ties(n, rng), baseline = random_ties(n, rng);
    std::vector<std::vector<double>> ties;
    std::vector<double> frustration;
    std::vector<std::uint64_t> splits;
    for (SimdLevel level : levels) {
      set_simd_level(level);
      std::vector<double> x = start, scratch(integrate_scratch_size(n));
      for (int month = 0; month < 24; ++month) integrate_month(n, dyn, x, baseline, scratch);
      ties.push_back(x);
      std::uint64_t split = 0;
      frustration.push_back(min_frustration(x, n, &split));
      splits.push_back(split);
    }
    for (std::size_t l = 1; l < levels.size(); ++l) {
      EXPECT_EQ(ties[l], ties[0]) << simd_name(levels[l]) << " n=" << n;
      EXPECT_EQ(frustration[l], frustration[0]) << simd_name(levels[l]) << " n=" << n;
      EXPECT_EQ(splits[l], splits[0]) << simd_name(levels[l]) << " n=" << n;
    }
  }
}

// And so does a whole ensemble of the built-in scenario.
TEST(Kernels, EnsembleIsTheSameOnEveryInstructionSet) {
  SimdGuard guard;
  const std::vector<SimdLevel> levels = supported_simd_levels();
  if (levels.size() < 2) GTEST_SKIP() << "this processor runs only the baseline kernels";
  const Scenario scenario = io::load_scenario("northeast-asia-2024");
  const SimModel model = compile(scenario, nullptr);
  std::vector<Records> records;
  for (SimdLevel level : levels) {
    set_simd_level(level);
    records.push_back(run_records(model, {9, 2, {}}, 0, 300));
  }
  for (std::size_t l = 1; l < levels.size(); ++l)
    EXPECT_TRUE(records[l] == records[0]) << simd_name(levels[l]);
}

TEST(Kernels, UnsupportedLevelIsRefused) {
  const auto levels = supported_simd_levels();
  ASSERT_FALSE(levels.empty());
  EXPECT_EQ(levels.front(), SimdLevel::baseline);
  if (levels.size() < 3) {
    EXPECT_THROW(set_simd_level(SimdLevel::avx512), std::invalid_argument);
  }
}

}  // namespace
}  // namespace detente::sim
