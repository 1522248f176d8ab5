// detente/bargain/exchange.hpp
//
// Stokman's exchange model of collective decision making, Equal Gain form (Stokman &
// Van Oosten 1994; Stokman & Van den Bos 1992), with the rules of `decide`, the
// program of Stokman's group (foarsitter/decide-exchange-model; read, never copied).
// Full equations, rules and departures: docs/models/exchange.md.
//
// Every issue is put on decide's common scale 0–100 first (x' = 100 (x − min)/(max − min)),
// so that no forecast depends on an issue's unit; outputs go back to the scale.
// Outcomes are compromise outcomes O_d = Σ c_id s_id x_id / Σ c_id s_id. Actors i and j
// trade over issues p and q when they lie on opposite sides of the outcome on both and i
// values p relatively more (s_ip s_jq > s_iq s_jp): j moves toward i on p (shifting O_p
// by e_p = δ_j c_jp s_jp / Σ_p), i moves toward j on q. Equal Gain sets the rate
// e_q/e_p = (s_ip + s_jp)/(s_iq + s_jq), so both gain e_p (s_ip s_jq − s_iq s_jp)/(s_iq + s_jq).
// A mover goes at most to its partner's position, an outcome at most to the demanding
// actor's position.
//
// Within a round (decide's rule) the best exchange is realised first; every remaining
// candidate that shares an issue with it is recomputed from the updated voting positions,
// so an actor may exchange again on an issue in the same round (never reversing its move).
// Between rounds each actor that moved starts the next round from
// x + (f + w (1 − s)) (y − x) (x its start, y its voting position; f = 0.1, w = 0.4).
// A concession binds for the whole run (commit=run, detente's rule; decide's binds within
// a round only): no actor ever moves back on an issue, so start positions are monotone and
// converge, with no 2-cycles. The run stops when no exchange gains or no start position
// moves `tolerance` (converged: the same forecast for any larger `rounds`), or after `rounds`.
//
// Complexity per round: building the candidates O(n² m²) for n actors and m issues; each
// realisation recomputes the O(n² m) candidates on its two issues, with a heap:
// O((n² m² + R n² m) log(n² m²)) for R realisations (R ≤ n m in practice).
//
// Example:
//   ExchangeResult r = exchange(problem, ExchangeOptions{});
//   r.outcome[k];        // forecast on issue k, on the issue's own scale
//   r.converged;         // stopped by the tolerance rule
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

struct ExchangeOptions {
  // How the rate of an exchange (e_q / e_p) is set.
  enum class Rate {
    equal,   // Equal Gain; with p > 0 the randomised Equal Gain of decide (seeded)
    random,  // Random Rate (Dijkstra et al.): uniform between the two break-even rates
  };
  // How exchanges are realised within a round.
  enum class Realisation {
    recompute,  // decide: best first, then recompute the candidates on its two issues
    exclusive,  // each actor-issue position in at most one exchange per round, no
                // recomputation (detente before issue 18; order-free, cheaper)
  };
  // Where the next round starts.
  enum class StartRule {
    blend,   // decide: x + (f + w (1 − s)) (y − x) for each actor that moved
    voting,  // at the voting positions (y)
  };
  // The outcome an exchange's cap reckons with (no outcome passes the demander's position).
  enum class Cap {
    demander,  // decide: the round's starting outcome, moved by the supplier's own moves
               // and by every move made toward this demander on the issue this round
    outcome,   // the current outcome of all the round's voting positions
  };
  // How long a concession binds.
  enum class Commit {
    run,    // an actor never moves back on an issue over the whole run (converges)
    round,  // within a round only (decide; outcomes need not converge)
  };
  // Exact ties in the ranking gain.
  enum class Ties {
    order,   // actor-name order of (i, j), then issue order of (p, q)
    seeded,  // a draw from `seed` (decide breaks ties at random)
  };

  int rounds = 1000;        // upper bound on rounds (--rounds)
  double min_gain = 1e-10;  // exchanges gaining less (0–100 units × salience) are ignored
  double tolerance = 1e-6;  // converged when no start position moves more (0–100 scale)
  Rate rate = Rate::equal;  // rate=equal|random
  double p = 0;             // randomisation of Equal Gain in [0, 1] (decide's --p)
  Realisation realisation = Realisation::recompute;
  Cap cap = Cap::demander;
  Commit commit = Commit::run;
  StartRule start = StartRule::blend;
  double fixed_weight = 0.1;     // f in the start rule (decide's FIXED_WEIGHT)
  double salience_weight = 0.4;  // w in the start rule (decide's SALIENCE_WEIGHT)
  Ties ties = Ties::order;
  std::uint64_t seed = 1;  // every draw (random rate, randomised gain, seeded ties)
};

ExchangeOptions exchange_options(const OptionValues& values, nlohmann::json* used = nullptr);
// One line per option: name, default and valid values (for --help and docs).
std::string exchange_option_help();

// Equal Gain's rate and the two break-even rates of an exchange in which i demands p and
// supplies q (all as e_q / e_p): j gains above `low` = s_jp/s_jq, i gains below
// `high` = s_ip/s_iq, and `equal` = (s_ip + s_jp)/(s_iq + s_jq) lies between them.
struct ExchangeRates {
  double low = 0, equal = 0, high = 0;
};
ExchangeRates exchange_rates(double s_ip, double s_iq, double s_jp, double s_jq);

struct RealisedExchange {
  int round = 0;
  std::size_t i = 0, j = 0;       // actors (problem order)
  std::size_t p = 0, q = 0;       // i demands p (j moves there), i supplies q (i moves)
  double move_i = 0, move_j = 0;  // signed moves of i on q and j on p (issue units)
  double e_p = 0, e_q = 0;        // outcome shifts on p and q (0–100 scale)
  double gain_i = 0, gain_j = 0;  // utility gains (0–100 scale × salience); equal for Equal Gain
  // Each side's gain if the other were held to its break-even rate, at this exchange's
  // volume on the issue whose cap binds (decide's "max eu" of the randomised variant).
  double max_gain_i = 0, max_gain_j = 0;
};

// Externalities of the realised exchanges for each actor in one round (decide's
// classification): Σ over the round's exchanges of s_p(|O_p − x_p| − |O'_p − x_p|) +
// s_q(…) for a third actor (O before, O' after the exchange, x its start position):
// "inner" when it shares a side with one of the two traders on both issues, "outer"
// otherwise, positive or negative; `own` is the gains of the exchanges it made.
struct Externalities {
  double inner_positive = 0, inner_negative = 0, outer_positive = 0, outer_negative = 0, own = 0;
};

struct ExchangeResult {
  // positions[t][issue][actor] on each issue's scale: t = 0 the input, t ≥ 1 the voting
  // positions at the end of round t.
  std::vector<std::vector<std::vector<double>>> positions;
  // starts[t][issue][actor]: where round t + 1 starts (t = 0 the input), issue scale.
  std::vector<std::vector<std::vector<double>>> starts;
  std::vector<std::vector<double>> outcome_by_round;  // [t][issue] compromise outcome
  std::vector<double> outcome;                        // forecast per issue (last round)
  std::vector<RealisedExchange> exchanges;
  std::vector<std::vector<Externalities>> externalities;  // [round − 1][actor]
  std::vector<double> start_change;  // [round − 1]: largest move of a start position (0–100)
  bool converged = false;            // stopped by the tolerance rule (or nothing to trade)
};

ExchangeResult exchange(const BargainingProblem& problem, const ExchangeOptions& options);

ModelRun run_exchange_model(const BargainingProblem& problem, const RunSettings& settings);

// The exchange run's externalities and stopping as text (for `detente bargain` text output).
std::string exchange_text_summary(const ModelRun& run);

}  // namespace detente::bargain
