// detente/bargain/smp_coalitions.hpp
//
// The coalition matrix of a Probabilistic Condorcet Election in KTAB's SMP: for m options
// valued by n voters (utilities u[k·m + a], vote weights w[k]),
//
//   C_ab = 1e-8 + Σ_k max(0, vote_k(a, b))   (the sum over k in order),
//
// by the voting rule. Θ(n·m²): every pair by every voter, as the clipping at zero is per
// voter. Above 8 options (the risk PCE over all positions) the sums for sixteen options b
// and four options a run side by side in registers, the voters streamed once per block
// from a copy of u packed by tiles of b; up to 8 (a bargain queue), one pair at a time.
// Each sum sees the same operations in the same order either way, so the bits are those
// of the plain triple loop on any processor and for any thread count (threads split the
// blocks of a). Internal to smp.cpp.
#pragma once

#include <cstddef>
#include <vector>

#include "bargain/smp_terms.hpp"

namespace detente::bargain::smp_terms {

// C, row-major m × m, with 1e-8 on the diagonal.
std::vector<double> coalitions(Rule rule, const std::vector<double>& w,
                               const std::vector<double>& u, std::size_t n_voters, std::size_t m,
                               int threads = 1);

}  // namespace detente::bargain::smp_terms
