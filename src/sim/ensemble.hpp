// detente/sim/ensemble.hpp
//
// Monte Carlo ensembles over compiled scenario variants: run r of every variant draws the
// inputs the variants share, the events and the shocks from the same numbers (common
// random numbers), so that the variants can be compared run by run; the runs are spread
// over threads (and over MPI ranks and shards by the CLI) and summarised as they finish
// into a tally (sim/tally.hpp) whose size does not depend on the number of runs.
//
// Streams of run r (seed S): each uncertain input is drawn by inverse CDF from
// keyed_uniform(S ⊕ r, FNV-1a(input name)), so an input keeps its draw in every variant
// that has it, whatever the variant adds or removes; the events (keyed by event id and
// month, sim/dynamics.cpp) and the monthly shocks come from Stream::for_run(S, kShared, r),
// the same stream in every variant. Nothing depends on which thread or process runs r.
//
// Example:
//   std::vector<detente::sim::SimModel> models{compile(s, nullptr), compile(s, &s.variants[0])};
//   auto tally = detente::sim::tally_ensemble(models, {.seed = 1, .threads = 2}, 10000, 0, 10000);
//   detente::sim::EnsembleReport report = detente::sim::summarise(tally);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/progress.hpp"
#include "sim/ensemble_summary.hpp"
#include "sim/model.hpp"
#include "sim/records.hpp"
#include "sim/tally.hpp"

namespace detente::sim {

struct EnsembleOptions {
  std::uint64_t seed = 1;
  int threads = 1;
  ProgressTask* progress = nullptr;  // advanced by one per run of one variant
};

// Key of the stream that run r of every variant uses for its events and shocks.
inline constexpr std::uint64_t kSharedStreamKey = 0x636f6d6d6f6eULL;

// Draws the model's uncertain inputs for run `run` into `params` (common random numbers).
void draw_run_inputs(const SimModel& model, std::span<const std::uint64_t> input_keys,
                     std::uint64_t seed, std::uint64_t run, std::span<double> params);
// FNV-1a of each input's name, the keys draw_run_inputs() takes.
std::vector<std::uint64_t> input_keys(const SimModel& model);

// Runs [begin, end) of one model and returns their records, row after row
// (RunLayout::width() each): for tests and for analyses that need every run.
Records run_records(const SimModel& model, const EnsembleOptions& options, std::size_t begin,
                    std::size_t end);

// Runs [begin, end) of every model (the baseline first) and tallies them; the tally's
// header says the ensemble has `runs` runs in all.
EnsembleTally tally_ensemble(const std::vector<SimModel>& models, const EnsembleOptions& options,
                             std::uint64_t runs, std::uint64_t begin, std::uint64_t end);

}  // namespace detente::sim
