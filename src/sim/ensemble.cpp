#include "sim/ensemble.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "sim/dynamics.hpp"
#include "sim/parallel.hpp"

namespace detente::sim {

Records run_records(const SimModel& model, const EnsembleOptions& options, std::size_t begin,
                    std::size_t end) {
  const RunLayout layout(model);
  const std::size_t width = layout.width(), count = end > begin ? end - begin : 0;
  Records records(count * width);
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

namespace {

// Moves the elements of [first, last) below `pivot` to the front and returns where they
// end, without branching on the data: every element is swapped whether it moves or not,
// which on simulation output (random order) is about twice as fast as std::nth_element's
// partition with its mispredicted branches.
double* partition_below(double* first, double* last, double pivot) {
  double* store = first;
  for (double* p = first; p != last; ++p) {
    const double x = *p;
    *p = *store;
    *store = x;
    store += x < pivot ? 1 : 0;
  }
  return store;
}

// std::nth_element by quickselect on the partition above: median-of-three pivots, and a
// second partition that sets aside the elements equal to the pivot (clamped ties of ±1
// repeat a lot). Falls back to std::nth_element if the pivots keep failing.
void select_nth(double* first, double* nth, double* last) {
  for (int budget = 64; last - first > 16; --budget) {
    if (budget == 0) return std::nth_element(first, nth, last);
    const double a = *first, b = first[(last - first) / 2], c = last[-1];
    const double pivot = std::max(std::min(a, b), std::min(std::max(a, b), c));
    double* below = partition_below(first, last, pivot);
    if (nth < below) {
      last = below;
      continue;
    }
    // [below, last) is ≥ pivot; put the elements equal to it first.
    double* equal_end = below;
    for (double* p = below; p != last; ++p) {
      const double x = *p;
      *p = *equal_end;
      *equal_end = x;
      equal_end += x <= pivot ? 1 : 0;
    }
    if (nth < equal_end) return;  // *nth is the pivot
    first = equal_end;
  }
  std::sort(first, last);
}

// Puts the order statistics at the sorted positions [want, want_end) in place, as
// select_nth would for each, by selecting the middle one and recursing into the two
// sides: O(n log k) for k positions rather than O(n k).
void select_positions(double* first, double* last, double* base, const std::size_t* want,
                      const std::size_t* want_end) {
  if (want == want_end || last - first < 2) return;
  const std::size_t* mid = want + (want_end - want) / 2;
  double* nth = base + *mid;
  select_nth(first, nth, last);
  select_positions(first, nth, base, want, mid);
  select_positions(nth + 1, last, base, mid + 1, want_end);
}

}  // namespace

Quantiles quantiles(std::vector<double> v) {
  Quantiles q;
  if (v.empty()) return q;
  double sum = 0;
  for (double x : v) sum += x;
  q.mean = sum / static_cast<double>(v.size());
  // Linear interpolation between order statistics (Hyndman & Fan type 7): the statistics
  // at ⌊h⌋ and ⌊h⌋ + 1 for h = (n − 1) p, all selected in one pass of multi-selection.
  constexpr double kLevels[] = {0.05, 0.25, 0.5, 0.75, 0.95};
  const std::size_t n = v.size();
  std::size_t want[10];
  std::size_t count = 0;
  for (double p : kLevels) {
    const auto lo = static_cast<std::size_t>(std::floor(static_cast<double>(n - 1) * p));
    want[count++] = lo;
    want[count++] = std::min(lo + 1, n - 1);
  }
  std::sort(want, want + count);
  count = static_cast<std::size_t>(std::unique(want, want + count) - want);
  select_positions(v.data(), v.data() + n, v.data(), want, want + count);
  auto at = [&](double p) {
    const double h = static_cast<double>(n - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= n) return v[lo];
    return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
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

EnsembleSummary summarise(const SimModel& m, const Records& records, std::size_t runs,
                          int threads) {
  const RunLayout layout(m);
  const std::size_t w = layout.width();
  EnsembleSummary s;
  s.variant_id = m.variant_id;
  s.variant_name = m.variant_name;
  s.runs = runs;
  for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
    std::size_t k = 0;
    for (std::size_t r = 0; r < runs; ++r) k += records[r * w + layout.outcome(o)] > 0.5;
    auto [lo, hi] = wilson_interval(k, runs);
    s.outcomes.push_back({m.outcomes[o].id, m.outcomes[o].name,
                          runs ? static_cast<double>(k) / static_cast<double>(runs) : 0, lo, hi,
                          k});
  }
  // The quantiles of every other column (issues, dyads by month, frustration by month),
  // each column on its own, split across threads.
  std::vector<std::size_t> columns;
  for (int k = 0; k < m.m; ++k) columns.push_back(layout.issue(static_cast<std::size_t>(k)));
  for (std::size_t d = 0; d < m.key_dyads.size(); ++d)
    for (int t = 0; t < m.months; ++t)
      columns.push_back(layout.dyad(d, static_cast<std::size_t>(t)));
  for (int t = 0; t < m.months; ++t)
    columns.push_back(layout.frustration(static_cast<std::size_t>(t)));
  std::vector<Quantiles> q(columns.size());
  parallel_chunks(columns.size(), thread_count(threads, columns.size()),
                  [&](std::size_t from, std::size_t to) {
                    // Columns are copied out in blocks of 8, so that each record's cache line
                    // is read once per block rather than once per column.
                    constexpr std::size_t kBlock = 8;
                    std::vector<std::vector<double>> block(kBlock, std::vector<double>(runs));
                    for (std::size_t c0 = from; c0 < to; c0 += kBlock) {
                      const std::size_t count = std::min(kBlock, to - c0);
                      for (std::size_t r = 0; r < runs; ++r) {
                        const double* row = records.data() + r * w;
                        for (std::size_t k = 0; k < count; ++k) block[k][r] = row[columns[c0 + k]];
                      }
                      for (std::size_t k = 0; k < count; ++k) q[c0 + k] = quantiles(block[k]);
                    }
                  });

  std::size_t next = 0;
  for (int k = 0; k < m.m; ++k) s.issues.emplace_back(m.issues[k], q[next++]);
  for (std::size_t d = 0; d < m.key_dyads.size(); ++d) {
    s.dyad_names.push_back(m.actors[m.key_dyads[d].first] + "-" + m.actors[m.key_dyads[d].second]);
    s.dyad_series.emplace_back(q.begin() + static_cast<std::ptrdiff_t>(next),
                               q.begin() + static_cast<std::ptrdiff_t>(next) + m.months);
    next += static_cast<std::size_t>(m.months);
  }
  for (int t = 0; t < m.months; ++t) {
    s.frustration_series.push_back(q[next++]);
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
