// detente/report/section_network.hpp
//
// The relation network on the scenario's reference date (see core/ties.hpp): counts of
// positive and negative ties, the share of balanced triangles (a triangle is balanced
// when the product of its three tie signs is positive; Cartwright & Harary 1956), the
// strongest ties, and a circular drawing with ties coloured by sign.
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_network_section(const Scenario& scenario, const RunOptions& options);

}  // namespace detente::report
