// detente/report/section_overview.hpp
//
// The main job's first section: the actors with their capabilities, the issues with
// their scales and status quo, and where each number comes from.
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_overview_section(const Scenario& scenario, const RunOptions& options);

}  // namespace detente::report
