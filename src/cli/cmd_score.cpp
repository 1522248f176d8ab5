// `detente score FORECASTS RESOLUTIONS`: proper scores and calibration of forecasts.
//
// FORECASTS is a CSV with a `question` column and, per row, either a `probability`
// (binary question, one row per question and forecaster) or a `sample` (continuous
// question: many rows per question form its sample set, optional `weight` column). An
// optional `model` (or `variant`) column names the forecaster, so that several are
// scored side by side. RESOLUTIONS is a CSV `question,outcome` (0/1 for a binary
// question, any number for a continuous one). The layout is documented in docs/scoring.md.
//
//   detente score forecasts.csv resolutions.csv --bins 10 --format json
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"
#include "io/score/forecast_csv.hpp"
#include "sim/scoring.hpp"

namespace detente::cli {
namespace {

struct Args {
  std::string forecasts, resolutions, out;
  std::size_t bins = 10;
  Format format = Format::text;
  std::string baseline;    // forecaster to compare the others with (empty: none)
  std::uint64_t seed = 1;  // bootstrap of the paired comparisons
  std::size_t resamples = 2000;
  bool require_all = false;  // every forecast question must be resolved
};

// A forecaster against the baseline, on the questions both forecast.
struct VersusBaseline {
  std::string baseline;
  std::optional<sim::PairedComparison> brier, log, crps;
};

struct Scored {
  std::string name;
  std::optional<sim::BinaryScores> binary;
  std::optional<sim::ContinuousScores> continuous;
  // Per-question scores, for the paired comparison with a baseline.
  std::map<std::string, double> brier_by_question, log_by_question, crps_by_question;
  std::optional<VersusBaseline> versus;
  std::vector<std::string> unresolved;  // forecast questions without a resolution (not scored)
};

// Paired comparison of every forecaster with the baseline on their common questions.
void compare_with_baseline(std::vector<Scored>& scored, const Args& a) {
  const auto base = std::find_if(scored.begin(), scored.end(),
                                 [&](const Scored& s) { return s.name == a.baseline; });
  if (base == scored.end()) {
    std::string names;
    for (const auto& s : scored) names += (names.empty() ? "'" : ", '") + s.name + "'";
    fail({a.forecasts, 0, "--baseline"}, "no forecaster named '{}' (forecasters: {})", a.baseline,
         names);
  }
  const sim::BootstrapOptions boot{.resamples = a.resamples, .seed = a.seed};
  auto compare =
      [&](const std::map<std::string, double>& mine,
          const std::map<std::string, double>& theirs) -> std::optional<sim::PairedComparison> {
    std::vector<double> x, y;
    for (const auto& [q, v] : mine)
      if (auto it = theirs.find(q); it != theirs.end()) {
        x.push_back(v);
        y.push_back(it->second);
      }
    if (x.empty()) return std::nullopt;
    return sim::compare_paired(x, y, boot);
  };
  for (auto& s : scored) {
    if (s.name == a.baseline) continue;
    VersusBaseline v{a.baseline, {}, {}, {}};
    v.brier = compare(s.brier_by_question, base->brier_by_question);
    v.log = compare(s.log_by_question, base->log_by_question);
    v.crps = compare(s.crps_by_question, base->crps_by_question);
    s.versus = v;
  }
}

std::vector<Scored> score_files(const Args& a) {
  const auto [forecasters, resolutions] = io::read_forecast_files(a.forecasts, a.resolutions);
  Diagnostics diags;
  std::vector<Scored> out;
  std::set<int> reported;  // a bad outcome line is reported once, not per forecaster
  for (const auto& f : forecasters) {
    Scored s{f.name, {}, {}, {}, {}, {}, {}, {}};
    std::vector<double> p, o;
    std::vector<sim::SampleForecast> continuous;
    for (const auto& q : f.order) {
      const auto& fc = f.questions.at(q);
      auto r = resolutions.find(q);
      if (r == resolutions.end()) {
        if (a.require_all)
          diags.addf({a.forecasts, fc.first_line, "question"},
                     "no resolution for question '{}' in {} (--require-all)", q, a.resolutions);
        s.unresolved.push_back(q);
        continue;
      }
      if (fc.kind == io::QuestionForecast::Kind::binary) {
        const double y = r->second.outcome;
        if (y != 0.0 && y != 1.0) {
          if (reported.insert(r->second.line).second)
            diags.addf({a.resolutions, r->second.line, "outcome"},
                       "question '{}' has a probability forecast ({}:{}), so its outcome must be 0 "
                       "or 1, got {}",
                       q, a.forecasts, fc.first_line, y);
          continue;
        }
        p.push_back(fc.probability);
        o.push_back(y);
        s.brier_by_question[q] = sim::brier(fc.probability, y);
        s.log_by_question[q] = sim::log_score(fc.probability, y);
      } else {
        continuous.push_back(
            {fc.samples, fc.weighted ? fc.weights : std::vector<double>{}, r->second.outcome});
        s.crps_by_question[q] = sim::crps_sample(
            continuous.back().samples, continuous.back().observation, continuous.back().weights);
      }
    }
    if (!p.empty()) s.binary = sim::score_binary(p, o, {.bins = a.bins});
    if (!continuous.empty()) s.continuous = sim::score_continuous(continuous, a.bins);
    out.push_back(std::move(s));
  }
  diags.throw_if_any();
  if (std::none_of(out.begin(), out.end(),
                   [](const Scored& s) { return s.binary || s.continuous; }))
    fail({a.resolutions}, "no forecast question is resolved here: nothing to score");
  if (!a.baseline.empty()) compare_with_baseline(out, a);
  return out;
}

std::string fixed(double v, int digits = 4) {
  if (std::isnan(v)) return "undefined";
  std::string t = fmt::format("{:.{}f}", v, digits);
  if (t.find_first_not_of("-0.") == std::string::npos && t.front() == '-') t.erase(0, 1);
  return t;  // no "-0.0000" for rounding noise
}

// The scalar metrics, one row each: the key of the JSON and CSV outputs, and the text
// report's label and reading note (no label: the text shows it on a combined line). The
// three renderers all read these tables, so a metric is added in one place.
struct BinaryMetric {
  std::string_view key, label, note;
  double (*value)(const sim::BinaryScores&);
  bool skill = false;  // undefined (JSON null) when the base rate is 0 or 1
};
const BinaryMetric kBinaryMetrics[] = {
    {"brier", "Brier score (0–1)", "lower is better", [](const auto& b) { return b.brier; }},
    {"log_score", "log score (nats)", "lower is better (−ln p, ε = {eps})",
     [](const auto& b) { return b.log_score; }},
    {"base_rate", "base rate", "", [](const auto& b) { return b.base_rate; }},
    {"brier_skill", "Brier skill vs base rate", "higher is better",
     [](const auto& b) { return b.brier_skill; }, true},
    {"log_skill", "log skill vs base rate", "higher is better",
     [](const auto& b) { return b.log_skill; }, true},
    {"roc_auc", "ROC AUC", "discrimination only (0.5 = none)",
     [](const auto& b) { return b.roc_auc; }, true},
};
const BinaryMetric kMurphyTerms[] = {
    // Brier = reliability − resolution + uncertainty + within-bin; the note is the sign.
    {"reliability", "reliability", "", [](const auto& b) { return b.murphy.reliability; }},
    {"resolution", "resolution", " − ", [](const auto& b) { return b.murphy.resolution; }},
    {"uncertainty", "uncertainty", " + ", [](const auto& b) { return b.murphy.uncertainty; }},
    {"within_bin", "within-bin", " + ", [](const auto& b) { return b.murphy.within_bin; }},
};
struct ContinuousMetric {
  std::string_view key;
  double (*value)(const sim::ContinuousScores&);
};
const ContinuousMetric kContinuousMetrics[] = {
    {"crps", [](const auto& c) { return c.crps; }},
    {"coverage_50", [](const auto& c) { return c.coverage_50; }},
    {"coverage_90", [](const auto& c) { return c.coverage_90; }},
};
// The paired comparisons with the baseline: JSON key, text label, the comparison.
struct PairedMetric {
  std::string_view key, label;
  const std::optional<sim::PairedComparison> VersusBaseline::*comparison;
};
const PairedMetric kPairedMetrics[] = {{"brier", "Brier", &VersusBaseline::brier},
                                       {"log_score", "log", &VersusBaseline::log},
                                       {"crps", "CRPS", &VersusBaseline::crps}};

std::string as_text(const std::vector<Scored>& scored) {
  std::string s;
  for (const auto& f : scored) {
    s += fmt::format("Forecaster '{}'\n", f.name);
    if (!f.unresolved.empty()) {
      std::string list;
      for (const auto& q : f.unresolved) list += (list.empty() ? "" : ", ") + q;
      s += fmt::format("  unresolved (not scored)     {}: {}\n", f.unresolved.size(), list);
    }
    if (const auto& b = f.binary) {
      s += fmt::format("  {:<28}{}\n", "binary questions", b->count);
      for (const auto& metric : kBinaryMetrics) {
        std::string note =
            fmt::format(fmt::runtime(metric.note), fmt::arg("eps", sim::kLogScoreEpsilon));
        s += fmt::format("  {:<28}{}{}\n", metric.label, fixed(metric.value(*b)),
                         note.empty() ? "" : "   " + note);
      }
      std::string terms;
      for (const auto& term : kMurphyTerms)
        terms += fmt::format("{}{} {}", term.note, term.label, fixed(term.value(*b)));
      s += fmt::format("  {:<28}{}\n", "Murphy decomposition", terms);
      s += fmt::format("  calibration ({} bins)\n", b->calibration.size());
      s += "    bin              count  mean forecast  observed\n";
      for (std::size_t k = 0; k < b->calibration.size(); ++k) {
        const auto& bin = b->calibration[k];
        const bool last = k + 1 == b->calibration.size();
        std::string range =
            fmt::format("[{:.2f}, {:.2f}{}", bin.lower, bin.upper, last ? "]" : ")");
        if (bin.count == 0)
          s += fmt::format("    {:<15} {:>6}  {:>13}  {:>8}\n", range, 0, "-", "-");
        else
          s += fmt::format("    {:<15} {:>6}  {:>13.3f}  {:>8.3f}\n", range, bin.count,
                           bin.mean_forecast, bin.observed_frequency);
      }
    }
    if (const auto& c = f.continuous) {
      s += fmt::format("  continuous questions        {}\n", c->count);
      s += fmt::format("  CRPS (mean)                 {}   lower is better, outcome units\n",
                       fixed(c->crps));
      s += fmt::format("  central 50% / 90% coverage  {} / {}   calibrated ≈ 0.5 / 0.9\n",
                       fixed(c->coverage_50, 3), fixed(c->coverage_90, 3));
      std::string hist;
      for (auto n : c->pit_histogram) hist += fmt::format(" {}", n);
      s += fmt::format("  PIT histogram ({} bins)    {}   flat if calibrated\n",
                       c->pit_histogram.size(), hist);
    }
    if (const auto& v = f.versus) {
      s += fmt::format("  against baseline '{}' (paired, 95% bootstrap intervals)\n", v->baseline);
      auto line = [&](std::string_view score, const std::optional<sim::PairedComparison>& c) {
        if (!c) return;
        s += fmt::format(
            "    {:<6} {:>4} common questions  difference {} [{}, {}]  skill {} [{}, {}]\n", score,
            c->count, fixed(c->mean_difference), fixed(c->difference_low),
            fixed(c->difference_high), fixed(c->skill), fixed(c->skill_low), fixed(c->skill_high));
      };
      for (const auto& metric : kPairedMetrics) line(metric.label, (*v).*metric.comparison);
      if (!v->brier && !v->crps) s += "    no question in common with the baseline\n";
    }
  }
  return s;
}

nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

std::string as_json(const std::vector<Scored>& scored, const Args& a) {
  nlohmann::json j;
  j["forecasts"] = a.forecasts;
  j["resolutions"] = a.resolutions;
  j["bins"] = a.bins;
  j["log_epsilon"] = sim::kLogScoreEpsilon;
  if (!a.baseline.empty())
    j["baseline"] = {{"name", a.baseline},
                     {"bootstrap_resamples", a.resamples},
                     {"seed", a.seed},
                     {"confidence", 0.95}};
  j["orientation"] = "scores are losses: lower is better; skills: higher is better";
  j["forecasters"] = nlohmann::json::array();
  for (const auto& f : scored) {
    nlohmann::json e;
    e["name"] = f.name;
    e["unresolved"] = f.unresolved;
    e["binary"] = nullptr;
    e["continuous"] = nullptr;
    if (const auto& b = f.binary) {
      nlohmann::json cal = nlohmann::json::array();
      for (const auto& bin : b->calibration)
        cal.push_back(
            {{"lower", bin.lower},
             {"upper", bin.upper},
             {"count", bin.count},
             {"mean_forecast", bin.count ? nlohmann::json(bin.mean_forecast) : nullptr},
             {"observed_frequency", bin.count ? nlohmann::json(bin.observed_frequency) : nullptr}});
      nlohmann::json& binary = e["binary"];
      binary = {{"count", b->count}, {"calibration", cal}};
      for (const auto& metric : kBinaryMetrics)
        binary[std::string(metric.key)] =
            metric.skill ? number_or_null(metric.value(*b)) : nlohmann::json(metric.value(*b));
      for (const auto& term : kMurphyTerms)
        binary["murphy"][std::string(term.key)] = term.value(*b);
    }
    if (const auto& c = f.continuous) {
      e["continuous"] = {{"count", c->count}, {"pit_histogram", c->pit_histogram}};
      for (const auto& metric : kContinuousMetrics)
        e["continuous"][std::string(metric.key)] = metric.value(*c);
    }
    if (const auto& v = f.versus) {
      auto paired = [](const std::optional<sim::PairedComparison>& c) -> nlohmann::json {
        if (!c) return nullptr;
        return {{"count", c->count},
                {"mean_difference", c->mean_difference},
                {"difference_low", c->difference_low},
                {"difference_high", c->difference_high},
                {"skill", number_or_null(c->skill)},
                {"skill_low", number_or_null(c->skill_low)},
                {"skill_high", number_or_null(c->skill_high)}};
      };
      e["versus_baseline"] = {{"baseline", v->baseline}};
      for (const auto& metric : kPairedMetrics)
        e["versus_baseline"][std::string(metric.key)] = paired((*v).*metric.comparison);
    }
    j["forecasters"].push_back(e);
  }
  return j.dump(2) + "\n";
}

// Long ("tidy") layout: one value per row; the bin columns are empty for summary rows.
std::string as_csv(const std::vector<Scored>& scored) {
  std::string s = "model,metric,bin_lower,bin_upper,value\n";
  auto row = [&](const std::string& model, std::string_view metric, double value,
                 const sim::ReliabilityBin* bin = nullptr) {
    s += fmt::format("{},{},{},{},{}\n", io::csv_quote(model), metric,
                     bin ? fmt::format("{:g}", bin->lower) : "",
                     bin ? fmt::format("{:g}", bin->upper) : "",
                     std::isfinite(value) ? fmt::format("{}", value) : "");
  };
  for (const auto& f : scored) {
    if (!f.unresolved.empty())
      row(f.name, "unresolved_count", static_cast<double>(f.unresolved.size()));
    if (const auto& b = f.binary) {
      row(f.name, "binary_count", static_cast<double>(b->count));
      for (const auto& metric : kBinaryMetrics) row(f.name, metric.key, metric.value(*b));
      for (const auto& term : kMurphyTerms) row(f.name, term.key, term.value(*b));
      for (const auto& bin : b->calibration) {
        row(f.name, "bin_count", static_cast<double>(bin.count), &bin);
        if (bin.count == 0) continue;
        row(f.name, "bin_mean_forecast", bin.mean_forecast, &bin);
        row(f.name, "bin_observed_frequency", bin.observed_frequency, &bin);
      }
    }
    if (const auto& c = f.continuous) {
      row(f.name, "continuous_count", static_cast<double>(c->count));
      for (const auto& metric : kContinuousMetrics) row(f.name, metric.key, metric.value(*c));
      const double nb = static_cast<double>(c->pit_histogram.size());
      for (std::size_t b = 0; b < c->pit_histogram.size(); ++b) {
        const sim::ReliabilityBin bin{static_cast<double>(b) / nb, static_cast<double>(b + 1) / nb};
        row(f.name, "pit_count", static_cast<double>(c->pit_histogram[b]), &bin);
      }
    }
    if (const auto& v = f.versus) {
      auto paired = [&](std::string_view score, const std::optional<sim::PairedComparison>& c) {
        if (!c) return;
        const std::string m = fmt::format("{}_vs_baseline_", score);
        row(f.name, m + "count", static_cast<double>(c->count));
        row(f.name, m + "difference", c->mean_difference);
        row(f.name, m + "difference_low", c->difference_low);
        row(f.name, m + "difference_high", c->difference_high);
        row(f.name, m + "skill", c->skill);
        row(f.name, m + "skill_low", c->skill_low);
        row(f.name, m + "skill_high", c->skill_high);
      };
      for (const auto& metric : kPairedMetrics) paired(metric.key, (*v).*metric.comparison);
    }
  }
  return s;
}

int score(const Args& a) {
  const auto scored = score_files(a);
  switch (a.format) {
    case Format::json:
      emit(as_json(scored, a), a.out);
      break;
    case Format::csv:
      emit(as_csv(scored), a.out);
      break;
    case Format::text:
      emit(as_text(scored), a.out);
      break;
  }
  return 0;
}

}  // namespace

CommandSpec score_command() {
  return {
      "score",
      "Score forecasts against resolutions: Brier, log score, CRPS, calibration, Murphy "
      "decomposition",
      [](CLI::App& app) {
        auto args = std::make_shared<Args>();
        app.add_option("FORECASTS", args->forecasts,
                       "CSV: question,probability (binary) or question,sample (continuous); "
                       "optional model/variant and weight columns")
            ->required();
        app.add_option("RESOLUTIONS", args->resolutions,
                       "CSV: question,outcome (0/1 for binary, a number for continuous)")
            ->required();
        app.add_option("--bins", args->bins, "Calibration-table bins on [0, 1]")
            ->default_val(10)
            ->check(CLI::Range(1, 1000));
        add_output_option(app, args->out);
        app.add_flag("--require-all", args->require_all,
                     "Every forecast question must have a resolution (by default unresolved "
                     "questions are listed and not scored)");
        app.add_option("--baseline", args->baseline,
                       "Compare every forecaster with this one (e.g. persistence) on their common "
                       "questions: paired score differences and skill with bootstrap intervals");
        app.add_option("--seed", args->seed, "Seed of the bootstrap resampling")->default_val(1);
        app.add_option("--resamples", args->resamples, "Bootstrap resamples")
            ->default_val(2000)
            ->check(CLI::Range(0, 1000000));
        add_format_option(app, args->format, {Format::text, Format::json, Format::csv});
        return [args] { return score(*args); };
      }};
}

}  // namespace detente::cli
