#include "report/section_bargaining.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "bargain/registry.hpp"
#include "report/svg.hpp"

namespace detente::report {

namespace {

// A colour per model, fixed so that charts agree with each other.
const char* colour_of(const std::string& model) {
  static const std::map<std::string, const char*> colours = {
      {"mean", "#222222"}, {"median", "#1f77b4"}, {"nash", "#9467bd"},
      {"eum", "#d62728"},  {"smp", "#2ca02c"},    {"exchange", "#ff7f0e"}};
  auto it = colours.find(model);
  return it == colours.end() ? "#7f7f7f" : it->second;
}

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

std::string issue_svg(const bargain::BargainingProblem& p, std::size_t k,
                      const std::vector<Outcome>& outcomes) {
  const double w = 640, left = 40, right = 600, top = 24;
  const auto& dim = p.issues[k];
  const double lo = dim.scale_min, hi = dim.scale_max;
  auto sx = [&](double x) {
    return left + (right - left) * (hi > lo ? (x - lo) / (hi - lo) : 0.5);
  };
  std::string svg;
  // Panel 1: actors and forecasts.
  const std::size_t n = p.actor_count();
  double max_w = 0;
  for (std::size_t a = 0; a < n; ++a) max_w = std::max(max_w, p.weight(k, a));
  const double rows = static_cast<double>(std::max<std::size_t>(n, 1));
  const double panel1 = top + 14 * rows + 40;
  const double panel2_top = panel1 + 50, panel2_h = 120;
  const double h = panel2_top + panel2_h + 30;
  svg += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "font-family=\"sans-serif\" font-size=\"10\">\n",
      w, h, w, h);
  svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>\n", left,
                     panel1 - 20, right, panel1 - 20);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", left, panel1 - 6,
                     lo);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", right,
                     panel1 - 6, hi);
  if (dim.status_quo)
    svg += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#999\" "
        "stroke-dasharray=\"2,3\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#666\">status quo</text>\n",
        sx(*dim.status_quo), top - 6, panel1 - 20, top - 8);
  for (std::size_t a = 0; a < n; ++a) {
    const double y = top + 14 * static_cast<double>(a) + 7;
    const double r = max_w > 0 ? 2 + 8 * std::sqrt(p.weight(k, a) / max_w) : 2;
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"#4c78a8\" fill-opacity=\"0.45\">"
        "<title>{}: {} (capability×salience {:.3g})</title></circle>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"#333\">{}</text>\n",
        sx(p.position[k][a]), y, r, svg::escape(p.actors[a]), p.position[k][a], p.weight(k, a),
        sx(p.position[k][a]) + r + 2, y + 3, svg::escape(p.actors[a]));
  }
  // Forecast markers; labels in three staggered rows, by position, so neighbours do not
  // overlap.
  std::vector<const Outcome*> marked;
  for (const auto& o : outcomes)
    if (o.forecast) marked.push_back(&o);
  std::stable_sort(marked.begin(), marked.end(), [](const Outcome* a, const Outcome* b) {
    return a->forecast->forecast < b->forecast->forecast;
  });
  for (std::size_t m = 0; m < marked.size(); ++m) {
    const Outcome& o = *marked[m];
    const double x = sx(o.forecast->forecast);
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"2\" "
        "stroke-opacity=\"0.8\"><title>{4}: {5:.2f}</title></line>"
        "<text x=\"{0:.1f}\" y=\"{6}\" fill=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        x, top - 4, panel1 - 20, colour_of(o.model), o.model, o.forecast->forecast,
        panel1 + 20 + 10 * static_cast<double>(m % 3));
  }
  // Panel 2: the trajectories over rounds of the models the registry marks (position on the
  // vertical axis; EUM its median, SMP its weighted mean).
  std::size_t max_rounds = 1;
  for (const auto& o : outcomes)
    if (o.forecast && trajectory_of(o.model) != Trajectory::none)
      max_rounds = std::max(max_rounds, o.forecast->rounds.size());
  auto ty = [&](double x) {
    return panel2_top + panel2_h - panel2_h * (hi > lo ? (x - lo) / (hi - lo) : 0.5);
  };
  auto tx = [&](std::size_t t) {
    return left + (right - left) *
                      (max_rounds > 1 ? static_cast<double>(t) / static_cast<double>(max_rounds - 1)
                                      : 0.0);
  };
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#ccc\"/>\n", left,
      panel2_top, right - left, panel2_h);
  svg += fmt::format(
      "<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\">{2}</text>"
      "<text x=\"{0}\" y=\"{3}\" text-anchor=\"end\">{4}</text>\n",
      left - 4, panel2_top + 8, hi, panel2_top + panel2_h, lo);
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\">rounds 0–{} (EUM: median; SMP: weighted mean of positions)</text>\n",
      left, panel2_top + panel2_h + 14, max_rounds - 1);
  for (const auto& o : outcomes) {
    const Trajectory stat = trajectory_of(o.model);
    if (!o.forecast || stat == Trajectory::none) continue;
    auto value = [&](const bargain::RoundRecord& r) {
      return stat == Trajectory::median ? r.median : r.mean;
    };
    std::string points;
    for (std::size_t t = 0; t < o.forecast->rounds.size(); ++t)
      points += fmt::format("{:.1f},{:.1f} ", tx(t), ty(value(o.forecast->rounds[t])));
    svg += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
        "stroke-width=\"2\"><title>{}</title></polyline>\n",
        points, colour_of(o.model), o.model);
    const auto& last = o.forecast->rounds.back();
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\">{}</text>\n",
                       tx(o.forecast->rounds.size() - 1) + 4, ty(value(last)) + 3,
                       colour_of(o.model), o.model);
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace

Section build_bargaining_section(const Scenario& scenario, const RunOptions& options) {
  Section out{"bargaining", "Negotiation outcomes by bargaining model"};
  const bargain::BargainingProblem p = bargain::from_scenario(scenario);
  if (p.issue_count() == 0 || p.actor_count() == 0) {
    out.text = "no issues with positions in this scenario\n";
    out.json = {{"baseline", "mean"}, {"issues", nlohmann::json::array()}};
    out.html = "<p>No issues with positions in this scenario.</p>";
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

  // report.html
  out.html +=
      "<p>Each model's forecast per issue, with the capability × salience weighted mean "
      "as the baseline. Circles: actors' positions, area ∝ capability × salience. "
      "Lines: the models' forecasts. Lower panel: EUM and SMP over rounds. An issue with "
      "deciders is settled among them: the other actors weigh nothing here.</p>\n";
  out.html += "<table><tr><th>issue</th>";
  for (const auto& o : by_issue[0])
    out.html +=
        fmt::format("<th style=\"color:{}\">{}</th>", colour_of(o.model), svg::escape(o.model));
  out.html += "</tr>\n";
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    out.html += fmt::format("<tr><td>{}</td>", svg::escape(p.issues[k].name));
    for (const auto& o : by_issue[k])
      out.html +=
          o.forecast ? fmt::format("<td>{:.1f}</td>", o.forecast->forecast) : "<td>n/a</td>";
    out.html += "</tr>\n";
  }
  out.html += "</table>\n<p>";
  for (const auto& o : by_issue[0])
    out.html += fmt::format("<span style=\"color:{}\">&#9646; {}: {}</span> ", colour_of(o.model),
                            svg::escape(o.model), svg::escape(o.title));
  out.html += "</p>\n";
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    const auto* is = scenario.find_issue(p.issues[k].name);
    out.html += fmt::format("<h3>{}</h3>\n", svg::escape(is ? is->name : p.issues[k].name));
    if (is && (!is->low_label.empty() || !is->high_label.empty()))
      out.html += fmt::format("<p>{} {} = {}; {} = {}</p>\n", "scale:", p.issues[k].scale_min,
                              svg::escape(is->low_label), p.issues[k].scale_max,
                              svg::escape(is->high_label));
    out.html += issue_svg(p, k, by_issue[k]);
  }
  return out;
}

}  // namespace detente::report
