// detente/report/section_alignment.hpp
//
// The main job's alignment section: the scenario's relation network on its reference
// date drawn as an inline SVG (force-directed layout pulled apart by bloc, node area ∝
// capability), with the best two-bloc split (exact frustration index, weighted by tie
// strength) coloured and frustrated ties marked; the frustration, triangle/walk balance and
// polarization figures; the Marvel et al. factions; and the Axelrod–Bennett landscape's
// predicted coalitions with capabilities as sizes and net ties as propensities.
//
// Example:
//   auto s = detente::report::build_alignment_section(scenario, {.seed = 1});
//   // s.json["frustration"], s.json["blocs"], s.json["landscape"]["minima"]
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_alignment_section(const Scenario& scenario, const RunOptions& options);

}  // namespace detente::report
