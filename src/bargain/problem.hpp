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

#include <map>
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

// KTAB's ideal-point adjustment: `adjusting` moves its ideal toward `reference`'s position
// at `rate` per turn (read from KTAB XML; see docs/models/smp.md).
struct IdealAdjustment {
  std::string adjusting;
  std::string reference;
  double rate = 0;
};

struct BargainingProblem {
  std::string name;  // scenario or file name, for reports
  std::vector<std::string> actors;
  std::vector<double> capability;  // per actor, >= 0
  std::vector<Dimension> issues;
  std::vector<std::vector<double>> position;  // [issue][actor]
  std::vector<std::vector<double>> salience;  // [issue][actor], in [0, 1]
  // Optional [issue][actor] capability that overrides `capability` (decide files give a
  // power per actor and issue); empty when every issue uses `capability`.
  std::vector<std::vector<double>> issue_capability;
  // Model options the input file itself sets (KTAB XML ModelParameters, prngSeed); the
  // command line overrides them.
  std::map<std::string, std::string> options;
  std::vector<IdealAdjustment> ideal_adjustments;

  std::size_t actor_count() const { return actors.size(); }
  std::size_t issue_count() const { return issues.size(); }
  double capability_on(std::size_t issue, std::size_t actor) const {
    return issue_capability.empty() ? capability[actor] : issue_capability[issue][actor];
  }
  // Voting weight of an actor on an issue: capability × salience.
  double weight(std::size_t issue, std::size_t actor) const {
    return capability_on(issue, actor) * salience[issue][actor];
  }
  // When no actor weighs anything on an issue nothing moves: the status quo, if there is one.
  std::optional<double> unweighted_outcome(std::size_t issue,
                                           const std::vector<double>& weights) const {
    for (double w : weights)
      if (w != 0) return std::nullopt;
    return issues[issue].status_quo;
  }
  // Every actor's weight on an issue, in problem order.
  std::vector<double> weights(std::size_t issue) const {
    std::vector<double> w(actor_count());
    for (std::size_t a = 0; a < w.size(); ++a) w[a] = weight(issue, a);
    return w;
  }
  // Index of the issue called `name`; nullopt if there is none.
  std::optional<std::size_t> find_issue(const std::string& name) const {
    for (std::size_t k = 0; k < issues.size(); ++k)
      if (issues[k].name == name) return k;
    return std::nullopt;
  }
};

// The actors' indices sorted by name (ties by index). Models that sum or break ties in
// actor order run in this order, so that permuting the input changes nothing.
std::vector<std::size_t> name_order(const BargainingProblem& problem);
// The problem with the actors `order` lists, in that order (order[new] = old index); a
// subset gives the sub-problem of those actors.
BargainingProblem reordered(const BargainingProblem& problem,
                            const std::vector<std::size_t>& order);

// The problem restricted to one issue (by name); InputError naming `--issue` if absent.
BargainingProblem select_issue(const BargainingProblem& problem, const std::string& issue);

// Builds the problem from a scenario (its issues are independent questions: SMP runs each
// on its own, options["dimensions"] = "separate"). An actor that states no position on an issue
// takes part with salience 0 at the status quo (or the scale's midpoint), so it weighs nothing;
// so does an actor that is not among an issue's `deciders`.
BargainingProblem from_scenario(const Scenario& scenario);

}  // namespace detente::bargain
