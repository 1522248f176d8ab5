// detente/report/section.hpp
//
// The main job (`detente run`) is a list of sections, one per analysis. Each section is
// built by a pure function of the scenario and contributes a block to the terminal
// summary and an object to summary.json (under "sections"."<id>"). report.html is the
// workbench's page (web/) with summary.json inlined, so it draws every section from that
// object with the one chart layer (web/charts.js).
// Adding an analysis to the main job = one file src/report/section_<id>.cpp defining its
// builder, plus one line in the list in src/report/run_job.cpp.
//
// Example:
//   Section build_network_section(const Scenario& s, const RunOptions& o) {
//     Section out{"network", "Relation network"};
//     out.json = {{"edges", 14}};
//     out.text = "14 ties, 9 positive\n";
//     return out;
//   }
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/progress.hpp"
#include "core/scenario.hpp"

namespace detente::report {

struct RunOptions {
  std::uint64_t seed = 1;              // every random choice in the main job derives from this
  int threads = 1;                     // results are identical for any thread count
  std::size_t simulation_runs = 2000;  // runs per variant in the simulation section
  ProgressSink* progress = nullptr;    // long steps report here (core/progress.hpp); none: silent
};

struct Section {
  std::string id;     // key in summary.json "sections"
  std::string title;  // heading in the terminal and the report
  nlohmann::json json = nlohmann::json::object();
  std::string text;  // lines for the terminal summary (no trailing heading)
};

using SectionBuilder = Section (*)(const Scenario&, const RunOptions&);

}  // namespace detente::report
