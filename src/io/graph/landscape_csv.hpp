// detente/io/graph/landscape_csv.hpp
//
// Reader of the Axelrod–Bennett landscape example layout: ACTORS.csv with columns
// id,actor,strength (or name/size) and a square PROPENSITIES.csv whose first row and column
// name the actors in the same order (empty diagonal allowed). O(n²) in the number of actors.
//
// Example:
//   auto in = detente::align::read_landscape_csv("Actor_data.csv",
//                                                "Pairwise_propensity_Feb_20.csv", 3.0);
#pragma once

#include <istream>
#include <string>

#include "align/landscape.hpp"

namespace detente::align {

// `offset` is subtracted from every propensity (3 turns a 1–5 scale into −2…+2). Errors
// name file, line and field.
LandscapeInput read_landscape_csv(const std::string& actors_path,
                                  const std::string& propensities_path, double offset = 0);
// The same on streams; the names stand for the paths in diagnostics.
LandscapeInput read_landscape_csv(std::istream& actors, const std::string& actors_name,
                                  std::istream& propensities, const std::string& propensities_name,
                                  double offset = 0);

}  // namespace detente::align
