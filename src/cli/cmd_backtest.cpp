// `detente backtest DIR`: rolling-origin backtest of tie-sign forecasts on signed network
// windows (e.g. the CoW windows), the dynamics model against persistence.
// `detente backtest --events FILES… --from DATE --to DATE [--horizons 1,3,6,12]`:
// rolling-origin, out-of-sample forecasts of monthly tie scores from event data by
// persistence, climatology, AR(1) and the calibrated dynamics (sim/event_backtest.hpp).
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "cli/tie_input.hpp"
#include "sim/backtest.hpp"
#include "sim/event_backtest.hpp"

namespace detente::cli {
namespace {

std::string line(std::string_view label, const sim::ForecastScores& d,
                 const sim::ForecastScores& p) {
  return fmt::format("{:<16} {:>7} {:>10.4f} {:>10.4f} {:>8.1f}% {:>10.4f} {:>10.4f} {:>8.1f}%\n",
                     label, d.count, d.brier, d.log_score, 100 * d.accuracy, p.brier, p.log_score,
                     100 * p.accuracy);
}

int backtest_main(const std::string& dir, int months, Format format, const std::string& out,
                  const StoreOption& store) {
  auto windows = sim::read_windows(dir);
  sim::BacktestOptions options;
  options.months = months;
  sim::BacktestResult r = sim::backtest(windows, options);
  store.save(sim::to_json(r));
  if (format != Format::text) {
    emit(format == Format::json ? sim::to_json(r).dump(2) + "\n" : sim::to_csv(r), out);
    return 0;
  }
  std::string text = fmt::format(
      "{} transitions ({} → {}), horizon {} months\n\n{:<16} {:>7} {:>10} {:>10} {:>9} {:>10} "
      "{:>10} {:>9}\n",
      r.transitions.size(), r.transitions.front().from, r.transitions.back().to, months, "ties",
      "count", "dyn Brier", "dyn log", "dyn acc", "pers Brier", "pers log", "pers acc");
  text += line("all", r.dynamics, r.persistence);
  text += line("existing in t", r.dynamics_existing, r.persistence_existing);
  text += line("new in t+1", r.dynamics_new, r.persistence_new);
  text += fmt::format(
      "\nBrier, dynamics − persistence: {:+.4f} [{:+.4f}, {:+.4f}] (95%, paired bootstrap)\n",
      r.brier_difference, r.difference_low, r.difference_high);
  emit(text, out);
  return 0;
}

struct EventArgs {
  TieInput input;
  std::string from, to;
  std::vector<int> horizons = {1, 3, 6, 12};
  int step = 1, paths = 200;
  std::uint64_t seed = 1;
  bool no_balance = false;
  StoreOption store;  // both modes
};

int backtest_events_main(const EventArgs& a, Format format, const std::string& out) {
  events::TieSeriesOptions o = a.input.options();
  events::TieSeries series = events::read_tie_series(a.input.files, o);
  sim::EventBacktestOptions bo;
  bo.horizons = a.horizons;
  bo.step = a.step;
  bo.paths = a.paths;
  bo.seed = a.seed;
  bo.fit_balance = !a.no_balance;
  bo.threads = a.input.threads > 0 ? a.input.threads : 0;
  if (!a.from.empty()) bo.first_origin = series.month_of(parse_date_option(a.from, "--from"));
  if (!a.to.empty()) bo.last_origin = series.month_of(parse_date_option(a.to, "--to"));
  if (bo.first_origin < 0) bo.first_origin = 0;
  if (!a.to.empty() && bo.last_origin < 0)
    fail({"", 0, "--to"}, "'{}' is before the first month of the data ({})", a.to,
         series.month_label(0));
  sim::EventBacktestResult r = sim::backtest_events(series, bo);
  a.store.save(sim::to_json(r));
  emit(format == Format::json  ? sim::to_json(r).dump(2) + "\n"
       : format == Format::csv ? sim::to_csv(r)
                               : sim::to_text(r),
       out);
  return 0;
}

}  // namespace

CommandSpec backtest_command() {
  return {
      "backtest",
      "Backtest tie forecasts out of sample: CoW network windows (DIR) or event data (--events)",
      [](CLI::App& app) {
        auto dir = std::make_shared<std::string>();
        auto months = std::make_shared<int>(12);
        auto format = std::make_shared<Format>();
        auto out = std::make_shared<std::string>();
        auto ev = std::make_shared<EventArgs>();
        app.add_option("DIR", *dir, "Directory of cow_*.csv windows (from,to,sign)");
        ev->input.add_options(app, false);
        app.add_option("--from", ev->from, "With --events: first origin (YYYY-MM-DD)");
        app.add_option("--to", ev->to, "With --events: last origin (YYYY-MM-DD)");
        app.add_option("--horizons", ev->horizons, "With --events: months ahead")
            ->delimiter(',')
            ->check(CLI::Range(1, 120));
        app.add_option("--step", ev->step, "With --events: months between origins")
            ->default_val(1)
            ->check(CLI::Range(1, 120));
        app.add_option("--paths", ev->paths, "With --events: simulated futures per origin")
            ->default_val(200)
            ->check(CLI::Range(2, 100000));
        app.add_option("--seed", ev->seed, "Seed of the ensembles and the bootstrap")
            ->default_val(1);
        app.add_flag("--no-balance", ev->no_balance,
                     "With --events: dynamics without the balance term");
        app.add_option("--months", *months, "Forecast horizon in months")
            ->default_val(12)
            ->check(CLI::Range(1, 600));
        add_format_option(app, *format, {Format::text, Format::json, Format::csv});
        add_output_option(app, *out);
        ev->store.add(app);
        return [=] {
          if (!ev->input.files.empty()) {
            if (!dir->empty()) fail({"", 0, "DIR"}, "give either DIR or --events, not both");
            return backtest_events_main(*ev, *format, *out);
          }
          if (dir->empty())
            fail({"", 0, "DIR"}, "give a directory of network windows or --events FILES");
          return backtest_main(*dir, *months, *format, *out, ev->store);
        };
      }};
}

}  // namespace detente::cli
