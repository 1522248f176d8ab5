// Ensemble throughput on the built-in scenario (8 actors, 24 monthly steps, its
// uncertainty, stochastic events and outcomes): runs per second on 1 and 2 threads, and
// the two kernels a run spends its time in. Run:
//   build/detente_bench --benchmark_filter='SimEnsemble|SimKernel'
// and with DETENTE_SIMD=baseline|avx2|avx512 for each instruction set.
#include <benchmark/benchmark.h>

#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"
#include "sim/sensitivity.hpp"

namespace {

const detente::sim::SimModel& builtin_model() {
  static const detente::Scenario scenario = detente::io::load_scenario("northeast-asia-2024");
  static const detente::sim::SimModel model = detente::sim::compile(scenario, nullptr);
  return model;
}

void BM_SimEnsemble_Runs(benchmark::State& state) {
  const auto& model = builtin_model();
  const std::size_t runs = 20000;
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto records = detente::sim::run_records(model, {1, threads, {}}, 0, runs);
    benchmark::DoNotOptimize(records.data());
  }
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(runs * state.iterations()),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimEnsemble_Runs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The two kernels of a run, on the built-in scenario's 8 actors: one month of the balance
// dynamics (2 Euler substeps) and the exact monthly frustration (2^7 splits).
std::vector<double> sample_ties(int n) {
  detente::sim::Stream rng = detente::sim::Stream::for_run(7, 0, 0);
  std::vector<double> x(static_cast<std::size_t>(n * n), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) x[i * n + j] = x[j * n + i] = 2 * rng.uniform() - 1;
  return x;
}

void BM_SimKernel_IntegrateMonth(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<double> x = sample_ties(n), baseline = x;
  std::vector<double> scratch(detente::sim::integrate_scratch_size(n));
  const std::vector<double> dynamics = detente::sim::default_dynamics();
  for (auto _ : state) {
    detente::sim::integrate_month(n, dynamics, x, baseline, scratch);
    benchmark::DoNotOptimize(x.data());
  }
}
BENCHMARK(BM_SimKernel_IntegrateMonth)->Arg(8)->Arg(12);

void BM_SimKernel_MinFrustration(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::vector<double> x = sample_ties(n);
  std::uint64_t split = 0;
  for (auto _ : state) benchmark::DoNotOptimize(detente::sim::min_frustration(x, n, &split));
}
BENCHMARK(BM_SimKernel_MinFrustration)->Arg(8)->Arg(12);

// The streaming ensemble: runs tallied as they finish (histograms, counts), the baseline
// alone and with the four variants on the same runs (common random numbers).
void BM_SimEnsemble_Tally(benchmark::State& state) {
  static const detente::Scenario scenario = detente::io::load_scenario("northeast-asia-2024");
  std::vector<detente::sim::SimModel> models{detente::sim::compile(scenario, nullptr)};
  if (state.range(0) > 1)
    for (const auto& v : scenario.variants) models.push_back(detente::sim::compile(scenario, &v));
  const std::size_t runs = 20000;
  for (auto _ : state) {
    auto tally = detente::sim::tally_ensemble(models, {1, 2, nullptr}, runs, 0, runs);
    benchmark::DoNotOptimize(detente::sim::summarise(tally));
  }
  state.counters["runs_per_s"] = benchmark::Counter(
      static_cast<double>(runs * models.size() * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimEnsemble_Tally)->Arg(1)->Arg(5)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SimEnsemble_Sensitivity(benchmark::State& state) {
  const auto& model = builtin_model();
  for (auto _ : state)
    benchmark::DoNotOptimize(detente::sim::sensitivity(model, {128, 4, 1, 2, 100}));
}
BENCHMARK(BM_SimEnsemble_Sensitivity)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
