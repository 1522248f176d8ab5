// `detente backtest DIR`: rolling-origin backtest of tie-sign forecasts on signed network
// windows (e.g. the CoW windows), the dynamics model against persistence.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "sim/backtest.hpp"

namespace detente::cli {
namespace {

std::string line(std::string_view label, const sim::ForecastScores& d,
                 const sim::ForecastScores& p) {
  return fmt::format("{:<16} {:>7} {:>10.4f} {:>10.4f} {:>8.1f}% {:>10.4f} {:>10.4f} {:>8.1f}%\n",
                     label, d.count, d.brier, d.log_score, 100 * d.accuracy, p.brier, p.log_score,
                     100 * p.accuracy);
}

int backtest_main(const std::string& dir, int months, Format format, const std::string& out) {
  auto windows = sim::read_windows(dir);
  sim::BacktestOptions options;
  options.months = months;
  sim::BacktestResult r = sim::backtest(windows, options);
  if (format == Format::json) {
    emit(sim::to_json(r).dump(2) + "\n", out);
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

const bool registered = register_command(
    {"backtest",
     "Backtest tie-sign forecasts of the dynamics against persistence on network windows", 70,
     [](CLI::App& app) {
       auto dir = std::make_shared<std::string>();
       auto months = std::make_shared<int>(12);
       auto format = std::make_shared<Format>();
       auto out = std::make_shared<std::string>();
       app.add_option("DIR", *dir, "Directory of cow_*.csv windows (from,to,sign)")->required();
       app.add_option("--months", *months, "Forecast horizon in months")
           ->default_val(12)
           ->check(CLI::Range(1, 600));
       add_format_option(app, *format, {Format::text, Format::json});
       add_output_option(app, *out);
       return [=] { return backtest_main(*dir, *months, *format, *out); };
     }});

}  // namespace
}  // namespace detente::cli
