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

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"
#include "sim/scoring.hpp"

namespace detente::cli {
namespace {

struct Args {
  std::string forecasts, resolutions, out;
  std::size_t bins = 10;
  Format format = Format::text;
};

struct QuestionForecast {
  enum class Kind { binary, continuous } kind = Kind::binary;
  int first_line = 0;
  double probability = 0;
  std::vector<double> samples, weights;
  bool weighted = false;
};

struct Forecaster {
  std::string name;
  std::vector<std::string> order;  // questions in order of first appearance
  std::map<std::string, QuestionForecast> questions;
};

struct Resolution {
  double outcome = 0;
  int line = 0;
};

struct Scored {
  std::string name;
  std::optional<sim::BinaryScores> binary;
  std::optional<sim::ContinuousScores> continuous;
};

// Runs `read`, turning an InputError into diagnostics so that one pass reports all.
template <typename F>
void collect(Diagnostics& diags, F&& read) {
  try {
    read();
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) diags.add(d.where, d.message);
  }
}

std::vector<Forecaster> read_forecasts(const io::CsvTable& t, Diagnostics& diags) {
  const std::string& file = t.file_name();
  t.require_column("question");
  const bool has_probability = t.column("probability").has_value();
  const bool has_sample = t.column("sample").has_value();
  if (!has_probability && !has_sample)
    fail({file, t.header_line(), "probability"},
         "missing column 'probability' (binary questions) or 'sample' (continuous questions) in "
         "the header");
  const bool has_weight = t.column("weight").has_value();
  if (has_weight && !has_sample)
    fail({file, t.header_line(), "weight"}, "a 'weight' column needs a 'sample' column");
  std::string who_column = t.column("model") ? "model" : t.column("variant") ? "variant" : "";

  std::vector<Forecaster> out;
  std::map<std::string, std::size_t> index;
  for (const auto& row : t.rows()) {
    collect(diags, [&] {
      const std::string& question = t.text(row, "question");
      if (question.empty()) fail(t.where(row, "question"), "missing value: expected a question id");
      std::string who = "forecast";
      if (!who_column.empty()) {
        who = t.text(row, who_column);
        if (who.empty()) fail(t.where(row, who_column), "missing value: expected a name");
      }
      const std::string empty;
      const std::string& p_text = has_probability ? t.text(row, "probability") : empty;
      const std::string& s_text = has_sample ? t.text(row, "sample") : empty;
      if (p_text.empty() == s_text.empty())
        fail(t.where(row, has_probability ? "probability" : "sample"), "{}",
             p_text.empty() ? "missing value: expected a probability or a sample"
                            : "both a probability and a sample: give one per row");
      auto [it, added] = index.try_emplace(who, out.size());
      if (added) out.push_back({who, {}, {}});
      Forecaster& f = out[it->second];
      const bool binary = !p_text.empty();
      auto found = f.questions.find(question);
      if (found != f.questions.end()) {
        const auto& prev = found->second;
        if (binary || prev.kind == QuestionForecast::Kind::binary)
          fail(t.where(row, "question"),
               "question '{}' already has a {} forecast by '{}' (line {}): a binary question "
               "takes one probability row, a continuous one only sample rows",
               question, prev.kind == QuestionForecast::Kind::binary ? "probability" : "sample",
               who, prev.first_line);
      }
      if (binary) {
        const double p = t.number(row, "probability");
        if (p < 0.0 || p > 1.0)
          fail(t.where(row, "probability"), "expected a probability in [0, 1], got {}", p_text);
        QuestionForecast q;
        q.kind = QuestionForecast::Kind::binary;
        q.first_line = row.line;
        q.probability = p;
        f.questions.emplace(question, q);
        f.order.push_back(question);
        return;
      }
      const double x = t.number(row, "sample");
      double w = 1.0;
      bool weighted = false;
      if (has_weight) {
        if (auto v = t.optional_number(row, "weight")) {
          if (*v < 0.0)
            fail(t.where(row, "weight"), "expected a weight >= 0, got {}", t.text(row, "weight"));
          w = *v;
          weighted = true;
        }
      }
      if (found == f.questions.end()) {
        QuestionForecast q;
        q.kind = QuestionForecast::Kind::continuous;
        q.first_line = row.line;
        found = f.questions.emplace(question, q).first;
        f.order.push_back(question);
      }
      found->second.samples.push_back(x);
      found->second.weights.push_back(w);
      found->second.weighted = found->second.weighted || weighted;
    });
  }
  // A weighted sample set needs some positive weight.
  for (const auto& f : out)
    for (const auto& [q, fc] : f.questions) {
      if (fc.kind != QuestionForecast::Kind::continuous) continue;
      double total = 0;
      for (double w : fc.weights) total += w;
      if (!(total > 0))
        diags.addf({file, fc.first_line, "weight"},
                   "the samples of question '{}' by '{}' have total weight 0", q, f.name);
    }
  if (out.empty()) diags.add({file, t.header_line()}, "no forecasts: the file has only a header");
  return out;
}

std::map<std::string, Resolution> read_resolutions(const io::CsvTable& t, Diagnostics& diags) {
  t.require_column("question");
  t.require_column("outcome");
  std::map<std::string, Resolution> out;
  for (const auto& row : t.rows()) {
    collect(diags, [&] {
      const std::string& question = t.text(row, "question");
      if (question.empty()) fail(t.where(row, "question"), "missing value: expected a question id");
      const double outcome = t.number(row, "outcome");
      auto [it, added] = out.try_emplace(question, Resolution{outcome, row.line});
      if (!added)
        fail(t.where(row, "question"), "question '{}' is resolved twice (first at line {})",
             question, it->second.line);
    });
  }
  return out;
}

std::vector<Scored> score_files(const Args& a) {
  // Both files are read before reporting, so that every problem is listed at once.
  Diagnostics diags;
  std::optional<io::CsvTable> ft, rt;
  collect(diags, [&] { ft = io::CsvTable::read_file(a.forecasts); });
  collect(diags, [&] { rt = io::CsvTable::read_file(a.resolutions); });
  std::vector<Forecaster> forecasters;
  std::map<std::string, Resolution> resolutions;
  if (ft) collect(diags, [&] { forecasters = read_forecasts(*ft, diags); });
  if (rt) collect(diags, [&] { resolutions = read_resolutions(*rt, diags); });
  diags.throw_if_any();

  std::vector<Scored> out;
  for (const auto& f : forecasters) {
    std::vector<double> p, o;
    std::vector<sim::SampleForecast> continuous;
    for (const auto& q : f.order) {
      const auto& fc = f.questions.at(q);
      auto r = resolutions.find(q);
      if (r == resolutions.end()) {
        diags.addf({a.forecasts, fc.first_line, "question"},
                   "no resolution for question '{}' in {}", q, a.resolutions);
        continue;
      }
      if (fc.kind == QuestionForecast::Kind::binary) {
        const double y = r->second.outcome;
        if (y != 0.0 && y != 1.0) {
          diags.addf({a.resolutions, r->second.line, "outcome"},
                     "question '{}' has a probability forecast ({}:{}), so its outcome must be 0 "
                     "or 1, got {}",
                     q, a.forecasts, fc.first_line, y);
          continue;
        }
        p.push_back(fc.probability);
        o.push_back(y);
      } else {
        continuous.push_back(
            {fc.samples, fc.weighted ? fc.weights : std::vector<double>{}, r->second.outcome});
      }
    }
    Scored s{f.name, {}, {}};
    if (!p.empty()) s.binary = sim::score_binary(p, o, {.bins = a.bins});
    if (!continuous.empty()) s.continuous = sim::score_continuous(continuous);
    out.push_back(std::move(s));
  }
  diags.throw_if_any();
  return out;
}

std::string fixed(double v, int digits = 4) {
  return std::isnan(v) ? std::string("undefined") : fmt::format("{:.{}f}", v, digits);
}

std::string as_text(const std::vector<Scored>& scored) {
  std::string s;
  for (const auto& f : scored) {
    s += fmt::format("Forecaster '{}'\n", f.name);
    if (const auto& b = f.binary) {
      const auto& m = b->murphy;
      s += fmt::format("  binary questions            {}\n", b->count);
      s += fmt::format("  Brier score (0–1)           {}   lower is better\n", fixed(b->brier));
      s += fmt::format("  log score (nats)            {}   lower is better (−ln p, ε = {:g})\n",
                       fixed(b->log_score), sim::kLogScoreEpsilon);
      s += fmt::format("  base rate                   {}\n", fixed(b->base_rate));
      s += fmt::format("  Brier skill vs base rate    {}   higher is better\n",
                       fixed(b->brier_skill));
      s +=
          fmt::format("  log skill vs base rate      {}   higher is better\n", fixed(b->log_skill));
      s += fmt::format(
          "  Murphy decomposition        reliability {} − resolution {} + uncertainty {} + "
          "within-bin {}\n",
          fixed(m.reliability), fixed(m.resolution), fixed(m.uncertainty), fixed(m.within_bin));
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
  j["orientation"] = "scores are losses: lower is better; skills: higher is better";
  j["forecasters"] = nlohmann::json::array();
  for (const auto& f : scored) {
    nlohmann::json e;
    e["name"] = f.name;
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
      e["binary"] = {{"count", b->count},
                     {"brier", b->brier},
                     {"log_score", b->log_score},
                     {"base_rate", b->base_rate},
                     {"brier_skill", number_or_null(b->brier_skill)},
                     {"log_skill", number_or_null(b->log_skill)},
                     {"murphy",
                      {{"reliability", b->murphy.reliability},
                       {"resolution", b->murphy.resolution},
                       {"uncertainty", b->murphy.uncertainty},
                       {"within_bin", b->murphy.within_bin}}},
                     {"calibration", cal}};
    }
    if (const auto& c = f.continuous) e["continuous"] = {{"count", c->count}, {"crps", c->crps}};
    j["forecasters"].push_back(e);
  }
  return j.dump(2) + "\n";
}

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Long ("tidy") layout: one value per row; the bin columns are empty for summary rows.
std::string as_csv(const std::vector<Scored>& scored) {
  std::string s = "model,metric,bin_lower,bin_upper,value\n";
  auto row = [&](const std::string& model, std::string_view metric, double value,
                 const sim::ReliabilityBin* bin = nullptr) {
    s += fmt::format("{},{},{},{},{}\n", csv_field(model), metric,
                     bin ? fmt::format("{:g}", bin->lower) : "",
                     bin ? fmt::format("{:g}", bin->upper) : "",
                     std::isfinite(value) ? fmt::format("{}", value) : "");
  };
  for (const auto& f : scored) {
    if (const auto& b = f.binary) {
      row(f.name, "binary_count", static_cast<double>(b->count));
      row(f.name, "brier", b->brier);
      row(f.name, "log_score", b->log_score);
      row(f.name, "base_rate", b->base_rate);
      row(f.name, "brier_skill", b->brier_skill);
      row(f.name, "log_skill", b->log_skill);
      row(f.name, "reliability", b->murphy.reliability);
      row(f.name, "resolution", b->murphy.resolution);
      row(f.name, "uncertainty", b->murphy.uncertainty);
      row(f.name, "within_bin", b->murphy.within_bin);
      for (const auto& bin : b->calibration) {
        row(f.name, "bin_count", static_cast<double>(bin.count), &bin);
        if (bin.count == 0) continue;
        row(f.name, "bin_mean_forecast", bin.mean_forecast, &bin);
        row(f.name, "bin_observed_frequency", bin.observed_frequency, &bin);
      }
    }
    if (const auto& c = f.continuous) {
      row(f.name, "continuous_count", static_cast<double>(c->count));
      row(f.name, "crps", c->crps);
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

const bool registered = register_command(
    {"score",
     "Score forecasts against resolutions: Brier, log score, CRPS, calibration, Murphy "
     "decomposition",
     60, [](CLI::App& app) {
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
       app.add_option("-o,--out", args->out, "Write to this file (atomically) instead of stdout");
       add_format_option(app, args->format, {Format::text, Format::json, Format::csv});
       return [args] { return score(*args); };
     }});

}  // namespace
}  // namespace detente::cli
