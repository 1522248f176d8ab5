// detente/bargain/smp_challenge.hpp
//
// The best-challenge search of KTAB's SMP, the cubic step of a turn: each actor i picks
// the target j whose challenge it expects to gain most from, by its own estimates
// (KTAB's probEduChlg with h = k = i), or none when no gain exceeds 1e-5. The gain of
// challenging j needs P[i defeats j], a sum over every third party m of clipped votes
// coupled to the pair (docs/models/smp.md), so evaluating every target costs Θ(n) each and
// Θ(n³) a turn. Branch and bound avoids most of it exactly:
//
//   gain(i, j) = (1 − s_j)·2u_ii + s_j·[p·2u_ii + (1 − p)·2u_ij] − (u_ii + u_ij)
//
// is linear in p = P[i defeats j] ∈ [0, 1], so its largest value over p is an O(1) upper
// bound. Targets are evaluated in decreasing order of that bound, sixteen at a time side
// by side, until the next bound falls below the best gain found; the targets skipped could
// not have been chosen. Each evaluated target sees the same IEEE operations in the same
// order as the one-pair code, and ties go to the lowest index as in KTAB's scan, so the
// choice and P[i defeats j] are bit-identical to evaluating all n targets.
//
// Complexity per turn: Θ(n²) for the principals' votes and the bounds, plus Θ(n) for each
// target whose bound reaches its challenger's best gain — Θ(n³) in the worst case (bounds
// that prune nothing), about 5 % of the n² targets on KTAB's dummyData inputs and on
// 1,000 actors drawn like them (docs/models/smp.md). Memory Θ(n²) (the distances,
// transposed) plus Θ(n) per thread. Threads take challengers one at a time; each writes
// only its own slot, so the result is the same for any thread count.
#pragma once

#include <cstddef>

#include "bargain/smp_terms.hpp"

namespace detente::bargain::smp_terms {

struct ChallengeInputs {
  std::size_t n = 0;
  const double* diff = nullptr;       // n × n, row-major: d(ideal_a, pos_b)
  const double* est = nullptr;        // n × n, row-major: h's estimate of a's risk attitude
  const double* total_sal = nullptr;  // S_a
  const double* weight = nullptr;     // S_a c_a, the weight of a's votes
};

// target[i] = the j with the largest expected gain above 1e-5 (lowest j among equal
// gains), or −1 when there is none; p_target[i] = P[i defeats target[i]] (0 when none).
void best_challenges(const ChallengeInputs& in, Rule rule, Commit commit, int threads, long* target,
                     double* p_target);

}  // namespace detente::bargain::smp_terms
