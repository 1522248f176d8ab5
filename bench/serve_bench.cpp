// The workbench's recompute on an edit: what POST /api/bargain does for the built-in case
// (parse and check the whole scenario TOML, build the bargaining problem, run all six
// models, write the JSON), and the scenario view and network the app loads with it.
// The budget is 100 ms per edit for the built-in case.
//
//   build/detente_bench --benchmark_filter='Serve'
#include <benchmark/benchmark.h>

#include <string>

#include "core/builtin.hpp"
#include "serve/api.hpp"

namespace {

const nlohmann::json& builtin_request() {
  static const nlohmann::json request = {
      {"scenario", std::string(*detente::find_builtin_scenario("northeast-asia-2024"))}};
  return request;
}

void BM_ServeBargainRecompute(benchmark::State& state) {
  for (auto _ : state) {
    std::string body = detente::serve::bargain(builtin_request()).dump();
    benchmark::DoNotOptimize(body.data());
  }
}
BENCHMARK(BM_ServeBargainRecompute)->Unit(benchmark::kMillisecond);

void BM_ServeValidate(benchmark::State& state) {
  const std::string toml = builtin_request()["scenario"];
  for (auto _ : state) benchmark::DoNotOptimize(detente::serve::validate(toml));
}
BENCHMARK(BM_ServeValidate)->Unit(benchmark::kMillisecond);

void BM_ServeNetwork(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(detente::serve::network(builtin_request()));
}
BENCHMARK(BM_ServeNetwork)->Unit(benchmark::kMillisecond);

}  // namespace
