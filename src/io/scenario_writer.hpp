// detente/io/scenario_writer.hpp
//
// Writes a scenario as TOML in the format `read_scenario` reads (docs/scenario-format.md):
// [scenario], [[actor]], [[issue]], [[position]], [[relation]], [[event]], [data],
// [simulation], [dynamics], [[stochastic]], [[variant]] (with its events, positions and
// dynamics) and [[outcome]]. Every sourced number keeps its source and distribution, so
// reading the text back gives the same scenario (tested on the built-in case: read, write,
// read, write is a fixed point). Relations from a [tables] CSV are written inline; event
// files under [data] are written as stored (resolved paths).
//
// Comments: `WriteOptions::header` lines open the file, and `section_comments[name]` lines
// are written before a section ("actor", "issue", "position", "relation", "event", "data",
// "simulation", "dynamics", "stochastic", "variant", "outcome") — also when the section is
// empty, which is how `detente draft` says what the analyst still has to fill in.
//
// Numbers are written in the shortest form that reads back to the same double.
// O(size of the scenario).
//
// Example:
//   detente::io::WriteOptions w;
//   w.header = {"Drafted from data on 2010-06-01"};
//   w.section_comments["issue"] = {"Issues and positions are the analyst's."};
//   std::string toml = detente::io::write_scenario_toml(scenario, w);
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/scenario.hpp"

namespace detente::io {

struct WriteOptions {
  std::vector<std::string> header;  // comment lines at the top (without "# ")
  std::map<std::string, std::vector<std::string>> section_comments;
};

std::string write_scenario_toml(const Scenario& scenario, const WriteOptions& options = {});

// A TOML basic string with its quotes ("a \"b\"\n").
std::string toml_string(std::string_view text);

}  // namespace detente::io
