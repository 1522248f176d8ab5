// detente/report/run_job.hpp
//
// The main job: every analysis the engine has, run on one scenario, rendered three ways —
// a terminal summary, summary.json (machine-readable, documented in docs/summary-json.md)
// and report.html (one self-contained file: inline CSS and SVG, no external requests).
//
// Example:
//   auto result = detente::report::run_all(scenario, {});
//   std::cout << detente::report::summary_text(result);
//   write_file_atomic(dir / "summary.json", detente::report::summary_json(result).dump(2));
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/scenario.hpp"
#include "report/section.hpp"

namespace detente::report {

struct RunResult {
  const Scenario* scenario = nullptr;
  RunOptions options;
  std::vector<Section> sections;
};

// Runs every section builder in order. Pure: the same scenario and options give the same
// result.
RunResult run_all(const Scenario& scenario, const RunOptions& options);

std::string summary_text(const RunResult& result);
nlohmann::json summary_json(const RunResult& result);
std::string report_html(const RunResult& result);

}  // namespace detente::report
