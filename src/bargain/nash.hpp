// detente/bargain/nash.hpp
//
// The asymmetric Nash bargaining solution on one issue, with the status quo as the
// disagreement point d. Utility (default "quadratic"): u_i(x) = −s_i ((x − x_i)/R)²,
// or "linear": u_i(x) = −s_i |x − x_i|/R. The solution maximises the weighted Nash
// product Π_i (u_i(x) − u_i(d))^{w_i}, w_i = c_i (or c_i s_i), over the outcomes every
// party weakly prefers to d. Individual rationality has a stark consequence: if parties
// with weight lie on both sides of d, only d is acceptable to all and the solution is d;
// with `participation = majority_side` the side of d holding more weight bargains alone
// (the other side cannot block). Solved by bisection on the strictly decreasing
// derivative of the log Nash product: O(n log(1/ε)).
//
// Example:
//   double x = nash_bargaining(problem, issue, NashOptions{}).outcome;
#pragma once

#include <string>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

struct NashOptions {
  std::string utility = "quadratic";   // "quadratic" | "linear"
  std::string weights = "capability";  // "capability" | "capability_salience"
  std::string participation = "all";   // "all" (unanimity) | "majority_side"
  // Where the disagreement point comes from when the issue states no status quo:
  // "far_end" takes the end of the scale farther from the weighted mean (no agreement
  // is the worst case for most), "scale_min" / "scale_max" an end of the scale.
  std::string no_status_quo = "far_end";
};

NashOptions nash_options(const OptionValues& values, nlohmann::json* used = nullptr);

struct NashResult {
  double outcome = 0;
  double disagreement = 0;
  bool status_quo_given = false;
  bool blocked = false;  // parties on both sides of d: the solution is d
};

NashResult nash_bargaining(const BargainingProblem& problem, std::size_t issue,
                           const NashOptions& options);

ModelRun run_nash_model(const BargainingProblem& problem, const RunSettings& settings);

}  // namespace detente::bargain
