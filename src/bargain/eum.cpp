#include "bargain/eum.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"

namespace detente::bargain {

EumOptions eum_options(const OptionValues& values, nlohmann::json* used) {
  EumOptions o;
  OptionReader r(values, "eum");
  o.rounds = r.integer("rounds", o.rounds, 0, 100000);
  o.q = r.number("q", o.q, 0, 1);
  o.probability = r.choice("probability", o.probability, {"all_pairs", "pair"});
  o.vote_risk = r.flag("vote_risk", o.vote_risk);
  o.perspective = r.choice("perspective", o.perspective, {"mirror", "own"});
  o.security = r.choice("security", o.security, {"challenged", "challenging"});
  o.security_perspective =
      r.choice("security_perspective", o.security_perspective, {"target", "challenger"});
  o.t_rule = r.choice("t_rule", o.t_rule, {"endpoint", "direction", "one", "zero"});
  o.risk_reset = r.flag("risk_reset", o.risk_reset);
  o.compromise_region = r.choice("compromise_region", o.compromise_region, {"figure", "text"});
  o.compel = r.flag("compel", o.compel);
  o.selection = r.choice("selection", o.selection, {"scholz_code", "least_move"});
  o.conflict = r.choice("conflict", o.conflict, {"deterministic", "stochastic"});
  o.range = r.choice("range", o.range, {"initial", "current", "scale"});
  o.seed = r.seed("seed", o.seed);
  r.finish();
  if (used) *used = r.used();
  return o;
}

namespace eum_detail {

Support support(const std::vector<double>& x, const std::vector<double>& weight, double xi,
                double xj, double range, const std::vector<double>* risk) {
  Support s;
  for (std::size_t k = 0; k < x.size(); ++k) {
    double dj = std::abs(x[k] - xj) / range, di = std::abs(x[k] - xi) / range;
    if (risk) {
      dj = std::pow(dj, (*risk)[k]);
      di = std::pow(di, (*risk)[k]);
    }
    const double v = weight[k] * (dj - di);
    if (v > 0) s.for_i += v;
    s.total += std::abs(v);
  }
  return s;
}

double condorcet_median(const std::vector<double>& x, const std::vector<double>& weight) {
  return condorcet_position(x, weight);
}

std::vector<double> risk_exponents(const std::vector<double>& security) {
  const auto [lo, hi] = std::minmax_element(security.begin(), security.end());
  std::vector<double> r(security.size(), 1.0);
  if (*hi - *lo <= 1e-15) return r;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double big_r = (2 * security[i] - *hi - *lo) / (*hi - *lo);
    r[i] = (1 - big_r / 3) / (1 + big_r / 3);
  }
  return r;
}

}  // namespace eum_detail

namespace {

// Everything one evaluation pass needs: positions, weights, the risk exponents the
// voters use, and the normaliser of P under "all_pairs".
class Pass {
 public:
  Pass(const std::vector<double>& x, const std::vector<double>& w,
       const std::vector<double>& salience, const std::vector<double>& voter_risk, double range,
       double median, const EumOptions& o)
      : x_(x), w_(w), s_(salience), range_(range), mu_(median), o_(o), n_(x.size()) {
    // d[k][a] = (|x_k − x_a| / R)^r_k: actor k's distance to a's position, as k votes.
    d_.assign(n_ * n_, 0.0);
    for (std::size_t k = 0; k < n_; ++k)
      for (std::size_t a = 0; a < n_; ++a) {
        double v = std::abs(x[k] - x[a]) / range;
        d_[k * n_ + a] = o.vote_risk ? std::pow(v, voter_risk[k]) : v;
      }
    if (o.probability == "all_pairs") {
      // Σ_k w_k Σ_{a,b} |d_ka − d_kb| over ordered pairs: sorted prefix sums, O(n² log n).
      std::vector<double> row(n_);
      for (std::size_t k = 0; k < n_; ++k) {
        std::copy(d_.begin() + k * n_, d_.begin() + (k + 1) * n_, row.begin());
        std::sort(row.begin(), row.end());
        double sum = 0;
        for (std::size_t m = 0; m < n_; ++m)
          sum += row[m] * (2.0 * static_cast<double>(m) - static_cast<double>(n_ - 1));
        all_votes_ += w_[k] * 2 * sum;
      }
    }
    // Support for i over j and the total |votes|. Whether k supports i or j depends only
    // on which side of their midpoint x_k lies (d is increasing in distance for any r_k),
    // so with the actors sorted by position, prefix sums of w_k d_k(x_a) give each pair in
    // O(log n): O(n² log n) in all instead of O(n³).
    std::vector<std::size_t> by_x(n_);
    std::iota(by_x.begin(), by_x.end(), 0);
    std::stable_sort(by_x.begin(), by_x.end(),
                     [&](std::size_t a, std::size_t b) { return x_[a] < x_[b]; });
    std::vector<double> xs(n_);
    for (std::size_t t = 0; t < n_; ++t) xs[t] = x_[by_x[t]];
    std::vector<double> prefix((n_ + 1) * n_, 0.0);  // prefix[a*(n+1) + t]
    for (std::size_t a = 0; a < n_; ++a)
      for (std::size_t t = 0; t < n_; ++t) {
        const std::size_t k = by_x[t];
        prefix[a * (n_ + 1) + t + 1] = prefix[a * (n_ + 1) + t] + w_[k] * d_[k * n_ + a];
      }
    auto pre = [&](std::size_t a, std::size_t t) { return prefix[a * (n_ + 1) + t]; };
    support_.assign(n_ * n_, 0.0);
    total_.assign(n_ * n_, 0.0);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) {
        if (x_[i] >= x_[j]) continue;  // each pair once, lower position first; ties: 0
        const double mid = (x_[i] + x_[j]) / 2;
        const std::size_t below =
            static_cast<std::size_t>(std::lower_bound(xs.begin(), xs.end(), mid) - xs.begin());
        const std::size_t upto =
            static_cast<std::size_t>(std::upper_bound(xs.begin(), xs.end(), mid) - xs.begin());
        // Below the midpoint k is nearer i: v = w(d(x_j) − d(x_i)) > 0 supports i.
        const double for_i =
            std::max(0.0, (pre(j, below) - pre(j, 0)) - (pre(i, below) - pre(i, 0)));
        const double for_j =
            std::max(0.0, (pre(i, n_) - pre(i, upto)) - (pre(j, n_) - pre(j, upto)));
        support_[i * n_ + j] = for_i;
        support_[j * n_ + i] = for_j;
        total_[i * n_ + j] = total_[j * n_ + i] = for_i + for_j;
      }
  }

  // P^i: the probability that i's position prevails over j's.
  double probability(std::size_t i, std::size_t j, bool pair_normalised) const {
    const double for_i = support_[i * n_ + j], total = total_[i * n_ + j];
    if (pair_normalised || o_.probability == "pair") return total > 0 ? for_i / total : 0.5;
    return all_votes_ > 0 ? for_i / all_votes_ : 0.0;
  }

  // E(U_ij): i's expected utility of challenging j, evaluated with risk exponent r.
  double expected_utility(std::size_t i, std::size_t j, double r) const {
    const double dij = std::abs(x_[i] - x_[j]) / range_;
    const double dim = std::abs(x_[i] - mu_) / range_;
    auto u = [r](double base) {
      base = std::max(base, 0.0);
      return 2 - 4 * (r == 1.0 ? base : std::pow(base, r));  // r = 1 in the security pass
    };
    const double us = u(0.5 - 0.5 * dij), uf = u(0.5 + 0.5 * dij);
    const double usq = u(0.5);
    const double p = probability(i, j, false);
    double e = s_[j] * (p * us + (1 - p) * uf) + (1 - s_[j]) * us - o_.q * usq;
    if (o_.q < 1) {
      // j expected to move toward the median: T = 1 when that is better for i.
      double t = dim < dij ? 1.0 : 0.0;
      if (o_.t_rule == "direction") {
        const double toward = mu_ - x_[j], to_i = x_[i] - x_[j];
        t = toward * to_i > 0 ? 1.0 : 0.0;
      } else if (o_.t_rule == "one") {
        t = 1;
      } else if (o_.t_rule == "zero") {
        t = 0;
      }
      const double ub = u(0.5 - 0.25 * (dim + dij)), uw = u(0.5 + 0.25 * (dim + dij));
      e -= (1 - o_.q) * (t * ub + (1 - t) * uw);
    }
    return e;
  }

 private:
  const std::vector<double>& x_;
  const std::vector<double>& w_;
  const std::vector<double>& s_;
  double range_, mu_;
  const EumOptions& o_;
  std::size_t n_;
  std::vector<double> d_, support_, total_;
  double all_votes_ = 0;
};

struct Offer {
  enum Kind { conflict = 0, compromise = 1, compel = 2 } kind;
  double position;
  double a, b;  // E(U_ij), E(U_ji) as i sees them
  double xj;
};

}  // namespace

namespace {

EumResult eum_in_order(const BargainingProblem& p, std::size_t issue, const EumOptions& o) {
  const std::size_t n = p.actor_count();
  std::vector<double> x = p.position.at(issue);
  const std::vector<double>& s = p.salience[issue];
  const std::vector<double> w = p.weights(issue);
  auto range_of = [&](const std::vector<double>& pos) {
    if (o.range == "scale") return p.issues[issue].scale_max - p.issues[issue].scale_min;
    auto [lo, hi] = std::minmax_element(pos.begin(), pos.end());
    return *hi - *lo;
  };
  const double initial_range = range_of(x);
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);

  EumResult out;
  std::vector<double> r(n, 1.0);
  auto record = [&](int round, int moves) {
    EumRound rec;
    rec.round = round;
    rec.median = eum_detail::condorcet_median(x, w);
    rec.mean = weighted_mean(x, w);
    rec.positions = x;
    rec.risk = r;
    rec.moves = moves;
    out.rounds.push_back(std::move(rec));
  };
  record(0, 0);
  for (int round = 1; round <= o.rounds; ++round) {
    double range = o.range == "current" ? range_of(x) : initial_range;
    if (!(range > 0)) {  // every actor at one point: nothing left to bargain over
      record(round, 0);
      continue;
    }
    const double mu = eum_detail::condorcet_median(x, w);
    // 1. Security with r = 1 (or last round's r), then the risk exponents.
    std::vector<double> r_sec = o.risk_reset ? std::vector<double>(n, 1.0) : r;
    {
      Pass pass(x, w, s, r_sec, range, mu, o);
      std::vector<double> security(n, 0.0);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
          if (i == j) continue;
          if (o.security == "challenged")  // j challenges i: E^i(U_ji) or E^j(U_ji)
            security[i] += pass.expected_utility(
                j, i, o.security_perspective == "target" ? r_sec[i] : r_sec[j]);
          else
            security[i] += pass.expected_utility(i, j, r_sec[i]);
        }
      r = eum_detail::risk_exponents(security);
    }
    // 2. Offers with the new exponents; each actor accepts one, all move at once.
    Pass pass(x, w, s, r, range, mu, o);
    std::vector<double> next = x;
    int moves = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<Offer> offers;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i || x[j] == x[i]) continue;
        const double a = pass.expected_utility(i, j, r[i]);
        const double b = pass.expected_utility(j, i, o.perspective == "mirror" ? r[i] : r[j]);
        if (a > 0 && b > 0) {
          bool gives_way = b > a;
          if (o.conflict == "stochastic")
            gives_way = uniform(rng) < 1 - pass.probability(i, j, true);
          if (gives_way) offers.push_back({Offer::conflict, x[j], a, b, x[j]});
        } else if (o.compromise_region == "figure"
                       ? (a < 0 && b > 0 && std::abs(b) > std::abs(a))
                       : (a < 0 && b < 0 && std::abs(b) > std::abs(a))) {
          offers.push_back({Offer::compromise, x[i] + (x[j] - x[i]) * std::abs(a / b), a, b, x[j]});
        } else if (o.compel && a < 0 && b > 0 && std::abs(a) > std::abs(b)) {
          offers.push_back({Offer::compel, x[j], a, b, x[j]});
        }
      }
      if (offers.empty()) continue;
      const Offer* best = nullptr;
      auto move = [&](const Offer& f) { return std::abs(f.position - x[i]); };
      if (o.selection == "scholz_code") {
        for (int kind = Offer::conflict; kind <= Offer::compel && !best; ++kind)
          for (const Offer& f : offers) {
            if (f.kind != kind) continue;
            auto key = [&](const Offer& g) {
              if (kind != Offer::compromise) return move(g);
              return (std::abs(g.a) * x[i] + std::abs(g.b) * g.xj) /
                     (std::abs(g.a) + std::abs(g.b));
            };
            if (!best || key(f) < key(*best)) best = &f;
          }
      } else {
        for (const Offer& f : offers)
          if (!best || move(f) < move(*best) || (move(f) == move(*best) && f.b > best->b))
            best = &f;
      }
      if (best && best->position != x[i]) {
        next[i] = best->position;
        ++moves;
      }
    }
    x = std::move(next);
    record(round, moves);
  }
  out.forecast = out.rounds.back().median;
  return out;
}

}  // namespace

EumResult eum(const BargainingProblem& p, std::size_t issue, const EumOptions& o) {
  // Actors with no weight on the issue (no salience or no capability: e.g. a scenario actor
  // without a position there) take no part; they keep their positions. The others run in
  // name order, so that permuting the actors changes nothing.
  std::vector<std::size_t> order;
  for (std::size_t a : name_order(p))
    if (p.weight(issue, a) > 0) order.push_back(a);
  const std::size_t n = p.actor_count();
  EumResult r;
  if (order.size() >= 2) {
    r = eum_in_order(reordered(p, order), issue, o);
  } else {  // nobody to bargain with: every round is the input
    EumOptions none = o;
    none.rounds = 0;
    order.resize(0);
    for (std::size_t a = 0; a < n; ++a) order.push_back(a);
    r = eum_in_order(p, issue, none);
    for (int t = 1; t <= o.rounds; ++t) {
      r.rounds.push_back(r.rounds.front());
      r.rounds.back().round = t;
    }
  }
  const std::vector<double> w = p.weights(issue);
  for (auto& round : r.rounds) {
    std::vector<double> x = p.position[issue], risk(n, 1.0);
    for (std::size_t a = 0; a < order.size(); ++a) {
      x[order[a]] = round.positions[a];
      risk[order[a]] = round.risk[a];
    }
    round.positions = std::move(x);
    round.risk = std::move(risk);
    round.median = condorcet_position(round.positions, w);
    round.mean = weighted_mean(round.positions, w);
  }
  r.forecast = r.rounds.back().median;
  return r;
}

ModelRun run_eum_model(const BargainingProblem& p, const RunSettings& settings) {
  OptionValues values = settings.options;
  if (settings.rounds && !values.count("rounds"))
    values["rounds"] = std::to_string(*settings.rounds);
  if (settings.seed && !values.count("seed")) values["seed"] = std::to_string(*settings.seed);
  ModelRun run;
  run.model = "eum";
  EumOptions o = eum_options(values, &run.options);
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    EumResult r = eum(p, k, o);
    IssueForecast f;
    f.issue = p.issues[k].name;
    for (const auto& er : r.rounds) {
      f.rounds.push_back({er.round, er.median, er.mean, er.positions});
    }
    nlohmann::json risk = nlohmann::json::array();
    for (const auto& er : r.rounds) risk.push_back(er.risk);
    f.details["risk_exponents"] = risk;
    f.forecast = r.forecast;
    run.issues.push_back(std::move(f));
  }
  return run;
}

}  // namespace detente::bargain
