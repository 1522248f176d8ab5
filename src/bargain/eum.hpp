// detente/bargain/eum.hpp
//
// Bueno de Mesquita's expected-utility model (EUM, "Policon"), as specified by Scholz,
// Calbert & Smith (2011), with every point on which the paper, its figures and its code
// disagree exposed as a named option. One issue at a time; each round: risk exponents
// from security levels (with r = 1), expected utilities of challenge for every ordered
// pair, offers by octant (conflict, compromise, compel/capitulation, status quo), each
// actor accepts one offer, all move at once. Equations: docs/models/eum.md.
// Complexity per round: O(n²) time and memory — pairwise supports by prefix sums over
// sorted positions, produced one actor's row at a time by two pointers over the midpoints
// and used at once (no n × n table of supports), 3n² powers (none where r = 1); blocks of
// rows on threads for n ≥ 64, results identical for any thread count (docs/models/eum.md).
//
// Example:
//   EumOptions o;              // defaults reproduce Scholz's code (Table 2 within 0.3)
//   o.rounds = 8;
//   EumResult r = eum(problem, 0, o);
//   r.rounds[8].median;        // 9.6 years in Scholz's Table 2
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

struct EumOptions {
  enum class Probability { all_pairs, pair };
  enum class Perspective { mirror, own };
  enum class Security { challenged, challenging };
  enum class SecurityPerspective { target, challenger };
  enum class TRule { endpoint, direction, one, zero };
  enum class CompromiseRegion { figure, text };
  enum class Selection { scholz_code, least_move };
  enum class Conflict { deterministic, stochastic };
  enum class Range { initial, current, scale };

  int rounds = 8;  // τ: Scholz runs a fixed number of rounds
  // Q, the probability that the status quo persists if i does not challenge j. Scholz
  // chose 1.0 for the 1994 case (BDM gave none); 0.5 is the other value in the paper.
  double q = 1.0;
  // P normalisation: all_pairs divides i's support by the sum of |votes| over all
  // ordered pairs of positions (Scholz's code, per jmckib); pair divides by the |votes|
  // over i and j only, so P^i + P^j = 1 (the paper's eq. 30/31, Masad).
  Probability probability = Probability::all_pairs;
  // Whether votes in P weigh distance with the voter's risk exponent, (|Δ|/R)^r_k
  // (Scholz's code), or linearly (the paper).
  bool vote_risk = true;
  // Whose risk exponent evaluates E(U_ji) when i weighs j's offer: mirror = i's own for
  // both sides (Scholz's code), own = each side its own r.
  Perspective perspective = Perspective::mirror;
  // Which sum measures security: challenged Sec_i = Σ_j E(U_ji) (what adversaries
  // expect from challenging i, the paper) or challenging Sec_i = Σ_j E(U_ij).
  Security security = Security::challenged;
  // A2, the superscript in the security sum: E^i(U_ji) evaluated with the target i's risk
  // exponent (target, the Appendix and Scholz's code) or E^j(U_ji) with the challenger
  // j's (challenger, the prose). Only matters when risk_reset = false.
  SecurityPerspective security_perspective = SecurityPerspective::target;
  // T in the no-challenge term (matters when q < 1): endpoint T = 1 iff |x_i − μ| <
  // |x_i − x_j| (j arriving at μ leaves it nearer i: the paper's cases 1 and 3A);
  // direction T = 1 iff j's first step toward μ brings it nearer i; one; zero.
  TRule t_rule = TRule::endpoint;
  // Whether security is evaluated with every r = 1 each round (the paper: "first
  // determine the expected utilities using r_i = 1") or with the previous round's r.
  bool risk_reset = true;
  // A3, the region of compromise when j has the upper hand: figure (Figure 6: a < 0 <
  // b, |b| > |a|) or text (the printed b < 0, i.e. both negative, |b| > |a|).
  CompromiseRegion compromise_region = CompromiseRegion::figure;
  // Whether compel/capitulation offers (a < 0 < b, |a| > |b|: full move) are made.
  // Scholz's code never makes them (its test is always false).
  bool compel = false;
  // Offer selection: scholz_code (conflicts first, least move; then compromises by the
  // smallest EU-weighted position; then capitulations) or least_move (the paper: the
  // offer that moves the actor least; ties to the more enforceable, higher E(U_ji)).
  Selection selection = Selection::scholz_code;
  // Conflict resolution: deterministic (the lower-EU side gives way fully) or
  // stochastic (Masad: i gives way with probability P^j, drawn from `seed`).
  Conflict conflict = Conflict::deterministic;
  // R, the scale range: initial (range of the input positions, Scholz's code), current
  // (range of each round's positions) or scale (the issue's declared scale).
  Range range = Range::initial;
  std::uint64_t seed = 1;
  int threads = 1;  // results are identical for any thread count
};

// Reads options by name (see EumOptions); throws InputError on unknown names/values.
// `threads` is read too but not echoed: results do not depend on it.
EumOptions eum_options(const OptionValues& values, nlohmann::json* used = nullptr);
// One line per option: name, default and valid values (for --help and docs).
std::string eum_option_help();

struct EumRound {
  int round = 0;
  double median = 0;  // Condorcet winner among positions (linear votes)
  double mean = 0;    // capability × salience weighted mean
  std::vector<double> positions;
  std::vector<double> risk;  // r_i used in the round (round 0: 1)
  int moves = 0;             // actors that moved
};

struct EumResult {
  std::vector<EumRound> rounds;  // rounds[0] is the input
  double forecast = 0;           // the last round's median
};

EumResult eum(const BargainingProblem& problem, std::size_t issue, const EumOptions& options);

// Pieces of the model, exposed for tests and reports.
namespace eum_detail {
// Support for x_i against x_j: Σ_k max(0, c_k s_k (d_k(x_j) − d_k(x_i))) and the total
// Σ_k |…|, with d_k(y) = |x_k − y| / R (raised to r_k when `risk` is given).
struct Support {
  double for_i = 0;
  double total = 0;
};
Support support(const std::vector<double>& x, const std::vector<double>& weight, double xi,
                double xj, double range, const std::vector<double>* risk = nullptr);
// The weighted Condorcet winner among the positions (weighted_median.hpp's
// condorcet_position).
double condorcet_median(const std::vector<double>& x, const std::vector<double>& weight);
// Risk exponents r_i = (1 − R_i/3)/(1 + R_i/3) from security levels.
std::vector<double> risk_exponents(const std::vector<double>& security);
}  // namespace eum_detail

ModelRun run_eum_model(const BargainingProblem& problem, const RunSettings& settings);

}  // namespace detente::bargain
