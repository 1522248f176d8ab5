#include "bargain/weighted_mean.hpp"

#include <stdexcept>

#include "bargain/model_run.hpp"

namespace detente::bargain {

double weighted_mean(std::span<const double> positions, std::span<const double> weights) {
  if (positions.size() != weights.size() || positions.empty())
    throw std::invalid_argument("weighted_mean: positions and weights must be equal, non-empty");
  double num = 0, den = 0, plain = 0;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    num += weights[i] * positions[i];
    den += weights[i];
    plain += positions[i];
  }
  return den > 0 ? num / den : plain / static_cast<double>(positions.size());
}

double weighted_mean(const BargainingProblem& p, std::size_t issue) {
  const std::vector<double> w = p.weights(issue);
  if (auto still = p.unweighted_outcome(issue, w)) return *still;
  return weighted_mean(p.position[issue], w);
}

ModelRun run_mean_model(const BargainingProblem& p, const RunSettings& settings) {
  return run_single_step(p, settings, "mean", weighted_mean);
}

}  // namespace detente::bargain
