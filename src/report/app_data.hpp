// detente/report/app_data.hpp
//
// The data the workbench's views draw (web/app.js), built once here for both the live app
// (serve/api.hpp answers them as JSON) and report.html (which inlines them as a snapshot):
//   scenario_view  the scenario as the views show it: actors, issues, positions, relations,
//                  events, variants and outcomes, each with its line in the file (an edit
//                  in the app rewrites that line of the TOML text);
//   bargain_json   the JSON of `detente bargain --format json` for several models
//                  ({"input", "models": [...]}, docs/bargain-json.md);
//   network_json   the relation network on a date and its exact two-bloc split (minimum
//                  frustration, align/frustration.hpp, within a node budget: "optimal" says
//                  whether the split is proven).
//
// Example:
//   nlohmann::json view = detente::report::scenario_view(scenario);
//   nlohmann::json net = detente::report::network_json(scenario, scenario.reference_date());
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "bargain/problem.hpp"
#include "bargain/registry.hpp"
#include "core/scenario.hpp"

namespace detente::report {

nlohmann::json scenario_view(const Scenario& scenario);
nlohmann::ordered_json bargain_json(const bargain::BargainingProblem& problem,
                                    const std::vector<const bargain::ModelSpec*>& models,
                                    std::uint64_t seed);
nlohmann::json network_json(const Scenario& scenario, const Date& date);

}  // namespace detente::report
