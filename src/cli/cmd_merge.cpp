// `detente merge SHARD…`: adds up the shard files written by `detente simulate … --shard
// I/K --records FILE` and prints exactly what one `detente simulate` of all the runs prints.
#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "sim/ensemble_summary.hpp"
#include "sim/shard.hpp"

namespace detente::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> files;
  Format format = Format::text;
  std::string out;
  std::string forecasts;
};

int merge_main(const MergeArgs& args) {
  const sim::EnsembleReport report = sim::summarise(sim::merge_shards(args.files));
  if (!args.forecasts.empty()) emit(sim::forecasts_csv(report), args.forecasts);
  emit(args.format == Format::json  ? sim::to_json(report).dump(2) + "\n"
       : args.format == Format::csv ? sim::tidy_csv(report)
                                    : sim::text_table(report),
       args.out);
  return 0;
}

}  // namespace

CommandSpec merge_command() {
  return {"merge", "Combine the shard files of `simulate --shard` into one ensemble's output",
          [](CLI::App& app) {
            auto args = std::make_shared<MergeArgs>();
            app.add_option("SHARD", args->files, "Shard files (every shard 1..K exactly once)")
                ->required();
            add_format_option(app, args->format, {Format::text, Format::json, Format::csv});
            add_output_option(app, args->out);
            app.add_option("--forecasts", args->forecasts,
                           "Also write the outcomes' probabilities as CSV for `detente score`");
            return [args] { return merge_main(*args); };
          }};
}

}  // namespace detente::cli
