// detente/report/section_events.hpp
//
// The "events" section of the main job: where the scenario names event-data files, the
// series of the scenario's own key dyads (its [simulation] key_dyads, else the pairs its
// relations tie most strongly, else its actors' pairs; undirected) in the tie score of
// events/tie_series.hpp, as an inline SVG chart with each dyad's coded relation (core/ties.hpp, on
// the reference date) drawn beside its measured series and the scenario's timeline events marked.
// Each dyad's measured tie over the 12 months before as_of (or the whole data without
// as_of) is compared with its coded relation; a coded weight the data contradict (opposite
// sign, |coded| ≥ 0.1, measured score more than two standard errors from zero over at
// least three periods) is flagged. Without files: a short note saying how to add them.
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
  // The dyads reported; empty: the scenario's key dyads (see above), at most `max_dyads`.
  std::vector<std::pair<std::string, std::string>> dyads;
  std::size_t max_dyads = 6;
  events::Period period = events::Period::month;
  events::InputFormat format = events::InputFormat::auto_detect;
};

// No event files: a short note saying how to name them.
Section build_events_section(const Scenario& scenario, const RunOptions& options);

// The dyads the section reports for `scenario` when none are given.
std::vector<std::pair<std::string, std::string>> key_dyads(const Scenario& scenario,
                                                           std::size_t max_dyads = 6);

// With event files (paths, directories or globs, as on the command line). Throws InputError
// when a path matches nothing; malformed rows are counted and noted in the section.
Section build_events_section(const Scenario& scenario, const RunOptions& options,
                             const std::vector<std::string>& event_files,
                             const EventsSectionOptions& section_options = {});

}  // namespace detente::report
