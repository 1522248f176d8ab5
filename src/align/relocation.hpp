// detente/align/relocation.hpp
//
// Heuristics for large signed graphs (10^5–10^6 ties), where the exact frustration index
// is out of reach: Doreian–Mrvar structural-balance blockmodeling by relocation (k
// clusters; criterion P = α·N + (1−α)·P, N = negative weight inside clusters, P =
// positive weight between clusters) from many seeded random starts, and a frustration
// heuristic (k = 2, α = 1/2, so P = L/2) that adds iterated perturbation. Every random
// choice derives from the seed and the start's index, so results are identical for any
// thread count. A heuristic's value is an upper bound on the exact index.
//
// Example:
//   auto bm = detente::align::signed_blockmodel(g, {.clusters = 3, .starts = 50});
//   // bm.cluster[i] ∈ {0,1,2}, bm.criterion, bm.negative_within, bm.positive_between
//   auto h = detente::align::frustration_heuristic(g, {.starts = 20, .seed = 7});
#pragma once

#include <cstdint>
#include <vector>

#include "align/frustration.hpp"
#include "align/signed_graph.hpp"

namespace detente::align {

struct BlockmodelOptions {
  int clusters = 2;    // k >= 1
  double alpha = 0.5;  // weight of negative ties inside clusters (0..1)
  int starts = 20;     // random starts of the relocation search
  std::uint64_t seed = 1;
  bool weighted = true;  // false: every tie counts 1
  int threads = 1;       // starts are shared among threads; result does not depend on it
};

struct BlockmodelResult {
  std::vector<int> cluster;      // 0..k-1 per node
  double criterion = 0;          // α·N + (1−α)·P
  double negative_within = 0;    // N
  double positive_between = 0;   // P
  int starts_reaching_best = 0;  // how many starts ended at the best criterion
};

// Relocation: from a random partition, move single nodes to the cluster that lowers
// the criterion most until no move helps; the best of `starts` local optima is returned.
BlockmodelResult signed_blockmodel(const SignedGraph& g, const BlockmodelOptions& options = {});

// The Doreian–Mrvar criterion of a given partition.
BlockmodelResult blockmodel_criterion(const SignedGraph& g, const std::vector<int>& cluster,
                                      double alpha = 0.5, bool weighted = true);

struct FrustrationHeuristicOptions {
  int starts = 16;  // independent starts (spanning-tree and random colourings)
  int kicks = 50;   // perturbations per start (iterated local search)
  std::uint64_t seed = 1;
  bool weighted = true;
  int threads = 1;
};

// Best two-way partition found; optimal is false and lower_bound is 0 unless the value
// is 0. starts_reaching_best says how often independent starts agree.
struct FrustrationHeuristicResult {
  FrustrationResult result;
  int starts_reaching_best = 0;
};
FrustrationHeuristicResult frustration_heuristic(const SignedGraph& g,
                                                 const FrustrationHeuristicOptions& options = {});

}  // namespace detente::align
