// detente/bargain/weighted_mean.hpp
//
// The compromise model: the outcome on an issue is the mean of the actors' positions
// weighted by capability × salience,  x* = Σ c_i s_i x_i / Σ c_i s_i.
// The literature's hard-to-beat baseline (Achen 2006; Thomson et al. 2006). O(n).
// If every weight is zero the outcome is the status quo, else the unweighted mean.
//
// Example:
//   double x = detente::bargain::weighted_mean(problem, issue_index);
#pragma once

#include <span>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

double weighted_mean(std::span<const double> positions, std::span<const double> weights);
double weighted_mean(const BargainingProblem& problem, std::size_t issue);

// The model for the registry: one forecast per issue (no options; round 0 = input).
ModelRun run_mean_model(const BargainingProblem& problem, const RunSettings& settings);

}  // namespace detente::bargain
