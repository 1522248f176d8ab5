#include "bargain/weighted_mean.hpp"

#include <stdexcept>

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
  std::vector<double> w(p.actor_count());
  double total = 0;
  for (std::size_t a = 0; a < w.size(); ++a) total += (w[a] = p.weight(issue, a));
  if (total == 0 && p.issues[issue].status_quo) return *p.issues[issue].status_quo;
  return weighted_mean(p.position[issue], w);
}

ModelRun run_mean_model(const BargainingProblem& p, const RunSettings& settings) {
  OptionReader(settings.options, "mean").finish();  // it has none: any given is a mistake
  ModelRun run;
  run.model = "mean";
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    IssueForecast f;
    f.issue = p.issues[k].name;
    f.rounds.push_back(make_round(p, k, 0, p.position[k]));
    f.forecast = weighted_mean(p, k);
    run.issues.push_back(std::move(f));
  }
  return run;
}

}  // namespace detente::bargain
