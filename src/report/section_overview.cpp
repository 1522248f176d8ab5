#include "report/section_overview.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

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
  }
  out.json["actors"] = actors;

  nlohmann::json issues = nlohmann::json::array();
  for (const Issue& is : s.issues) {
    nlohmann::json j = {{"id", is.id},
                        {"name", is.name},
                        {"low", is.low_label},
                        {"high", is.high_label},
                        {"scale", {is.scale_min, is.scale_max}}};
    if (is.status_quo) j["status_quo"] = is.status_quo->value;
    if (is.decision_date) j["decision_date"] = is.decision_date->iso();
    issues.push_back(j);
  }
  out.json["issues"] = issues;
  out.json["events"] = s.events.size();
  out.json["relations"] = s.relations.size();

  return out;
}

}  // namespace detente::report
