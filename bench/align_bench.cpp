// Alignment benchmarks: exact frustration over all 51 CoW windows (Doreian–Mrvar signed
// networks, 64–155 states), exhaustive landscape search for 28 actors on 2 threads, and
// the heuristics on a random signed graph with 10^5 ties.
//
//   build/detente_bench --benchmark_filter='Align'
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <unordered_set>

#include "align/frustration.hpp"
#include "align/landscape.hpp"
#include "align/relocation.hpp"
#include "io/graph/graph_reader.hpp"

namespace {

using namespace detente::align;

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("DETENTE_TESTDATA"); env && *env) return env;
  return std::filesystem::path(DETENTE_SOURCE_DIR) / ".." / "shared" / "data";
}

const std::vector<SignedGraph>& cow_windows() {
  static const std::vector<SignedGraph> graphs = [] {
    std::vector<SignedGraph> out;
    auto dir = data_dir() / "alignment" / "cow_signed";
    if (!std::filesystem::exists(dir)) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().filename().string().rfind("cow_", 0) == 0) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) out.push_back(read_signed_graph(f.string()));
    return out;
  }();
  return graphs;
}

void BM_AlignExactFrustrationAll51CowWindows(benchmark::State& state) {
  const auto& graphs = cow_windows();
  if (graphs.size() != 51) {
    state.SkipWithError("CoW windows not found (set DETENTE_TESTDATA)");
    return;
  }
  double total = 0;
  for (auto _ : state) {
    total = 0;
    for (const auto& g : graphs) {
      auto r = frustration_exact(g, {.weighted = false});
      if (!r.optimal) state.SkipWithError("not optimal");
      total += r.frustration;
    }
  }
  state.counters["sum_of_indices"] = total;
  state.counters["windows"] = static_cast<double>(graphs.size());
}
BENCHMARK(BM_AlignExactFrustrationAll51CowWindows)->Unit(benchmark::kMillisecond);

void BM_AlignLandscapeExhaustive28Actors2Threads(benchmark::State& state) {
  int n = 28;
  std::mt19937_64 rng(28);
  std::uniform_int_distribution<int> p(1, 5), s(1, 100);
  LandscapeInput in;
  in.propensity.assign(n, std::vector<double>(n, 0));
  for (int i = 0; i < n; ++i) {
    in.actors.push_back("a" + std::to_string(i));
    in.size.push_back(s(rng));
  }
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) in.propensity[i][j] = in.propensity[j][i] = p(rng) - 3;
  std::size_t minima = 0;
  for (auto _ : state) {
    auto r = exhaustive_landscape(in, {.threads = 2, .samples = 2000});
    minima = r.minima.size();
    benchmark::DoNotOptimize(minima);
  }
  state.counters["local_minima"] = static_cast<double>(minima);
}
BENCHMARK(BM_AlignLandscapeExhaustive28Actors2Threads)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

SignedGraph random_signed(int n, int m, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> node(0, n - 1);
  std::bernoulli_distribution positive(0.7);
  SignedGraph g;
  for (int i = 0; i < n; ++i) g.add_node("v" + std::to_string(i));
  std::unordered_set<std::uint64_t> seen;
  while (static_cast<int>(g.edges.size()) < m) {
    int u = node(rng), v = node(rng);
    if (u == v) continue;
    std::uint64_t k = static_cast<std::uint64_t>(std::min(u, v)) << 32 | std::max(u, v);
    if (!seen.insert(k).second) continue;
    g.add_edge(u, v, positive(rng) ? 1 : -1);
  }
  return g;
}

void BM_AlignHeuristicFrustration1e5Edges(benchmark::State& state) {
  static const SignedGraph g = random_signed(20000, 100000, 5);
  double value = 0;
  for (auto _ : state) {
    auto r = frustration_heuristic(
        g, {.starts = 4, .kicks = 10, .seed = 1, .weighted = false, .threads = 2});
    value = r.result.frustration;
  }
  state.counters["frustration"] = value;
  state.counters["edges"] = static_cast<double>(g.edges.size());
}
BENCHMARK(BM_AlignHeuristicFrustration1e5Edges)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_AlignBlockmodel1e5Edges(benchmark::State& state) {
  static const SignedGraph g = random_signed(20000, 100000, 6);
  double value = 0;
  for (auto _ : state) {
    auto r = signed_blockmodel(g, {.clusters = 3, .starts = 4, .seed = 1, .threads = 2});
    value = r.criterion;
  }
  state.counters["criterion"] = value;
}
BENCHMARK(BM_AlignBlockmodel1e5Edges)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
