#include "sim/ensemble_summary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/sensitivity.hpp"

namespace detente::sim {

namespace {
constexpr double kZ95 = 1.959963984540054;

// The fixed-point mean of a column as a value on its range.
double fixed_mean(const TallyColumn& c, WideCount sum, std::uint64_t n) {
  if (n == 0) return 0;
  const double u = std::ldexp(static_cast<double>(sum), -kFixedBits) / static_cast<double>(n);
  return c.lo + (c.hi - c.lo) * u;
}
}  // namespace

Quantiles histogram_quantiles(const TallyColumn& c, const std::uint64_t* bins, WideCount sum,
                              std::uint64_t n) {
  Quantiles q;
  if (n == 0) return q;
  q.mean = fixed_mean(c, sum, n);
  const double width = (c.hi - c.lo) / static_cast<double>(kBins);
  // The value given to the order statistic of rank r (0-based).
  auto at_rank = [&](std::uint64_t r) {
    std::uint64_t before = 0;
    for (std::size_t b = 0; b < kBins + 2; ++b) {
      const std::uint64_t count = bins[b];
      if (r < before + count) {
        if (b == 0) return c.lo;
        if (b == kBins + 1) return c.hi;
        const double within = (static_cast<double>(r - before) + 0.5) / static_cast<double>(count);
        return c.lo + width * (static_cast<double>(b - 1) + within);
      }
      before += count;
    }
    return c.hi;
  };
  auto quantile = [&](double p) {
    const double h = static_cast<double>(n - 1) * p;
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    const double below = at_rank(lo);
    if (lo + 1 >= n) return below;
    return below + (h - static_cast<double>(lo)) * (at_rank(lo + 1) - below);
  };
  q.q05 = quantile(0.05);
  q.q25 = quantile(0.25);
  q.q50 = quantile(0.5);
  q.q75 = quantile(0.75);
  q.q95 = quantile(0.95);
  return q;
}

std::pair<double, double> wilson_interval(std::size_t k, std::size_t n) {
  if (n == 0) return {0, 1};
  const double z = kZ95, nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z / (1 + z * z / nn) * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::pair<double, double> paired_difference_interval(std::uint64_t gained, std::uint64_t lost,
                                                     std::uint64_t n) {
  if (n == 0) return {-1, 1};
  const double m = static_cast<double>(n) + 2;
  const double g = (static_cast<double>(gained) + 0.5) / m;
  const double l = (static_cast<double>(lost) + 0.5) / m;
  const double d = g - l;
  const double half = kZ95 * std::sqrt(std::max(0.0, (g + l - d * d) / m));
  return {std::max(-1.0, d - half), std::min(1.0, d + half)};
}

EnsembleReport summarise(const EnsembleTally& t) {
  const TallyHeader& h = t.header;
  if (t.tallied != h.runs)
    throw std::invalid_argument(
        fmt::format("summarise: the tally holds {} of the ensemble's {} runs", t.tallied, h.runs));
  EnsembleReport report;
  report.header = h;
  const std::uint64_t n = h.runs;
  const std::size_t issues = h.issue_ids.size(), dyads = h.dyad_names.size(),
                    months = h.month_labels.size();
  for (std::size_t v = 0; v < t.variants.size(); ++v) {
    const VariantTally& vt = t.variants[v];
    EnsembleSummary s;
    s.variant_id = h.variant_ids[v];
    s.variant_name = h.variant_names[v];
    s.runs = n;
    for (std::size_t o = 0; o < h.outcome_ids.size(); ++o) {
      const std::uint64_t k = vt.outcome_counts[o];
      auto [lo, hi] = wilson_interval(k, n);
      s.outcomes.push_back({h.outcome_ids[o], h.outcome_names[o],
                            n ? static_cast<double>(k) / static_cast<double>(n) : 0, lo, hi, k});
    }
    auto column = [&](std::size_t c) {
      return histogram_quantiles(t.columns[c], vt.bins.data() + c * (kBins + 2), vt.sums[c], n);
    };
    std::size_t next = 0;
    for (std::size_t k = 0; k < issues; ++k) s.issues.emplace_back(h.issue_ids[k], column(next++));
    s.dyad_names = h.dyad_names;
    for (std::size_t d = 0; d < dyads; ++d) {
      s.dyad_series.emplace_back();
      for (std::size_t month = 0; month < months; ++month)
        s.dyad_series.back().push_back(column(next++));
    }
    for (std::size_t month = 0; month < months; ++month)
      s.frustration_series.push_back(column(next++));
    {
      const TallyColumn& gap = t.columns[next];
      const std::uint64_t* bins = vt.bins.data() + next * (kBins + 2);
      std::size_t top = 0;  // bin 0 is the atom at 0
      for (std::size_t b = 0; b < kBins + 2; ++b)
        if (bins[b] > 0) top = b;
      const double width = (gap.hi - gap.lo) / static_cast<double>(kBins);
      s.frustration_max_gap = top == 0 ? 0.0 : top > kBins ? gap.hi : gap.lo + width * top;
      ++next;
    }
    s.month_labels = h.month_labels;
    report.variants.push_back(std::move(s));

    if (v == 0) continue;
    VariantEffects e;
    e.variant_id = h.variant_ids[v];
    e.variant_name = h.variant_names[v];
    for (std::size_t o = 0; o < h.outcome_ids.size(); ++o) {
      const std::uint64_t g = vt.gained[o], l = vt.lost[o];
      auto [lo, hi] = paired_difference_interval(g, l, n);
      const double d = (static_cast<double>(g) - static_cast<double>(l)) / static_cast<double>(n);
      e.outcomes.push_back({h.outcome_ids[o], h.outcome_names[o], d, lo, hi, g, l});
    }
    for (std::size_t k = 0; k < issues; ++k) {
      const TallyColumn& c = t.columns[k];
      const double unit = std::ldexp(c.hi - c.lo, -kFixedBits);  // one fixed-point step
      const long double nn = static_cast<long double>(n);
      const long double mean = static_cast<long double>(vt.shift_sums[k]) / nn;
      long double var = 0;
      if (n > 1)
        var = std::max(
            0.0L, (static_cast<long double>(vt.shift_squares[k]) - nn * mean * mean) / (nn - 1));
      const double shift = static_cast<double>(mean) * unit;
      const double half = kZ95 * static_cast<double>(std::sqrt(var / nn)) * unit;
      e.settlements.push_back({h.issue_ids[k], shift, shift - half, shift + half});
    }
    report.effects.push_back(std::move(e));
  }
  for (std::size_t o = 0; o < h.outcome_ids.size(); ++o) {
    PinnedOutcome p{h.outcome_ids[o], h.outcome_names[o], 1.0, 0.0};
    for (const auto& s : report.variants) {
      p.lowest = std::min(p.lowest, s.outcomes[o].probability);
      p.highest = std::max(p.highest, s.outcomes[o].probability);
    }
    if (p.highest < kPinnedBelow || p.lowest > kPinnedAbove) report.pinned.push_back(p);
  }
  return report;
}

void attach_pinning(EnsembleReport& report, const SensitivityResult& baseline) {
  for (PinnedOutcome& p : report.pinned) {
    auto it = std::find(baseline.outputs.begin(), baseline.outputs.end(), p.id);
    if (it == baseline.outputs.end()) continue;
    const std::size_t o = static_cast<std::size_t>(it - baseline.outputs.begin());
    const SobolOutput& out = baseline.sobol.outputs[o];
    p.analysed = true;
    p.inputs.clear();
    p.by_construction = !(out.variance > 0);
    if (p.by_construction) continue;
    for (std::size_t g : ranked_inputs(baseline.sobol, o)) {
      if (p.inputs.size() == 3 || out.inputs[g].total_order < 0.05) break;
      p.inputs.push_back(baseline.sobol.input_names[g]);
    }
  }
}

namespace {
nlohmann::json quantiles_json(const Quantiles& q) {
  return {{"mean", q.mean}, {"q05", q.q05}, {"q25", q.q25},
          {"q50", q.q50},   {"q75", q.q75}, {"q95", q.q95}};
}
}  // namespace

nlohmann::json to_json(const EnsembleSummary& s) {
  nlohmann::json j;
  j["variant"] = s.variant_id;
  j["name"] = s.variant_name;
  j["runs"] = s.runs;
  j["outcomes"] = nlohmann::json::array();
  for (const auto& o : s.outcomes)
    j["outcomes"].push_back({{"id", o.id},
                             {"name", o.name},
                             {"probability", o.probability},
                             {"ci95", {o.low, o.high}},
                             {"count", o.count}});
  j["issues"] = nlohmann::json::array();
  for (const auto& [id, q] : s.issues) {
    nlohmann::json e = quantiles_json(q);
    e["issue"] = id;
    j["issues"].push_back(e);
  }
  j["months"] = s.month_labels;
  j["dyads"] = nlohmann::json::array();
  for (std::size_t d = 0; d < s.dyad_names.size(); ++d) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& q : s.dyad_series[d]) series.push_back(quantiles_json(q));
    j["dyads"].push_back({{"dyad", s.dyad_names[d]}, {"series", series}});
  }
  j["frustration"] = nlohmann::json::array();
  for (const auto& q : s.frustration_series) j["frustration"].push_back(quantiles_json(q));
  j["frustration_method"] = {{"exact", s.frustration_max_gap == 0},
                             {"max_gap", s.frustration_max_gap}};
  return j;
}

nlohmann::json effects_json(const EnsembleReport& r) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : r.effects) {
    nlohmann::json j{{"variant", e.variant_id}, {"name", e.variant_name}};
    j["outcomes"] = nlohmann::json::array();
    for (const auto& o : e.outcomes)
      j["outcomes"].push_back({{"id", o.id},
                               {"name", o.name},
                               {"difference", o.difference},
                               {"ci95", {o.low, o.high}},
                               {"gained", o.gained},
                               {"lost", o.lost}});
    j["settlements"] = nlohmann::json::array();
    for (const auto& s : e.settlements)
      j["settlements"].push_back(
          {{"issue", s.issue}, {"shift", s.shift}, {"ci95", {s.low, s.high}}});
    out.push_back(j);
  }
  return out;
}

nlohmann::json pinned_json(const EnsembleReport& r) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : r.pinned) {
    nlohmann::json j{{"id", p.id}, {"name", p.name}, {"probability_range", {p.lowest, p.highest}}};
    if (!p.analysed)
      j["reason"] = "not analysed (run the sensitivity analysis to name the inputs)";
    else if (p.by_construction)
      j["reason"] = "by construction: no uncertain input moves it";
    else
      j["reason"] = "inputs";
    j["inputs"] = p.inputs;
    out.push_back(j);
  }
  return out;
}

nlohmann::json to_json(const EnsembleReport& r) {
  nlohmann::json j;
  j["scenario"] = r.header.scenario_id;
  j["seed"] = r.header.seed;
  j["runs"] = r.header.runs;
  j["effects"] = effects_json(r);
  j["pinned"] = pinned_json(r);
  j["quantiles"] = {{"method", "histogram"}, {"bins", kBins}};
  j["variants"] = nlohmann::json::array();
  for (const auto& s : r.variants) j["variants"].push_back(to_json(s));
  return j;
}

namespace {
std::string cut(const std::string& s, std::size_t width) {
  return s.size() > width ? s.substr(0, width - 1) + "…" : s;
}
}  // namespace

std::string text_table(const EnsembleReport& r) {
  std::string out;
  if (r.variants.empty()) return out;
  out += fmt::format("{} runs per variant, seed {}\n", r.header.runs, r.header.seed);
  if (!r.effects.empty()) {
    out +=
        "\nEffects against the baseline (same runs, common random numbers): "
        "difference in points [95%]\n";
    out += fmt::format("{:<34}", "outcome");
    for (const auto& e : r.effects) out += fmt::format(" {:>22}", e.variant_id.substr(0, 22));
    out += "\n";
    for (std::size_t o = 0; o < r.effects.front().outcomes.size(); ++o) {
      out += fmt::format("{:<34}", cut(r.effects.front().outcomes[o].name, 33));
      for (const auto& e : r.effects) {
        const auto& x = e.outcomes[o];
        out += fmt::format(" {:>+6.1f} [{:>+5.1f}, {:>+5.1f}]", 100 * x.difference, 100 * x.low,
                           100 * x.high);
      }
      out += "\n";
    }
    for (std::size_t k = 0; k < r.effects.front().settlements.size(); ++k) {
      out += fmt::format("{:<34}", cut("shift of " + r.effects.front().settlements[k].issue, 33));
      for (const auto& e : r.effects) {
        const auto& x = e.settlements[k];
        out += fmt::format(" {:>+6.1f} [{:>+5.1f}, {:>+5.1f}]", x.shift, x.low, x.high);
      }
      out += "\n";
    }
  }
  out += "\nProbabilities [95%]\n";
  out += fmt::format("{:<34}", "outcome");
  for (const auto& s : r.variants) out += fmt::format(" {:>22}", s.variant_id.substr(0, 22));
  out += "\n";
  for (std::size_t o = 0; o < r.variants.front().outcomes.size(); ++o) {
    out += fmt::format("{:<34}", cut(r.variants.front().outcomes[o].name, 33));
    for (const auto& s : r.variants) {
      const auto& oc = s.outcomes[o];
      out += fmt::format(" {:>6.1f}% [{:>4.1f}, {:>5.1f}]", 100 * oc.probability, 100 * oc.low,
                         100 * oc.high);
    }
    out += "\n";
  }
  out += fmt::format("\n{:<34}\n", "issue settlement: median [5%, 95%]");
  for (std::size_t k = 0; k < r.variants.front().issues.size(); ++k) {
    out += fmt::format("{:<34}", r.variants.front().issues[k].first.substr(0, 33));
    for (const auto& s : r.variants) {
      const auto& q = s.issues[k].second;
      out += fmt::format(" {:>6.1f} [{:>5.1f}, {:>5.1f}]", q.q50, q.q05, q.q95);
    }
    out += "\n";
  }
  if (!r.pinned.empty()) {
    out += "\nPinned outcomes (below 1% or above 99% in every variant):\n";
    for (const auto& p : r.pinned) {
      std::string why = !p.analysed ? "run --sensitivity to name the inputs that pin it"
                        : p.by_construction
                            ? "by construction: no uncertain input moves it"
                            : "moved only by " + fmt::format("{}", fmt::join(p.inputs, ", "));
      out +=
          fmt::format("  {} ({:.1f}–{:.1f}%): {}\n", p.name, 100 * p.lowest, 100 * p.highest, why);
    }
  }
  return out;
}

std::string forecasts_csv(const EnsembleReport& r) {
  std::string csv = "variant,question,probability\n";
  for (const auto& s : r.variants)
    for (const auto& o : s.outcomes)
      csv += fmt::format("{},{},{}\n", s.variant_id, o.id, o.probability);
  return csv;
}

}  // namespace detente::sim
