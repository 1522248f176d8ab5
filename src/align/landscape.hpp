// detente/align/landscape.hpp
//
// Axelrod–Bennett landscape theory of aggregation (BJPS 1993). Actors of size s_i with
// symmetric propensities p_ij split into two coalitions X; with d_ij(X) = 1 when i and j
// are apart, the energy E(X) = Σ_i Σ_{j≠i} s_i s_j p_ij d_ij(X) (ordered pairs) and actor
// i's frustration s_i·F_i(X) = s_i Σ_j s_j p_ij d_ij(X) (so E = Σ_i s_i F_i). Myopic
// switching only lowers E, so outcomes are local minima; the prediction is the global
// minimum or the minimum with the largest basin of attraction.
//
// exhaustive_landscape walks all 2^(n−1) configurations in Gray-code order (one actor
// switches per step, O(n) update), on several threads with identical results, and lists
// every local minimum with its energy, per-actor frustration and basin (steepest descent).
// heuristic_landscape samples seeded steepest descents for larger n. See
// docs/models/landscape.md. The file reader is io/graph/landscape_csv.hpp.
//
// Example:
//   auto in = detente::align::read_landscape_csv("Actor_data.csv",
//                                                "Pairwise_propensity_Feb_20.csv", 3.0);
//   auto r = detente::align::exhaustive_landscape(in, {.threads = 2});
//   // r.minima[0].energy == -83200, r.minima[0].side (0/1 per actor)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "core/progress.hpp"

namespace detente::align {

struct LandscapeInput {
  std::vector<std::string> actors;
  std::vector<double> size;                     // s_i > 0
  std::vector<std::vector<double>> propensity;  // p_ij, symmetric, diagonal ignored
};

struct LandscapeMinimum {
  double energy = 0;
  std::vector<int> side;            // 0/1 per actor; actor 0 is on side 0
  std::vector<double> frustration;  // s_i·F_i per actor
  double basin = 0;                 // configurations (exhaustive) or sampled starts ending here
  double basin_share = 0;           // basin / all configurations (or all samples)
};

struct LandscapeOptions {
  int threads = 1;  // exhaustive: work split; results identical for any count
  int exact_basin_limit = limits::kLandscapeExactBasinActors;  // exact basins up to this n
  int samples = 20000;  // heuristic (and basins above the limit): descents
  std::uint64_t seed = 1;
  // Progress (core/progress.hpp): configurations walked (exhaustive) or descents done
  // (sampled); nullptr: none. It cannot change a result.
  ProgressSink* progress = nullptr;
};

struct LandscapeResult {
  std::vector<LandscapeMinimum> minima;  // lowest energy first
  double configurations = 0;             // 2^(n−1) for the exhaustive search
  bool exhaustive = false;
  bool basins_exact = false;  // else basins are sampled shares
};

// Energy and per-actor frustration of one configuration.
double landscape_energy(const LandscapeInput& in, const std::vector<int>& side,
                        std::vector<double>* frustration = nullptr);

// All local minima (no single actor can lower E by switching) of all 2^(n−1)
// configurations; n ≤ 34 (throws std::invalid_argument above).
LandscapeResult exhaustive_landscape(const LandscapeInput& in,
                                     const LandscapeOptions& options = {});

// Steepest descents from `samples` seeded random configurations, for any number of
// actors; minima found with their sampled basin shares (not a proof that no other
// minimum exists).
LandscapeResult heuristic_landscape(const LandscapeInput& in, const LandscapeOptions& options = {});

}  // namespace detente::align
