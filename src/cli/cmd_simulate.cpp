// `detente simulate SCENARIO [--variant V | --all-variants] --runs N --seed S [--threads T]
// [--shard I/K --records FILE]`: Monte Carlo ensembles of the scenario's futures, every
// variant on the same runs as the baseline, with the variants' effects.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "io/csv.hpp"
#include "io/scenario_toml.hpp"
#include "sim/ensemble.hpp"
#include "sim/mpi.hpp"
#include "sim/sensitivity.hpp"
#include "sim/shard.hpp"

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
  std::string shard;    // "I/K"
  std::string records;  // shard file to write
  bool quiet = false;
  StoreOption store;
};

// "I/K" → (I, K) with 1 ≤ I ≤ K ≤ runs.
std::pair<std::uint64_t, std::uint64_t> parse_shard_arg(const std::string& text,
                                                        std::uint64_t runs) {
  const auto slash = text.find('/');
  std::uint64_t i = 0, k = 0;
  auto number = [](std::string_view part, std::uint64_t& v) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    return ec == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), i) ||
      !number(std::string_view(text).substr(slash + 1), k) || i < 1 || i > k)
    fail({"", 0, "--shard"}, "expected I/K with 1 <= I <= K (e.g. 2/8), got '{}'", text);
  if (k > runs) fail({"", 0, "--shard"}, "{} shards of {} runs: some would be empty", k, runs);
  return {i, k};
}

// The baseline, then the variants asked for (each once): effects are taken against it.
std::vector<const Variant*> chosen_variants(const Scenario& s, const SimulateArgs& args) {
  std::vector<const Variant*> chosen{nullptr};
  if (args.all_variants) {
    for (const auto& v : s.variants) chosen.push_back(&v);
    return chosen;
  }
  for (const auto& id : args.variants) {
    if (id == "baseline") continue;
    const Variant* v = s.find_variant(id);
    if (!v) {
      std::vector<std::string> ids{"baseline"};
      for (const auto& x : s.variants) ids.push_back(x.id);
      throw InputError(
          {s.file, 0, "--variant"},
          fmt::format("unknown variant '{}' (the scenario has: {})", id, fmt::join(ids, ", ")));
    }
    if (std::find(chosen.begin(), chosen.end(), v) == chosen.end()) chosen.push_back(v);
  }
  return chosen;
}

int simulate_main(SimulateArgs& args) {
  sim::MpiSession mpi;
  Scenario s = io::load_scenario(args.scenario);
  const std::vector<const Variant*> chosen = chosen_variants(s, args);
  if (args.runs == 0) throw InputError({"", 0, "--runs"}, "expected at least one run");
  std::uint64_t shard = 1, shards = 1;
  if (!args.shard.empty()) {
    std::tie(shard, shards) = parse_shard_arg(args.shard, args.runs);
    if (args.records.empty())
      fail({"", 0, "--records"}, "--shard needs --records FILE, where the shard's tally goes");
    if (args.sensitivity)
      fail({"", 0, "--sensitivity"},
           "the sensitivity analysis is not split into shards: run it in one process");
  }

  std::vector<sim::SimModel> models;
  for (const Variant* v : chosen) models.push_back(sim::compile(s, v));
  const auto [first, end] = sim::shard_range(args.runs, shard, shards);
  const auto [mine_first, mine_end] = mpi.share(first, end);

  std::unique_ptr<ProgressSink> bar = mpi.rank() == 0 ? terminal_progress(args.quiet) : nullptr;
  std::string label = models.size() == 1 ? models.front().variant_id
                                         : fmt::format("baseline + {} variant{}", models.size() - 1,
                                                       models.size() == 2 ? "" : "s");
  if (shards > 1) label += fmt::format(", shard {}/{}", shard, shards);
  sim::EnsembleTally tally;
  {
    ProgressTask task(bar.get(), label, (mine_end - mine_first) * models.size(), "runs");
    tally = sim::tally_ensemble(models, {args.seed, args.threads, &task}, args.runs, mine_first,
                                mine_end);
  }
  tally.header.shard = shard;
  tally.header.shards = shards;
  // Every rank's tally goes to rank 0 as shard text and is added up there.
  const std::vector<std::string> parts = mpi.gather(sim::shard_text(tally));
  if (mpi.rank() != 0) return 0;
  for (std::size_t r = 1; r < parts.size(); ++r)
    tally.merge(sim::parse_shard(parts[r], fmt::format("<MPI rank {}>", r), false));

  if (!args.records.empty()) sim::write_shard(args.records, tally);
  if (shards > 1) return 0;  // the output comes from `detente merge`

  sim::EnsembleReport report = sim::summarise(tally);
  std::vector<sim::SensitivityResult> sensitivities;
  if (args.sensitivity) {
    for (const sim::SimModel& model : models) {
      sim::SensitivityOptions so{args.sensitivity_samples, args.sensitivity_replicates, args.seed,
                                 args.threads, 200};
      so.progress = bar.get();
      so.progress_label = "sensitivity: " + model.variant_id;
      sensitivities.push_back(sim::sensitivity(model, so));
    }
    sim::attach_pinning(report, sensitivities.front());
  }
  nlohmann::json j = sim::to_json(report);
  std::string text = sim::text_table(report);
  std::string csv = args.format == Format::csv ? sim::tidy_csv(report) : "";
  for (std::size_t v = 0; v < sensitivities.size(); ++v) {
    const auto& sens = sensitivities[v];
    sim::SobolOptions shown{args.sensitivity_samples, args.seed};
    j["variants"][v]["sensitivity"] = sim::sobol_to_json(sens.sobol, sens.outputs, shown);
    j["variants"][v]["sensitivity"]["replicates"] = args.sensitivity_replicates;
    for (std::size_t o = 0; o < sens.outputs.size() && !csv.empty(); ++o)
      for (std::size_t i = 0; i < sens.sobol.input_names.size(); ++i) {
        const auto& index = sens.sobol.outputs[o].inputs[i];
        const std::string head =
            fmt::format("{},sensitivity,{},", io::csv_quote(report.variants[v].variant_id),
                        io::csv_quote(sens.outputs[o]));
        const std::string input = io::csv_quote(sens.sobol.input_names[i]);
        csv += fmt::format("{},first_order:{},{}\n{},total_order:{},{}\n", head, input,
                           index.first_order, head, input, index.total_order);
      }
    text +=
        fmt::format("\nSensitivity of {} (Sobol indices, N = {}, {} runs per row)\n{}",
                    report.variants[v].variant_id, args.sensitivity_samples,
                    args.sensitivity_replicates, sim::sobol_table_text(sens.sobol, sens.outputs));
  }
  if (!args.forecasts.empty()) emit(sim::forecasts_csv(report), args.forecasts);
  args.store.save(j, [&](store::RunRecord& r) { r.ranks = mpi.size(); });
  emit(args.format == Format::json  ? j.dump(2) + "\n"
       : args.format == Format::csv ? csv
                                    : text,
       args.out);
  return 0;
}

}  // namespace

CommandSpec simulate_command() {
  return {
      "simulate", "Monte Carlo ensembles of a scenario's futures, per variant", [](CLI::App& app) {
        auto args = std::make_shared<SimulateArgs>();
        app.add_option("SCENARIO", args->scenario, "Scenario file (TOML) or built-in name")
            ->required();
        auto* v = app.add_option("--variant", args->variants,
                                 "Variant id (repeatable); the baseline is always run too");
        app.add_flag("--all-variants", args->all_variants, "The baseline and every variant")
            ->excludes(v);
        app.add_option("--runs", args->runs, "Runs per variant")->default_val(1000);
        app.add_option("--seed", args->seed, "Seed of every random stream")->default_val(1);
        add_threads_option(app, args->threads);
        add_format_option(app, args->format, {Format::text, Format::json, Format::csv});
        add_output_option(app, args->out);
        app.add_option("--forecasts", args->forecasts,
                       "Also write the outcomes' probabilities as CSV for `detente score`");
        app.add_option("--shard", args->shard,
                       "Run only shard I of K of the runs (I/K) and write its tally to --records");
        app.add_option("--records", args->records,
                       "Write the tally of the runs to this shard file (for `detente merge`)");
        app.add_flag("-q,--quiet", args->quiet, "No progress bar");
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
        args->store.add(app);
        return [args] { return simulate_main(*args); };
      }};
}

}  // namespace detente::cli
