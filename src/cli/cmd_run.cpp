// `detente run [SCENARIO] [--out-dir DIR]`: the main job. Every analysis on one scenario, a
// summary on the terminal, summary.json and report.html in the output directory.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "io/atomic_file.hpp"
#include "io/scenario_toml.hpp"
#include "report/run_job.hpp"

namespace detente::cli {
namespace {

struct RunArgs {
  std::string scenario = "northeast-asia-2024";
  std::string out_dir;
  std::string output;  // where the printed summary goes (standard output when empty)
  std::uint64_t seed = 1;
  int threads = 1;
  std::size_t runs = 2000;
  Format format = Format::text;
  StoreOption store;
};

int run_main_job(const RunArgs& args) {
  Scenario s = io::load_scenario(args.scenario);
  // A progress bar on a terminal unless --quiet or --format json (core/progress.hpp).
  auto bar = terminal_progress(quiet() || args.format == Format::json);
  report::RunResult result = report::run_all(s, {args.seed, args.threads, args.runs, bar.get()});
  std::filesystem::path dir = args.out_dir.empty() ? std::filesystem::path("out") / s.id
                                                   : std::filesystem::path(args.out_dir);
  nlohmann::json summary = report::summary_json(result);
  // Render everything before writing anything, so a failure leaves no partial output.
  std::string json_text = summary.dump(2) + "\n";
  std::string html_text = report::report_html(result);
  args.store.save(summary);
  io::write_file_atomic(dir / "summary.json", json_text);
  io::write_file_atomic(dir / "report.html", html_text);
  // -q prints nothing; -o FILE writes what would be printed to FILE.
  std::string printed =
      args.format == Format::json
          ? json_text
          : report::summary_text(result) + fmt::format("\nwrote {} and {}\n",
                                                       (dir / "summary.json").string(),
                                                       (dir / "report.html").string());
  if (!args.output.empty())
    emit(printed, args.output);
  else if (!quiet())
    std::cout << printed;
  return 0;
}

}  // namespace

CommandSpec run_command() {
  return {"run", "The main job: every analysis on a scenario; summary, summary.json, report.html",
          [](CLI::App& app) {
            auto args = std::make_shared<RunArgs>();
            app.add_option("SCENARIO", args->scenario,
                           "Scenario file (TOML) or built-in name (default: northeast-asia-2024)");
            app.add_option("--out-dir", args->out_dir,
                           "Directory of summary.json and report.html (default: out/<scenario id>)")
                ->option_text("DIR");
            add_output_option(app, args->output);
            app.add_option("--seed", args->seed, "Seed for every random choice")->default_val(1);
            add_threads_option(app, args->threads);
            app.add_option("--runs", args->runs, "Simulation runs per variant")
                ->default_val(2000)
                ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
            add_format_option(app, args->format, {Format::text, Format::json});
            args->store.add(app);
            return [args] { return run_main_job(*args); };
          }};
}

}  // namespace detente::cli
