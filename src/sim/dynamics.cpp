#include "sim/dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"
#include "core/parameters.hpp"
#include "core/ties.hpp"

namespace detente::sim {

Workspace::Workspace(const SimModel& m)
    : x(static_cast<std::size_t>(m.n * m.n)),
      baseline(x.size()),
      relation_ties(x.size()),
      shift(x.size()),
      scratch(integrate_scratch_size(m.n)),
      position(static_cast<std::size_t>(m.n * m.m)),
      salience(position.size()),
      occurred(m.events.size()),
      retry_month(m.events.size()),
      split_search(split_search_for(m)),
      side(static_cast<std::size_t>(m.n), 1) {}

SplitSearch split_search_for(const SimModel& m) {
  // The method is the model's, not the run's: chosen from the point value of `substeps`.
  const double substeps = m.parameters.empty() ? 2.0 : m.parameters[m.dynamics_offset + kSubsteps];
  return SplitSearch(m.n, std::max(1, static_cast<int>(std::lround(substeps))));
}

void draw_inputs(const SimModel& model, Stream& rng, std::span<double> params) {
  for (const UncertainInput& in : model.inputs)
    params[in.slot] = in.distribution.quantile(rng.uniform());
}

namespace {

// Applies a change to the tie of i and j, and the persistent share of it to the baseline
// (kept equal to the clamped sum of the relations' ties and the shifts).
inline void change_tie(Workspace& ws, int n, int i, int j, double delta, double persistence) {
  if (i == j) return;
  for (const int k : {i * n + j, j * n + i}) {
    ws.x[k] += delta;
    ws.shift[k] += persistence * delta;
    ws.baseline[k] = clamp_value(ws.relation_ties[k] + ws.shift[k], -1.0, 1.0);
  }
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

// Baseline ties of month t: the relations active then (stacked by core/ties.hpp's rule)
// plus event shifts. The relations' ties only change in the months where a relation starts
// or ends, so they are recomputed then (and at t = 0) and kept in ws.relation_ties. An
// expected relation (chance_slot set) exists in this run when its draw falls below its
// probability.
void baseline_at(const SimModel& m, std::span<const double> p, int t, Workspace& ws) {
  const int n = m.n;
  if (t == 0 || m.relations_change[static_cast<std::size_t>(t)]) {
    thread_local std::vector<StackedTie> stack;
    stack.assign(ws.relation_ties.size(), StackedTie{});
    for (const SimRelation& r : m.relations) {
      if (t < r.from_month || t >= r.until_month) continue;
      if (r.chance_slot != kNoSlot &&
          !(p[static_cast<std::size_t>(r.draw_slot)] < p[static_cast<std::size_t>(r.chance_slot)]))
        continue;
      stack[std::min(r.a, r.b) * n + std::max(r.a, r.b)].add(
          r.sign * p[static_cast<std::size_t>(r.weight_slot)]);
    }
    for (int i = 0; i < n; ++i)
      for (int j = i; j < n; ++j)
        ws.relation_ties[i * n + j] = ws.relation_ties[j * n + i] = stack[i * n + j].value();
  }
  const std::size_t size = ws.baseline.size();
  double* baseline = ws.baseline.data();
  const double* ties = ws.relation_ties.data();
  const double* shift = ws.shift.data();
  for (std::size_t k = 0; k < size; ++k) baseline[k] = clamp_value(ties[k] + shift[k], -1.0, 1.0);
}
}  // namespace

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
  // Every actor pulls positions through its ties (w_j of all actors); only the issue's
  // deciders then settle it.
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
  // Keep the deciders only (in place: d <= i).
  const unsigned char* decides = m.decides.data() + k * n;
  std::size_t d = 0;
  for (int i = 0; i < n; ++i)
    if (decides[i]) {
      xs[d] = xs[i];
      ws_[d] = ws_[i];
      ++d;
    }
  std::span<const double> positions(xs, d);
  std::span<const double> weights(ws_, d);
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
  // The split search starts from nothing in every run: a run's result must not depend on
  // which run the worker did before (threads, ranks, shards).
  std::fill(ws.side.begin(), ws.side.end(), 1);
  std::fill(ws.retry_month.begin(), ws.retry_month.end(), -1);
  std::copy_n(p.begin() + static_cast<std::ptrdiff_t>(m.position_offset), ws.position.size(),
              ws.position.begin());
  std::copy_n(p.begin() + static_cast<std::ptrdiff_t>(m.salience_offset), ws.salience.size(),
              ws.salience.begin());
  baseline_at(m, p, 0, ws);
  ws.x = ws.baseline;

  // Scheduled events come first in m.events, sorted by month; a cursor walks them.
  const std::uint64_t event_key = rng.next();  // the run's key for its event draws
  const std::size_t scheduled = m.scheduled_events;
  std::size_t next_scheduled = 0;
  for (int t = 0; t < m.months; ++t) {
    // Events of this month, in a fixed order: scheduled first, then stochastic.
    auto consider = [&](std::size_t e) {
      const SimEvent& ev = m.events[e];
      double chance =
          ev.probability_slot != kNoSlot ? p[static_cast<std::size_t>(ev.probability_slot)] : 1.0;
      // The draw is keyed by the event and the month, not taken from the stream, so that
      // run r of every variant gives a shared event the same draw (common random numbers).
      const bool happens = keyed_uniform(event_key, ev.key, static_cast<std::uint64_t>(t)) < chance;
      if (!happens) {
        // Rescheduled (docs/models/dynamics.md): decided by inputs drawn with the run's
        // other inputs, so this takes nothing from the stream.
        if (ev.reschedule_chance != kNoSlot &&
            p[static_cast<std::size_t>(ev.reschedule_draw)] <
                p[static_cast<std::size_t>(ev.reschedule_chance)])
          ws.retry_month[e] =
              t + std::max(1, static_cast<int>(
                                  std::lround(p[static_cast<std::size_t>(ev.reschedule_delay)])));
        return;
      }
      if (ws.occurred[e] < 0) ws.occurred[e] = t;  // a recurring event keeps its first month
      apply_event(m, p, ev, ws);
    };
    for (; next_scheduled < scheduled && m.events[next_scheduled].month <= t; ++next_scheduled)
      if (m.events[next_scheduled].month == t) consider(next_scheduled);
    for (std::size_t e = scheduled; e < m.events.size(); ++e)
      if (t >= m.events[e].month && t <= m.events[e].last_month) consider(e);
    for (const std::size_t e : m.reschedulable)
      if (ws.retry_month[e] == t) {
        if (ws.occurred[e] < 0) ws.occurred[e] = t;
        apply_event(m, p, m.events[e], ws);
      }
    // Events update the baseline of the pairs they shift; all of it is rebuilt only when a
    // relation begins or ends.
    if (m.relations_change[static_cast<std::size_t>(t)]) baseline_at(m, p, t, ws);
    integrate_month(n, std::span<const double>(dyn, kParamCount), ws.x, ws.baseline, ws.scratch);
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
    // The best split: every month when the series is observed, else only in the months
    // of a bloc_split outcome (the unobserved months' series entries are NaN).
    bool observe = ws.observe_frustration;
    for (std::size_t o = 0; o < m.outcomes.size() && !observe; ++o)
      observe = m.outcomes[o].kind == OutcomeKind::bloc_split && m.outcomes[o].month == t;
    if (observe) {
      const SplitValue split = ws.split_search.run(ws.x, ws.side, t);
      record[layout.frustration(t)] = split.frustration;
      record[layout.frustration_gap()] =
          std::max(record[layout.frustration_gap()], split.frustration - split.lower_bound);
    } else {
      record[layout.frustration(t)] = std::numeric_limits<double>::quiet_NaN();
    }

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
          // The same split as {bloc, rest} up to the naming of the sides.
          bool same = true;
          for (int i = 0; i < n && same; ++i)
            same = (ws.side[i] == ws.side[0]) == (out.bloc[i] == out.bloc[0]);
          value = same;
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
