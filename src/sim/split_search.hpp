// detente/sim/split_search.hpp
//
// The frustration observation of a simulated run at any number of actors: the weighted
// frustration of the tie matrix X minimised over two-way splits s ∈ {±1}ⁿ,
//     F(s) = Σ_{i<j} |x_ij| · [x_ij s_i s_j < 0]  =  ½ Σ_{i<j} (|x_ij| − x_ij s_i s_j),
// and the split that attains it (the `bloc_split` outcomes compare it with a bloc).
//
// Exact where affordable: the meet-in-the-middle search of sim/kernels.hpp, O(2^(n−1)) per
// month, runs while that is within limits::kExactSplitBudget times one month's integration
// work (and n ≤ limits::kExactSplitMaxActors). Above, the best split is searched by local
// search (best single-actor moves, ΔF_i = s_i Σ_j x_ij s_j) from three deterministic starts
// — the previous month's split, the signs of a power-iterated leading vector of X, and a
// colouring of the maximum-|x| spanning tree — each followed by seeded kicks (iterated local
// search); the value is proven within a gap by a lower bound from a fractional packing of
// unbalanced triangles (each needs ≥ 1 frustrated tie, so with y_T ≥ 0 and
// Σ_{T∋e} y_T ≤ |x_e|, F ≥ Σ_T y_T). Every unbalanced triangle holds an odd number of the
// ties the found split frustrates, so the greedy packing walks the triangles on those ties
// (f ties · n ≤ n³/2) and covers them all (limits::kSplitBoundWork can cap it).
// The full search (three starts, four kicks) and a fresh packing run every 6th month from
// the first; in between the previous month's split is improved by local search and the
// last packing is rescaled to the current ties (a triangle no longer unbalanced dropped,
// each kept at min over its ties of min(1, |x_e|/load_e) — still a valid packing).
// Cost per month (heuristic): O(n² · (starts + kicks) + flips · n) for the search and
// O(f log f + f·n) for a fresh bound every sixth month, O(n² + packed triangles) for the
// rescaled one in between — polynomial in n, and at most one integration substep's work.
// No draw is taken from the run's random stream, so the rest of a run is the same
// whatever the method.
//
// Example:
//   detente::sim::SplitSearch search(n, substeps);
//   std::vector<std::int8_t> side(n, 1);
//   detente::sim::SplitValue v = search.run(x, side, month);   // v.frustration, v.lower_bound
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace detente::sim {

// A triangle {a, b, c} of a packing and its share y.
struct PackedTriangle {
  int a, b, c;
  double y;
};

// A packing as its rescaling reads it: each triangle as the flat indices i·n + j (i < j)
// of its three ties and its share y, and per tie the inverse of the packing's total load
// on it (0 where none). add() appends a triangle, finish() computes the loads (O(n² +
// packed triangles)), rescale() reads them each month.
class CompactPacking {
 public:
  void clear(int n);
  void add(int a, int b, int c, double y);
  void finish();
  // The packing made valid for x (see rescaled_packing_bound).
  double rescale(std::span<const double> x);

 private:
  int n_ = 0;
  std::vector<int> ab_, ac_, bc_;
  std::vector<double> y_, inverse_load_, ratio_;
};

struct SplitValue {
  double frustration = 0;  // F of the split found (exact: the minimum)
  double lower_bound = 0;  // proven: no split does better (exact: = frustration)
};

class SplitSearch {
 public:
  // The method for n actors whose dynamics take `substeps` Euler substeps per month.
  SplitSearch(int n, int substeps);

  bool exact() const { return exact_; }
  std::string_view method() const;

  // The best split of x (n×n, row-major, symmetric) into side (±1 per actor, actor 0 on +1).
  // On entry side holds a warm start (the previous month's split; ignored when exact).
  // `month` seeds the kicks.
  SplitValue run(std::span<const double> x, std::span<std::int8_t> side, int month);

 private:
  int n_;
  bool exact_;
  std::vector<double> field_, vec_, next_, residual_, trial_, best_;
  std::vector<std::int8_t> marks_;
  CompactPacking compact_;           // the last fresh packing, for the months in between
  std::vector<std::uint64_t> ties_;  // sort keys of the frustrated ties
  std::vector<double> room_;
  std::vector<int> parent_;
};

// The lower bound alone: greedy fractional packing of the unbalanced triangles on the ties
// that `side` frustrates, at most max_visits triangle visits (the bound is valid for any
// side and any cap; side only orders the work). `residual` has n·n doubles.
double triangle_packing_bound(std::span<const double> x, int n, std::span<const std::int8_t> side,
                              double max_visits, std::span<double> residual);

// A packing's bound on another matrix x: triangles no longer unbalanced dropped, the rest
// scaled so that no tie carries more than |x_e| (valid for any x); exposed for tests.
double rescaled_packing_bound(std::span<const double> x, int n,
                              const std::vector<PackedTriangle>& packed);

}  // namespace detente::sim
