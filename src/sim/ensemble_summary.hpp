// detente/sim/ensemble_summary.hpp
//
// What an ensemble reports, read off its tally (sim/tally.hpp), and how it is printed
// (`detente simulate`, `detente merge` and the main job's simulation section share it, so
// one process and merged shards print the same bytes).
//
// - Outcome probabilities k/N with Wilson 95% intervals (Wilson 1927).
// - Quantiles (5, 25, 50, 75, 95%) and the mean of every settlement, key tie and the
//   frustration by month. A quantile is type 7 (Hyndman & Fan 1996) on the histogram: the
//   order statistics at ranks ⌊h⌋ and ⌊h⌋+1, h = (N − 1)p, each placed at its rank's share
//   of its bin (c values of a bin [a, a + w) sit at a + (i + ½)w/c), then interpolated.
//   Within one bin width of the exact value (see tally.hpp); exact at the atoms lo and hi.
// - Counterfactual effects (common random numbers: run r of every variant shares its
//   draws with run r of the baseline): per variant and outcome the paired difference of
//   probabilities d = (g − l)/N, g runs gained and l lost against the baseline, with the
//   Agresti–Min (2005) adjusted-Wald 95% interval for matched proportions (each cell of
//   the 2×2 table plus ½); per issue the mean settlement shift with a normal 95% interval
//   from the paired shifts' standard deviation. A variant identical to the baseline has
//   g = l = 0 and shifts of exactly 0.
// - Pinned outcomes: below 1% or above 99% in every variant. attach_pinning() names the
//   inputs that move them from a sensitivity analysis, or "by construction" when none does.
//
// Example:
//   EnsembleReport r = summarise(tally);
//   std::cout << text_table(r);
//   nlohmann::json j = to_json(r);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/tally.hpp"

namespace detente::sim {

struct SensitivityResult;

struct Quantiles {
  double mean = 0, q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
};

// The quantiles of a column from its kBins + 2 bins and fixed-point sum, over n values.
Quantiles histogram_quantiles(const TallyColumn& column, const std::uint64_t* bins, WideCount sum,
                              std::uint64_t n);

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
  // Every frustration value (and bloc split) is within this of the proven minimum: the
  // upper edge of the highest non-empty bin of the runs' largest gaps; 0 = all proven exact
  // (sim/split_search.hpp).
  double frustration_max_gap = 0;
};

struct OutcomeEffect {
  std::string id, name;
  double difference = 0, low = 0, high = 0;  // probability points / 100, 95% interval
  std::uint64_t gained = 0, lost = 0;        // runs where only the variant / only the baseline
};

struct SettlementShift {
  std::string issue;
  double shift = 0, low = 0, high = 0;  // on the issue's scale, 95% interval
};

struct VariantEffects {
  std::string variant_id, variant_name;
  std::vector<OutcomeEffect> outcomes;
  std::vector<SettlementShift> settlements;
};

struct PinnedOutcome {
  std::string id, name;
  double lowest = 0, highest = 0;  // its probability over the variants
  // Filled by attach_pinning(): the inputs that move it (most influential first), or
  // by_construction when no uncertain input does.
  bool analysed = false, by_construction = false;
  std::vector<std::string> inputs;
};

struct EnsembleReport {
  TallyHeader header;
  std::vector<EnsembleSummary> variants;  // the baseline first
  std::vector<VariantEffects> effects;    // one per variant after the baseline
  std::vector<PinnedOutcome> pinned;
};

inline constexpr double kPinnedBelow = 0.01, kPinnedAbove = 0.99;

// Throws std::invalid_argument unless the tally holds all of its ensemble's runs.
EnsembleReport summarise(const EnsembleTally& tally);

// Explains the pinned outcomes with a sensitivity analysis of the baseline: inputs (groups)
// with a total-order index of at least 0.05, at most three; none → by construction.
void attach_pinning(EnsembleReport& report, const SensitivityResult& baseline);

// The Wilson score interval for k successes in n trials at 95%.
std::pair<double, double> wilson_interval(std::size_t k, std::size_t n);
// Agresti–Min 95% interval of the paired difference (gained − lost)/n.
std::pair<double, double> paired_difference_interval(std::uint64_t gained, std::uint64_t lost,
                                                     std::uint64_t n);

nlohmann::json to_json(const EnsembleSummary& summary);
nlohmann::json effects_json(const EnsembleReport& report);
nlohmann::json pinned_json(const EnsembleReport& report);
// The whole output of `detente simulate --format json`.
nlohmann::json to_json(const EnsembleReport& report);
// The text output of `detente simulate`.
std::string text_table(const EnsembleReport& report);
// One row per variant and outcome, the layout `detente score` reads.
std::string forecasts_csv(const EnsembleReport& report);
// The whole summary as a long table, one value per row (sim/ensemble_csv.cpp):
// `detente simulate --format csv`.
std::string tidy_csv(const EnsembleReport& report);

}  // namespace detente::sim
