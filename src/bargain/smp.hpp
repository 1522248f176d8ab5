// detente/bargain/smp.hpp
//
// The Spatial Model of Politics of KAPSARC's KTAB (Wise, Lester, Efird et al.), rebuilt
// from its published description and MIT-licensed source: multi-dimensional positions on
// [0, 1]^D, Probabilistic Condorcet Elections (PCE), risk attitudes inferred from each
// position's PCE probability, challenges with third-party votes, bargains interpolated
// between challenger and target, each actor choosing among the bargains that involve it
// by a PCE over them, and KTAB's stopping rule. The option names and values are those of
// KTAB's XML <ModelParameters>; the defaults are smpc's (as its logs print them).
// Equations: docs/models/smp.md. Complexity per turn: the best-challenge search is Θ(n²)
// plus Θ(n) for each target whose O(1) upper bound on the gain reaches its challenger's
// best (exact branch and bound, smp_challenge.hpp; Θ(n³) in the worst case, 4–30 % of the
// targets measured), and the risk PCE's coalitions Θ(n³/2) (n² pairs × n voters, the
// clipping per voter: smp_coalitions.hpp), both vectorised (AVX-512/AVX2/SSE2 giving the
// same bits) and threaded; O(n·Σ_k b_k²) for the bargain PCEs.
//
// Example:
//   SmpOptions o;                   // KTAB defaults
//   SmpResult r = smp(problem, o);  // all issues of the problem are the dimensions
//   r.turns.back()[actor][dim];     // final positions on the input's scale
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

struct SmpOptions {
  // KTAB's parameters, with its names for the values (the tables in smp.cpp).
  enum class VictoryProbModel { linear, square, quartic, octic, binary };
  enum class PceModel { conditional, markov_incentive, markov_uniform };
  enum class StateTransitions { deterministic, stochastic };
  enum class VotingRule { binary, prop_bin, proportional, prop_cbc, cubic, asym_prosp };
  enum class BigRAdjust { full, two_thirds, half, one_third, no };
  enum class BigRRange { min, mid, max };
  enum class ThirdPartyCommit { no_commit, semi_commit, full_commit };
  enum class InterVecBrgn { s1p1, s2p2, s2pmax };
  enum class BargnModel { init_only_interp, init_rcvr_interp, pw_comp_interp };
  enum class CapabilityScale { max100, as_given };
  enum class Dimensions { joint, separate };

  VictoryProbModel victory_prob_model = VictoryProbModel::linear;  // Linear|Square|…|Binary
  PceModel pce_model = PceModel::conditional;  // Conditional|MarkovIncentive|MarkovUniform
  StateTransitions state_transitions = StateTransitions::deterministic;
  VotingRule voting_rule = VotingRule::proportional;  // Binary|PropBin|Proportional|…
  BigRAdjust big_r_adjust = BigRAdjust::one_third;    // Full|TwoThirds|Half|OneThird|No
  BigRRange big_r_range = BigRRange::mid;             // Min|Mid|Max
  ThirdPartyCommit third_party_commit = ThirdPartyCommit::semi_commit;
  InterVecBrgn inter_vec_brgn = InterVecBrgn::s2p2;  // S1P1|S2P2|S2PMax
  BargnModel bargn_model = BargnModel::init_only_interp;
  std::uint64_t seed = 1;         // prngSeed: only Stochastic transitions draw
  int min_iter = 2;               // stopping rule: at least this many turns,
  int max_iter = 100;             // at most this many,
  double min_delta_ratio = 0.02;  // stop once a turn moves < 2% of the first turn's movement
  double min_sig_delta = 1e-4;    // added to the first turn's movement
  int threads = 1;                // results are identical for any thread count
  // max100 rescales capabilities so the largest is 100 (unit-free results); as_given
  // uses them as entered, like KTAB (whose fixed floors make results unit-dependent).
  CapabilityScale capability_scale = CapabilityScale::max100;
  // joint: all issues are the dimensions of one SMP (KTAB's use); separate: each issue
  // is its own one-dimensional SMP (independent questions, as in a scenario).
  Dimensions dimensions = Dimensions::joint;
};

// Reads KTAB's parameter names (VictoryProbModel, …, prngSeed) and the stopping-rule
// names (minIter, maxIter, minDeltaRatio, minSigDelta, capabilityScale, threads); InputError on
// unknown names/values.
SmpOptions smp_options(const OptionValues& values, nlohmann::json* used = nullptr);
// One line per option: name, default and valid values (for --help and docs).
std::string smp_option_help();

struct SmpResult {
  // turns[t][actor][dim]: positions on the problem's scale; turns[0] is the input.
  std::vector<std::vector<std::vector<double>>> turns;
  std::vector<double> fractional_change;  // per turn t >= 1: dist(t, t−1) / (dist(0, 1) + δ)
  bool converged = false;                 // stopped by the movement rule, not maxIter
  // PCE over the distinct final positions (proportional voting, as KTAB reports its
  // "winning probabilities"): each actor's position's probability (actors sharing a
  // position show the same one), and the probability-weighted position per dimension.
  std::vector<double> final_probability;
  std::vector<double> forecast;
};

SmpResult smp(const BargainingProblem& problem, const SmpOptions& options);

// Pieces of KTAB's PCE, exposed for tests; the names are KTAB's (an unknown one is an
// InputError listing the valid ones).
namespace smp_detail {
double vote(const std::string& rule, double weight, double u_a, double u_b);
// P[a beats b] from coalition strengths under a victory-probability model.
double victory_probability(const std::string& model, double strength_a, double strength_b);
// Option probabilities from the coalition matrix c (row-major, n × n).
std::vector<double> pce(const std::string& pce_model, const std::string& vp_model,
                        const std::vector<double>& coalitions, std::size_t n);
double bs_util(double distance, double risk);
}  // namespace smp_detail

ModelRun run_smp_model(const BargainingProblem& problem, const RunSettings& settings);

}  // namespace detente::bargain
