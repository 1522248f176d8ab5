#include "sim/dynamics.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"
#include "core/parameters.hpp"

namespace detente::sim {

Workspace::Workspace(const SimModel& m)
    : x(static_cast<std::size_t>(m.n * m.n)),
      baseline(x.size()),
      relation_ties(x.size()),
      shift(x.size()),
      x2(x.size()),
      position(static_cast<std::size_t>(m.n * m.m)),
      salience(position.size()),
      occurred(m.events.size()),
      best_split(static_cast<std::size_t>(m.months)) {}

void draw_inputs(const SimModel& model, Stream& rng, std::span<double> params) {
  for (const UncertainInput& in : model.inputs)
    params[in.slot] = in.distribution.quantile(rng.uniform());
}

namespace {

// The search of min_frustration with the number of actors N known at compile time (the
// inner update then unrolls and vectorises); N = 0 takes it from `n` at run time.
template <int N>
double min_frustration_search(const double* x, int n, std::uint64_t* split) {
  if constexpr (N > 0) n = N;
  // Sides s_i = ±1, everyone on +1 at first: the frustrated ties are the negative ones.
  // Flipping v changes the cost by s_v · g_v, where g_v = Σ_j x_vj s_j is v's local field.
  double cost = 0;
  double s[24], g[24];
  for (int i = 0; i < n; ++i) {
    s[i] = 1;
    g[i] = 0;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      g[i] += x[i * n + j];
      if (j > i && x[i * n + j] < 0) cost -= x[i * n + j];
    }
  }
  double best = cost;
  std::uint64_t side = 0, best_side = 0;
  const std::uint64_t count = n > 1 ? std::uint64_t{1} << (n - 1) : 1;
  for (std::uint64_t code = 1; code < count; ++code) {
    // Gray code: flip actor 1 + (index of the lowest set bit), actor 0 stays on side 0.
    const int v = 1 + std::countr_zero(code);
    cost += s[v] * g[v];
    s[v] = -s[v];
    const double step = 2 * s[v];
    const double* row = x + v * n;
    for (int j = 0; j < n; ++j) g[j] += step * row[j];
    side ^= std::uint64_t{1} << v;
    if (cost < best - 1e-12) {
      best = cost;
      best_side = side;
    }
  }
  if (split) *split = best_side;
  return std::max(best, 0.0);
}

}  // namespace

double min_frustration(std::span<const double> x, int n, std::uint64_t* split) {
  if (n > 24) throw std::invalid_argument("min_frustration: at most 24 actors");
  switch (n) {
    case 4:
      return min_frustration_search<4>(x.data(), n, split);
    case 5:
      return min_frustration_search<5>(x.data(), n, split);
    case 6:
      return min_frustration_search<6>(x.data(), n, split);
    case 7:
      return min_frustration_search<7>(x.data(), n, split);
    case 8:
      return min_frustration_search<8>(x.data(), n, split);
    case 9:
      return min_frustration_search<9>(x.data(), n, split);
    case 10:
      return min_frustration_search<10>(x.data(), n, split);
    default:
      return min_frustration_search<0>(x.data(), n, split);
  }
}

namespace {

// Applies a change to the tie of i and j, and the persistent share of it to the baseline.
inline void change_tie(Workspace& ws, int n, int i, int j, double delta, double persistence) {
  if (i == j) return;
  ws.x[i * n + j] += delta;
  ws.x[j * n + i] += delta;
  ws.shift[i * n + j] += persistence * delta;
  ws.shift[j * n + i] += persistence * delta;
}

void apply_event(const SimModel& m, std::span<const double> p, const SimEvent& e, Workspace& ws) {
  const int n = m.n;
  const double* dyn = p.data() + m.dynamics_offset;
  const double persistence = dyn[kPersistence];
  auto magnitude = [&](Param param) {
    return e.effect_slot != kNoSlot ? p[static_cast<std::size_t>(e.effect_slot)] : dyn[param];
  };
  auto among = [&](const std::vector<int>& group, double delta, double keep) {
    for (std::size_t a = 0; a < group.size(); ++a)
      for (std::size_t b = a + 1; b < group.size(); ++b)
        change_tie(ws, n, group[a], group[b], delta, keep);
  };
  auto across = [&](double delta) {
    for (int a : e.participants)
      for (int b : e.targets) change_tie(ws, n, a, b, delta, persistence);
  };
  switch (e.kind) {
    case EventKind::summit:
      among(e.participants, magnitude(kSummitEffect), persistence);
      break;
    case EventKind::meeting:
    case EventKind::ministerial:
    case EventKind::visit:
    case EventKind::agreement:
    case EventKind::exercise:
      among(e.participants, magnitude(kMeetingEffect), persistence);
      break;
    case EventKind::treaty: {
      const double tie = magnitude(kTreatyTie);
      for (std::size_t a = 0; a < e.participants.size(); ++a)
        for (std::size_t b = a + 1; b < e.participants.size(); ++b) {
          const int i = e.participants[a], j = e.participants[b];
          change_tie(ws, n, i, j, tie - ws.x[i * n + j], 1.0);  // a treaty resets the baseline
        }
      break;
    }
    case EventKind::test_launch:
    case EventKind::nuclear_test: {
      const double scale = e.kind == EventKind::nuclear_test ? 2.0 : 1.0;
      among(e.targets, scale * dyn[kThreatBond], persistence);
      across(-scale * magnitude(kThreatHostility));
      break;
    }
    case EventKind::sanction:
      across(-magnitude(kSanctionEffect));
      break;
    case EventKind::election:
      break;  // acts through position switches only
    case EventKind::statement:
    case EventKind::other:
      if (e.effect_slot != kNoSlot) {
        among(e.participants, magnitude(kMeetingEffect), persistence);
        across(-magnitude(kMeetingEffect));
      }
      break;
  }
  for (const auto& [issue, slot] : e.position_switches)
    for (int a : e.participants)
      ws.position[static_cast<std::size_t>(issue * n + a)] = p[static_cast<std::size_t>(slot)];
}

// Baseline ties of month t: the relations active then (summed, clamped) plus event shifts.
// The relations' sums only change in the months where a relation starts or ends, so they
// are recomputed then (and at t = 0) and kept clamped in ws.relation_ties.
void baseline_at(const SimModel& m, std::span<const double> p, int t, Workspace& ws) {
  const int n = m.n;
  if (t == 0 || m.relations_change[static_cast<std::size_t>(t)]) {
    std::fill(ws.relation_ties.begin(), ws.relation_ties.end(), 0.0);
    for (const SimRelation& r : m.relations) {
      if (t < r.from_month || t >= r.until_month) continue;
      const double w = r.sign * p[static_cast<std::size_t>(r.weight_slot)];
      ws.relation_ties[r.a * n + r.b] += w;
      ws.relation_ties[r.b * n + r.a] += w;
    }
    for (double& v : ws.relation_ties) v = std::clamp(v, -1.0, 1.0);
  }
  for (std::size_t k = 0; k < ws.baseline.size(); ++k)
    ws.baseline[k] = std::clamp(ws.relation_ties[k] + ws.shift[k], -1.0, 1.0);
}

// tanh through one exp: about four times cheaper than std::tanh, accurate to 1e-15
// absolute, which is what the integration needs.
inline double tanh_exp(double v) {
  if (v > 20) return 1;
  if (v < -20) return -1;
  const double e = std::exp(2 * v);
  return (e - 1) / (e + 1);
}

// One month of dX/dt = −β (X − B) + L tanh(α X² / ((n−2) L)), explicit Euler in k substeps.
}  // namespace

namespace {

// The month's integration with N actors known at compile time (N = 0: run time), so that
// the short dot products unroll.
template <int N>
void integrate_month_fixed(int n, const double* dyn, double* x, const double* baseline,
                           double* x2) {
  if constexpr (N > 0) n = N;
  const double alpha = dyn[kBalanceGain], beta = dyn[kRestoringRate], cap = dyn[kSaturation];
  const int steps = std::max(1, static_cast<int>(std::lround(dyn[kSubsteps])));
  const double h = 1.0 / steps;
  // The balance force averages over the n − 2 third parties, so that alpha means the same
  // for any number of actors.
  const double scale = alpha / (cap * std::max(1, n - 2));
  for (int s = 0; s < steps; ++s) {
    // (X²)_ij for i < j: X is symmetric, so it is the dot product of rows i and j.
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        const double* ri = x + i * n;
        const double* rj = x + j * n;
        double dot = 0;
        for (int k = 0; k < n; ++k) dot += ri[k] * rj[k];
        x2[i * n + j] = dot;
      }
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        const int ij = i * n + j;
        const double dx = -beta * (x[ij] - baseline[ij]) + cap * tanh_exp(scale * x2[ij]);
        const double next = std::clamp(x[ij] + h * dx, -1.0, 1.0);
        x[ij] = next;
        x[j * n + i] = next;
      }
  }
}

}  // namespace

void integrate_month(int n, std::span<const double> dyn, std::span<double> xs,
                     std::span<const double> baseline, std::span<double> scratch) {
  switch (n) {
    case 6:
      return integrate_month_fixed<6>(n, dyn.data(), xs.data(), baseline.data(), scratch.data());
    case 7:
      return integrate_month_fixed<7>(n, dyn.data(), xs.data(), baseline.data(), scratch.data());
    case 8:
      return integrate_month_fixed<8>(n, dyn.data(), xs.data(), baseline.data(), scratch.data());
    case 9:
      return integrate_month_fixed<9>(n, dyn.data(), xs.data(), baseline.data(), scratch.data());
    case 10:
      return integrate_month_fixed<10>(n, dyn.data(), xs.data(), baseline.data(), scratch.data());
    default:
      return integrate_month_fixed<0>(n, dyn.data(), xs.data(), baseline.data(), scratch.data());
  }
}

namespace {

// Settles issue k: positions pulled by the current ties, then the bargaining model.
double decide(const SimModel& m, std::span<const double> p, int k, Workspace& ws) {
  const int n = m.n;
  const double gamma = p[m.dynamics_offset + kInfluence];
  const double* cap = p.data() + m.capability_offset;
  const double* pos = ws.position.data() + k * n;
  const double* sal = ws.salience.data() + k * n;
  double pulled[64];
  double weight[64];
  std::vector<double> big_pulled, big_weight;
  double* xs = pulled;
  double* ws_ = weight;
  if (n > 64) {
    big_pulled.resize(static_cast<std::size_t>(n));
    big_weight.resize(static_cast<std::size_t>(n));
    xs = big_pulled.data();
    ws_ = big_weight.data();
  }
  for (int i = 0; i < n; ++i) ws_[i] = cap[i] * sal[i];
  for (int i = 0; i < n; ++i) {
    double num = 0, den = 0;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      const double tie = ws.x[i * n + j] * ws_[j];
      num += tie * (pos[j] - pos[i]);
      den += std::abs(tie);
    }
    double x = pos[i] + (den > 0 ? gamma * num / den : 0.0);
    xs[i] = std::clamp(x, m.scale_min[k], m.scale_max[k]);
  }
  std::span<const double> positions(xs, static_cast<std::size_t>(n));
  std::span<const double> weights(ws_, static_cast<std::size_t>(n));
  return m.median_model ? bargain::weighted_median(positions, weights)
                        : bargain::weighted_mean(positions, weights);
}

}  // namespace

void simulate(const SimModel& m, std::span<const double> p, Stream& rng, Workspace& ws,
              std::span<double> record) {
  const int n = m.n;
  const RunLayout layout(m);
  const double* dyn = p.data() + m.dynamics_offset;
  std::fill(record.begin(), record.end(), 0.0);
  std::fill(ws.shift.begin(), ws.shift.end(), 0.0);
  std::fill(ws.occurred.begin(), ws.occurred.end(), -1);
  std::copy_n(p.begin() + static_cast<std::ptrdiff_t>(m.position_offset), ws.position.size(),
              ws.position.begin());
  std::copy_n(p.begin() + static_cast<std::ptrdiff_t>(m.salience_offset), ws.salience.size(),
              ws.salience.begin());
  baseline_at(m, p, 0, ws);
  ws.x = ws.baseline;

  for (int t = 0; t < m.months; ++t) {
    // Events of this month, in a fixed order: scheduled first, then stochastic.
    for (std::size_t e = 0; e < m.events.size(); ++e) {
      const SimEvent& ev = m.events[e];
      if (t < ev.month || t > ev.last_month) continue;
      double chance =
          ev.probability_slot != kNoSlot ? p[static_cast<std::size_t>(ev.probability_slot)] : 1.0;
      // Draw for every eligible event, even certain ones, so that the stream stays aligned.
      const bool happens = rng.uniform() < chance;
      if (!happens) continue;
      if (ws.occurred[e] < 0) ws.occurred[e] = t;  // a recurring event keeps its first month
      apply_event(m, p, ev, ws);
    }
    baseline_at(m, p, t, ws);
    integrate_month(n, std::span<const double>(dyn, kParamCount), ws.x, ws.baseline, ws.x2);
    const double noise = dyn[kNoise];
    if (noise > 0)
      for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) {
          const double v = std::clamp(ws.x[i * n + j] + noise * rng.normal(), -1.0, 1.0);
          ws.x[i * n + j] = v;
          ws.x[j * n + i] = v;
        }
    for (int k = 0; k < m.m; ++k)
      if (m.decision_month[k] == t) record[layout.issue(k)] = decide(m, p, k, ws);
    for (std::size_t d = 0; d < m.key_dyads.size(); ++d) {
      const auto [a, b] = m.key_dyads[d];
      record[layout.dyad(d, t)] = ws.x[a * n + b];
    }
    std::uint64_t split = 0;
    record[layout.frustration(t)] = n <= 24 ? min_frustration(ws.x, n, &split) : 0.0;
    ws.best_split[t] = split;

    for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
      const SimOutcome& out = m.outcomes[o];
      if (out.kind == OutcomeKind::event_occurs) continue;  // decided after the loop
      if (out.month != t) continue;
      double value = 0;
      switch (out.kind) {
        case OutcomeKind::tie_above:
          value = ws.x[out.a * n + out.b] > out.threshold;
          break;
        case OutcomeKind::tie_below:
          value = ws.x[out.a * n + out.b] < out.threshold;
          break;
        case OutcomeKind::bloc_split: {
          const std::uint64_t all = n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
          value = split == out.bloc_mask || split == (~out.bloc_mask & all);
          break;
        }
        default:
          break;
      }
      record[layout.outcome(o)] = value;
    }
  }
  for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
    const SimOutcome& out = m.outcomes[o];
    if (out.kind == OutcomeKind::event_occurs)
      record[layout.outcome(o)] = out.event >= 0 &&
                                  ws.occurred[static_cast<std::size_t>(out.event)] >= 0 &&
                                  ws.occurred[static_cast<std::size_t>(out.event)] <= out.month;
    else if (out.kind == OutcomeKind::issue_in_range) {
      const double v = record[layout.issue(static_cast<std::size_t>(out.issue))];
      record[layout.outcome(o)] = v >= out.min && v <= out.max;
    }
  }
}

}  // namespace detente::sim

namespace detente::sim {

std::vector<double> default_dynamics() {
  std::vector<double> out;
  for (const auto& spec : parameter_specs()) out.push_back(spec.default_value);
  return out;
}

}  // namespace detente::sim
