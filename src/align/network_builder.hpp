// detente/align/network_builder.hpp
//
// Builds a signed international network for a window of years from conflict data as
// peacesciencer exports it: alliance dyad-years (COW Formal Alliances v4.1 or ATOP v5)
// give positive ties, militarized-dispute dyad-years (COW MID v5 or Gibler–Miller–Little)
// negative ones, and a pair with both in the window is negative ("the dispute wins", the
// Doreian–Mrvar recipe). With type weights, a positive tie weighs its strongest alliance
// type (defense/offense 1, entente/neutrality 0.5, non-aggression/consultation 0.25) and a
// negative tie its highest hostility level / 5. Node sizes are mean CINC over the window.
// See docs/models/relation-network.md.
//
// Example:
//   auto net = detente::align::build_conflict_network(
//       "../shared/data/alignment/peacesciencer", {.first_year = 1996, .last_year = 1999});
//   // net.graph (nodes named by COW abbreviation), net.cinc[i], net.ccode[i]
#pragma once

#include <string>
#include <vector>

#include "align/signed_graph.hpp"

namespace detente::align {

struct NetworkBuildOptions {
  int first_year = 1996;
  int last_year = 1999;           // inclusive
  std::string alliances = "cow";  // "cow" (cow_alliance.csv) or "atop" (atop_alliance.csv)
  std::string disputes = "cow";   // "cow" (cow_mid_ddydisps.csv) or "gml" (gml_mid_ddydisps.csv)
  bool type_weights = false;      // false: every tie weighs 1
  int min_hostility = 2;          // dyadic hostility level 2 threat … 5 war; 2 = every MID
  bool defense_only = false;      // positive ties from defense (and offense) pacts only
};

struct BuiltNetwork {
  SignedGraph graph;
  std::vector<int> ccode;    // per node
  std::vector<double> cinc;  // mean CINC over the window (0 when NMC has none)
  int alliance_pairs = 0;    // pairs with an alliance in the window
  int dispute_pairs = 0;     // pairs with a qualifying dispute
  int both = 0;              // pairs with both (made negative)
};

BuiltNetwork build_conflict_network(const std::string& data_dir,
                                    const NetworkBuildOptions& options);

// COW state abbreviation ("USA", "JPN", "ROK"); the number itself when unknown.
std::string cow_abbreviation(int ccode);

}  // namespace detente::align
