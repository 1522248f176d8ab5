// detente/sim/event_backtest.hpp
//
// Rolling-origin, out-of-sample backtest of tie forecasts on monthly tie series from event
// data (events/tie_series.hpp; Tashman 2000). For each origin o (a month) every forecaster
// is fitted on the months before o only, and forecasts each dyad's tie score h months on
// (the month o + h − 1) for every horizon h; forecasts are scored against the measured
// score where that month has events. Four probabilistic forecasters:
//  * persistence: the dyad's last measured score plus each of its training window's
//    empirical h-month changes (a sample);
//  * climatology: the dyad's measured scores in the training window (a sample);
//  * ar1: per dyad x(t+1) = c + φ x(t) + e, e ~ N(0, s²), by least squares; the k-step
//    normal forecast from the last measured score (k months to the target);
//  * dynamics: sim/calibrate.hpp fitted on the training window, `paths` simulated futures
//    from the carried-forward tie matrix of month o − 1.
// Scores per horizon: the mean CRPS (Gneiting & Raftery 2007) and the Brier score of the
// sign (outcome: score > 0; probability: the forecast's P(X > 0)). Each model's mean
// difference to persistence on the same (origin, dyad) cases has a 95% interval from a
// moving-block bootstrap over origins (blocks of ⌈h / step⌉ origins: forecasts from nearby
// origins share target months, so cases are not independent).
// A dyad is forecast from an origin when its training window has ≥ `min_training`
// measured months and ≥ 10 measured h-month changes.
//
// Cost: per origin one calibration (sim/calibrate.hpp) and O(paths · H · n³) for the
// ensembles, plus O(D · H · (P log P + W)) for the scores (D dyads, P paths, W training
// months); origins run on threads, each writing its own slot (results do not depend on
// the thread count). The dynamics' CRPS difference to each other model has the same kind
// of interval.
//
// Example:
//   auto ties = detente::events::read_tie_series({"keds_levant.cameo.tsv"}, opt);
//   detente::sim::EventBacktestOptions o;
//   o.first_origin = ties.month_of(detente::Date{1990, 1, 1});
//   auto r = detente::sim::backtest_events(ties, o);
//   std::cout << detente::sim::to_json(r).dump(2);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "events/tie_series.hpp"
#include "sim/calibrate.hpp"

namespace detente::sim {

struct EventBacktestOptions {
  int first_origin = 0;  // column of the first origin (first month forecast)
  int last_origin = -1;  // column of the last origin (−1: the last month with a 1-month target)
  int step = 1;          // months between origins
  std::vector<int> horizons = {1, 3, 6, 12};
  int paths = 200;                    // ensemble size of the dynamics
  int min_training = 24;              // measured months a dyad needs in its training window
  bool fit_balance = true;            // the dynamics' balance term (false: α = 0)
  Shocks shocks = Shocks::residuals;  // the dynamics ensembles' monthly shocks
  std::size_t resamples = 1000;
  std::uint64_t seed = 1;  // ensembles and bootstrap
  int threads = 1;
};

inline constexpr const char* kBacktestModels[] = {"persistence", "climatology", "ar1", "dynamics"};
inline constexpr int kBacktestModelCount = 4;

struct ModelScores {
  std::size_t n = 0;
  double crps = 0, brier_sign = 0;
  // Mean difference to persistence on the same cases (negative: better), 95% intervals.
  double crps_difference = 0, crps_low = 0, crps_high = 0;
  double brier_difference = 0, brier_low = 0, brier_high = 0;
};

struct HorizonResult {
  int h = 0;
  ModelScores models[kBacktestModelCount];
  std::string best_crps;  // the model with the lowest mean CRPS
  // CRPS of the dynamics minus that of each model, mean and 95% interval (same bootstrap).
  double dynamics_vs[kBacktestModelCount][3] = {};
};

struct OriginFit {
  std::string origin;
  double restoring_rate = 0, balance_gain = 0, saturation = 0, noise = 0;
  bool balance_supported = false;
};

struct EventBacktestResult {
  std::vector<HorizonResult> horizons;
  std::vector<OriginFit> fits;
  std::string first_origin, last_origin;
  std::vector<std::string> actors;
  int step = 1, paths = 0;
};

// Throws InputError when the origins leave no training data or no case to score.
EventBacktestResult backtest_events(const events::TieSeries& series,
                                    const EventBacktestOptions& options);

nlohmann::json to_json(const EventBacktestResult& result);
std::string to_text(const EventBacktestResult& result);
// One row per horizon and model (sim/backtest_csv.cpp).
std::string to_csv(const EventBacktestResult& result);

}  // namespace detente::sim
