// detente/bargain/smp_terms.hpp
//
// The per-term formulas of KTAB's SMP that its Θ(n²) and Θ(n³) loops evaluate: a voter's
// vote under each voting rule, KTAB's bsUtil, and a third party's vote in a contest. Inline
// and branch-light, so that the loops in smp.cpp and smp_challenge.cpp vectorise; internal
// to those two files (the public entry points are in smp.hpp).
#pragma once

#include <algorithm>
#include <type_traits>

#include "bargain/smp.hpp"

namespace detente::bargain::smp_terms {

using Rule = SmpOptions::VotingRule;
using Commit = SmpOptions::ThirdPartyCommit;

// Calls f(std::integral_constant<Rule, rule>{}): the voting rule as a compile-time
// constant, so that the O(n³) loops hold no switch.
template <typename F>
void with_rule(Rule rule, F f) {
  switch (rule) {
    case Rule::binary:
      return f(std::integral_constant<Rule, Rule::binary>{});
    case Rule::prop_bin:
      return f(std::integral_constant<Rule, Rule::prop_bin>{});
    case Rule::proportional:
      return f(std::integral_constant<Rule, Rule::proportional>{});
    case Rule::prop_cbc:
      return f(std::integral_constant<Rule, Rule::prop_cbc>{});
    case Rule::cubic:
      return f(std::integral_constant<Rule, Rule::cubic>{});
    case Rule::asym_prosp:
      return f(std::integral_constant<Rule, Rule::asym_prosp>{});
  }
}

// The vote of a voter of weight w between options it values ua and ub: positive for a.
// T is double or a GCC vector of doubles (the coalition sums evaluate eight at a time);
// each lane sees the same operations as the scalar, so the same bits.
template <typename T>
[[gnu::always_inline]] inline T clamp_unit(T x) {  // std::clamp(x, -1.0, 1.0), NaN kept
  const T lo = T{} - 1.0, hi = T{} + 1.0;
  return x < lo ? lo : (hi < x ? hi : x);
}
template <typename T>
[[gnu::always_inline]] inline T vote_r(Rule rule, T w, T ua, T ub) {
  const T du = ua - ub;
  switch (rule) {
    case Rule::binary:
      return w * clamp_unit(du / 1e-8);
    case Rule::prop_bin:
      return w * (0.8 * du + 0.2 * clamp_unit(du / 1e-8));
    case Rule::proportional:
      return w * du;
    case Rule::prop_cbc:
      return w * (0.5 * du + 0.5 * du * du * du);
    case Rule::cubic:
      return w * du * du * du;
    case Rule::asym_prosp:  // losses count in full, gains two-thirds
      return du < T{} ? w * du : 2.0 * w * du / 3.0;
  }
  return w * du;
}

// KTAB's bsUtil: the utility (1 − d)(1 + d·R) of a position at distance d for risk attitude
// R (d capped at 1 inside the second factor).
[[gnu::always_inline]] inline double utility_at(double d, double r) {
  return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r);
}

// Third party m's vote in the contest (i : j), positive for i: m first judges the "little
// contest" with only the principals (coalitions base_i : base_j) and itself, then compares
// the sums of three position utilities after each outcome, by commitment model.
[[gnu::always_inline]] inline double third_party_vote(Rule rule, Commit tpc, double wm, double umi,
                                                      double umj, double umm, double base_i,
                                                      double base_j) {
  const double vm = vote_r(rule, wm, umi, umj);
  const double ci = vm > 0 ? base_i + vm : base_i;
  const double cj = vm < 0 ? base_j - vm : base_j;
  const double pin = ci / (ci + cj), pjn = 1 - pin;
  double ik_def_j, j_def_ik, i_def_jk, jk_def_i;
  if (tpc == Commit::full_commit) {
    ik_def_j = i_def_jk = 3 * umi;
    j_def_ik = jk_def_i = 3 * umj;
  } else if (tpc == Commit::semi_commit) {
    ik_def_j = 2 * umi + umm;
    j_def_ik = 3 * umj;
    i_def_jk = 3 * umi;
    jk_def_i = 2 * umj + umm;
  } else {
    ik_def_j = i_def_jk = 2 * umi + umm;
    j_def_ik = jk_def_i = 2 * umj + umm;
  }
  const double u_ik_j = pin * ik_def_j + pjn * j_def_ik;
  const double u_i_jk = pin * i_def_jk + pjn * jk_def_i;
  return vote_r(rule, wm, u_ik_j, u_i_jk);
}

// The principals' own votes in the contest (i : j) opened the coalitions: C_ij and C_ji
// start at KTAB's floor 1e-10 plus the positive parts of i's vote (u_ii against u_ij,
// weight w_i) and j's (u_ji against u_jj, weight w_j).
struct Principals {
  double ci, cj;
};
[[gnu::always_inline]] inline Principals principal_votes(Rule rule, double wi, double uii,
                                                         double uij, double wj, double uji,
                                                         double ujj) {
  double ci = 1e-10, cj = 1e-10;
  const double vi = vote_r(rule, wi, uii, uij), vj = vote_r(rule, wj, uji, ujj);
  if (vi > 0) ci += vi;
  if (vi < 0) cj -= vi;
  if (vj > 0) ci += vj;
  if (vj < 0) cj -= vj;
  return {ci, cj};
}

// i's expected gain from challenging j (KTAB's probEduChlg with h = k = i): j, of total
// salience sj, yields with probability 1 − sj; else the contest is won with probability pij.
[[gnu::always_inline]] inline double challenge_gain(double uii, double uij, double sj, double pij) {
  const double u_vict = 2 * uii, u_loss = 2 * uij, eu_sq = uii + uij;
  const double eu_contest = pij * u_vict + (1 - pij) * u_loss;
  return (1 - sj) * u_vict + sj * eu_contest - eu_sq;
}

}  // namespace detente::bargain::smp_terms
