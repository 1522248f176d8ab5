#include "sim/ensemble.hpp"

#include <algorithm>
#include <mutex>

#include "sim/dynamics.hpp"
#include "core/parallel.hpp"
#include "sim/rng.hpp"

namespace detente::sim {

std::vector<std::uint64_t> input_keys(const SimModel& model) {
  std::vector<std::uint64_t> keys;
  keys.reserve(model.inputs.size());
  for (const UncertainInput& in : model.inputs) keys.push_back(stable_hash(in.name));
  return keys;
}

void draw_run_inputs(const SimModel& model, std::span<const std::uint64_t> keys, std::uint64_t seed,
                     std::uint64_t run, std::span<double> params) {
  std::uint64_t k = seed;
  const std::uint64_t run_key = splitmix64(k) ^ run;
  for (std::size_t i = 0; i < model.inputs.size(); ++i)
    params[model.inputs[i].slot] =
        model.inputs[i].distribution.quantile(keyed_uniform(run_key, keys[i]));
}

namespace {

// One worker's state for one model: parameters, scratch space, the record of a run.
struct ModelWorker {
  explicit ModelWorker(const SimModel& m)
      : model(&m), keys(input_keys(m)), params(m.parameters), ws(m), record(RunLayout(m).width()) {}
  void run(std::uint64_t seed, std::uint64_t r) {
    std::copy(model->parameters.begin(), model->parameters.end(), params.begin());
    draw_run_inputs(*model, keys, seed, r, params);
    Stream rng = Stream::for_run(seed, kSharedStreamKey, r);
    simulate(*model, params, rng, ws, record);
  }
  const SimModel* model;
  std::vector<std::uint64_t> keys;
  std::vector<double> params;
  Workspace ws;
  std::vector<double> record;
};

}  // namespace

Records run_records(const SimModel& model, const EnsembleOptions& options, std::size_t begin,
                    std::size_t end) {
  const std::size_t width = RunLayout(model).width(), count = end > begin ? end - begin : 0;
  Records records(count * width);
  parallel_chunks(count, thread_count(std::max(1, options.threads), count),
                  [&](std::size_t from, std::size_t to) {
                    ModelWorker w(model);
                    for (std::size_t r = from; r < to; ++r) {
                      w.run(options.seed, begin + r);
                      std::copy(w.record.begin(), w.record.end(), records.begin() + r * width);
                      if (options.progress) options.progress->advance();
                    }
                  });
  return records;
}

EnsembleTally tally_ensemble(const std::vector<SimModel>& models, const EnsembleOptions& options,
                             std::uint64_t runs, std::uint64_t begin, std::uint64_t end) {
  EnsembleTally total = make_tally(models, options.seed, runs);
  const std::size_t count = end > begin ? end - begin : 0;
  const int threads = thread_count(std::max(1, options.threads), count);
  std::mutex merging;
  const std::size_t outcomes = models.front().outcomes.size();
  const auto issues = static_cast<std::size_t>(models.front().m);
  // Each thread tallies a contiguous block of runs into its own tally; the tallies are
  // integers, so adding them up gives the same result for any number of threads.
  parallel_chunks(count, threads, [&](std::size_t from, std::size_t to) {
    EnsembleTally t = make_tally(models, options.seed, runs);
    std::vector<ModelWorker> workers;
    workers.reserve(models.size());
    for (const SimModel& m : models) workers.emplace_back(m);
    for (std::size_t r = from; r < to; ++r) {
      for (std::size_t v = 0; v < models.size(); ++v) {
        workers[v].run(options.seed, begin + r);
        t.variants[v].add_run(t.columns, outcomes, workers[v].record);
        if (v > 0)
          t.variants[v].add_pair(t.columns, outcomes, issues, workers[v].record, workers[0].record);
      }
      ++t.tallied;
      if (options.progress) options.progress->advance(models.size());
    }
    std::lock_guard lock(merging);
    total.merge(t);
  });
  return total;
}

}  // namespace detente::sim
