#include "report/section_forecast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "bargain/problem.hpp"
#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"
#include "report/svg.hpp"

namespace detente::report {

namespace {

// One row per actor on the issue's scale; dot area proportional to capability×salience.
std::string issue_chart(const Issue& is, const bargain::BargainingProblem& p, std::size_t k,
                        double mean, double median) {
  const double width = 900, left = 60, right = 880, row = 22, top = 34;
  std::vector<std::size_t> actors;
  double wmax = 0;
  for (std::size_t a = 0; a < p.actor_count(); ++a)
    if (p.salience[k][a] > 0) {
      actors.push_back(a);
      wmax = std::max(wmax, p.weight(k, a));
    }
  std::sort(actors.begin(), actors.end(),
            [&](auto a, auto b) { return p.position[k][a] < p.position[k][b]; });
  const double height = top + row * static_cast<double>(actors.size()) + 54;
  svg::Scale x{is.scale_min, is.scale_max, left, right};
  std::string s = fmt::format(
      "<svg class=chart viewBox='0 0 {} {}' width='{}' height='{}' role='img' "
      "aria-label='positions on {}'>\n",
      width, svg::num(height), width, svg::num(height), svg::escape(is.name));
  const double axis_y = height - 44;
  s += fmt::format("<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='#444'/>\n", left,
                   svg::num(axis_y), right, svg::num(axis_y));
  for (int t = 0; t <= 4; ++t) {
    double v = is.scale_min + (is.scale_max - is.scale_min) * t / 4.0;
    s += fmt::format(
        "<line x1='{0}' y1='{1}' x2='{0}' y2='{2}' stroke='#ddd'/><text x='{0}' y='{3}' "
        "class=tick>{4}</text>\n",
        svg::num(x(v)), top - 8, svg::num(axis_y), svg::num(axis_y + 14), svg::num(v));
  }
  // Endpoint labels on two lines so that long labels never overlap.
  s += fmt::format("<text x='{}' y='{}' class=end>← {}</text>\n", left, svg::num(axis_y + 27),
                   svg::escape(is.low_label));
  s += fmt::format("<text x='{}' y='{}' class='end r'>{} →</text>\n", right, svg::num(axis_y + 41),
                   svg::escape(is.high_label));
  auto marker = [&](double v, std::string_view colour, std::string_view label, int lane) {
    s += fmt::format(
        "<line x1='{0}' y1='{1}' x2='{0}' y2='{2}' stroke='{3}' stroke-width='2' "
        "stroke-dasharray='5 3'/><text x='{0}' y='{4}' fill='{3}' class=mark>{5}</text>\n",
        svg::num(x(v)), top - 6, svg::num(axis_y), colour, 10 + 10 * lane, label);
  };
  if (is.status_quo) marker(is.status_quo->value, svg::kNeutral, "status quo", 0);
  marker(mean, "#0072B2", "mean", 1);
  marker(median, "#E69F00", "median", 2);
  for (std::size_t r = 0; r < actors.size(); ++r) {
    std::size_t a = actors[r];
    double y = top + row * (static_cast<double>(r) + 0.5);
    double radius = 3 + 8 * std::sqrt(wmax > 0 ? p.weight(k, a) / wmax : 0);
    s += fmt::format(
        "<text x='{}' y='{}' class=lab>{}</text><circle cx='{}' cy='{}' r='{}' "
        "fill='#0072B2' fill-opacity='0.55' stroke='#0b3c5d'><title>{}: position {}, "
        "salience {}, capability {}</title></circle>\n",
        left - 8, svg::num(y + 4), svg::escape(p.actors[a]), svg::num(x(p.position[k][a])),
        svg::num(y), svg::num(radius), svg::escape(p.actors[a]), svg::num(p.position[k][a]),
        svg::num(p.salience[k][a]), svg::num(p.capability[a], 4));
  }
  s += "</svg>\n";
  return s;
}

}  // namespace

Section build_forecast_section(const Scenario& s, const RunOptions& /*options*/) {
  Section out{"forecast", "Negotiation forecasts"};
  const auto p = bargain::from_scenario(s);
  nlohmann::json issues = nlohmann::json::array();
  out.text += fmt::format("  {:<28} {:>8} {:>8} {:>8}\n", "issue", "status", "mean", "median");
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    const Issue& is = s.issues[k];
    double mean = bargain::weighted_mean(p, k);
    double median = bargain::weighted_median(p, k);
    nlohmann::json j = {
        {"issue", is.id}, {"name", is.name}, {"forecasts", {{"mean", mean}, {"median", median}}}};
    if (is.status_quo) j["status_quo"] = is.status_quo->value;
    issues.push_back(j);
    std::string name = is.id.size() > 28 ? is.id.substr(0, 27) + "…" : is.id;
    out.text += fmt::format("  {:<28} {:>8} {:>8.1f} {:>8.1f}\n", name,
                            is.status_quo ? fmt::format("{:.1f}", is.status_quo->value) : "-", mean,
                            median);
    out.html += fmt::format(
        "<h3>{}</h3><p class=note>Scale {}–{}: {} ↔ {}. Weighted mean {}, weighted median {}"
        "{}.</p>\n{}",
        svg::escape(is.name), svg::num(is.scale_min), svg::num(is.scale_max),
        svg::escape(is.low_label), svg::escape(is.high_label), svg::num(mean, 1),
        svg::num(median, 1),
        is.status_quo ? ", status quo " + svg::num(is.status_quo->value, 1) : "",
        issue_chart(is, p, k, mean, median));
  }
  out.json["models"] = {"mean", "median"};
  out.json["issues"] = issues;
  return out;
}

}  // namespace detente::report
