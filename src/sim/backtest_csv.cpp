// `--format csv` of `detente backtest` (both kinds) and `detente calibrate`: one row per
// score or estimate, for pandas, R or a spreadsheet.
//
//   backtest --events:  h,model,n,crps,brier_sign,crps_difference,crps_low,crps_high,
//                       brier_difference,brier_low,brier_high   (differences: to persistence)
//   backtest DIR:       ties,model,count,brier,log_score,accuracy
//   calibrate:          parameter,estimate,se,low,high           (95%: estimate ± 1.96 se)
#include <fmt/format.h>

#include <cmath>

#include "sim/backtest.hpp"
#include "sim/calibrate.hpp"
#include "sim/event_backtest.hpp"

namespace detente::sim {

std::string to_csv(const EventBacktestResult& result) {
  std::string csv =
      "h,model,n,crps,brier_sign,crps_difference,crps_low,crps_high,brier_difference,brier_low,"
      "brier_high\n";
  for (const auto& h : result.horizons)
    for (int m = 0; m < kBacktestModelCount; ++m) {
      const ModelScores& s = h.models[m];
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", h.h, kBacktestModels[m], s.n, s.crps,
                         s.brier_sign, s.crps_difference, s.crps_low, s.crps_high,
                         s.brier_difference, s.brier_low, s.brier_high);
    }
  return csv;
}

std::string to_csv(const BacktestResult& result) {
  std::string csv = "ties,model,count,brier,log_score,accuracy\n";
  auto rows = [&](const char* ties, const ForecastScores& dynamics,
                  const ForecastScores& persistence) {
    for (const auto& [model, s] : {std::pair{"dynamics", &dynamics}, {"persistence", &persistence}})
      csv += fmt::format("{},{},{},{},{},{}\n", ties, model, s->count, s->brier, s->log_score,
                         s->accuracy);
  };
  rows("all", result.dynamics, result.persistence);
  rows("existing", result.dynamics_existing, result.persistence_existing);
  rows("new", result.dynamics_new, result.persistence_new);
  return csv;
}

std::string to_csv(const DynamicsFit& fit) {
  std::string csv = "parameter,estimate,se,low,high\n";
  const std::pair<const char*, const Estimate*> rows[] = {{"restoring_rate", &fit.restoring_rate},
                                                          {"balance_gain", &fit.balance_gain},
                                                          {"saturation", &fit.saturation},
                                                          {"noise", &fit.noise}};
  for (const auto& [name, e] : rows) {
    if (std::isfinite(e->se))
      csv += fmt::format("{},{},{},{},{}\n", name, e->value, e->se, e->value - 1.96 * e->se,
                         e->value + 1.96 * e->se);
    else  // not identified: no interval
      csv += fmt::format("{},{},,,\n", name, e->value);
  }
  csv += fmt::format("process_noise,{},,,\n", fit.process_noise);
  return csv;
}

}  // namespace detente::sim
