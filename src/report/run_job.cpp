#include "report/run_job.hpp"

#include <fmt/format.h>

#include <optional>

#include "bargain/problem.hpp"
#include "bargain/registry.hpp"
#include "core/error.hpp"
#include "io/events/event_reader.hpp"
#include "report/app_data.hpp"
#include "report/html.hpp"
#include "report/section_alignment.hpp"
#include "report/section_bargaining.hpp"
#include "report/section_events.hpp"
#include "report/section_overview.hpp"
#include "report/section_simulation.hpp"
#include "report/section_timeline.hpp"
#include "sim/calibrate.hpp"

namespace detente::report {

namespace {

// The events section reads the files the scenario names under [data].
Section events_section(const Scenario& s, const RunOptions& options) {
  if (s.data.event_files.empty()) return build_events_section(s, options);
  EventsSectionOptions section_options;
  auto format = events::input_format_from_string(s.data.events_format);
  if (!format)
    fail({s.file, s.data.line, "data.events_format"}, "unknown event-data format '{}'",
         s.data.events_format);
  section_options.format = *format;
  return build_events_section(s, options, s.data.event_files, section_options);
}

// The main job's analyses, in report order. One line per section.
// clang-format off
constexpr SectionBuilder kSections[] = {
    build_overview_section,
    build_bargaining_section,
    build_alignment_section,
    build_timeline_section,
    events_section,
    build_simulation_section,
};
// clang-format on

constexpr int kSummaryVersion = 1;

}  // namespace

RunResult run_all(const Scenario& scenario, const RunOptions& options) {
  RunResult result;
  result.scenario = &scenario;
  result.options = options;
  // [data] calibrate = true: the simulation runs on dynamics fitted to the scenario's
  // event files (sim/calibrate.hpp), months before as_of only.
  std::optional<Scenario> calibrated;
  std::optional<sim::DynamicsFit> fit;
  if (scenario.data.calibrate) {
    fit = sim::calibrate_scenario(scenario, options.threads);
    calibrated = scenario;
    sim::apply_fit(*fit, calibrated->simulation.parameters);
  }
  for (SectionBuilder build : kSections) {
    const bool simulation = build == &build_simulation_section;
    result.sections.push_back(build(simulation && calibrated ? *calibrated : scenario, options));
    if (simulation && fit) {
      Section& sec = result.sections.back();
      sec.json["calibration"] = sim::to_json(*fit);
      const std::string note = fmt::format(
          "Dynamics calibrated on the scenario's event data ({} … {}, {} transitions): "
          "restoring_rate {:.3f}, balance_gain {:.3f}, saturation {:.3f}, noise {:.3f}; balance "
          "term {}supported.",
          fit->window_from, fit->window_to, fit->transitions, fit->restoring_rate.value,
          fit->balance_gain.value, fit->saturation.value, fit->noise.value,
          fit->balance_supported ? "" : "not ");
      sec.text = note + "\n" + sec.text;
    }
  }
  return result;
}

std::string summary_text(const RunResult& r) {
  const Scenario& s = *r.scenario;
  std::string out = fmt::format("{} — {}\n", s.id, s.name);
  if (s.as_of) out += fmt::format("as of {}\n", s.as_of->iso());
  for (const Section& section : r.sections) {
    out += fmt::format("\n{}\n{}\n", section.title, std::string(section.title.size(), '-'));
    out += section.text;
  }
  return out;
}

nlohmann::json summary_json(const RunResult& r) {
  const Scenario& s = *r.scenario;
  nlohmann::json j;
  j["detente_summary_version"] = kSummaryVersion;
  j["scenario"] = {{"id", s.id},
                   {"name", s.name},
                   {"file", s.file},
                   {"as_of", s.as_of ? nlohmann::json(s.as_of->iso()) : nlohmann::json()},
                   {"actors", s.actors.size()},
                   {"issues", s.issues.size()},
                   {"relations", s.relations.size()},
                   {"events", s.events.size()}};
  j["options"] = {{"seed", r.options.seed}, {"simulation_runs", r.options.simulation_runs}};
  j["sections"] = nlohmann::json::object();
  for (const Section& section : r.sections) j["sections"][section.id] = section.json;
  return j;
}

// report.html is the workbench's page with this run's data inlined: the same views and the
// same chart code (web/), drawn from a snapshot instead of the API (report/html.hpp).
std::string report_html(const RunResult& r) {
  const Scenario& s = *r.scenario;
  nlohmann::json data;
  data["scenario"] = scenario_view(s);
  std::vector<const bargain::ModelSpec*> models;
  for (const auto& m : bargain::bargaining_models()) models.push_back(&m);
  data["bargain"] = bargain_json(bargain::from_scenario(s), models, r.options.seed);
  data["network"] = network_json(s, s.reference_date());
  for (const Section& section : r.sections) {
    if (section.id == "simulation") data["simulation"] = section.json;
    if (section.id == "alignment") data["alignment"] = section.json;
  }
  data["generated"] = fmt::format("{} (seed {})", s.file, r.options.seed);
  return app_html({s.id + " — detente report", data});
}

}  // namespace detente::report
