#include "bargain/exchange.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "bargain/weighted_mean.hpp"

namespace detente::bargain {

ExchangeOptions exchange_options(const OptionValues& values, nlohmann::json* used) {
  ExchangeOptions o;
  OptionReader r(values, "exchange");
  o.rounds = r.integer("rounds", o.rounds, 0, 100000);
  o.min_gain = r.number("min_gain", o.min_gain, 0, 1e9);
  r.finish();
  if (used) *used = r.used();
  return o;
}

namespace {

// The compromise outcome of `positions` on issue d, under the problem's weights.
double weighted_mean_of(const BargainingProblem& p, std::size_t d, const std::vector<double>& x) {
  return weighted_mean(x, p.weights(d));
}

struct Candidate {
  std::size_t i, j, p, q;
  double e_p, e_q, gain;
};

}  // namespace

namespace {

ExchangeResult exchange_in_order(const BargainingProblem& prob, const ExchangeOptions& o) {
  const std::size_t n = prob.actor_count(), m = prob.issue_count();
  std::vector<std::vector<double>> x = prob.position;
  // Σ_k c_k s_kd: the denominator of each issue's outcome (fixed: moves keep weights).
  std::vector<double> denom(m, 0.0);
  for (std::size_t d = 0; d < m; ++d)
    for (std::size_t a = 0; a < n; ++a) denom[d] += prob.weight(d, a);
  auto outcomes = [&] {
    std::vector<double> out(m);
    for (std::size_t d = 0; d < m; ++d) out[d] = weighted_mean_of(prob, d, x[d]);
    return out;
  };
  ExchangeResult res;
  res.positions.push_back(x);
  res.outcome_by_round.push_back(outcomes());
  const auto& s = prob.salience;

  for (int round = 1; round <= o.rounds; ++round) {
    const std::vector<double> out = res.outcome_by_round.back();
    std::vector<Candidate> cands;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j) continue;
        for (std::size_t p = 0; p < m; ++p)
          for (std::size_t q = 0; q < m; ++q) {
            if (p == q || denom[p] <= 0 || denom[q] <= 0) continue;
            // Every party must care about both issues and carry weight on them.
            if (prob.weight(p, j) <= 0 || prob.weight(q, i) <= 0) continue;
            if (s[p][i] <= 0 || s[q][j] <= 0) continue;
            // i values p relatively more than j does (strict: the gain is positive).
            if (s[p][i] * s[q][j] <= s[q][i] * s[p][j]) continue;
            // Opposite sides of the outcome on both issues.
            const double dip = x[p][i] - out[p], djp = x[p][j] - out[p];
            const double diq = x[q][i] - out[q], djq = x[q][j] - out[q];
            if (!(dip * djp < 0) || !(diq * djq < 0)) continue;
            // Caps: j moves at most to i's position on p, the outcome at most to i's
            // position; i likewise on q toward j.
            const double cap_p =
                std::min(std::abs(x[p][j] - x[p][i]) * prob.weight(p, j) / denom[p], std::abs(dip));
            const double cap_q =
                std::min(std::abs(x[q][i] - x[q][j]) * prob.weight(q, i) / denom[q], std::abs(djq));
            const double ratio = (s[p][i] + s[p][j]) / (s[q][i] + s[q][j]);  // e_q / e_p
            const double e_p = std::min(cap_p, cap_q / ratio);
            const double e_q = e_p * ratio;
            const double gain = s[p][i] * e_p - s[q][i] * e_q;
            if (gain > o.min_gain) cands.push_back({i, j, p, q, e_p, e_q, gain});
          }
      }
    if (cands.empty()) break;
    // Greedy by gain; ties broken by actor and issue order so the result is reproducible.
    std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      if (a.gain != b.gain) return a.gain > b.gain;
      return std::tie(a.i, a.j, a.p, a.q) < std::tie(b.i, b.j, b.p, b.q);
    });
    std::vector<std::vector<bool>> used(m, std::vector<bool>(n, false));
    std::vector<std::vector<double>> next = x;
    int realised = 0;
    for (const Candidate& c : cands) {
      if (used[c.p][c.i] || used[c.p][c.j] || used[c.q][c.i] || used[c.q][c.j]) continue;
      used[c.p][c.i] = used[c.p][c.j] = used[c.q][c.i] = used[c.q][c.j] = true;
      const double delta_j = c.e_p * denom[c.p] / prob.weight(c.p, c.j);
      const double delta_i = c.e_q * denom[c.q] / prob.weight(c.q, c.i);
      const double move_j = (x[c.p][c.i] > x[c.p][c.j] ? 1 : -1) * delta_j;
      const double move_i = (x[c.q][c.j] > x[c.q][c.i] ? 1 : -1) * delta_i;
      next[c.p][c.j] = x[c.p][c.j] + move_j;
      next[c.q][c.i] = x[c.q][c.i] + move_i;
      res.exchanges.push_back({round, c.i, c.j, c.p, c.q, move_i, move_j, c.gain});
      ++realised;
    }
    x = std::move(next);
    res.positions.push_back(x);
    res.outcome_by_round.push_back(outcomes());
    if (realised == 0) break;
  }
  res.outcome = res.outcome_by_round.back();
  return res;
}

}  // namespace

ExchangeResult exchange(const BargainingProblem& p, const ExchangeOptions& o) {
  // Ties in gain are broken in name order, so that permuting the actors changes nothing.
  const auto order = name_order(p);
  ExchangeResult r = exchange_in_order(reordered(p, order), o);
  for (auto& t : r.positions)
    for (auto& issue : t) {
      auto copy = issue;
      for (std::size_t a = 0; a < order.size(); ++a) issue[order[a]] = copy[a];
    }
  for (auto& e : r.exchanges) {
    e.i = order[e.i];
    e.j = order[e.j];
  }
  return r;
}

ModelRun run_exchange_model(const BargainingProblem& p, const RunSettings& settings) {
  OptionValues values = settings.options;
  if (settings.rounds && !values.count("rounds"))
    values["rounds"] = std::to_string(*settings.rounds);
  ModelRun run;
  run.model = "exchange";
  ExchangeOptions o = exchange_options(values, &run.options);
  ExchangeResult r = exchange(p, o);
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    IssueForecast f;
    f.issue = p.issues[k].name;
    for (std::size_t t = 0; t < r.positions.size(); ++t)
      f.rounds.push_back(make_round(p, k, static_cast<int>(t), r.positions[t][k]));
    f.forecast = r.outcome[k];
    int count = 0;
    for (const auto& e : r.exchanges) count += (e.p == k || e.q == k);
    f.details["exchanges"] = count;
    run.issues.push_back(std::move(f));
  }
  return run;
}

}  // namespace detente::bargain
