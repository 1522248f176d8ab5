// detente/sim/sensitivity.hpp
//
// Variance-based sensitivity of a scenario's outcomes to its uncertain inputs (Sobol
// first-order and total indices, Saltelli 2010 / Jansen 1999 estimators, sim/sobol.hpp).
// Inputs are grouped — every dynamics parameter and every event probability on its own,
// then "relation weights", "positions", "saliences" and "capabilities" as one group each —
// so that a scenario with a hundred judgement numbers still gets a readable ranking (group
// indices: Jacques, Lavergne & Devictor 2006). Each design row sets the inputs and runs a
// small ensemble of `replicates` runs; its outputs are the outcomes' frequencies and the
// issues' mean settlements. Rows that share a base sample share their random streams
// (common random numbers), so the event noise largely cancels from the differences.
// Cost: N·(G+2)·R runs for N base samples, G groups, R replicates.
//
// Example:
//   SensitivityResult r = sensitivity(model, {.base_samples = 256, .seed = 1, .threads = 2});
//   r.sobol.outputs[0].inputs[g].total_order;   // outcome 0, group g
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "sim/model.hpp"
#include "sim/sobol.hpp"

namespace detente::sim {

struct SensitivityOptions {
  std::size_t base_samples = 128;  // N
  std::size_t replicates = 8;      // runs per design row
  std::uint64_t seed = 1;
  int threads = 1;
  std::size_t bootstrap = 200;  // resamples for the intervals
  // Progress of the design rows (core/progress.hpp), labelled `progress_label`; nullptr:
  // none. The counts cannot change a result.
  ProgressSink* progress = nullptr;
  std::string progress_label = "sensitivity";
};

struct InputGroup {
  std::string name;
  std::vector<std::size_t> inputs;  // indices into SimModel::inputs
};

struct SensitivityResult {
  std::vector<InputGroup> groups;
  std::vector<std::string> outputs;  // outcome ids, then "settlement:<issue>"
  SobolResult sobol;
};

std::vector<InputGroup> input_groups(const SimModel& model);

// Throws InputError when the model has no uncertain input.
SensitivityResult sensitivity(const SimModel& model, const SensitivityOptions& options);

}  // namespace detente::sim
