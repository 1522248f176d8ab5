// Readers of forecast and resolution CSVs (see forecast_csv.hpp).
#include "io/score/forecast_csv.hpp"

#include <optional>

namespace detente::io {

namespace {

// Runs `read`, turning an InputError into diagnostics so that one pass reports all.
template <typename F>
void collect(Diagnostics& diags, F&& read) {
  try {
    read();
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) diags.add(d.where, d.message);
  }
}

}  // namespace

std::vector<Forecaster> read_forecasts(const CsvTable& t, Diagnostics& diags) {
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

std::map<std::string, Resolution> read_resolutions(const CsvTable& t, Diagnostics& diags) {
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

ForecastSet read_forecast_files(const std::string& forecasts, const std::string& resolutions) {
  // Both files are read before reporting, so that every problem is listed at once.
  Diagnostics diags;
  std::optional<CsvTable> ft, rt;
  collect(diags, [&] { ft = CsvTable::read_file(forecasts); });
  collect(diags, [&] { rt = CsvTable::read_file(resolutions); });
  ForecastSet set;
  if (ft) collect(diags, [&] { set.forecasters = read_forecasts(*ft, diags); });
  if (rt) collect(diags, [&] { set.resolutions = read_resolutions(*rt, diags); });
  diags.throw_if_any();
  return set;
}

}  // namespace detente::io
