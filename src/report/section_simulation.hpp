// detente/report/section_simulation.hpp
//
// The main job's simulation section: an ensemble per variant (the baseline and every
// [[variant]]), the outcomes' probabilities side by side with 95% intervals, the issues'
// settlements, and the key dyads' ties over time as quantile bands with the timeline's
// events marked. Seeded by RunOptions::seed; identical for any thread count.
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_simulation_section(const Scenario& scenario, const RunOptions& options);

}  // namespace detente::report
