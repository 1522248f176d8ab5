// detente/sim/ensemble.hpp
//
// Monte Carlo ensembles over a compiled scenario: N runs, each drawing its uncertain
// inputs and its events from its own stream (seed, variant, run index), spread over
// threads (and over MPI ranks by the CLI), summarised as outcome probabilities with 95%
// Wilson intervals, quantiles of the issues' settlements, and quantile bands of the key
// dyads' ties and of the frustration over time. The summary depends only on the seed and
// the number of runs, never on how the runs were divided.
//
// Example:
//   detente::sim::SimModel m = detente::sim::compile(s, nullptr);
//   auto records = detente::sim::run_records(m, {.seed = 1, .threads = 2}, 0, 10000);
//   detente::sim::EnsembleSummary summary = detente::sim::summarise(m, records, 10000);
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/model.hpp"
#include "sim/records.hpp"

namespace detente::sim {

struct EnsembleOptions {
  std::uint64_t seed = 1;
  int threads = 1;
  // Called now and then from the calling thread with the number of runs done.
  std::function<void(std::size_t)> progress;
};

// Runs [begin, end) and returns their records, row after row (RunLayout::width() each).
Records run_records(const SimModel& model, const EnsembleOptions& options, std::size_t begin,
                    std::size_t end);

struct Quantiles {
  double mean = 0, q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
};
Quantiles quantiles(std::vector<double> values);

struct OutcomeSummary {
  std::string id, name;
  double probability = 0, low = 0, high = 0;  // Wilson 95% interval
  std::size_t count = 0;
};

struct EnsembleSummary {
  std::string variant_id, variant_name;
  std::size_t runs = 0;
  std::vector<OutcomeSummary> outcomes;
  std::vector<std::pair<std::string, Quantiles>> issues;  // settlement of each issue
  std::vector<std::string> dyad_names;                    // "CHN-JPN"
  std::vector<std::vector<Quantiles>> dyad_series;        // [dyad][month]
  std::vector<Quantiles> frustration_series;              // [month]
  std::vector<std::string> month_labels;                  // "2024-05"
};

// The summary of `runs` records; the columns' quantiles are computed on `threads` threads
// (the result does not depend on how many).
EnsembleSummary summarise(const SimModel& model, const Records& records, std::size_t runs,
                          int threads = 1);

// The Wilson score interval for k successes in n trials at 95%.
std::pair<double, double> wilson_interval(std::size_t k, std::size_t n);

nlohmann::json to_json(const EnsembleSummary& summary);

}  // namespace detente::sim
