// CRPS of one forecast given by 10^6 samples: unsorted (sort + O(n) pass), presorted
// (O(n) pass only), weighted, and the normal closed form for comparison.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "sim/scoring.hpp"

namespace {

std::vector<double> normal_samples(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> d(0.0, 1.0);
  std::vector<double> x(n);
  for (auto& v : x) v = d(rng);
  return x;
}

void BM_CrpsSampleUnsorted(benchmark::State& state) {
  const auto x = normal_samples(static_cast<std::size_t>(state.range(0)), 1);
  for (auto _ : state) benchmark::DoNotOptimize(detente::sim::crps_sample(x, 0.3));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CrpsSampleUnsorted)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_CrpsSampleWeighted(benchmark::State& state) {
  const auto x = normal_samples(static_cast<std::size_t>(state.range(0)), 1);
  std::vector<double> w(x.size());
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = 1.0 + static_cast<double>(i % 3);
  for (auto _ : state) benchmark::DoNotOptimize(detente::sim::crps_sample(x, 0.3, w));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CrpsSampleWeighted)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_CrpsSortedSample(benchmark::State& state) {
  auto x = normal_samples(static_cast<std::size_t>(state.range(0)), 1);
  std::sort(x.begin(), x.end());
  for (auto _ : state) benchmark::DoNotOptimize(detente::sim::crps_sorted_sample(x, 0.3));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CrpsSortedSample)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_CrpsNormal(benchmark::State& state) {
  double y = 0.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(detente::sim::crps_normal(0.0, 1.0, y));
    y += 1e-6;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CrpsNormal);

}  // namespace
