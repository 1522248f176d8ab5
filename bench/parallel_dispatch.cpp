// What a parallel region costs: parallel_workers on the process-wide pool against starting
// and joining std::threads per call (what it did before), for an empty job and for a job
// of about 0.3 ms a worker (a pass of EUM at a few hundred actors). The figures quoted in
// src/core/parallel.hpp come from here. Run:
//   build/detente_bench --benchmark_filter=ParallelDispatch
#include <benchmark/benchmark.h>

#include <cmath>
#include <thread>
#include <vector>

#include "core/parallel.hpp"

namespace {

// About 0.3 ms of arithmetic (range 1) or nothing (range 0) for worker w.
double work(int w, bool busy) {
  double s = 0;
  if (busy)
    for (int k = 0; k < 100000; ++k) s += std::sqrt(static_cast<double>(k + w));
  return s;
}

void BM_ParallelDispatchPool(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const bool busy = state.range(1) != 0;
  std::vector<double> out(static_cast<std::size_t>(threads));
  for (auto _ : state) {
    detente::parallel_workers(threads,
                              [&](int w) { out[static_cast<std::size_t>(w)] = work(w, busy); });
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_ParallelDispatchPool)
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_ParallelDispatchSpawn(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const bool busy = state.range(1) != 0;
  std::vector<double> out(static_cast<std::size_t>(threads));
  for (auto _ : state) {
    std::vector<std::thread> own;
    for (int w = 1; w < threads; ++w)
      own.emplace_back([&, w] { out[static_cast<std::size_t>(w)] = work(w, busy); });
    out[0] = work(0, busy);
    for (auto& t : own) t.join();
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_ParallelDispatchSpawn)
    ->Args({2, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
