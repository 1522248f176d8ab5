// `detente simulate --format csv` and `detente merge --format csv`: the ensemble's summary
// as one long ("tidy") table, one value per row, for pandas, R or a spreadsheet:
//
//   variant,quantity,name,month,statistic,value
//   baseline,outcome,summit-held,,probability,0.62
//   baseline,settlement,trade,,q50,41.5
//   baseline,tie,CHN-JPN,2024-07,q05,-0.31
//   summit-off,effect,summit-held,,difference,-0.35
//
// quantity is outcome (probability, low, high, count), settlement (mean and quantiles of
// the issue's settlement), tie (a key dyad's tie per month), frustration (per month) or
// effect (the variant against the baseline: difference, low, high); month is empty where
// the quantity has none.
#include <fmt/format.h>

#include "io/csv.hpp"
#include "sim/ensemble_summary.hpp"

namespace detente::sim {

namespace {

void quantile_rows(std::string& csv, const std::string& head, const Quantiles& q) {
  const std::pair<const char*, double> stats[] = {{"mean", q.mean}, {"q05", q.q05}, {"q25", q.q25},
                                                  {"q50", q.q50},   {"q75", q.q75}, {"q95", q.q95}};
  for (const auto& [statistic, value] : stats)
    csv += fmt::format("{},{},{}\n", head, statistic, value);
}

}  // namespace

std::string tidy_csv(const EnsembleReport& report) {
  std::string csv = "variant,quantity,name,month,statistic,value\n";
  for (const auto& s : report.variants) {
    const std::string variant = io::csv_quote(s.variant_id);
    for (const auto& o : s.outcomes) {
      const std::string head = fmt::format("{},outcome,{},", variant, io::csv_quote(o.id));
      csv += fmt::format("{},probability,{}\n{},low,{}\n{},high,{}\n{},count,{}\n", head,
                         o.probability, head, o.low, head, o.high, head, o.count);
    }
    for (const auto& [issue, q] : s.issues)
      quantile_rows(csv, fmt::format("{},settlement,{},", variant, io::csv_quote(issue)), q);
    for (std::size_t d = 0; d < s.dyad_names.size(); ++d)
      for (std::size_t t = 0; t < s.dyad_series[d].size() && t < s.month_labels.size(); ++t)
        quantile_rows(
            csv,
            fmt::format("{},tie,{},{}", variant, io::csv_quote(s.dyad_names[d]), s.month_labels[t]),
            s.dyad_series[d][t]);
    for (std::size_t t = 0; t < s.frustration_series.size() && t < s.month_labels.size(); ++t)
      quantile_rows(csv, fmt::format("{},frustration,,{}", variant, s.month_labels[t]),
                    s.frustration_series[t]);
  }
  for (const auto& e : report.effects) {
    const std::string variant = io::csv_quote(e.variant_id);
    for (const auto& o : e.outcomes) {
      const std::string head = fmt::format("{},effect,{},", variant, io::csv_quote(o.id));
      csv += fmt::format("{},difference,{}\n{},low,{}\n{},high,{}\n", head, o.difference, head,
                         o.low, head, o.high);
    }
    for (const auto& sh : e.settlements) {
      const std::string head =
          fmt::format("{},effect,{},", variant, io::csv_quote("settlement:" + sh.issue));
      csv += fmt::format("{},difference,{}\n{},low,{}\n{},high,{}\n", head, sh.shift, head, sh.low,
                         head, sh.high);
    }
  }
  return csv;
}

}  // namespace detente::sim
