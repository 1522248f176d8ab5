// detente/io/scenario_toml.hpp
//
// Reads and checks a scenario file (the format is documented in docs/scenario-format.md).
// One pass reports every problem found: unknown keys, missing fields, duplicate ids,
// references to unknown actors or issues, numbers out of range and bad dates, each with
// file, line and field. Large tables may live in CSV files the scenario names under
// [tables]; their paths are relative to the scenario file.
//
// Example:
//   detente::Scenario s = detente::io::read_scenario_file("data/scenarios/nea.toml");
//   detente::Scenario b = detente::io::load_scenario("northeast-asia-2024"); // built-in or path
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/scenario.hpp"

namespace detente::io {

// How a scenario is checked. `as_of` replaces the scenario's own as_of date for the as-of
// discipline (a relation starting after it must be expected; an event after it cannot be
// `held`), as `detente validate --as-of DATE` does; the scenario itself is unchanged.
// The contents of a CSV named under [tables] (its path already resolved against the
// scenario's directory); throws InputError when there is none.
using TableSource = std::function<std::string(const std::string& path)>;

struct ReadOptions {
  std::optional<Date> as_of;
  TableSource tables;  // when set, [tables] CSVs come from here instead of files (fuzzers, tests)
};

// Parses scenario text; `file_name` is used in diagnostics and to resolve [tables] paths.
// Throws InputError listing every problem.
Scenario read_scenario(std::string_view toml_text, const std::string& file_name,
                       const ReadOptions& options = {});

Scenario read_scenario_file(const std::string& path, const ReadOptions& options = {});

// A built-in scenario's name, or a path to a scenario file.
Scenario load_scenario(const std::string& name_or_path, const ReadOptions& options = {});

}  // namespace detente::io
