// detente/bargain/problem.hpp
//
// The input every bargaining model shares: actors with capabilities, and for each issue
// (a one-dimensional policy scale) every actor's position and salience. Readers of KTAB,
// decide and EUM files, and the scenario, all produce a BargainingProblem.
//
// Example:
//   detente::bargain::BargainingProblem p = detente::bargain::from_scenario(scenario);
//   double m = detente::bargain::weighted_mean(p, 0);   // forecast on the first issue
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/scenario.hpp"

namespace detente::bargain {

struct Dimension {
  std::string name;
  double scale_min = 0;
  double scale_max = 100;
  std::optional<double> status_quo;
};

struct BargainingProblem {
  std::vector<std::string> actors;
  std::vector<double> capability;  // per actor, >= 0
  std::vector<Dimension> issues;
  std::vector<std::vector<double>> position;  // [issue][actor]
  std::vector<std::vector<double>> salience;  // [issue][actor], in [0, 1]

  std::size_t actor_count() const { return actors.size(); }
  std::size_t issue_count() const { return issues.size(); }
  // Voting weight of an actor on an issue: capability × salience.
  double weight(std::size_t issue, std::size_t actor) const {
    return capability[actor] * salience[issue][actor];
  }
};

// Builds the problem from a scenario. An actor that states no position on an issue takes
// part with salience 0 at the status quo (or the scale's midpoint), so it weighs nothing.
BargainingProblem from_scenario(const Scenario& scenario);

}  // namespace detente::bargain
