#include "bargain/weighted_median.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "bargain/model_run.hpp"

namespace detente::bargain {

double weighted_median(std::span<const double> positions, std::span<const double> weights) {
  if (positions.size() != weights.size() || positions.empty())
    throw std::invalid_argument("weighted_median: positions and weights must be equal, non-empty");
  std::vector<std::size_t> order(positions.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> w(weights.begin(), weights.end());
  if (total <= 0) {  // no weight anywhere: the plain median
    std::fill(w.begin(), w.end(), 1.0);
    total = static_cast<double>(w.size());
  }
  const double half = total / 2;
  const double eps = 1e-12 * total;
  double cumulative = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    cumulative += w[order[k]];
    if (cumulative > half + eps) return positions[order[k]];
    if (cumulative >= half - eps) {
      // Exactly half: the median is the interval up to the next weighted position.
      for (std::size_t j = k + 1; j < order.size(); ++j)
        if (w[order[j]] > 0) return (positions[order[k]] + positions[order[j]]) / 2;
      return positions[order[k]];
    }
  }
  return positions[order.back()];
}

double condorcet_position(std::span<const double> x, std::span<const double> weight) {
  if (x.size() != weight.size() || x.empty())
    throw std::invalid_argument(
        "condorcet_position: positions and weights must be equal, non-empty");
  double scale = 0;
  for (double w : weight) scale += w;
  if (!(scale > 0)) {
    std::vector<double> ones(x.size(), 1.0);
    return condorcet_position(x, ones);
  }
  // v(y, z) = L(z) − L(y) with L(y) = Σ w|x − y|: the winner has the least L.
  const double tol = 1e-12 * scale;
  // Eight candidates at a time, each summing over the voters in order (the same sums as
  // one at a time, but independent, so they fill the vector lanes): O(n²).
  constexpr std::size_t kBlock = 8;
  const std::size_t n = x.size();
  double best = x.front(), best_loss = std::numeric_limits<double>::infinity();
  for (std::size_t y0 = 0; y0 < n; y0 += kBlock) {
    double ys[kBlock], loss[kBlock] = {};
    for (std::size_t b = 0; b < kBlock; ++b) ys[b] = x[std::min(y0 + b, n - 1)];
    for (std::size_t k = 0; k < n; ++k) {
      const double wk = weight[k], xk = x[k];
      for (std::size_t b = 0; b < kBlock; ++b) loss[b] += wk * std::abs(xk - ys[b]);
    }
    for (std::size_t b = 0; b < kBlock && y0 + b < n; ++b) {
      const double y = ys[b];
      if (loss[b] < best_loss - tol || (std::abs(loss[b] - best_loss) <= tol && y < best)) {
        best = y;
        best_loss = loss[b];
      }
    }
  }
  return best;
}

double weighted_median(const BargainingProblem& p, std::size_t issue) {
  const std::vector<double> w = p.weights(issue);
  if (auto still = p.unweighted_outcome(issue, w)) return *still;
  return weighted_median(p.position[issue], w);
}

ModelRun run_median_model(const BargainingProblem& p, const RunSettings& settings) {
  return run_single_step(p, settings, "median", weighted_median);
}

}  // namespace detente::bargain
