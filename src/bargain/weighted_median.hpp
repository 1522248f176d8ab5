// detente/bargain/weighted_median.hpp
//
// The median-voter model: the outcome is the weighted median of positions with weights
// capability × salience — the point that no weighted majority prefers to move from on a
// single dimension with single-peaked preferences (Black 1948). O(n log n).
// When the cumulative weight reaches exactly half at a position, every point up to the
// next position is a median; the midpoint of that interval is returned, so that the
// result does not depend on the order of the actors.
//
// Example:
//   double x = detente::bargain::weighted_median(problem, issue_index);
#pragma once

#include <span>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

double weighted_median(std::span<const double> positions, std::span<const double> weights);
double weighted_median(const BargainingProblem& problem, std::size_t issue);

// The weighted Condorcet winner among the actors' own positions under pairwise votes
// v(y, z) = Σ_k w_k (|x_k − z| − |x_k − y|) — the "median" of the expected-utility model.
// On a line that is argmin_y Σ_k w_k |x_k − y| over the positions; ties go to the lower
// position (order-independent); zero total weight counts every actor once. O(n²).
double condorcet_position(std::span<const double> positions, std::span<const double> weights);

// The model for the registry: one forecast per issue (no options; round 0 = input).
ModelRun run_median_model(const BargainingProblem& problem, const RunSettings& settings);

}  // namespace detente::bargain
