// detente/report/section_forecast.hpp
//
// Per-issue forecasts of the baseline models: the capability×salience weighted mean
// (compromise) and weighted median (median voter), with a chart of every actor's
// position sized by its weight.
#pragma once

#include "report/section.hpp"

namespace detente::report {

Section build_forecast_section(const Scenario& scenario, const RunOptions& options);

}  // namespace detente::report
