// detente/report/section_events.hpp
//
// The "events" section of the main job: where the scenario names event-data files, the
// monthly series of the key dyads (CHN–JPN, CHN–KOR, JPN–KOR by default; undirected) as an
// inline SVG chart of the Goldstein mean, with the scenario's timeline events marked;
// otherwise a short note saying how to add event data.
//
// The scenario names its event files under `[data] events = ["path", …]` and
// `events_format = "auto"`; the main job (report/run_job.cpp) passes them to the overload.
//
// Example:
//   auto sec = detente::report::build_events_section(scenario, run_options,
//                                                    {"data/events/*.export.CSV.zip"});
//   std::cout << sec.text;
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "events/dyad_series.hpp"
#include "report/section.hpp"

namespace detente::report {

struct EventsSectionOptions {
  std::vector<std::pair<std::string, std::string>> dyads = {
      {"CHN", "JPN"}, {"CHN", "KOR"}, {"JPN", "KOR"}};
  events::Period period = events::Period::month;
  events::InputFormat format = events::InputFormat::auto_detect;
};

// No event files: a short note saying how to name them.
Section build_events_section(const Scenario& scenario, const RunOptions& options);

// With event files (paths, directories or globs, as on the command line). Throws InputError
// when a path matches nothing; malformed rows are counted and noted in the section.
Section build_events_section(const Scenario& scenario, const RunOptions& options,
                             const std::vector<std::string>& event_files,
                             const EventsSectionOptions& section_options = {});

}  // namespace detente::report
