// detente/report/section_timeline.hpp
//
// The scenario's timeline: every event on a time axis, coloured by kind, with held,
// scheduled, postponed and cancelled events told apart.
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_timeline_section(const Scenario& scenario, const RunOptions& options);

}  // namespace detente::report
