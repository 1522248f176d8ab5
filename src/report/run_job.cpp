#include "report/run_job.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "io/events/event_reader.hpp"
#include "report/section_alignment.hpp"
#include "report/section_bargaining.hpp"
#include "report/section_events.hpp"
#include "report/section_overview.hpp"
#include "report/section_simulation.hpp"
#include "report/section_timeline.hpp"
#include "report/svg.hpp"

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

constexpr std::string_view kStyle = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1d3557;color:#fff;padding:18px 32px}header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;opacity:.85}main{max-width:1000px;margin:0 auto;padding:8px 32px 40px}
nav{margin:12px 0;font-size:14px}nav a{margin-right:14px;color:#1d3557}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:8px 20px 16px;margin:16px 0}
h2{font-size:19px;color:#1d3557;border-bottom:1px solid #eee;padding-bottom:4px}h3{font-size:16px;margin:18px 0 4px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{padding:3px 9px;border-bottom:1px solid #eee;text-align:left}
th{background:#f3f5f8}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}td.src{color:#666;font-size:12px}
.bar{display:inline-block;height:9px;background:#457b9d;vertical-align:middle}
.note{color:#555;font-size:13px}svg.chart{max-width:100%;height:auto;font-size:11px}
svg .tick{text-anchor:middle;fill:#666}svg .lab{text-anchor:end;fill:#222}svg .end{fill:#444;font-style:italic}
svg .end.r{text-anchor:end}svg .mark{text-anchor:middle;font-size:10px}svg .node{text-anchor:middle;font-weight:600;font-size:11px}
svg .ev{fill:#222}footer{color:#777;font-size:12px;margin-top:24px}
)";

}  // namespace

RunResult run_all(const Scenario& scenario, const RunOptions& options) {
  RunResult result;
  result.scenario = &scenario;
  result.options = options;
  for (SectionBuilder build : kSections) result.sections.push_back(build(scenario, options));
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

std::string report_html(const RunResult& r) {
  const Scenario& s = *r.scenario;
  std::string nav, body;
  for (const Section& section : r.sections) {
    nav += fmt::format("<a href='#{}'>{}</a>", svg::escape(section.id), svg::escape(section.title));
    body += fmt::format("<section id='{}'><h2>{}</h2>\n{}</section>\n", svg::escape(section.id),
                        svg::escape(section.title), section.html);
  }
  std::string sources;
  for (const auto& src : s.sources) sources += "<li>" + svg::escape(src) + "</li>";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
      "<meta name=viewport content='width=device-width,initial-scale=1'>"
      "<title>{0} — detente report</title><style>{1}</style></head>\n<body><header><h1>{2}</h1>"
      "<p>{3}{4}</p></header>\n<main><nav>{5}</nav>\n{6}<footer><h3>Sources</h3><ul>{7}</ul>"
      "<p>Generated by detente 0.1.0 from {8} (seed {9}).</p></footer></main></body></html>\n",
      svg::escape(s.id), kStyle, svg::escape(s.name), svg::escape(s.description),
      s.as_of ? " As of " + s.as_of->iso() + "." : "", nav, body, sources, svg::escape(s.file),
      r.options.seed);
}

}  // namespace detente::report
