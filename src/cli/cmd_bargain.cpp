// `detente bargain INPUT --model mean|median|nash|eum|smp|exchange|all`: forecast the
// outcome of negotiations with one bargaining model or all side by side. INPUT is an EUM
// table (CSV/TSV), a decide '#A/#P/#M/#D' file, a KTAB SMP CSV or XML file, or a
// scenario (built-in name or .toml). JSON output: docs/bargain-json.md.
//
//   detente bargain eu_emissions_bdm1994.csv --model eum --rounds 8 --format json
//   detente bargain northeast-asia-2024 --model all
//   detente bargain SOE-Pol-Comp.csv --model smp --option VotingRule=PropCbc --seed 7
#include <fmt/format.h>

#include <iostream>

#include "bargain/exchange.hpp"
#include "bargain/registry.hpp"
#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "core/error.hpp"
#include "io/bargain/read_input.hpp"
#include "io/csv.hpp"

namespace detente::cli {
namespace {

struct BargainArgs {
  std::string input;
  std::string model = "mean";
  std::optional<int> rounds;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> options;
  std::string issue;
  std::string output;
  int threads = 1;
  Format format = Format::text;
  StoreOption store;
};

std::string text_single(const bargain::BargainingProblem& p, const bargain::ModelRun& run) {
  std::string out = fmt::format("model: {}   input: {} ({} actors, {} issues)\n", run.model, p.name,
                                p.actor_count(), p.issue_count());
  if (!run.options.empty()) out += fmt::format("options: {}\n", run.options.dump());
  for (const auto& is : run.issues) {
    out += fmt::format("\nissue {}\n", is.issue);
    if (is.rounds.size() > 1) {
      out += fmt::format("  {:>5}  {:>10}  {:>10}\n", "round", "median", "mean");
      for (const auto& r : is.rounds)
        out += fmt::format("  {:>5}  {:>10.3f}  {:>10.3f}\n", r.round, r.median, r.mean);
    }
    out += fmt::format("  forecast: {:.3f}\n", is.forecast);
  }
  if (run.model == "exchange") out += bargain::exchange_text_summary(run);
  return out;
}

std::string csv_single(const bargain::BargainingProblem& p, const bargain::ModelRun& run) {
  std::string out = "model,issue,round,median,mean,forecast";
  for (const auto& a : p.actors) out += "," + io::csv_quote(a);
  out += "\n";
  for (const auto& is : run.issues)
    for (const auto& r : is.rounds) {
      out += fmt::format("{},{},{},{},{},{}", run.model, io::csv_quote(is.issue), r.round, r.median,
                         r.mean, is.forecast);
      for (double x : r.positions) out += fmt::format(",{}", x);
      out += "\n";
    }
  return out;
}

int run_bargain(const BargainArgs& args) {
  bargain::BargainingProblem problem = bargain::read_bargaining_input(args.input);
  if (!args.issue.empty()) problem = bargain::select_issue(problem, args.issue);

  // --option NAME=VALUE, or MODEL.NAME=VALUE (required with --model all).
  std::map<std::string, bargain::OptionValues> qualified;
  bargain::OptionValues plain;
  for (const auto& o : args.options) {
    auto eq = o.find('=');
    if (eq == std::string::npos || eq == 0)
      fail({"", 0, "--option"}, "expected NAME=VALUE or MODEL.NAME=VALUE, got '{}'", o);
    std::string name = o.substr(0, eq), value = o.substr(eq + 1);
    auto dot = name.find('.');
    if (dot != std::string::npos) {
      std::string model = name.substr(0, dot);
      if (!bargain::find_model(model))
        fail({"", 0, "--option"}, "unknown model '{}' in '{}'", model, o);
      qualified[model][name.substr(dot + 1)] = value;
    } else {
      if (args.model == "all")
        fail({"", 0, "--option"},
             "with --model all, qualify options as MODEL.NAME=VALUE (got '{}')", o);
      plain[name] = value;
    }
  }
  auto settings_for = [&](const std::string& model) {
    bargain::RunSettings s;
    s.options = plain;
    for (const auto& [k, v] : qualified[model]) s.options[k] = v;
    // --rounds applies to the dynamic models only.
    const auto* spec = bargain::find_model(model);
    if (spec->dynamic) s.rounds = args.rounds;
    s.seed = args.seed;
    s.threads = args.threads;
    return s;
  };

  std::string content;
  if (args.model != "all") {
    for (const auto& [model, values] : qualified)
      if (model != args.model)
        fail({"", 0, "--option"}, "options for '{}' given but the model is '{}'", model,
             args.model);
    const auto* spec = bargain::find_model(args.model);
    bargain::ModelRun run = spec->run(problem, settings_for(args.model));
    args.store.save(bargain::to_json(problem, run),
                    [&](store::RunRecord& r) { r.ktab = store::ktab_smp_run(problem, run); });
    if (args.format == Format::json)
      content = bargain::to_json(problem, run).dump(2) + "\n";
    else if (args.format == Format::csv)
      content = csv_single(problem, run);
    else
      content = text_single(problem, run);
  } else {
    std::vector<bargain::ModelRun> runs;
    for (const auto& m : bargain::bargaining_models())
      runs.push_back(m.run(problem, settings_for(m.name)));
    nlohmann::ordered_json j;
    j["input"] = problem.name;
    j["models"] = nlohmann::ordered_json::array();
    for (const auto& r : runs) j["models"].push_back(bargain::to_json(problem, r));
    args.store.save(j);
    if (args.format == Format::json) {
      content = j.dump(2) + "\n";
    } else if (args.format == Format::csv) {
      content = "issue";
      for (const auto& r : runs) content += "," + r.model;
      content += "\n";
      for (std::size_t k = 0; k < problem.issue_count(); ++k) {
        content += io::csv_quote(problem.issues[k].name);
        for (const auto& r : runs) content += fmt::format(",{}", r.issues[k].forecast);
        content += "\n";
      }
    } else {
      std::size_t width = 5;
      for (const auto& d : problem.issues) width = std::max(width, d.name.size());
      content = fmt::format("input: {} ({} actors, {} issues); forecasts by model\n\n",
                            problem.name, problem.actor_count(), problem.issue_count());
      content += fmt::format("{:<{}}", "issue", width);
      for (const auto& r : runs) content += fmt::format("  {:>9}", r.model);
      content += "\n";
      for (std::size_t k = 0; k < problem.issue_count(); ++k) {
        content += fmt::format("{:<{}}", problem.issues[k].name, width);
        for (const auto& r : runs) content += fmt::format("  {:>9.2f}", r.issues[k].forecast);
        content += "\n";
      }
      content +=
          "\nmean = capability x salience weighted mean, the baseline the literature finds hard to "
          "beat.\n";
    }
  }
  emit(content, args.output);
  return 0;
}

}  // namespace

CommandSpec bargain_command() {
  return {
      "bargain", "Forecast negotiation outcomes with bargaining models (EUM, SMP, exchange, ...)",
      [](CLI::App& app) {
        auto args = std::make_shared<BargainArgs>();
        app.add_option("INPUT", args->input,
                       "EUM CSV/TSV, decide '#A/#P/#M/#D' file, KTAB CSV or XML, or a scenario "
                       "(built-in name or .toml)")
            ->required();
        std::vector<std::string> names;
        for (const auto& m : bargain::bargaining_models()) names.push_back(m.name);
        names.push_back("all");
        app.add_option("--model,-m", args->model,
                       "Model: " + fmt::format("{}", fmt::join(names, "|")))
            ->check(CLI::IsMember(names))
            ->default_str("mean");
        app.add_option("--rounds", args->rounds, "Rounds (EUM, exchange) or maximum turns (SMP)")
            ->check(CLI::Range(0, 100000));
        app.add_option("--seed", args->seed,
                       "Seed for every random choice (SMP, stochastic EUM, exchange variants and "
                       "seeded ties)");
        app.add_option("--option,-O", args->options,
                       "Model option NAME=VALUE (MODEL.NAME=VALUE with --model all); "
                       "see docs/models/<model>.md; repeat for several")
            ->allow_extra_args(false);
        app.add_option("--issue", args->issue, "Only this issue");
        add_threads_option(app, args->threads);
        add_output_option(app, args->output);
        add_format_option(app, args->format, {Format::text, Format::json, Format::csv});
        args->store.add(app);
        return [args] { return run_bargain(*args); };
      }};
}

}  // namespace detente::cli
