#include "bargain/nash.hpp"

#include <algorithm>
#include <cmath>

#include "bargain/weighted_mean.hpp"

namespace detente::bargain {

NashOptions nash_options(const OptionValues& values, nlohmann::json* used) {
  NashOptions o;
  OptionReader r(values, "nash");
  o.utility = r.choice("utility", o.utility, {"quadratic", "linear"});
  o.weights = r.choice("weights", o.weights, {"capability", "capability_salience"});
  o.participation = r.choice("participation", o.participation, {"all", "majority_side"});
  o.no_status_quo =
      r.choice("no_status_quo", o.no_status_quo, {"far_end", "scale_min", "scale_max"});
  r.finish();
  if (used) *used = r.used();
  return o;
}

NashResult nash_bargaining(const BargainingProblem& p, std::size_t issue, const NashOptions& o) {
  const Dimension& dim = p.issues.at(issue);
  const std::vector<double>& x = p.position[issue];
  const std::size_t n = p.actor_count();
  NashResult res;
  if (dim.status_quo) {
    res.disagreement = *dim.status_quo;
    res.status_quo_given = true;
  } else if (o.no_status_quo == "scale_min") {
    res.disagreement = dim.scale_min;
  } else if (o.no_status_quo == "scale_max") {
    res.disagreement = dim.scale_max;
  } else {
    const double mean = weighted_mean(p, issue);
    res.disagreement = mean - dim.scale_min > dim.scale_max - mean ? dim.scale_min : dim.scale_max;
  }
  const double d = res.disagreement;
  // Parties: positive salience and capability; their bargaining weight.
  std::vector<std::size_t> parties;
  std::vector<double> w;
  double left = 0, right = 0;
  for (std::size_t a = 0; a < n; ++a) {
    if (p.salience[issue][a] <= 0 || p.capability_on(issue, a) <= 0 || x[a] == d) continue;
    const double wa = o.weights == "capability" ? p.capability_on(issue, a) : p.weight(issue, a);
    (x[a] < d ? left : right) += p.weight(issue, a);
    parties.push_back(a);
    w.push_back(wa);
  }
  if (parties.empty()) {
    res.outcome = d;
    return res;
  }
  if (left > 0 && right > 0) {
    if (o.participation == "all") {
      res.outcome = d;
      res.blocked = true;
      return res;
    }
    // The heavier side bargains; the lighter side's parties drop out.
    const bool keep_right = right >= left;
    std::vector<std::size_t> kept;
    std::vector<double> kw;
    for (std::size_t k = 0; k < parties.size(); ++k)
      if ((x[parties[k]] > d) == keep_right) {
        kept.push_back(parties[k]);
        kw.push_back(w[k]);
      }
    parties.swap(kept);
    w.swap(kw);
  }
  // All parties on one side of d. The log Nash product Σ w log(u(z) − u(d)) is concave on
  // the acceptable set (every gain positive), rises from −∞ at d, and falls beyond the
  // farthest ideal point: bisection on its derivative, with −∞ outside the set.
  const bool up = x[parties.front()] > d;
  double hi = d;
  for (std::size_t a : parties) hi = up ? std::max(hi, x[a]) : std::min(hi, x[a]);
  // Beyond the farthest ideal every utility falls, so the optimum lies in (d, hi].
  auto derivative = [&](double z) -> double {
    double g = 0;
    for (std::size_t k = 0; k < parties.size(); ++k) {
      const double xi = x[parties[k]];
      double gain, slope;
      if (o.utility == "quadratic") {
        gain = (d - xi) * (d - xi) - (z - xi) * (z - xi);
        slope = -2 * (z - xi);
      } else {
        gain = std::abs(d - xi) - std::abs(z - xi);
        slope = z < xi ? 1 : (z > xi ? -1 : 0);
      }
      if (gain <= 0) return up ? -HUGE_VAL : HUGE_VAL;  // left the acceptable set
      g += w[k] * slope / gain;
    }
    return g;
  };
  // Work in the direction of increasing distance from d: t in (0, |hi − d|].
  const double span = std::abs(hi - d);
  double a = 0, b = span;
  auto at = [&](double t) { return up ? d + t : d - t; };
  auto dir_deriv = [&](double t) { return (up ? 1 : -1) * derivative(at(t)); };
  if (dir_deriv(b) >= 0) {
    res.outcome = at(b);
    return res;
  }
  for (int it = 0; it < 200 && b - a > 1e-12 * (1 + span); ++it) {
    const double mid = (a + b) / 2;
    if (mid <= 0) break;
    (dir_deriv(mid) > 0 ? a : b) = mid;
  }
  res.outcome = at((a + b) / 2);
  return res;
}

ModelRun run_nash_model(const BargainingProblem& p, const RunSettings& settings) {
  ModelRun run;
  run.model = "nash";
  NashOptions o = nash_options(settings.options, &run.options);
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    NashResult r = nash_bargaining(p, k, o);
    IssueForecast f;
    f.issue = p.issues[k].name;
    f.forecast = r.outcome;
    f.details["disagreement_point"] = r.disagreement;
    f.details["status_quo_given"] = r.status_quo_given;
    f.details["blocked"] = r.blocked;
    run.issues.push_back(std::move(f));
  }
  return run;
}

}  // namespace detente::bargain
