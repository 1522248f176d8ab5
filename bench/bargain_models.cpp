// Benchmarks of the bargaining models at the sizes the issue names:
//   EUM 200 actors × 10 rounds (random seeded input), SMP on KTAB's dummyData-a160.csv
//   (160 actors) to convergence, the exchange model on decide's COP21 (15 × 13).
// Real data from ${DETENTE_TESTDATA:-<source>/../shared/data}; skipped when absent.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "bargain/eum.hpp"
#include "bargain/exchange.hpp"
#include "io/bargain/read_input.hpp"
#include "bargain/smp.hpp"
#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"

namespace {

using namespace detente::bargain;

std::string data_path(const std::string& relative) {
  std::filesystem::path dir =
      std::getenv("DETENTE_TESTDATA") && *std::getenv("DETENTE_TESTDATA")
          ? std::filesystem::path(std::getenv("DETENTE_TESTDATA"))
          : std::filesystem::path(DETENTE_SOURCE_DIR) / ".." / "shared" / "data";
  return (dir / relative).string();
}

BargainingProblem random_problem(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  BargainingProblem p;
  p.issues = {{"issue", 0, 100, {}}};
  p.position.resize(1);
  p.salience.resize(1);
  for (std::size_t a = 0; a < n; ++a) {
    p.actors.push_back(fmt::format("A{}", a));
    p.capability.push_back(0.01 + u(rng));
    p.position[0].push_back(100 * u(rng));
    p.salience[0].push_back(0.05 + 0.95 * u(rng));
  }
  return p;
}

void BM_EumRounds(benchmark::State& state) {
  const auto p = random_problem(static_cast<std::size_t>(state.range(0)), 7);
  EumOptions o;
  o.rounds = static_cast<int>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(eum(p, 0, o).forecast);
  state.counters["actors"] = static_cast<double>(state.range(0));
  state.counters["rounds"] = static_cast<double>(state.range(1));
}
BENCHMARK(BM_EumRounds)->Args({200, 10})->Args({100, 10})->Unit(benchmark::kMillisecond);

void BM_SmpA160ToConvergence(benchmark::State& state) {
  const std::string path = data_path("bargaining/ktab/dummyData-a160.csv");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("dummyData-a160.csv not found (set DETENTE_TESTDATA)");
    return;
  }
  const auto p = read_bargaining_input(path);
  SmpOptions o;
  o.threads = static_cast<int>(state.range(0));
  std::size_t turns = 0;
  for (auto _ : state) {
    auto r = smp(p, o);
    turns = r.turns.size() - 1;
    benchmark::DoNotOptimize(r.forecast);
  }
  state.counters["turns"] = static_cast<double>(turns);
  state.counters["threads"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_SmpA160ToConvergence)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_ExchangeCop21(benchmark::State& state) {
  const std::string path = data_path("bargaining/exchange/decide_cop21.csv");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("decide_cop21.csv not found (set DETENTE_TESTDATA)");
    return;
  }
  const auto p = read_bargaining_input(path);
  std::size_t exchanges = 0;
  for (auto _ : state) {
    auto r = exchange(p, ExchangeOptions{});
    exchanges = r.exchanges.size();
    benchmark::DoNotOptimize(r.outcome);
  }
  state.counters["exchanges"] = static_cast<double>(exchanges);
}
BENCHMARK(BM_ExchangeCop21)->Unit(benchmark::kMillisecond);

void BM_WeightedMeanMedian200(benchmark::State& state) {
  const auto p = random_problem(200, 3);
  for (auto _ : state) {
    benchmark::DoNotOptimize(weighted_mean(p, 0));
    benchmark::DoNotOptimize(weighted_median(p, 0));
  }
}
BENCHMARK(BM_WeightedMeanMedian200)->Unit(benchmark::kMicrosecond);

}  // namespace
