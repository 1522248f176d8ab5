// detente/sim/dynamics.hpp
//
// One simulated future of a compiled scenario (docs/models/dynamics.md). Monthly steps:
// scheduled and stochastic events act on the relation matrix X and its baseline B; X
// evolves under the Morrison–Kutz–Gabbay balance dynamics
//     dX/dt = −β (X − B) + L · tanh(α X² / L)
// plus a Gaussian shock; issues reaching their decision month are settled by the chosen
// bargaining model after positions are pulled toward friends and away from rivals.
// Cost per run: O(T · (k·n³ + S(n))) for T months, k substeps, n actors, where S(n) is the
// frustration observation: the exact 2^(n−1) search where sim/split_search.hpp's budget
// allows it, else O(n²) local search with a proven lower bound — polynomial in n.
//
// Example:
//   detente::sim::RunLayout layout(model);
//   std::vector<double> params = model.parameters, record(layout.width());
//   detente::sim::Stream rng = detente::sim::Stream::for_run(seed, key, run);
//   detente::sim::draw_inputs(model, rng, params);
//   detente::sim::Workspace ws(model);
//   detente::sim::simulate(model, params, rng, ws, record);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/kernels.hpp"
#include "sim/model.hpp"
#include "sim/rng.hpp"
#include "sim/split_search.hpp"

namespace detente::sim {

// Where each quantity sits in a run's record of doubles.
struct RunLayout {
  explicit RunLayout(const SimModel& m)
      : outcomes(m.outcomes.size()),
        issues(static_cast<std::size_t>(m.m)),
        dyads(m.key_dyads.size()),
        months(static_cast<std::size_t>(m.months)) {}
  std::size_t outcomes, issues, dyads, months;
  std::size_t outcome(std::size_t o) const { return o; }
  std::size_t issue(std::size_t k) const { return outcomes + k; }
  std::size_t dyad(std::size_t d, std::size_t t) const {
    return outcomes + issues + d * months + t;
  }
  std::size_t frustration(std::size_t t) const { return outcomes + issues + dyads * months + t; }
  // The run's largest gap over the months between the frustration reported and its proven
  // lower bound (0 when the split search is exact).
  std::size_t frustration_gap() const { return outcomes + issues + (dyads + 1) * months; }
  std::size_t width() const { return frustration_gap() + 1; }
};

// The model's frustration observation: exact or heuristic by the budget of
// sim/split_search.hpp for its actors and its point value of `substeps`.
SplitSearch split_search_for(const SimModel& m);

// Scratch space for one worker, reused across runs.
struct Workspace {
  explicit Workspace(const SimModel& m);
  std::vector<double> x, baseline, relation_ties, shift, scratch, position, salience;
  std::vector<int> occurred;      // per event: month it happened, or -1
  std::vector<int> retry_month;   // per event: month it was rescheduled to, or -1
  SplitSearch split_search;       // the frustration observation (exact or heuristic)
  std::vector<std::int8_t> side;  // this month's best two-bloc split, ±1 per actor
  // false: the frustration series is not wanted (sensitivity), so the split is searched
  // only in the months of bloc_split outcomes.
  bool observe_frustration = true;
};

// Draws every uncertain input of the model into `params`, in the model's input order.
void draw_inputs(const SimModel& model, Stream& rng, std::span<double> params);

// Runs one future with the given parameters; writes the run's record.
void simulate(const SimModel& model, std::span<const double> params, Stream& rng, Workspace& ws,
              std::span<double> record);

// The default dynamics parameters (core/parameters.hpp) in Param order.
std::vector<double> default_dynamics();

}  // namespace detente::sim
