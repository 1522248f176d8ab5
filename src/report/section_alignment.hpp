// detente/report/section_alignment.hpp
//
// The main job's alignment section: the scenario's relation network on its reference
// date drawn as an inline SVG (force-directed layout pulled apart by bloc, node area ∝
// capability), with the best two-bloc split (exact frustration index, weighted by tie
// strength, within a deterministic node budget) coloured and frustrated ties marked; the
// frustration, triangle/walk balance and polarization figures; the Marvel et al.
// factions; and the Axelrod–Bennett landscape's predicted coalitions with capabilities as
// sizes and net ties as propensities.
//
// Example:
//   auto s = detente::report::build_alignment_section(scenario, {.seed = 1});
//   // s.json["frustration"], s.json["blocs"], s.json["landscape"]["minima"]
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_alignment_section(const Scenario& scenario, const RunOptions& options);

// The same with the split search's budget of branch-and-bound nodes given (the main job's is
// limits::kAlignmentSplitNodeBudget). Within it the split is exact; when the budget runs
// out the section reports the best split found, its proven lower bound and
// `frustration_method.exact = false`. A count, not a time: the same on every machine.
Section build_alignment_section(const Scenario& scenario, const RunOptions& options,
                                long long split_node_budget);

}  // namespace detente::report
