// detente/sim/calibrate.hpp
//
// Calibration of the tie dynamics (docs/models/dynamics.md) on monthly tie series measured
// from event data (events/tie_series.hpp), by maximum likelihood of the Euler-discretised
// model with one step a month (docs/models/calibration.md):
//
//     x_ij(t+1) = x_ij(t) − β (x_ij(t) − B_ij) + L tanh(α (X(t)²)_ij / ((n − 2) L)) + ε,
//     ε ~ N(0, σ²) independent across dyads and months,
//
// β = restoring_rate, α = balance_gain, L = saturation, σ = noise, B_ij the baseline tie of
// each dyad. X(t) is the tie matrix of month t: the measured score where the month has
// events, else the dyad's last measured score (carried forward), else its mean over the
// window. A transition t → t+1 of a dyad enters the likelihood when both months are
// measured. For fixed (α, L) the likelihood is that of a linear regression with one
// intercept per dyad (β B_ij) and a common slope (−β), so β, the baselines and σ have
// closed forms; (α, L) are found by a grid and Nelder–Mead on the profile likelihood.
// Uncertainty: the observed information (numerical Hessian of the log-likelihood with the
// baselines profiled out) gives standard errors of (β, α, L, σ). The balance term is
// tested by the likelihood ratio against α = 0 (pure relaxation, an AR(1) with a common
// slope).
//
// Cost: building the transitions O(M · n³) for M months and n actors (the X² term), then
// O(N) per likelihood evaluation for N transitions, a few hundred evaluations.
//
// Example:
//   auto ties = detente::events::read_tie_series({"keds_levant.cameo.tsv"}, {});
//   detente::sim::DynamicsFit fit = detente::sim::calibrate(ties, {});
//   std::string block = detente::sim::dynamics_toml(fit);   // [dynamics] with distributions
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/scenario.hpp"
#include "events/tie_series.hpp"

namespace detente::sim {

struct CalibrateOptions {
  int start = 0;            // first column of the series used
  int end = -1;             // one past the last column (−1: the whole series)
  bool fit_balance = true;  // false: α = 0 (pure relaxation)
  std::string source;       // names the data in the output's sources (default: the actors)
};

// One estimated parameter: the maximum-likelihood value and its standard error from the
// observed information (NaN when the information is singular there, e.g. L when α = 0).
struct Estimate {
  double value = 0, se = 0;
};

struct ResidualDiagnostics {
  double mean = 0, sd = 0;  // of the standardised residuals (≈ 0 and 1 by construction)
  double skewness = 0, excess_kurtosis = 0;
  double lag1_autocorrelation = 0;  // within dyads, consecutive transitions
  double share_beyond_2sd = 0;      // 0.0455 for normal errors
  // Correlation of squared residuals with 1/events of the month forecast: positive when
  // months with few events are noisier (sampling error of the score).
  double sampling_noise_correlation = 0;
};

struct DynamicsFit {
  Estimate restoring_rate, balance_gain, saturation, noise;
  std::vector<double> baseline;  // per dyad of the series; the window mean when not fitted
  std::vector<std::string> actors;
  std::vector<std::pair<int, int>> dyads;
  std::size_t transitions = 0;
  std::string window_from, window_to;  // "1979-04" … "1989-12"
  std::string source;                  // data and window, for the scenario's source fields
  double log_likelihood = 0;
  double log_likelihood_no_balance = 0;     // the best fit with α = 0
  double lr_statistic = 0, lr_p_value = 1;  // 2 Δℓ, χ² with 2 degrees of freedom
  double aic_difference = 0;                // AIC(with balance) − AIC(α = 0)
  bool balance_supported = false;           // p < 0.05 and α > 0
  ResidualDiagnostics residuals;
  // The part of the noise that is not the sampling error of the monthly score: the
  // intercept a of E[e²] = a + b / events (least squares on the squared residuals), σ_p =
  // √max(a, 0), and b (the variance one event adds). σ_p is the noise of the relation
  // itself, the scenario simulation's `noise`; σ also holds the measurement's.
  double process_noise = 0, sampling_variance = 0;
  std::vector<std::vector<double>> dyad_residuals;  // [dyad]: the fit's residuals, in time order
};

// Fits the dynamics on columns [start, end) of `series`. Throws InputError (field
// "events") when fewer than 20 transitions are measured in the window.
DynamicsFit calibrate(const events::TieSeries& series, const CalibrateOptions& options = {});

// The tie matrix of month `t` as the fit sees it (row-major n×n, zero diagonal): measured
// scores, else carried forward from months < t within [start, t], else `fallback[d]`.
std::vector<double> tie_state(const events::TieSeries& series, int start, int t,
                              const std::vector<double>& fallback);

// How the ensembles draw each month's shock: N(0, σ²) as in the scenario simulation, or
// one of the dyad's own residuals of the fit, drawn with replacement (a residual
// bootstrap: keeps each dyad's noise level and the skewed, heavy-tailed shape the
// diagnostics show; dyads with fewer than 10 residuals fall back to the normal).
enum class Shocks { normal, residuals };

// Ensembles of the fitted dynamics: `paths` futures of `months` months from the state x0
// (n×n), each month one Euler step and a shock, clamped to [−1, 1]. Returns
// samples[month][dyad][path]. Stream keys: (seed, key, path).
std::vector<std::vector<std::vector<double>>> simulate_fit(
    const DynamicsFit& fit, const std::vector<double>& x0, int months, int paths,
    std::uint64_t seed, std::uint64_t key = 0, Shocks shocks = Shocks::normal);

// The dynamics parameters of the fit in Param order (the rest at their defaults,
// substeps = 1, the step the likelihood is written for).
std::vector<double> fitted_dynamics(const DynamicsFit& fit);

// A `[dynamics]` block: restoring_rate, balance_gain, saturation and noise as normal
// distributions (mean = estimate, sd = standard error, bounded to the parameter's range),
// substeps = 1, each with the source; comments report the fit.
std::string dynamics_toml(const DynamicsFit& fit);

nlohmann::json to_json(const DynamicsFit& fit);
// One row per estimated parameter (sim/backtest_csv.cpp).
std::string to_csv(const DynamicsFit& fit);

// Sets restoring_rate, balance_gain, saturation, noise (normal distributions with the
// standard errors, as in dynamics_toml) and substeps = 1 in `parameters`, each sourced to
// the fit. Variants' own [variant.dynamics] values still override them.
void apply_fit(const DynamicsFit& fit, std::map<std::string, Sourced<double>>& parameters);

// For `[data] calibrate = true`: the dynamics calibrated on the scenario's event files,
// over the dyads of its actors, with only the months before as_of (none after it enters).
DynamicsFit calibrate_scenario(const Scenario& scenario, int threads = 1);

}  // namespace detente::sim
