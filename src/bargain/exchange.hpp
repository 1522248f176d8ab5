// detente/bargain/exchange.hpp
//
// Stokman's exchange model, Equal Gain variant (Stokman & Van Oosten 1994; Stokman &
// Van den Bos 1992; as in decide). Outcomes are compromise (c·s-weighted mean) outcomes
// O_d = Σ c_i s_id x_id / Σ c_i s_id. Two actors i, j trade over two issues p, q when
// they lie on opposite sides of the outcome on both and value them differently
// (s_ip/s_iq > s_jp/s_jq): j moves toward i on p, i moves toward j on q. A move of δ by
// j on p shifts O_p by e_p = δ c_j s_jp / Σ c s; Equal Gain sets
// s_ip e_p − s_iq e_q = s_jq e_q − s_jp e_p, i.e. e_q = e_p (s_ip + s_jp)/(s_iq + s_jq),
// gain = e_p (s_ip s_jq − s_iq s_jp)/(s_iq + s_jq). Moves are capped at the partner's
// position and so that no outcome passes the demanding actor's position. Each round,
// exchanges are realised greedily by gain, each actor-issue position at most once;
// rounds repeat until no exchange gains. Complexity per round O(n² m² log(n m)).
//
// Example:
//   ExchangeResult r = exchange(problem, ExchangeOptions{});
//   r.outcome[k];   // forecast on issue k
#pragma once

#include <vector>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::bargain {

struct ExchangeOptions {
  int rounds = 10;         // upper bound on rounds of exchange
  double min_gain = 1e-9;  // exchanges gaining less (utility units) are ignored
};

ExchangeOptions exchange_options(const OptionValues& values, nlohmann::json* used = nullptr);

struct RealisedExchange {
  int round = 0;
  std::size_t i = 0, j = 0;       // actors
  std::size_t p = 0, q = 0;       // i demands p (j moves there), i supplies q (i moves)
  double move_i = 0, move_j = 0;  // signed shifts of i on q and j on p
  double gain = 0;                // equal utility gain of each
};

struct ExchangeResult {
  // positions[t][issue][actor]: after round t (t = 0 is the input).
  std::vector<std::vector<std::vector<double>>> positions;
  std::vector<std::vector<double>> outcome_by_round;  // [t][issue] compromise outcome
  std::vector<double> outcome;                        // final, per issue
  std::vector<RealisedExchange> exchanges;
};

ExchangeResult exchange(const BargainingProblem& problem, const ExchangeOptions& options);

ModelRun run_exchange_model(const BargainingProblem& problem, const RunSettings& settings);

}  // namespace detente::bargain
