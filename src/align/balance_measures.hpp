// detente/align/balance_measures.hpp
//
// How balanced a signed network is, on several scales: the share of balanced triangles
// (a triangle is balanced when the product of its signs is positive; weighted by the
// product of tie weights in the weighted ratio), Estrada's walk-based degree of balance
// (Σ exp λ_i(A) / Σ exp μ_i(|A|), closed walks weighted by 1/k!), the normalised
// frustration 1 − L/(W/2), and a polarization index of a two-bloc split. Definitions and
// references: docs/models/balance-measures.md.
//
// Example:
//   auto r = detente::align::frustration_exact(g);
//   auto m = detente::align::balance_measures(g, r.side);
//   // m.triangle_ratio, m.walk_balance, m.polarization
#pragma once

#include <vector>

#include "align/signed_graph.hpp"

namespace detente::align {

struct BalanceMeasures {
  long long triangles = 0;
  double triangle_ratio = 1;           // balanced / all triangles (1 when there are none)
  double triangle_ratio_weighted = 1;  // Σ_balanced w_ij w_jk w_ki / Σ_all
  double walk_balance = 1;             // Estrada; NaN above walk_limit nodes
  double frustration = 0;              // of `side`: weight of frustrated ties
  double normalised_frustration = 1;   // 1 − L/(W/2), W = total tie weight
  double polarization = 0;             // 4·s0·s1·max(0, 1 − 2L/W); s = bloc shares of size
};

// `side` is a two-way split (e.g. the exact optimum); `size` optionally weights nodes in
// the polarization index (capabilities), otherwise every node counts 1. The walk index
// needs a dense eigendecomposition and is computed for up to `walk_limit` nodes.
BalanceMeasures balance_measures(const SignedGraph& g, const std::vector<int>& side,
                                 bool weighted = true, const std::vector<double>& size = {},
                                 int walk_limit = 3000);

// Each node's share of the frustration under `side`: the weight (or count) of its
// frustrated ties — how far it sits from its "natural" side (a tie counts at both ends).
std::vector<double> node_frustration(const SignedGraph& g, const std::vector<int>& side,
                                     bool weighted = true);

}  // namespace detente::align
