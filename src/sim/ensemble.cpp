#include "sim/ensemble.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "sim/dynamics.hpp"

namespace detente::sim {

std::vector<double> run_records(const SimModel& model, const EnsembleOptions& options,
                                std::size_t begin, std::size_t end) {
  const RunLayout layout(model);
  const std::size_t width = layout.width(), count = end > begin ? end - begin : 0;
  std::vector<double> records(count * width);
  const std::uint64_t key = stable_hash(model.variant_id);
  std::atomic<std::size_t> done{0};

  auto worker = [&](std::size_t from, std::size_t to) {
    Workspace ws(model);
    std::vector<double> params(model.parameters);
    for (std::size_t r = from; r < to; ++r) {
      Stream rng = Stream::for_run(options.seed, key, begin + r);
      std::copy(model.parameters.begin(), model.parameters.end(), params.begin());
      draw_inputs(model, rng, params);
      simulate(model, params, rng, ws, std::span<double>(records.data() + r * width, width));
      done.fetch_add(1, std::memory_order_relaxed);
    }
  };

  const std::size_t threads = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::max(1, options.threads)), 1, std::max<std::size_t>(count, 1));
  // Chunk t of the runs goes to worker t; with a progress callback every chunk runs on
  // its own thread and this thread reports.
  std::vector<std::thread> pool;
  const std::size_t first = options.progress ? 0 : 1;
  for (std::size_t t = first; t < threads; ++t)
    pool.emplace_back(worker, count * t / threads, count * (t + 1) / threads);
  if (options.progress) {
    while (done.load() < count) {
      options.progress(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  } else {
    worker(0, count / threads);
  }
  for (auto& t : pool) t.join();
  if (options.progress) options.progress(count);
  return records;
}

Quantiles quantiles(std::vector<double> v) {
  Quantiles q;
  if (v.empty()) return q;
  double sum = 0;
  for (double x : v) sum += x;
  q.mean = sum / static_cast<double>(v.size());
  // Linear interpolation between order statistics (Hyndman & Fan type 7), each found by
  // selection in O(n) rather than by sorting.
  auto at = [&](double p) {
    const double h = (static_cast<double>(v.size()) - 1) * p;
    const std::size_t lo = static_cast<std::size_t>(std::floor(h));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
    const double below = v[lo];
    if (lo + 1 >= v.size()) return below;
    const double above =
        *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
    return below + (h - static_cast<double>(lo)) * (above - below);
  };
  q.q05 = at(0.05);
  q.q25 = at(0.25);
  q.q50 = at(0.5);
  q.q75 = at(0.75);
  q.q95 = at(0.95);
  return q;
}

std::pair<double, double> wilson_interval(std::size_t k, std::size_t n) {
  if (n == 0) return {0, 1};
  const double z = 1.959963984540054, nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z / (1 + z * z / nn) * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

EnsembleSummary summarise(const SimModel& m, const std::vector<double>& records, std::size_t runs) {
  const RunLayout layout(m);
  const std::size_t w = layout.width();
  EnsembleSummary s;
  s.variant_id = m.variant_id;
  s.variant_name = m.variant_name;
  s.runs = runs;
  auto column = [&](std::size_t c) {
    std::vector<double> v(runs);
    for (std::size_t r = 0; r < runs; ++r) v[r] = records[r * w + c];
    return v;
  };
  for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
    std::size_t k = 0;
    for (std::size_t r = 0; r < runs; ++r) k += records[r * w + layout.outcome(o)] > 0.5;
    auto [lo, hi] = wilson_interval(k, runs);
    s.outcomes.push_back({m.outcomes[o].id, m.outcomes[o].name,
                          runs ? static_cast<double>(k) / static_cast<double>(runs) : 0, lo, hi,
                          k});
  }
  for (int k = 0; k < m.m; ++k)
    s.issues.emplace_back(m.issues[k],
                          quantiles(column(layout.issue(static_cast<std::size_t>(k)))));
  for (std::size_t d = 0; d < m.key_dyads.size(); ++d) {
    s.dyad_names.push_back(m.actors[m.key_dyads[d].first] + "-" + m.actors[m.key_dyads[d].second]);
    std::vector<Quantiles> series;
    for (int t = 0; t < m.months; ++t)
      series.push_back(quantiles(column(layout.dyad(d, static_cast<std::size_t>(t)))));
    s.dyad_series.push_back(std::move(series));
  }
  for (int t = 0; t < m.months; ++t) {
    s.frustration_series.push_back(
        quantiles(column(layout.frustration(static_cast<std::size_t>(t)))));
    Date d = m.month_date(t);
    s.month_labels.push_back(fmt::format("{:04}-{:02}", d.year, d.month));
  }
  return s;
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
  return j;
}

}  // namespace detente::sim
