#include "sim/tally.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/error.hpp"
#include "sim/dynamics.hpp"

namespace detente::sim {

std::size_t bin_of(const TallyColumn& c, double x) {
  if (!(x > c.lo)) return 0;  // also NaN, which no run produces
  if (x >= c.hi) return kBins + 1;
  const double scaled = (x - c.lo) * (static_cast<double>(kBins) / (c.hi - c.lo));
  return 1 + std::min(kBins - 1, static_cast<std::size_t>(scaled));
}

std::uint64_t fixed_point(const TallyColumn& c, double x) {
  if (!(c.hi > c.lo) || !(x > c.lo)) return 0;
  const double u = x >= c.hi ? 1.0 : (x - c.lo) / (c.hi - c.lo);
  return static_cast<std::uint64_t>(std::llround(std::ldexp(u, kFixedBits)));
}

void VariantTally::add_run(std::span<const TallyColumn> columns, std::size_t outcomes,
                           std::span<const double> record) {
  for (std::size_t o = 0; o < outcomes; ++o) outcome_counts[o] += record[o] > 0.5;
  std::uint64_t* counts = bins.data();
  for (std::size_t c = 0; c < columns.size(); ++c, counts += kBins + 2) {
    const double x = record[columns[c].record_index];
    ++counts[bin_of(columns[c], x)];
    sums[c] += fixed_point(columns[c], x);
  }
}

void VariantTally::add_pair(std::span<const TallyColumn> columns, std::size_t outcomes,
                            std::size_t issues, std::span<const double> record,
                            std::span<const double> baseline) {
  for (std::size_t o = 0; o < outcomes; ++o) {
    const bool here = record[o] > 0.5, there = baseline[o] > 0.5;
    gained[o] += here && !there;
    lost[o] += there && !here;
  }
  // Issues are the first columns. The shift is kept in fixed point of the scale's width:
  // the difference of the two fixed-point values, exact and antisymmetric.
  for (std::size_t k = 0; k < issues; ++k) {
    const TallyColumn& c = columns[k];
    const auto d = static_cast<std::int64_t>(fixed_point(c, record[c.record_index])) -
                   static_cast<std::int64_t>(fixed_point(c, baseline[c.record_index]));
    shift_sums[k] += d;
    shift_squares[k] += static_cast<WideCount>(static_cast<WideSigned>(d) * d);
  }
}

void EnsembleTally::merge(const EnsembleTally& other) {
  if (other.variants.size() != variants.size() || other.columns.size() != columns.size())
    throw std::invalid_argument("EnsembleTally::merge: tallies of different ensembles");
  for (std::size_t v = 0; v < variants.size(); ++v) {
    VariantTally& a = variants[v];
    const VariantTally& b = other.variants[v];
    auto add = [](auto& into, const auto& from) {
      if (into.size() != from.size())
        throw std::invalid_argument("EnsembleTally::merge: tallies of different layouts");
      for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
    };
    add(a.outcome_counts, b.outcome_counts);
    add(a.bins, b.bins);
    add(a.sums, b.sums);
    add(a.gained, b.gained);
    add(a.lost, b.lost);
    add(a.shift_sums, b.shift_sums);
    add(a.shift_squares, b.shift_squares);
  }
  tallied += other.tallied;
}

EnsembleTally make_tally(const std::vector<SimModel>& models, std::uint64_t seed,
                         std::uint64_t runs) {
  if (models.empty()) throw std::invalid_argument("make_tally: no models");
  const SimModel& m = models.front();
  EnsembleTally t;
  TallyHeader& h = t.header;
  h.scenario_id = m.scenario_id;
  h.fingerprint = model_fingerprint(models);
  h.seed = seed;
  h.runs = runs;
  h.start = m.start.iso();
  for (const auto& o : m.outcomes) {
    h.outcome_ids.push_back(o.id);
    h.outcome_names.push_back(o.name);
  }
  h.issue_ids = m.issues;
  for (const auto& [a, b] : m.key_dyads) h.dyad_names.push_back(m.actors[a] + "-" + m.actors[b]);
  for (int month = 0; month < m.months; ++month) {
    const Date d = m.month_date(month);
    h.month_labels.push_back(fmt::format("{:04}-{:02}", d.year, d.month));
  }
  for (const SimModel& v : models) {
    h.variant_ids.push_back(v.variant_id);
    h.variant_names.push_back(v.variant_name);
    const bool same = v.outcomes.size() == m.outcomes.size() && v.issues == m.issues &&
                      v.months == m.months && v.key_dyads == m.key_dyads && v.n == m.n;
    if (!same)
      fail({m.scenario_id, 0, "variant"},
           "variant '{}' changes the outcomes, issues, actors or months of the scenario; an "
           "ensemble compares variants of one system",
           v.variant_id);
    for (std::size_t o = 0; o < m.outcomes.size(); ++o)
      if (v.outcomes[o].id != m.outcomes[o].id)
        fail({m.scenario_id, 0, "variant"}, "variant '{}' changes the outcomes", v.variant_id);
  }

  const RunLayout layout(m);
  for (int k = 0; k < m.m; ++k)
    t.columns.push_back(
        {layout.issue(static_cast<std::size_t>(k)), m.scale_min[k], m.scale_max[k]});
  for (std::size_t d = 0; d < m.key_dyads.size(); ++d)
    for (int month = 0; month < m.months; ++month)
      t.columns.push_back({layout.dyad(d, static_cast<std::size_t>(month)), -1.0, 1.0});
  const double pairs = m.n > 1 ? m.n * (m.n - 1) / 2.0 : 0.0;
  for (int month = 0; month < m.months; ++month)
    t.columns.push_back({layout.frustration(static_cast<std::size_t>(month)), 0.0, pairs});
  // Each run's largest gap between its frustration and the proven bound (0: exact).
  t.columns.push_back({layout.frustration_gap(), 0.0, pairs});

  const std::size_t outcomes = m.outcomes.size(), issues = static_cast<std::size_t>(m.m);
  for (std::size_t v = 0; v < models.size(); ++v) {
    VariantTally vt;
    vt.outcome_counts.assign(outcomes, 0);
    vt.bins.assign(t.columns.size() * (kBins + 2), 0);
    vt.sums.assign(t.columns.size(), 0);
    vt.gained.assign(outcomes, 0);
    vt.lost.assign(outcomes, 0);
    vt.shift_sums.assign(issues, 0);
    vt.shift_squares.assign(issues, 0);
    t.variants.push_back(std::move(vt));
  }
  return t;
}

namespace {

struct Fnv {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 0x100000001b3ULL;
  }
  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  void text(const std::string& s) {
    value(s.size());
    bytes(s.data(), s.size());
  }
  template <typename T>
  void values(const std::vector<T>& v) {
    value(v.size());
    for (const T& x : v) value(x);
  }
  void values(const std::vector<std::pair<int, int>>& v) {
    value(v.size());
    for (const auto& [a, b] : v) {
      value(a);
      value(b);
    }
  }
};

}  // namespace

std::uint64_t model_fingerprint(const std::vector<SimModel>& models) {
  Fnv f;
  for (const SimModel& m : models) {
    f.text(m.scenario_id);
    f.text(m.variant_id);
    f.text(m.start.iso());
    f.value(m.months);
    f.value(m.n);
    f.value(m.m);
    f.value(m.median_model);
    for (const auto& a : m.actors) f.text(a);
    for (const auto& k : m.issues) f.text(k);
    f.values(m.scale_min);
    f.values(m.scale_max);
    f.values(m.decision_month);
    f.values(m.decides);
    f.values(m.parameters);
    for (const UncertainInput& in : m.inputs) {
      f.text(in.name);
      f.value(in.slot);
      f.text(in.distribution.describe());
      for (double u : {0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) f.value(in.distribution.quantile(u));
    }
    for (const SimRelation& r : m.relations) {  // field by field: the struct has padding
      f.value(r.a);
      f.value(r.b);
      f.value(r.sign);
      f.value(r.weight_slot);
      f.value(r.from_month);
      f.value(r.until_month);
      f.value(r.chance_slot);
      f.value(r.draw_slot);
    }
    for (const SimEvent& e : m.events) {
      f.text(e.id);
      f.value(e.month);
      f.value(e.last_month);
      f.value(e.kind);
      f.values(e.participants);
      f.values(e.targets);
      f.value(e.probability_slot);
      f.value(e.effect_slot);
      f.values(e.position_switches);
      f.value(e.stochastic);
      f.value(e.reschedule_chance);
      f.value(e.reschedule_draw);
      f.value(e.reschedule_delay);
    }
    for (const SimOutcome& o : m.outcomes) {
      f.text(o.id);
      f.value(o.kind);
      f.value(o.event);
      f.value(o.month);
      f.value(o.a);
      f.value(o.b);
      f.value(o.threshold);
      f.value(o.issue);
      f.value(o.min);
      f.value(o.max);
      f.values(o.bloc);
    }
    f.values(m.key_dyads);
  }
  return f.h;
}

std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t runs, std::uint64_t shard,
                                                    std::uint64_t shards) {
  const auto at = [&](std::uint64_t i) {
    return static_cast<std::uint64_t>(static_cast<WideCount>(runs) * i / shards);
  };
  return {at(shard - 1), at(shard)};
}

}  // namespace detente::sim
