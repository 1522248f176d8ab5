// detente/sim/backtest.hpp
//
// Rolling-origin backtest of tie-sign forecasts on a sequence of signed networks (the 51
// Correlates of War windows 1946–49 … 1996–99). For each transition t → t+1 the ties of
// window t+1 are forecast from window t alone (and the fit on t−1 → t, never later data):
//  * dynamics: X(0) = window t's signed matrix over the states of both windows; twelve
//    months of the scenario dynamics (sim/dynamics.hpp) with X(0) as baseline; a tie's
//    P(positive) = logistic(κ · x), κ chosen on a grid to minimise the Brier score of the
//    previous transition;
//  * persistence: next = last (P = 1 or 0) for ties that exist in t; for new ties the
//    share of positive new ties in the previous transition.
// Both are scored on every tie of window t+1 (Brier, log score, accuracy), overall and
// split into ties that persist from t and ties that are new, with the paired Brier
// difference and its bootstrap interval.
//
// Example:
//   auto windows = detente::sim::read_windows("…/cow_signed");
//   detente::sim::BacktestResult r = detente::sim::backtest(windows, {});
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "align/signed_graph.hpp"

namespace detente::sim {

struct BacktestOptions {
  int months = 12;               // forecast horizon: windows move by one year
  std::vector<double> dynamics;  // Param order; empty = the defaults
  std::uint64_t seed = 1;        // bootstrap of the paired comparison
};

struct ForecastScores {
  std::size_t count = 0;
  double brier = 0, log_score = 0, accuracy = 0;
};

struct BacktestTransition {
  std::string from, to;
  double kappa = 0;
  ForecastScores dynamics, persistence;
};

struct BacktestResult {
  std::vector<BacktestTransition> transitions;
  ForecastScores dynamics, persistence;                    // every forecast tie
  ForecastScores dynamics_existing, persistence_existing;  // ties present in window t
  ForecastScores dynamics_new, persistence_new;            // ties absent from window t
  double brier_difference = 0, difference_low = 0, difference_high = 0;  // dynamics − persistence
};

struct Window {
  std::string name;
  align::SignedGraph graph;
};

// Every *.csv of `dir` whose name starts with "cow_", in name order (from,to,sign files).
std::vector<Window> read_windows(const std::string& dir);

BacktestResult backtest(const std::vector<Window>& windows, const BacktestOptions& options);

nlohmann::json to_json(const BacktestResult& result);
// One row per tie subset and forecaster (sim/backtest_csv.cpp).
std::string to_csv(const BacktestResult& result);

}  // namespace detente::sim
