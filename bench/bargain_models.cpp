// Benchmarks of the bargaining models at the sizes issue 16 names, in-process and as whole
// commands (`detente bargain FILE …`, process start, reading and JSON output included):
//   EUM 200 and 2,000 actors × 10 rounds, SMP on KTAB's dummyData-a160.csv (160 actors) to
//   convergence and on 1,000 synthetic actors drawn like it, the exchange model on decide's
//   COP21 (15 × 13). Synthetic inputs come from a fixed seed; the whole-command benchmarks
//   write them to a temporary directory first. Real data from
//   ${DETENTE_TESTDATA:-<source>/../shared/data}; skipped when absent. Whole commands report
//   wall time (the analyst's wait) and the child's CPU seconds (steadier on a shared
//   machine); DETENTE_BENCH_BASELINE=/path/to/an/older/detente also times that binary on the
//   same commands, interleaved, and reports the before/after ratios.
//
//   build/detente_bench --benchmark_filter='Eum|Smp'
//   DETENTE_BENCH_BASELINE=/tmp/detente-main build/detente_bench --benchmark_filter=WholeCommand
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "bargain/eum.hpp"
#include "bargain/exchange.hpp"
#include "bargain/smp.hpp"
#include "bargain/synthetic.hpp"
#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"
#include "io/bargain/read_input.hpp"

namespace {

using namespace detente::bargain;

std::string data_path(const std::string& relative) {
  std::filesystem::path dir =
      std::getenv("DETENTE_TESTDATA") && *std::getenv("DETENTE_TESTDATA")
          ? std::filesystem::path(std::getenv("DETENTE_TESTDATA"))
          : std::filesystem::path(DETENTE_SOURCE_DIR) / ".." / "shared" / "data";
  return (dir / relative).string();
}

// The problem as a file the CLI reads (EUM table or KTAB CSV), in a temporary directory.
std::string write_input(const BargainingProblem& p, bool ktab, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "detente-bench";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream out(path);
  if (ktab)
    out << fmt::format(
        "Bench, synthetic, {}, 1,\nActor, Description, Influence, XYZ Position, "
        "XYZ Salience\n",
        p.actor_count());
  else
    out << "Actor,Capability,Position,Salience\n";
  for (std::size_t a = 0; a < p.actor_count(); ++a) {
    if (ktab)
      out << fmt::format("{}, d, {:.2f}, {:.2f}, {:.2f}\n", p.actors[a], p.capability[a],
                         p.position[0][a], 100 * p.salience[0][a]);
    else
      out << fmt::format("{},{:.17g},{:.17g},{:.17g}\n", p.actors[a], p.capability[a],
                         p.position[0][a], p.salience[0][a]);
  }
  return path.string();
}

// CPU seconds (user + system) of the finished children so far.
double children_cpu() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * t.tv_usec; };
  return s(u.ru_utime) + s(u.ru_stime);
}

// Runs `command` once: wall seconds, CPU seconds; a negative wall time on failure.
std::pair<double, double> run_once(const std::string& command) {
  const double cpu0 = children_cpu();
  const auto start = std::chrono::steady_clock::now();
  if (std::system(command.c_str()) != 0) return {-1, 0};
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {wall, children_cpu() - cpu0};
}

// Times `args` run by DETENTE_BINARY (wall clock, as the analyst waits) per iteration, with
// its CPU seconds as a counter. With DETENTE_BENCH_BASELINE=/path/to/an/older/detente, each
// iteration also runs the same command with that binary right after, and the counters give
// its times and the ratios baseline/current: before/after figures measured in one run, at
// one load.
void time_command(benchmark::State& state, const std::string& args) {
  const char* baseline = std::getenv("DETENTE_BENCH_BASELINE");
  const std::string current = std::string(DETENTE_BINARY) + " " + args;
  double cpu = 0, base_wall = 0, base_cpu = 0, wall_total = 0;
  for (auto _ : state) {
    const auto [wall, c] = run_once(current);
    if (wall < 0) {
      state.SkipWithError(("failed: " + current).c_str());
      return;
    }
    state.SetIterationTime(wall);
    wall_total += wall;
    cpu += c;
    if (baseline && *baseline) {
      const auto [bw, bc] = run_once(std::string(baseline) + " " + args);
      if (bw < 0) {
        state.SkipWithError("the baseline binary failed");
        return;
      }
      base_wall += bw;
      base_cpu += bc;
    }
  }
  const auto it = static_cast<double>(state.iterations());
  state.counters["cpu_s"] = cpu / it;
  if (baseline && *baseline) {
    state.counters["base_wall_s"] = base_wall / it;
    state.counters["base_cpu_s"] = base_cpu / it;
    state.counters["wall_ratio"] = base_wall / wall_total;
    state.counters["cpu_ratio"] = base_cpu / cpu;
  }
}

void BM_EumRounds(benchmark::State& state) {
  const auto p = uniform_problem(static_cast<std::size_t>(state.range(0)), 7);
  EumOptions o;
  o.rounds = static_cast<int>(state.range(1));
  o.threads = static_cast<int>(state.range(2));
  for (auto _ : state) benchmark::DoNotOptimize(eum(p, 0, o).forecast);
  state.counters["actors"] = static_cast<double>(state.range(0));
  state.counters["rounds"] = static_cast<double>(state.range(1));
  state.counters["threads"] = static_cast<double>(state.range(2));
}
BENCHMARK(BM_EumRounds)
    ->Args({200, 10, 1})
    ->Args({200, 10, 2})
    ->Args({2000, 10, 1})
    ->Args({2000, 10, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// `detente bargain eum_N.csv --model eum --rounds 10 --threads 2 --format json`.
void BM_EumWholeCommand(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string file = write_input(uniform_problem(n, 7), false, fmt::format("eum_{}.csv", n));
  time_command(
      state, fmt::format("bargain {} --model eum --rounds 10 --threads 2 --format json > /dev/null",
                         file));
  state.counters["actors"] = static_cast<double>(n);
}
BENCHMARK(BM_EumWholeCommand)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond)->UseManualTime();

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
BENCHMARK(BM_SmpA160ToConvergence)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// `detente bargain dummyData-a160.csv --model smp --threads 2 --format json`.
void BM_SmpA160WholeCommand(benchmark::State& state) {
  const std::string path = data_path("bargaining/ktab/dummyData-a160.csv");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("dummyData-a160.csv not found (set DETENTE_TESTDATA)");
    return;
  }
  time_command(state,
               fmt::format("bargain {} --model smp --threads 2 --format json > /dev/null", path));
}
BENCHMARK(BM_SmpA160WholeCommand)->Unit(benchmark::kMillisecond)->UseManualTime();

// 1,000 actors drawn like dummyData, to convergence, as a whole command on 2 threads.
void BM_SmpWholeCommand(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string file =
      write_input(ktab_like_problem(n, 11), true, fmt::format("smp_{}.csv", n));
  time_command(state,
               fmt::format("bargain {} --model smp --threads 2 --format json > /dev/null", file));
  state.counters["actors"] = static_cast<double>(n);
}
BENCHMARK(BM_SmpWholeCommand)
    ->Arg(1000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

// The same 1,000 actors for a fixed number of turns (arg 1; --rounds sets maxIter): the
// cost of a turn, where an older binary would take too long to run to convergence.
void BM_SmpWholeCommandTurns(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string file =
      write_input(ktab_like_problem(n, 11), true, fmt::format("smp_{}.csv", n));
  time_command(state, fmt::format("bargain {} --model smp --rounds {} --threads 2 --format json "
                                  "> /dev/null",
                                  file, state.range(1)));
  state.counters["actors"] = static_cast<double>(n);
  state.counters["turns"] = static_cast<double>(state.range(1));
}
BENCHMARK(BM_SmpWholeCommandTurns)
    ->Args({1000, 2})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

void BM_ExchangeCop21(benchmark::State& state) {
  const std::string path = data_path("bargaining/exchange/decide_cop21.csv");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("decide_cop21.csv not found (set DETENTE_TESTDATA)");
    return;
  }
  const auto p = read_bargaining_input(path);
  // Arg 0: decide's realisation (recompute), to convergence; 1: one exchange per position.
  ExchangeOptions o;
  if (state.range(0) == 1) o.realisation = ExchangeOptions::Realisation::exclusive;
  std::size_t exchanges = 0, rounds = 0;
  for (auto _ : state) {
    auto r = exchange(p, o);
    exchanges = r.exchanges.size();
    rounds = r.positions.size() - 1;
    benchmark::DoNotOptimize(r.outcome);
  }
  state.counters["exchanges"] = static_cast<double>(exchanges);
  state.counters["rounds"] = static_cast<double>(rounds);
}
BENCHMARK(BM_ExchangeCop21)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_WeightedMeanMedian200(benchmark::State& state) {
  const auto p = uniform_problem(200, 3);
  for (auto _ : state) {
    benchmark::DoNotOptimize(weighted_mean(p, 0));
    benchmark::DoNotOptimize(weighted_median(p, 0));
  }
}
BENCHMARK(BM_WeightedMeanMedian200)->Unit(benchmark::kMicrosecond);

}  // namespace
