// `detente simulate SCENARIO [--variant V | --all-variants] --runs N --seed S [--threads T]`:
// Monte Carlo ensembles of the scenario's futures, variant by variant.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <iostream>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"
#include "sim/mpi.hpp"
#include "sim/sensitivity.hpp"

namespace detente::cli {
namespace {

struct SimulateArgs {
  std::string scenario;
  std::vector<std::string> variants;
  bool all_variants = false;
  std::size_t runs = 1000;
  std::uint64_t seed = 1;
  int threads = 1;
  Format format = Format::text;
  std::string out;
  std::string forecasts;  // CSV of outcome probabilities for `detente score`
  bool sensitivity = false;
  std::size_t sensitivity_samples = 256;
  std::size_t sensitivity_replicates = 8;
};

std::string text_table(const std::vector<sim::EnsembleSummary>& results) {
  std::string out;
  if (results.empty()) return out;
  out += fmt::format("{} runs per variant\n\n", results.front().runs);
  out += fmt::format("{:<34}", "outcome");
  for (const auto& r : results) out += fmt::format(" {:>22}", r.variant_id.substr(0, 22));
  out += "\n";
  for (std::size_t o = 0; o < results.front().outcomes.size(); ++o) {
    const auto& name = results.front().outcomes[o].name;
    out += fmt::format("{:<34}", name.size() > 33 ? name.substr(0, 32) + "…" : name);
    for (const auto& r : results) {
      const auto& oc = r.outcomes[o];
      out += fmt::format(" {:>6.1f}% [{:>4.1f}, {:>5.1f}]", 100 * oc.probability, 100 * oc.low,
                         100 * oc.high);
    }
    out += "\n";
  }
  out += fmt::format("\n{:<34}", "issue settlement: median [5%, 95%]");
  out += "\n";
  for (std::size_t k = 0; k < results.front().issues.size(); ++k) {
    out += fmt::format("{:<34}", results.front().issues[k].first.substr(0, 33));
    for (const auto& r : results) {
      const auto& q = r.issues[k].second;
      out += fmt::format(" {:>6.1f} [{:>5.1f}, {:>5.1f}]", q.q50, q.q05, q.q95);
    }
    out += "\n";
  }
  return out;
}

int simulate_main(SimulateArgs& args) {
  sim::MpiSession mpi;
  Scenario s = io::load_scenario(args.scenario);
  std::vector<const Variant*> chosen;
  if (args.all_variants) {
    chosen.push_back(nullptr);
    for (const auto& v : s.variants) chosen.push_back(&v);
  } else if (args.variants.empty()) {
    chosen.push_back(nullptr);
  } else {
    for (const auto& id : args.variants) {
      if (id == "baseline") {
        chosen.push_back(nullptr);
        continue;
      }
      const Variant* v = s.find_variant(id);
      if (!v) {
        std::vector<std::string> ids{"baseline"};
        for (const auto& x : s.variants) ids.push_back(x.id);
        throw InputError(
            {s.file, 0, "--variant"},
            fmt::format("unknown variant '{}' (the scenario has: {})", id, fmt::join(ids, ", ")));
      }
      chosen.push_back(v);
    }
  }
  if (args.runs == 0) throw InputError({"", 0, "--runs"}, "expected at least one run");

  const bool show_progress = mpi.rank() == 0 && stderr_is_terminal() && args.format == Format::text;
  std::vector<sim::EnsembleSummary> results;
  std::vector<sim::SensitivityResult> sensitivities;
  for (std::size_t v = 0; v < chosen.size(); ++v) {
    sim::SimModel model = sim::compile(s, chosen[v]);
    sim::EnsembleOptions options{args.seed, args.threads, {}};
    auto [begin, end] = mpi.share(args.runs);
    if (show_progress) {
      options.progress = [&, v, total = end - begin](std::size_t done) {
        int width = 30, filled = static_cast<int>(width * done / std::max<std::size_t>(total, 1));
        std::fprintf(stderr, "\r%-24s [%s%s] %zu/%zu", model.variant_id.substr(0, 24).c_str(),
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done,
                     total);
        if (done == total) std::fprintf(stderr, "\n");
      };
    }
    sim::Records records = sim::run_records(model, options, begin, end);
    records = mpi.gather(records, sim::RunLayout(model).width(), args.runs);
    // Rank 0 summarises while the other ranks wait, so it may use their share of threads.
    if (mpi.rank() == 0)
      results.push_back(
          sim::summarise(model, records, args.runs, std::max(args.threads, mpi.size())));
    if (args.sensitivity && mpi.rank() == 0)
      sensitivities.push_back(sim::sensitivity(
          model,
          {args.sensitivity_samples, args.sensitivity_replicates, args.seed, args.threads, 200}));
  }
  if (mpi.rank() != 0) return 0;

  nlohmann::json j;
  j["scenario"] = s.id;
  j["seed"] = args.seed;
  j["runs"] = args.runs;
  j["variants"] = nlohmann::json::array();
  for (const auto& r : results) j["variants"].push_back(sim::to_json(r));
  std::string text = text_table(results);
  for (std::size_t v = 0; v < sensitivities.size(); ++v) {
    const auto& sens = sensitivities[v];
    sim::SobolOptions shown{args.sensitivity_samples, args.seed};
    j["variants"][v]["sensitivity"] = sim::sobol_to_json(sens.sobol, sens.outputs, shown);
    j["variants"][v]["sensitivity"]["replicates"] = args.sensitivity_replicates;
    text +=
        fmt::format("\nSensitivity of {} (Sobol indices, N = {}, {} runs per row)\n{}",
                    results[v].variant_id, args.sensitivity_samples, args.sensitivity_replicates,
                    sim::sobol_table_text(sens.sobol, sens.outputs));
  }
  if (!args.forecasts.empty()) {
    // One row per variant and outcome: the layout `detente score FORECASTS RESOLUTIONS` reads.
    std::string csv = "variant,question,probability\n";
    for (const auto& r : results)
      for (const auto& o : r.outcomes)
        csv += fmt::format("{},{},{}\n", r.variant_id, o.id, o.probability);
    emit(csv, args.forecasts);
  }
  emit(args.format == Format::json ? j.dump(2) + "\n" : text, args.out);
  return 0;
}

const bool registered = register_command(
    {"simulate", "Monte Carlo ensembles of a scenario's futures, per variant", 50,
     [](CLI::App& app) {
       auto args = std::make_shared<SimulateArgs>();
       app.add_option("SCENARIO", args->scenario, "Scenario file (TOML) or built-in name")
           ->required();
       auto* v = app.add_option("--variant", args->variants,
                                "Variant id (repeatable; 'baseline' for none)");
       app.add_flag("--all-variants", args->all_variants, "The baseline and every variant")
           ->excludes(v);
       app.add_option("--runs", args->runs, "Runs per variant")->default_val(1000);
       app.add_option("--seed", args->seed, "Seed of every random stream")->default_val(1);
       app.add_option("--threads", args->threads,
                      "Worker threads (the results do not depend on it)")
           ->default_val(1)
           ->check(CLI::Range(1, 256));
       add_format_option(app, args->format, {Format::text, Format::json});
       app.add_option("-o,--out", args->out, "Write to this file instead of stdout");
       app.add_option("--forecasts", args->forecasts,
                      "Also write the outcomes' probabilities as CSV for `detente score`");
       app.add_flag("--sensitivity", args->sensitivity,
                    "Sobol indices of every outcome for each group of uncertain inputs");
       app.add_option("--sensitivity-samples", args->sensitivity_samples,
                      "Base samples N of the Saltelli design")
           ->default_val(256)
           ->check(CLI::Range(std::size_t{8}, std::size_t{1} << 20));
       app.add_option("--sensitivity-replicates", args->sensitivity_replicates,
                      "Runs per design row")
           ->default_val(8)
           ->check(CLI::Range(std::size_t{1}, std::size_t{10000}));
       return [args] { return simulate_main(*args); };
     }});

}  // namespace
}  // namespace detente::cli
