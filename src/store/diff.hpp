// detente/store/diff.hpp
//
// What differs between two stored runs: the inputs (command, options, seeds, input files
// and, for scenario files kept in the store, every changed field) and the results that
// moved (every number of the result_values view), grouped by quantity (outcome
// probabilities, forecasts, settlements, frustration, other values), largest change first.
// O(R log R) for R result values; scenario fields are compared as flattened TOML paths
// (arrays of tables are keyed by their `id`: actor[CHN].capability.value).
//
// Example:
//   RunDiff d = diff_runs(store, "3fa9", "b07c");
//   for (const auto& c : d.results) fmt::print("{} {} {:+.3f}\n", c.quantity, c.subject, c.delta);
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/run_store.hpp"

namespace detente::store {

struct InputChange {
  std::string kind;  // "command", "option", "seed", "input", "field"
  std::string name;  // option name, input path, or "path: field"
  std::string a, b;  // the values in each run ("" when absent)
};

struct ResultChange {
  std::string quantity, subject;
  std::optional<double> a, b;  // absent when only one run has the value
  double delta = 0;            // b − a (0 when one is absent)
};

struct RunDiff {
  std::string a, b;  // full run ids
  std::vector<InputChange> inputs;
  std::vector<ResultChange> results;  // moved (|delta| > tolerance) or present in one only
  std::size_t unchanged = 0;          // values equal in both runs
};

RunDiff diff_runs(RunStore& store, const std::string& a, const std::string& b,
                  double tolerance = 0);

nlohmann::ordered_json to_json(const RunDiff& diff);

// Flattened fields of a TOML text ("actor[CHN].capability" → "0.31"); empty if not TOML.
std::vector<std::pair<std::string, std::string>> toml_fields(const std::string& text);

}  // namespace detente::store
