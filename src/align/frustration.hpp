// detente/align/frustration.hpp
//
// The frustration index (line index of balance) of a signed graph: the least number, or
// total weight, of ties whose removal makes the graph balanced, i.e. the minimum over
// two-way partitions of the positive ties between the sides plus the negative ties within
// a side. frustration_exact proves optimality with its own branch and bound (biconnected
// blocks solved apart; Russian-doll search, whose bound is the exact index of the graph's
// unassigned suffix plus the cheapest side of every unassigned node). A node budget (a
// count of search nodes, so the same on every machine) or a wall-clock time limit stops
// the search early: it then returns the best partition found with a proven lower bound
// and optimal = false. See docs/models/frustration.md for the model, bounds and complexity.
//
// Example:
//   auto g = detente::align::read_signed_graph("tribes_gahuku_gama_signed.csv");
//   auto r = detente::align::frustration_exact(g, {.weighted = false});
//   // r.frustration == 7, r.optimal, r.side[i] ∈ {0,1}, r.frustrated = edge indices
#pragma once

#include <cstdint>
#include <vector>

#include "align/signed_graph.hpp"

namespace detente::align {

struct FrustrationOptions {
  bool weighted = true;  // false: every tie counts 1 whatever its weight
  // Wall-clock limit, 0 = none. Where it stops depends on the machine's speed and load, so
  // a result it cuts short is not reproducible; prefer node_budget.
  double time_limit_seconds = 0;
  std::uint64_t seed = 1;  // local search that seeds the upper bound
  // Branch-and-bound nodes over all blocks, 0 = none. Deterministic: the same budget gives
  // the same partition and bound on any machine. When it runs out, the cycle-packing bound
  // gets kCyclePackingWorkPerNode arc scans per budgeted node of its own.
  long long node_budget = 0;
};

// Why the search ended.
enum class FrustrationStop { finished, node_budget, time_limit };

struct FrustrationResult {
  double frustration = 0;       // weight (count) of the frustrated ties under `side`
  double lower_bound = 0;       // proven: no partition does better
  bool optimal = false;         // lower_bound == frustration
  std::vector<int> side;        // 0 or 1 per node; node 0 is on side 0
  std::vector<int> frustrated;  // indices into g.edges
  long long search_nodes = 0;   // branch-and-bound nodes visited
  FrustrationStop stopped = FrustrationStop::finished;
  double seconds = 0;
};

// Arc scans the cycle-packing bound may spend per budgeted node when a node budget stops
// the search (a search node costs about as much as scanning a few dozen arcs).
inline constexpr long long kCyclePackingWorkPerNode = 16;

FrustrationResult frustration_exact(const SignedGraph& g, const FrustrationOptions& options = {});

// A lower bound on the frustration index from edge-disjoint (in the weighted case,
// fractionally packed) unbalanced cycles, shortest first; `seconds` > 0 caps the effort in
// wall time, `work` > 0 in arc scans (deterministic).
double frustration_cycle_bound(const SignedGraph& g, bool weighted = true, double seconds = 0,
                               long long work = 0);

// Whether edge e is frustrated under `side` (positive across, or negative within).
inline bool is_frustrated(const SignedEdge& e, const std::vector<int>& side) {
  return (side[e.u] != side[e.v]) == (e.sign > 0);
}
// Total weight (or count) of the frustrated ties under `side`.
double frustration_of(const SignedGraph& g, const std::vector<int>& side, bool weighted = true);
std::vector<int> frustrated_edges(const SignedGraph& g, const std::vector<int>& side);

// Single-node moves until no move lowers the frustration (a local optimum), in place.
// Returns the resulting frustration.
double improve_by_moves(const SignedGraph& g, std::vector<int>& side, bool weighted = true);

// A two-colouring of g without the ties in `removed` (which must leave it balanced):
// positive ties join equal sides, negative ties opposite ones. Node 0 of each
// component gets side 0.
std::vector<int> balanced_sides(const SignedGraph& g, const std::vector<char>& removed);

}  // namespace detente::align
