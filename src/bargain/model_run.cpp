#include "bargain/model_run.hpp"

#include <algorithm>

#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"

namespace detente::bargain {

void apply_settings(const RunSettings& settings, const OptionValues& options, nlohmann::json& used,
                    int* rounds, const char* rounds_name, std::uint64_t* seed,
                    const char* seed_name, int* threads) {
  if (settings.rounds && rounds) used[rounds_name] = *rounds = *settings.rounds;
  if (settings.seed && seed) used[seed_name] = *seed = *settings.seed;
  if (threads && !options.count("threads")) *threads = std::max(settings.threads, 1);
  used.erase("threads");
}

RoundRecord make_round(const BargainingProblem& p, std::size_t issue, int round,
                       std::vector<double> positions) {
  const std::vector<double> w = p.weights(issue);
  RoundRecord r;
  r.round = round;
  r.median = weighted_median(positions, w);
  r.mean = weighted_mean(positions, w);
  r.positions = std::move(positions);
  return r;
}

ModelRun run_single_step(const BargainingProblem& p, const RunSettings& settings,
                         const std::string& model,
                         double (*forecast)(const BargainingProblem&, std::size_t)) {
  OptionReader(settings.options, model).finish();  // it has none: any given is a mistake
  ModelRun run;
  run.model = model;
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    IssueForecast f;
    f.issue = p.issues[k].name;
    f.rounds.push_back(make_round(p, k, 0, p.position[k]));
    f.forecast = forecast(p, k);
    run.issues.push_back(std::move(f));
  }
  return run;
}

}  // namespace detente::bargain
