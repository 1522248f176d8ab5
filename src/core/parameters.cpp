#include "core/parameters.hpp"

namespace detente {

const std::vector<ParameterSpec>& parameter_specs() {
  // The Levant calibration: `detente calibrate --events keds_levant.cameo.tsv --actors
  // EGY,ISR,JOR,LBN,PAL,SYR,USA --to 2011-12-31`, 1979-04 … 2011-11, 21 dyads, 3,950
  // monthly transitions; backtest `detente backtest --events … --from 1990-01-01`
  // (docs/models/calibration.md has both tables).
  static constexpr std::string_view kLevant =
      "calibration: maximum likelihood on KEDS Levant monthly tie scores (EGY ISR JOR LBN PAL "
      "SYR USA, 1979-04..2011-11, 3950 transitions; docs/models/calibration.md)";
  static const std::vector<ParameterSpec> specs = {
      {"balance_gain", 0, 0, 10, "alpha: strength of the structural-balance force (per month)",
       "calibration: KEDS Levant 1979-04..2011-11, the balance term is not supported "
       "(likelihood ratio 4.55, p = 0.10) and adds nothing out of sample (backtest from 1990 "
       "with and without it: CRPS within 0.0001 at h = 1, 3, 6, 12); docs/models/calibration.md"},
      {"restoring_rate", 0.83, 0, 10,
       "beta: rate at which ties relax toward their baseline (per month)",
       "calibration: KEDS Levant 1979-04..2011-11, maximum likelihood 0.829 +- 0.016 (one Euler "
       "step a month); docs/models/calibration.md"},
      {"saturation", 0.012, 1e-6, 10, "L: largest monthly change the balance force can make",
       "calibration: KEDS Levant 1979-04..2011-11, 0.012 fitted with the balance term (its gain "
       "on the bound 10, not identified); no effect while balance_gain = 0"},
      {"noise", 0.21, 0, 1, "sd of the monthly random shock on each tie",
       "calibration: KEDS Levant 1979-04..2011-11, the relation's own monthly noise 0.21 (the "
       "residual sd 0.344 less the tie score's sampling error, E[e^2] = a + b/events)"},
      {"summit_effect", 0.15, -1, 1, "tie change among the participants of a summit held",
       "judgement (not calibrated: event data code no summit kind)"},
      {"meeting_effect", 0.06, -1, 1,
       "tie change among participants of a meeting, ministerial, visit or agreement",
       "judgement (not calibrated)"},
      {"treaty_tie", 0.8, -1, 1, "tie a treaty sets among its participants",
       "judgement (not calibrated)"},
      {"threat_bond", 0.05, -1, 1, "tie change among the targets of a missile or nuclear test",
       "judgement (not calibrated)"},
      {"threat_hostility", 0.1, -1, 1, "tie decrease between the tester and each target",
       "judgement (not calibrated)"},
      {"sanction_effect", 0.1, -1, 1,
       "tie decrease between the sanctioning actors and their targets",
       "judgement (not calibrated)"},
      {"persistence", 0.5, 0, 1, "share of an event's tie change that also moves the baseline",
       "judgement (not calibrated)"},
      {"influence", 0.3, 0, 1,
       "gamma: pull of positions toward friends and away from rivals before a decision",
       "judgement (not calibrated)"},
      {"substeps", 1, 1, 1000, "integration substeps per month", kLevant},
  };
  return specs;
}

const ParameterSpec* find_parameter(std::string_view name) {
  for (const auto& p : parameter_specs())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace detente
