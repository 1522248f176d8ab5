#include "sim/sensitivity.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "sim/dynamics.hpp"

namespace detente::sim {

std::vector<InputGroup> input_groups(const SimModel& model) {
  // Scalar inputs (parameters, probabilities, effects) stand alone; the per-actor tables
  // form one group each. Groups keep the order in which their first input appears.
  std::vector<InputGroup> groups;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < model.inputs.size(); ++i) {
    const std::string& name = model.inputs[i].name;
    std::string group = name;
    for (const char* table : {"weight[", "position[", "salience[", "capability["})
      if (name.rfind(table, 0) == 0) {
        static const std::map<std::string, std::string> kNames = {{"weight[", "relation weights"},
                                                                  {"position[", "positions"},
                                                                  {"salience[", "saliences"},
                                                                  {"capability[", "capabilities"}};
        group = kNames.at(table);
      }
    auto [it, fresh] = index.emplace(group, groups.size());
    if (fresh) groups.push_back({group, {}});
    groups[it->second].inputs.push_back(i);
  }
  return groups;
}

SensitivityResult sensitivity(const SimModel& model, const SensitivityOptions& options) {
  SensitivityResult result;
  result.groups = input_groups(model);
  if (result.groups.empty())
    throw InputError({model.scenario_id, 0, "sensitivity"},
                     "the scenario has no uncertain input (give some number a distribution)");
  for (const auto& o : model.outcomes) result.outputs.push_back(o.id);
  for (const auto& issue : model.issues) result.outputs.push_back("settlement:" + issue);
  if (result.outputs.empty())
    throw InputError({model.scenario_id, 0, "sensitivity"},
                     "the scenario has no outcome and no issue for the sensitivity analysis to "
                     "explain (add an [[outcome]] or an [[issue]])");

  const std::size_t n = options.base_samples, k = model.inputs.size(), g = result.groups.size();
  const std::size_t outputs = result.outputs.size();
  SobolOptions sobol{n,    options.seed,   SobolSampling::scrambled_halton, options.bootstrap,
                     0.95, options.threads};
  // The unit design over all inputs; only its A and B blocks are used, and the mixed rows
  // are built per group.
  const std::vector<double> design = saltelli_unit_design(k, sobol);
  const std::size_t rows = n * (g + 2);
  std::vector<double> values(rows * outputs);
  const RunLayout layout(model);
  const std::uint64_t key = stable_hash(model.variant_id) ^ 0x5e45171f17ULL;

  ProgressTask task(options.progress, options.progress_label, rows, "rows");
  auto evaluate = [&](std::size_t from, std::size_t to) {
    Workspace ws(model);
    ws.observe_frustration = false;  // only outcomes and settlements are analysed
    std::vector<double> params(model.parameters), record(layout.width()), u(k);
    for (std::size_t row = from; row < to; ++row) {
      const std::size_t block = row / n, j = row % n;
      const double* a = design.data() + j * k;
      const double* b = design.data() + (n + j) * k;
      if (block == 0) std::copy(a, a + k, u.begin());
      if (block == 1) std::copy(b, b + k, u.begin());
      if (block >= 2) {
        std::copy(a, a + k, u.begin());
        for (std::size_t i : result.groups[block - 2].inputs) u[i] = b[i];
      }
      std::copy(model.parameters.begin(), model.parameters.end(), params.begin());
      for (std::size_t i = 0; i < k; ++i)
        params[model.inputs[i].slot] = model.inputs[i].distribution.quantile(u[i]);
      double* out = values.data() + row * outputs;
      for (std::size_t r = 0; r < options.replicates; ++r) {
        Stream rng = Stream::for_run(options.seed, key, j * options.replicates + r);
        simulate(model, params, rng, ws, record);
        for (std::size_t o = 0; o < model.outcomes.size(); ++o) out[o] += record[layout.outcome(o)];
        for (std::size_t i = 0; i < static_cast<std::size_t>(model.m); ++i)
          out[model.outcomes.size() + i] += record[layout.issue(i)];
      }
      for (std::size_t c = 0; c < outputs; ++c) out[c] /= static_cast<double>(options.replicates);
      task.advance();
    }
  };
  parallel_chunks(rows, thread_count(std::max(1, options.threads), rows), evaluate);
  task.finish();

  result.sobol = sobol_analyze(g, outputs, values, sobol);
  result.sobol.input_names.clear();
  for (const auto& group : result.groups) result.sobol.input_names.push_back(group.name);
  return result;
}

}  // namespace detente::sim
