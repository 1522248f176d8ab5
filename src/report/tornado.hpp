// detente/report/tornado.hpp
//
// A tornado chart of variance-based sensitivity indices for the report: one row per
// uncertain input, ranked by total-order index (largest on top), with the total-order
// bar (ST, light) and the first-order bar (S1, dark, inside it) on a common 0…max axis.
// The gap between the two bars is the share of the variance due to interactions.
// The result is an inline <svg> (no scripts, no external requests) styled by the report's
// CSS classes (chart, lab, tick); text is escaped.
//
// Example:
//   std::string svg = detente::report::tornado_svg(
//       {{"summit_rate", 0.41}, {"us_reversal", 0.22}},   // first order, by input
//       {{"summit_rate", 0.55}, {"us_reversal", 0.30}},   // total order, by input
//       "P(summit held by 2025-12)");
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/sobol.hpp"

namespace detente::report {

// Inputs are matched by name; an input missing from one list is drawn without that bar.
// Negative estimates (sampling noise around 0) are drawn as empty bars but labelled with
// their value; NaN (undefined, e.g. a constant outcome) is labelled "n/a" and ranked last.
std::string tornado_svg(const std::vector<std::pair<std::string, double>>& first_order,
                        const std::vector<std::pair<std::string, double>>& total_order,
                        std::string title);

// The chart of output `output` of a Sobol analysis (input names from the result).
std::string sobol_tornado_svg(const sim::SobolResult& result, std::size_t output,
                              std::string title);

}  // namespace detente::report
