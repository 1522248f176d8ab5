#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"

namespace detente::bargain {
namespace {

TEST(WeightedMean, HandComputed) {
  std::vector<double> x{80, 60, 20}, w{0.3, 0.15, 0.18};
  EXPECT_NEAR(weighted_mean(x, w), 36.6 / 0.63, 1e-12);
  std::vector<double> zero{0, 0, 0};
  EXPECT_NEAR(weighted_mean(x, zero), 160.0 / 3, 1e-12);
}

TEST(WeightedMedian, HandComputed) {
  std::vector<double> x{80, 60, 20}, w{0.3, 0.15, 0.18};
  EXPECT_EQ(weighted_median(x, w), 60);
  // A weighted majority at one end wins outright.
  std::vector<double> w2{0.6, 0.1, 0.1};
  EXPECT_EQ(weighted_median(x, w2), 80);
  // Exactly half the weight at or below 20: the median interval is [20, 60].
  std::vector<double> x3{20, 60}, w3{1, 1};
  EXPECT_EQ(weighted_median(x3, w3), 40);
}

TEST(BaselineModels, UseCapabilityTimesSalienceFromTheProblem) {
  BargainingProblem p;
  p.actors = {"A", "B", "C"};
  p.capability = {1, 2, 4};
  p.issues = {{"i", 0, 100, 10.0}};
  p.position = {{0, 50, 100}};
  p.salience = {{1, 1, 0.25}};
  // weights 1, 2, 1
  EXPECT_DOUBLE_EQ(weighted_mean(p, 0), 50);
  EXPECT_DOUBLE_EQ(weighted_median(p, 0), 50);
  p.salience = {{0, 0, 0}};
  EXPECT_DOUBLE_EQ(weighted_mean(p, 0), 10);  // nobody cares: the status quo stands
  EXPECT_DOUBLE_EQ(weighted_median(p, 0), 10);
}

// Properties on random inputs: the outcome lies within the positions' range, does not
// depend on the order of actors, and does not change when all weights are scaled.
TEST(BaselineModels, PropertiesOnRandomInputs) {
  std::mt19937_64 rng(20240527);
  std::uniform_real_distribution<double> pos(-50, 150), weight(0, 2);
  std::uniform_int_distribution<int> size(1, 40);
  for (int trial = 0; trial < 500; ++trial) {
    int n = size(rng);
    std::vector<double> x(n), w(n);
    for (int i = 0; i < n; ++i) {
      x[i] = pos(rng);
      w[i] = trial % 7 == 0 && i % 2 == 0 ? 0 : weight(rng);
    }
    const double lo = *std::min_element(x.begin(), x.end());
    const double hi = *std::max_element(x.begin(), x.end());
    const double mean = weighted_mean(x, w), median = weighted_median(x, w);
    EXPECT_GE(mean, lo - 1e-9);
    EXPECT_LE(mean, hi + 1e-9);
    EXPECT_GE(median, lo);
    EXPECT_LE(median, hi);

    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<double> px(n), pw(n), sw(n);
    for (int i = 0; i < n; ++i) {
      px[i] = x[order[i]];
      pw[i] = w[order[i]];
      sw[i] = w[i] * 1000.0;
    }
    EXPECT_NEAR(weighted_mean(px, pw), mean, 1e-9 * (1 + std::abs(mean)));
    EXPECT_DOUBLE_EQ(weighted_median(px, pw), median);
    EXPECT_NEAR(weighted_mean(x, sw), mean, 1e-9 * (1 + std::abs(mean)));
    EXPECT_DOUBLE_EQ(weighted_median(x, sw), median);
  }
}

}  // namespace
}  // namespace detente::bargain
