#include "report/section_bargaining.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "bargain/registry.hpp"

namespace detente::report {

namespace {

using Trajectory = bargain::ModelSpec::Trajectory;

// What the registry says summarises a model's rounds (none: not plotted over rounds).
Trajectory trajectory_of(const std::string& model) {
  const auto* spec = bargain::find_model(model);
  return spec ? spec->trajectory : Trajectory::none;
}

struct Outcome {
  std::string model, title;
  std::optional<bargain::IssueForecast> forecast;  // empty if the model failed
  std::string error;
};

}  // namespace

Section build_bargaining_section(const Scenario& scenario, const RunOptions& options) {
  Section out{"bargaining", "Negotiation outcomes by bargaining model"};
  const bargain::BargainingProblem p = bargain::from_scenario(scenario);
  if (p.issue_count() == 0 || p.actor_count() == 0) {
    out.text = "no issues with positions in this scenario\n";
    out.json = {{"baseline", "mean"}, {"issues", nlohmann::json::array()}};
    return out;
  }
  // Every model on every issue; a model that fails is reported, not fatal to the report.
  std::vector<std::vector<Outcome>> by_issue(p.issue_count());
  nlohmann::json models = nlohmann::json::array();
  for (const auto& m : bargain::bargaining_models()) {
    bargain::RunSettings settings;
    settings.seed = options.seed;
    settings.threads = options.threads;
    try {
      bargain::ModelRun run = m.run(p, settings);
      models.push_back({{"model", m.name}, {"title", m.title}, {"options", run.options}});
      for (std::size_t k = 0; k < p.issue_count(); ++k)
        by_issue[k].push_back({m.name, m.title, run.issues[k], ""});
    } catch (const std::exception& e) {
      models.push_back({{"model", m.name}, {"title", m.title}, {"error", e.what()}});
      for (std::size_t k = 0; k < p.issue_count(); ++k)
        by_issue[k].push_back({m.name, m.title, std::nullopt, e.what()});
    }
  }

  // Terminal table.
  std::size_t width = 5;
  for (const auto& d : p.issues) width = std::max(width, d.name.size());
  out.text += fmt::format("{:<{}}", "issue", width);
  for (const auto& o : by_issue[0]) out.text += fmt::format("  {:>9}", o.model);
  out.text += "\n";
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    out.text += fmt::format("{:<{}}", p.issues[k].name, width);
    for (const auto& o : by_issue[k])
      out.text += o.forecast ? fmt::format("  {:>9.1f}", o.forecast->forecast)
                             : fmt::format("  {:>9}", "n/a");
    out.text += "\n";
  }
  out.text += "baseline: mean = capability × salience weighted mean (Achen 2006: hard to beat)\n";

  // summary.json
  nlohmann::json issues = nlohmann::json::array();
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    const auto* is = scenario.find_issue(p.issues[k].name);
    nlohmann::json j{{"issue", p.issues[k].name},
                     {"name", is ? is->name : p.issues[k].name},
                     {"scale", {p.issues[k].scale_min, p.issues[k].scale_max}}};
    j["status_quo"] =
        p.issues[k].status_quo ? nlohmann::json(*p.issues[k].status_quo) : nlohmann::json();
    // The problem weighs only the issue's deciders (bargain::from_scenario).
    if (is && !is->deciders.empty()) j["deciders"] = is->deciders;
    nlohmann::json forecasts = nlohmann::json::object(), trajectories = nlohmann::json::object();
    const double baseline = by_issue[k][0].forecast ? by_issue[k][0].forecast->forecast : NAN;
    nlohmann::json versus = nlohmann::json::object();
    for (const auto& o : by_issue[k]) {
      if (!o.forecast) {
        forecasts[o.model] = nullptr;
        continue;
      }
      forecasts[o.model] = o.forecast->forecast;
      versus[o.model] = o.forecast->forecast - baseline;
      if (trajectory_of(o.model) != Trajectory::none) {
        nlohmann::json t = nlohmann::json::array();
        for (const auto& r : o.forecast->rounds)
          t.push_back({{"round", r.round}, {"median", r.median}, {"mean", r.mean}});
        trajectories[o.model] = t;
      }
    }
    j["forecasts"] = forecasts;
    j["difference_from_baseline"] = versus;
    j["trajectories"] = trajectories;
    issues.push_back(std::move(j));
  }
  out.json = {{"baseline", "mean"}, {"models", models}, {"issues", issues}};

  return out;
}

}  // namespace detente::report
