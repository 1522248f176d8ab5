// detente/bargain/registry.hpp
//
// The bargaining models by name, for the CLI (`detente bargain --model NAME|all`) and the
// report. Adding a model = its own files (a run function with the signature below) plus
// one line in the list in registry.cpp.
//
// Example:
//   for (const ModelSpec& m : bargaining_models()) {
//     ModelRun r = m.run(problem, RunSettings{});
//   }
//   const ModelSpec* eum = find_model("eum");
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bargain/model_run.hpp"

namespace detente::bargain {

using ModelRunner = ModelRun (*)(const BargainingProblem&, const RunSettings&);

struct ModelSpec {
  // The statistic of a round that summarises a dynamic model's trajectory in reports.
  enum class Trajectory { none, median, mean };
  std::string name;      // "eum"
  std::string title;     // "Expected utility (Bueno de Mesquita)"
  bool dynamic = false;  // has a trajectory over rounds (takes --rounds)
  ModelRunner run = nullptr;
  Trajectory trajectory = Trajectory::none;  // what the report plots over rounds
};

// In display order: the weighted mean (the baseline) first.
const std::vector<ModelSpec>& bargaining_models();
const ModelSpec* find_model(std::string_view name);

// JSON of one run, as documented in docs/bargain-json.md.
nlohmann::ordered_json to_json(const BargainingProblem& problem, const ModelRun& run);

}  // namespace detente::bargain
