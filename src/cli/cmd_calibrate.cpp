// `detente calibrate --events FILES… [--actors …] --from DATE --to DATE -o dynamics.toml`:
// fits the tie dynamics to monthly tie series measured from event data by maximum
// likelihood (sim/calibrate.hpp, docs/models/calibration.md) and writes a [dynamics] block
// whose values are distributions, each with the data and window as its source.
//
//   detente calibrate --events keds_levant.cameo.tsv --actors ISR,PAL,LBN,SYR,JOR,EGY,USA \
//       --from 1979-04-01 --to 2011-12-31 -o levant-dynamics.toml
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "cli/tie_input.hpp"
#include "sim/calibrate.hpp"

namespace detente::cli {
namespace {

struct CalibrateArgs {
  TieInput input;
  std::string from, to;
  bool no_balance = false;
  Format format = Format::text;
  std::string out;
  StoreOption store;
};

std::string estimate_line(std::string_view name, const sim::Estimate& e) {
  if (!std::isfinite(e.se))
    return fmt::format("  {:<15} {:>9.4f}  (not identified)\n", name, e.value);
  return fmt::format("  {:<15} {:>9.4f}  ± {:.4f} (95%: {:.4f} … {:.4f})\n", name, e.value, e.se,
                     e.value - 1.96 * e.se, e.value + 1.96 * e.se);
}

int calibrate_main(const CalibrateArgs& a) {
  events::TieSeriesOptions o = a.input.options();
  if (!a.from.empty()) o.from = parse_date_option(a.from, "--from");
  if (!a.to.empty()) o.to = parse_date_option(a.to, "--to");
  if (o.from && o.to && *o.to < *o.from) fail({"", 0, "--to"}, "--to is before --from");
  events::TieSeries series = events::read_tie_series(a.input.files, o);
  sim::CalibrateOptions co;
  co.fit_balance = !a.no_balance;
  co.source = fmt::format("{} events", fmt::join(a.input.files, " "));
  sim::DynamicsFit fit = sim::calibrate(series, co);
  const std::string toml = sim::dynamics_toml(fit);
  a.store.save(sim::to_json(fit));
  if (!a.out.empty() && a.out != "-") emit(toml, a.out);
  if (a.format != Format::text) {
    emit(a.format == Format::json ? sim::to_json(fit).dump(2) + "\n" : sim::to_csv(fit), "");
    return 0;
  }
  const auto& r = fit.residuals;
  std::string text = fmt::format(
      "Calibrated on {} … {}: {} actors ({}), {} dyads, {} measured monthly transitions\n",
      fit.window_from, fit.window_to, fit.actors.size(), fmt::join(fit.actors, ","),
      fit.dyads.size(), fit.transitions);
  text += estimate_line("restoring_rate", fit.restoring_rate);
  text += estimate_line("balance_gain", fit.balance_gain);
  text += estimate_line("saturation", fit.saturation);
  text += estimate_line("noise", fit.noise);
  text += fmt::format(
      "  noise of the relation itself (score's sampling error removed: E[e²] = a + b/events): "
      "{:.4f}\n",
      fit.process_noise);
  text += fmt::format(
      "Balance term: likelihood ratio {:.2f} (p = {:.3g}, chi-square 2 df), AIC change {:+.1f}: "
      "{}\n",
      fit.lr_statistic, fit.lr_p_value, fit.aic_difference,
      fit.balance_supported ? "supported by the data" : "not supported by the data");
  text += fmt::format(
      "Residuals (standardised): sd {:.3f}, skewness {:.2f}, excess kurtosis {:.2f}, lag-1 "
      "autocorrelation {:.3f}, beyond 2 sd {:.1f}% (normal 4.6%), corr(z², 1/events) {:.3f}\n",
      r.sd, r.skewness, r.excess_kurtosis, r.lag1_autocorrelation, 100 * r.share_beyond_2sd,
      r.sampling_noise_correlation);
  if (a.out.empty() || a.out == "-")
    text += "\n" + toml;
  else
    text += fmt::format("Wrote {}\n", a.out);
  emit(text, "");
  return 0;
}

}  // namespace

CommandSpec calibrate_command() {
  return {
      "calibrate",
      "Fit the tie dynamics to monthly tie series from event data (maximum likelihood)",
      [](CLI::App& app) {
        auto a = std::make_shared<CalibrateArgs>();
        a->input.add_options(app, true);
        app.add_option("--from", a->from, "First month of the window (YYYY-MM-DD)");
        app.add_option("--to", a->to, "Last month of the window (YYYY-MM-DD)");
        app.add_flag("--no-balance", a->no_balance, "Fit with balance_gain = 0 (pure relaxation)");
        add_format_option(app, a->format, {Format::text, Format::json, Format::csv});
        add_output_option(app, a->out)
            ->description("Write the [dynamics] block to FILE (atomically); the fit is printed");
        a->store.add(app);
        return [a] { return calibrate_main(*a); };
      }};
}

}  // namespace detente::cli
