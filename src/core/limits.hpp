// detente/core/limits.hpp
//
// Every size limit of the engine, in one place, each with the reason for it. Limits on
// inputs are checked once, where the input is read or a model compiled, and reported as
// input errors (exit 1) that name the limit; the other constants choose between an exact
// method and a bounded heuristic (docs/models/dynamics.md, frustration.md, landscape.md)
// and are not limits on what can be analysed.
#pragma once

#include <cstdint>

namespace detente::limits {

// Actors in a scenario that is simulated. A run holds dense n×n tie matrices and costs
// O(n³) per integration substep; at 1,000 actors one 24-month run takes seconds and a
// worker's scratch ~50 MB, the most an ensemble can use. The state system has ~193.
inline constexpr int kMaxActors = 1000;

// The exact search of a run's best two-bloc split (sim/kernels.cpp, meeting in the middle,
// O(2^(n−1)) per month) keeps a split in 64 bits and its low half in fixed arrays: it runs
// for at most this many actors, and only while its cost is within kExactSplitBudget.
inline constexpr int kExactSplitMaxActors = 24;

// The exact split search runs while 2^(n−1) ≤ kExactSplitBudget · (work of one month's
// integration, substeps · n²(n−1)/2 multiply-adds): the observation may cost a few times
// the dynamics it observes (its steps are cheap vectorised adds). With the default one
// substep that is exact up to 12 actors, with 2 substeps up to 14. Above, a seeded local search with a proven
// triangle-packing lower bound (sim/split_search.hpp) reports exact = false and its gap.
inline constexpr double kExactSplitBudget = 4.0;

// The triangle-packing lower bound of the heuristic split search visits the triangles on
// the ties the found split frustrates (every unbalanced triangle has one), heaviest tie
// first, at most kSplitBoundWork · n³ triangles, in the months of a fresh packing (every
// sixth; in between the packing is rescaled in O(packed triangles)). At 0.5 that is no cap
// (f ties · n ≤ n³/2) and costs at most one integration substep's work; a smaller value
// keeps the bound valid, only looser (the reported gap says by how much).
inline constexpr double kSplitBoundWork = 0.5;

// The main job's alignment section (and the workbench's network view): the exact
// branch-and-bound split search (align/frustration.hpp) of the relation network stops after
// this many search nodes and then reports its best split with a proven lower bound and
// exact = false. A count of nodes, not a time, so the result is the same on every machine
// and thread count. The built-in case needs 12 nodes, a synthetic 50-actor system 16,000;
// 10⁷ nodes take 0.4–0.8 s on this project's machine (synthetic 193 actors, 579 ties).
inline constexpr long long kAlignmentSplitNodeBudget = 10'000'000;

// Landscape theory: the exhaustive walk visits 2^(n−1) configurations; configurations are
// 64-bit words (so ≤ 64) and the walk of 2^33 configurations takes minutes on 2 cores.
inline constexpr int kLandscapeExhaustiveMaxActors = 34;
// `method = auto` is exhaustive up to this many actors (2^29 configurations, ~10 s).
inline constexpr int kLandscapeAutoExhaustiveActors = 30;
// The main job's alignment section: exhaustive landscape up to this many actors
// (2^23 configurations, well under a second), sampled descents above.
inline constexpr int kLandscapeReportExhaustiveActors = 24;
// Exact basins of attraction keep one 32-bit successor per configuration: 2^(n−1) · 4
// bytes, 32 MB at 24 actors.
inline constexpr int kLandscapeExactBasinActors = 24;

}  // namespace detente::limits
