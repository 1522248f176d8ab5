// detente/bargain/model_run.hpp
//
// The common shape of a bargaining model's output, shared by the CLI, the registry and
// the report: per issue, the trajectory over rounds (round 0 is the input) with the
// weighted median and mean of each round, and the model's forecast.
//
// Example:
//   ModelRun r = find_model("eum")->run(problem, settings);
//   for (const auto& is : r.issues) fmt::print("{}: {}\n", is.issue, is.forecast);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bargain/options.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

struct RoundRecord {
  int round = 0;
  double median = 0;              // weighted (c·s) median of the round's positions
  double mean = 0;                // weighted (c·s) mean of the round's positions
  std::vector<double> positions;  // per actor, in problem order
};

struct IssueForecast {
  std::string issue;
  std::vector<RoundRecord> rounds;  // empty for static models
  double forecast = 0;
  nlohmann::json details = nlohmann::json::object();  // model-specific extras
};

struct ModelRun {
  std::string model;
  nlohmann::json options = nlohmann::json::object();
  std::vector<IssueForecast> issues;
  nlohmann::json details = nlohmann::json::object();  // model-specific extras of the whole run
};

// What the caller sets for any model; a model reads the parts it uses.
struct RunSettings {
  OptionValues options;               // --option name=value
  std::optional<int> rounds;          // --rounds
  std::optional<std::uint64_t> seed;  // --seed
  int threads = 1;                    // results never depend on it
};

// The one rule for the settings every dynamic model shares, applied after its options are
// parsed: --rounds and --seed override the model's own option of that meaning (from the
// input file or --option), and are echoed under the model's name for it; the thread count
// applies unless the options set one, and is never echoed (results do not depend on it).
void apply_settings(const RunSettings& settings, const OptionValues& options, nlohmann::json& used,
                    int* rounds, const char* rounds_name, std::uint64_t* seed,
                    const char* seed_name, int* threads);

// A RoundRecord of `positions` with the weighted median and mean under `problem`'s
// capabilities and saliences on `issue`.
RoundRecord make_round(const BargainingProblem& problem, std::size_t issue, int round,
                       std::vector<double> positions);

// The run of a model without options that forecasts each issue in one step from the input
// positions (the weighted mean and median): round 0 and the forecast per issue.
ModelRun run_single_step(const BargainingProblem& problem, const RunSettings& settings,
                         const std::string& model,
                         double (*forecast)(const BargainingProblem&, std::size_t));

}  // namespace detente::bargain
