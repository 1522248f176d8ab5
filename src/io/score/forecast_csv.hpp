// detente/io/score/forecast_csv.hpp
//
// Readers of the two CSVs `detente score` takes (layout in docs/scoring.md):
//   - FORECASTS: a `question` column and, per row, either a `probability` (binary question,
//     one row per question and forecaster) or a `sample` (continuous question: many rows
//     per question form its sample set, optional `weight` column); an optional `model` (or
//     `variant`) column names the forecaster.
//   - RESOLUTIONS: `question,outcome` (0/1 for a binary question, any number otherwise).
// Every problem of both files is collected before the InputError is thrown, each with file,
// line and field. O(rows · log questions).
//
// Example:
//   auto set = detente::io::read_forecast_files("forecasts.csv", "resolutions.csv");
//   for (const auto& f : set.forecasters) ... f.questions.at(f.order[0]).probability ...
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/csv.hpp"

namespace detente::io {

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

// The forecasters of a FORECASTS table, in order of first appearance; problems go to `diags`.
std::vector<Forecaster> read_forecasts(const CsvTable& t, Diagnostics& diags);
// The outcomes of a RESOLUTIONS table by question; problems go to `diags`.
std::map<std::string, Resolution> read_resolutions(const CsvTable& t, Diagnostics& diags);

struct ForecastSet {
  std::vector<Forecaster> forecasters;
  std::map<std::string, Resolution> resolutions;
};

// Reads both files, reporting every problem of both at once (InputError).
ForecastSet read_forecast_files(const std::string& forecasts, const std::string& resolutions);

}  // namespace detente::io
