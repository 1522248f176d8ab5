#include "report/section_overview.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "report/svg.hpp"

namespace detente::report {

Section build_overview_section(const Scenario& s, const RunOptions& /*options*/) {
  Section out{"overview", "Actors and issues"};
  double total = 0;
  for (const auto& a : s.actors) total += a.capability.value;

  std::vector<std::size_t> order(s.actors.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return s.actors[a].capability.value > s.actors[b].capability.value;
  });

  nlohmann::json actors = nlohmann::json::array();
  out.text += fmt::format("  {:<5} {:<24} {:>10} {:>7}\n", "id", "actor", "capability", "share");
  std::string rows;
  for (std::size_t k : order) {
    const Actor& a = s.actors[k];
    double share = total > 0 ? a.capability.value / total : 0;
    actors.push_back({{"id", a.id},
                      {"name", a.name},
                      {"capability", a.capability.value},
                      {"share", share},
                      {"source", a.capability.source}});
    out.text += fmt::format("  {:<5} {:<24} {:>10.4f} {:>6.1f}%\n", a.id, a.name,
                            a.capability.value, 100 * share);
    rows += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=num>{}</td><td class=num><div class=bar "
        "style='width:{}%'>"
        "</div> {}%</td><td class=src>{}</td></tr>\n",
        svg::escape(a.id), svg::escape(a.name), svg::num(a.capability.value, 4),
        svg::num(100 * share, 1), svg::num(100 * share, 1), svg::escape(a.capability.source));
  }
  out.json["actors"] = actors;

  nlohmann::json issues = nlohmann::json::array();
  std::string issue_rows;
  for (const Issue& is : s.issues) {
    nlohmann::json j = {{"id", is.id},
                        {"name", is.name},
                        {"low", is.low_label},
                        {"high", is.high_label},
                        {"scale", {is.scale_min, is.scale_max}}};
    if (is.status_quo) j["status_quo"] = is.status_quo->value;
    if (is.decision_date) j["decision_date"] = is.decision_date->iso();
    issues.push_back(j);
    issue_rows +=
        fmt::format("<tr><td>{}</td><td>{} ↔ {}</td><td class=num>{}</td><td class=num>{}</td></tr>\n",
                    svg::escape(is.name), svg::escape(is.low_label), svg::escape(is.high_label),
                    is.status_quo ? svg::num(is.status_quo->value) : "–",
                    is.decision_date ? is.decision_date->iso() : "–");
  }
  out.json["issues"] = issues;
  out.json["events"] = s.events.size();
  out.json["relations"] = s.relations.size();

  out.html = fmt::format(
      "<table><thead><tr><th>id</th><th>actor</th><th>capability</th><th>share</th>"
      "<th>source</th></tr></thead><tbody>{}</tbody></table>\n"
      "<h3>Issues</h3><table><thead><tr><th>issue</th><th>scale (low ↔ high)</th>"
      "<th>status quo</th><th>decision</th></tr></thead><tbody>{}</tbody></table>\n",
      rows, issue_rows);
  return out;
}

}  // namespace detente::report
