// Brier and log scores, and the full binary summary (Brier, log, reliability table,
// Murphy decomposition, skills), on 10^6 forecast–outcome pairs.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "sim/scoring.hpp"

namespace {

struct Pairs {
  std::vector<double> p, o;
};

Pairs make_pairs(std::size_t n) {
  std::mt19937_64 rng(42);
  Pairs d{std::vector<double>(n), std::vector<double>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    d.p[i] = static_cast<double>(rng() >> 11) * 0x1p-53;
    d.o[i] = static_cast<double>(rng() >> 11) * 0x1p-53 < d.p[i] ? 1.0 : 0.0;  // calibrated
  }
  return d;
}

void BM_BrierScore(benchmark::State& state) {
  const auto d = make_pairs(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(detente::sim::brier_score(d.p, d.o));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BrierScore)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_LogScore(benchmark::State& state) {
  const auto d = make_pairs(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(detente::sim::mean_log_score(d.p, d.o));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_LogScore)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_ScoreBinaryFullSummary(benchmark::State& state) {
  const auto d = make_pairs(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(detente::sim::score_binary(d.p, d.o, {.bins = 10}));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ScoreBinaryFullSummary)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
