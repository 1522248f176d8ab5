// Sobol indices of the Ishigami function with N = 2^14 base samples (5·2^14 = 81 920
// model runs): design + evaluation + analysis, on 1 and 2 threads, with and without the
// 500-resample bootstrap, for both base samples.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>

#include "sim/sobol.hpp"

namespace {

using namespace detente::sim;

void ishigami(std::span<const double> x, std::span<double> y) {
  y[0] =
      std::sin(x[0]) + 7.0 * std::pow(std::sin(x[1]), 2) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
}

// Args: threads, bootstrap resamples, sampling (0 scrambled Halton, 1 Monte Carlo).
void BM_SobolIshigami(benchmark::State& state) {
  const double pi = std::numbers::pi;
  const std::vector<SobolInput> in = {{"x1", quantile_of(detente::Distribution::uniform(-pi, pi))},
                                      {"x2", quantile_of(detente::Distribution::uniform(-pi, pi))},
                                      {"x3", quantile_of(detente::Distribution::uniform(-pi, pi))}};
  SobolOptions o{.base_samples = 1 << 14,
                 .seed = 1,
                 .sampling = state.range(2) == 0 ? SobolSampling::scrambled_halton
                                                 : SobolSampling::monte_carlo,
                 .bootstrap = static_cast<std::size_t>(state.range(1)),
                 .threads = static_cast<int>(state.range(0))};
  for (auto _ : state) benchmark::DoNotOptimize(sobol_indices(in, 1, ishigami, o));
  state.SetItemsProcessed(state.iterations() * (5 << 14));  // model evaluations
}
BENCHMARK(BM_SobolIshigami)
    ->ArgNames({"threads", "bootstrap", "mc"})
    ->Args({1, 0, 0})
    ->Args({2, 0, 0})
    ->Args({1, 0, 1})
    ->Args({1, 500, 0})
    ->Args({2, 500, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
