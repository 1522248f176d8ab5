// Invariants on random inputs: every model's forecast lies within the positions' range;
// permuting actors changes nothing; scaling all capabilities changes nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "bargain/registry.hpp"
#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"

namespace detente::bargain {
namespace {

BargainingProblem random_problem(std::mt19937_64& rng, std::size_t n, std::size_t m) {
  std::uniform_real_distribution<double> u(0, 1);
  BargainingProblem p;
  p.name = "random";
  for (std::size_t a = 0; a < n; ++a) {
    p.actors.push_back(fmt::format("A{}", a));
    p.capability.push_back(0.05 + u(rng));
  }
  for (std::size_t k = 0; k < m; ++k) {
    Dimension d{fmt::format("I{}", k), 0, 100, {}};
    if (k % 2 == 1) d.status_quo = 100 * u(rng);
    p.issues.push_back(d);
    std::vector<double> x(n), s(n);
    for (std::size_t a = 0; a < n; ++a) {
      x[a] = std::round(100 * u(rng));  // ties happen, as in real data
      s[a] = (0.05 + u(rng)) / static_cast<double>(m);
    }
    p.position.push_back(x);
    p.salience.push_back(s);
  }
  return p;
}

BargainingProblem permuted(const BargainingProblem& p, const std::vector<std::size_t>& order) {
  BargainingProblem q = p;
  for (std::size_t a = 0; a < order.size(); ++a) {
    q.actors[a] = p.actors[order[a]];
    q.capability[a] = p.capability[order[a]];
    for (std::size_t k = 0; k < p.issue_count(); ++k) {
      q.position[k][a] = p.position[k][order[a]];
      q.salience[k][a] = p.salience[k][order[a]];
    }
  }
  return q;
}

TEST(BargainProperties, MeanAndMedianWithinRange) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    auto p = random_problem(rng, 2 + trial % 9, 1);
    const auto [lo, hi] = std::minmax_element(p.position[0].begin(), p.position[0].end());
    for (double x : {weighted_mean(p, 0), weighted_median(p, 0)}) {
      EXPECT_GE(x, *lo - 1e-9);
      EXPECT_LE(x, *hi + 1e-9);
    }
  }
}

TEST(BargainProperties, CondorcetPositionBeatsOrTiesEveryOtherPosition) {
  std::mt19937_64 rng(23);
  for (int trial = 0; trial < 200; ++trial) {
    auto p = random_problem(rng, 2 + trial % 12, 1);
    std::vector<double> w(p.actor_count());
    for (std::size_t a = 0; a < w.size(); ++a) w[a] = p.weight(0, a);
    const auto& x = p.position[0];
    const double c = condorcet_position(x, w);
    EXPECT_NE(std::find(x.begin(), x.end(), c), x.end());  // one of the positions
    for (double z : x) {
      double vote = 0;  // v(c, z) = Σ w (|x − z| − |x − c|) >= 0
      for (std::size_t k = 0; k < x.size(); ++k)
        vote += w[k] * (std::abs(x[k] - z) - std::abs(x[k] - c));
      EXPECT_GE(vote, -1e-9);
    }
    // It is a weighted median: at most half the weight lies strictly on either side.
    double below = 0, above = 0, total = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
      total += w[k];
      if (x[k] < c) below += w[k];
      if (x[k] > c) above += w[k];
    }
    EXPECT_LE(below, total / 2 + 1e-9);
    EXPECT_LE(above, total / 2 + 1e-9);
  }
}

TEST(BargainProperties, EveryModelWithinRangePermutationAndScaleInvariant) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 6; ++trial) {
    auto p = random_problem(rng, 5 + trial, 2);
    std::vector<std::size_t> order(p.actor_count());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    auto q = permuted(p, order);
    auto scaled = p;
    for (double& c : scaled.capability) c *= 7.5;
    for (const auto& model : bargaining_models()) {
      RunSettings settings;
      settings.seed = 9;
      auto a = model.run(p, settings), b = model.run(q, settings), c = model.run(scaled, settings);
      for (std::size_t k = 0; k < p.issue_count(); ++k) {
        const auto [lo, hi] = std::minmax_element(p.position[k].begin(), p.position[k].end());
        const double sq = p.issues[k].status_quo.value_or(*lo);
        EXPECT_GE(a.issues[k].forecast, std::min(*lo, sq) - 1e-6) << model.name;
        EXPECT_LE(a.issues[k].forecast, std::max(*hi, sq) + 1e-6) << model.name;
        EXPECT_NEAR(a.issues[k].forecast, b.issues[k].forecast, 1e-6)
            << model.name << " changes when actors are permuted (trial " << trial << ")";
        EXPECT_NEAR(a.issues[k].forecast, c.issues[k].forecast, 1e-6)
            << model.name << " changes when capabilities are scaled (trial " << trial << ")";
      }
    }
  }
}

}  // namespace
}  // namespace detente::bargain
