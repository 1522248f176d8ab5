// detente/report/section_bargaining.hpp
//
// The bargaining section of the main job: every bargaining model's forecast for every
// issue of the scenario, side by side, with the capability × salience weighted mean as
// the baseline. Terminal: a table issues × models. summary.json: per issue the scale,
// status quo, each model's forecast and the EUM/SMP trajectories. report.html: per issue
// an inline SVG with the actors' positions (circle area ∝ capability × salience), each
// model's forecast marked, and the EUM and SMP trajectories over rounds.
//
// Example:
//   report::Section s = report::build_bargaining_section(scenario, report::RunOptions{});
//   std::cout << s.text;
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_bargaining_section(const Scenario& scenario, const RunOptions& options);

}  // namespace detente::report
