#include "core/parameters.hpp"

namespace detente {

const std::vector<ParameterSpec>& parameter_specs() {
  static const std::vector<ParameterSpec> specs = {
      {"balance_gain", 0.2, 0, 10, "alpha: strength of the structural-balance force (per month)"},
      {"restoring_rate", 0.15, 0, 10,
       "beta: rate at which ties relax toward their baseline (per month)"},
      {"saturation", 0.05, 1e-6, 10, "L: largest monthly change the balance force can make"},
      {"noise", 0.02, 0, 1, "sd of the monthly random shock on each tie"},
      {"summit_effect", 0.15, -1, 1, "tie change among the participants of a summit held"},
      {"meeting_effect", 0.06, -1, 1,
       "tie change among participants of a meeting, ministerial, visit or agreement"},
      {"treaty_tie", 0.8, -1, 1, "tie a treaty sets among its participants"},
      {"threat_bond", 0.05, -1, 1, "tie change among the targets of a missile or nuclear test"},
      {"threat_hostility", 0.1, -1, 1, "tie decrease between the tester and each target"},
      {"sanction_effect", 0.1, -1, 1,
       "tie decrease between the sanctioning actors and their targets"},
      {"persistence", 0.5, 0, 1, "share of an event's tie change that also moves the baseline"},
      {"influence", 0.3, 0, 1,
       "gamma: pull of positions toward friends and away from rivals before a decision"},
      {"substeps", 2, 1, 1000, "integration substeps per month"},
  };
  return specs;
}

const ParameterSpec* find_parameter(std::string_view name) {
  for (const auto& p : parameter_specs())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace detente
