// Stokman's exchange model with decide's rules (see exchange.hpp, docs/models/exchange.md).
#include "bargain/exchange.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <queue>
#include <tuple>

#include "bargain/weighted_mean.hpp"
#include "core/error.hpp"
#include "sim/rng.hpp"

namespace detente::bargain {

namespace {

using O = ExchangeOptions;
const Choices<O::Rate> kRate = {{"equal", O::Rate::equal}, {"random", O::Rate::random}};
const Choices<O::Realisation> kRealisation = {{"recompute", O::Realisation::recompute},
                                              {"exclusive", O::Realisation::exclusive}};
const Choices<O::StartRule> kStart = {{"blend", O::StartRule::blend},
                                      {"voting", O::StartRule::voting}};
const Choices<O::Cap> kCap = {{"demander", O::Cap::demander}, {"outcome", O::Cap::outcome}};
const Choices<O::Commit> kCommit = {{"run", O::Commit::run}, {"round", O::Commit::round}};
const Choices<O::Ties> kTies = {{"order", O::Ties::order}, {"seeded", O::Ties::seeded}};

// A move or shift smaller than this (0–100 scale) is no move (decide's 1e-10).
constexpr double kNoMove = 1e-10;
// Gains within this relative distance of the best are a tie.
constexpr double kTie = 1e-12;

}  // namespace

ExchangeOptions exchange_options(const OptionValues& values, nlohmann::json* used) {
  ExchangeOptions o;
  OptionReader r(values, "exchange");
  o.rounds = r.integer("rounds", o.rounds, 0, 100000);
  o.min_gain = r.number("min_gain", o.min_gain, 0, 1e9);
  o.tolerance = r.number("tolerance", o.tolerance, 0, 100);
  o.rate = r.choice("rate", o.rate, kRate);
  o.p = r.number("p", o.p, 0, 1);
  o.realisation = r.choice("realisation", o.realisation, kRealisation);
  o.cap = r.choice("cap", o.cap, kCap);
  o.commit = r.choice("commit", o.commit, kCommit);
  o.start = r.choice("start", o.start, kStart);
  o.fixed_weight = r.number("fixed_weight", o.fixed_weight, 0, 1);
  o.salience_weight = r.number("salience_weight", o.salience_weight, 0, 1);
  o.ties = r.choice("ties", o.ties, kTies);
  o.seed = r.seed("seed", o.seed);
  r.finish();
  if (o.fixed_weight + o.salience_weight > 1)
    fail({"", 0, "option fixed_weight"},
         "exchange: fixed_weight + salience_weight must be at most 1, got {} + {}", o.fixed_weight,
         o.salience_weight);
  if (o.rate == O::Rate::random && o.p > 0)
    fail({"", 0, "option p"},
         "exchange: p randomises Equal Gain (rate=equal); it has no meaning with rate=random");
  if (used) *used = r.used();
  return o;
}

std::string exchange_option_help() {
  const O d;
  return fmt::format(
      "rounds={} (upper bound)  tolerance={} (0-100 scale)  min_gain={}\n"
      "rate={} ({})  p={} (randomised Equal Gain, [0, 1])  seed={}\n"
      "realisation={} ({})  start={} ({})  fixed_weight={}  salience_weight={}\n"
      "cap={} ({})  commit={} ({})  ties={} ({})\n",
      d.rounds, d.tolerance, d.min_gain, name_of(kRate, d.rate), describe(kRate), d.p, d.seed,
      name_of(kRealisation, d.realisation), describe(kRealisation), name_of(kStart, d.start),
      describe(kStart), d.fixed_weight, d.salience_weight, name_of(kCap, d.cap), describe(kCap),
      name_of(kCommit, d.commit), describe(kCommit), name_of(kTies, d.ties), describe(kTies));
}

ExchangeRates exchange_rates(double s_ip, double s_iq, double s_jp, double s_jq) {
  return {s_jp / s_jq, (s_ip + s_jp) / (s_iq + s_jq), s_ip / s_iq};
}

namespace {

// The problem on decide's common scale: positions 0–100, weights c·s.
struct Frame {
  std::size_t n = 0, m = 0;
  std::vector<double> lo, unit;               // x = lo + unit · x'
  std::vector<std::vector<double>> x0, s, w;  // [issue][actor]
  std::vector<double> denom;                  // Σ_a w
  std::vector<std::vector<char>> part;        // takes part: s > 0 and w > 0

  explicit Frame(const BargainingProblem& p) : n(p.actor_count()), m(p.issue_count()) {
    lo.resize(m);
    unit.resize(m);
    x0 = p.position;
    s = p.salience;
    w.assign(m, std::vector<double>(n));
    denom.assign(m, 0);
    part.assign(m, std::vector<char>(n, 0));
    for (std::size_t d = 0; d < m; ++d) {
      double a = p.issues[d].scale_min, b = p.issues[d].scale_max;
      if (!(b > a) && n > 0) {  // no usable scale: the positions' range
        a = *std::min_element(p.position[d].begin(), p.position[d].end());
        b = *std::max_element(p.position[d].begin(), p.position[d].end());
      }
      lo[d] = a;
      unit[d] = b > a ? (b - a) / 100 : 1;
      for (std::size_t k = 0; k < n; ++k) {
        x0[d][k] = (p.position[d][k] - lo[d]) / unit[d];
        w[d][k] = p.weight(d, k);
        denom[d] += w[d][k];
        part[d][k] = s[d][k] > 0 && w[d][k] > 0;
      }
    }
  }
  double outcome(std::size_t d, const std::vector<double>& x) const {
    if (denom[d] <= 0) return weighted_mean(x, w[d]);
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k) sum += w[d][k] * x[k];
    return sum / denom[d];
  }
  std::vector<double> issue_scale(std::size_t d, const std::vector<double>& x) const {
    std::vector<double> out(x.size());
    for (std::size_t k = 0; k < x.size(); ++k) out[k] = lo[d] + unit[d] * x[k];
    return out;
  }
};

struct Candidate {
  std::size_t i, j, p, q;  // i demands p and supplies q
  double draw_rate = 0.5, draw_actor = 0.5, draw_side = 0.5, draw_size = 0.5, draw_tie = 0.5;
  // Recomputed from the round's state:
  bool valid = false;
  double e_p = 0, e_q = 0, move_i = 0, move_j = 0, gain_i = 0, gain_j = 0, max_i = 0, max_j = 0;
  double rank = 0;  // the smaller gain (the gain, for Equal Gain)
  unsigned version = 0;
  unsigned stamp = 0;  // the realisation that last recomputed it
  bool removed = false;
};

// One round's state: start (demand) positions, voting positions, outcomes, directions.
struct RoundState {
  const Frame& f;
  const O& o;
  std::vector<std::vector<double>> start, y;
  std::vector<double> out, out_start;  // current outcome; the round's starting outcome
  // Direction of each actor's moves on each issue (this round, or the run: Commit).
  std::vector<std::vector<int>> dir;
  // For Cap::demander: the outcome shift of each actor's moves this round, of each
  // supplier's moves toward each demander ([issue][demander · n + supplier]), and their
  // sum per demander.
  std::vector<std::vector<double>> moved, toward, toward_sum;

  // The outcome on d that a cap for demander `dem` with supplier `sup` reckons with.
  double reference(std::size_t d, std::size_t dem, std::size_t sup) const {
    if (o.cap == O::Cap::outcome) return out[d];
    return out_start[d] + moved[d][sup] + toward_sum[d][dem] - toward[d][dem * f.n + sup];
  }

  // Equal Gain (or the chosen rate) for c from the current state.
  void evaluate(Candidate& c) const {
    c.valid = false;
    const auto &s = f.s, &w = f.w;
    const std::size_t i = c.i, j = c.j, p = c.p, q = c.q;
    const double target_p = start[p][i], target_q = start[q][j];
    const double dj = target_p - y[p][j], di = target_q - y[q][i];
    if (std::abs(dj) <= kNoMove || std::abs(di) <= kNoMove) return;
    const int sj = dj > 0 ? 1 : -1, si = di > 0 ? 1 : -1;
    // No actor reverses its move on an issue within a round.
    if (dir[p][j] * sj < 0 || dir[q][i] * si < 0) return;
    // Caps: a mover at most to its partner's position, an outcome at most to the
    // demanding actor's position.
    const double cap_p =
        std::min(std::abs(dj) * w[p][j] / f.denom[p], (target_p - reference(p, i, j)) * sj);
    const double cap_q =
        std::min(std::abs(di) * w[q][i] / f.denom[q], (target_q - reference(q, j, i)) * si);
    if (!(cap_p > 0) || !(cap_q > 0)) return;
    const ExchangeRates rates = exchange_rates(s[p][i], s[q][i], s[p][j], s[q][j]);
    bool binding_p = true;
    auto apply_rate = [&](double r) {
      binding_p = cap_p <= cap_q / r;
      c.e_p = binding_p ? cap_p : cap_q / r;
      c.e_q = binding_p ? r * cap_p : cap_q;
      c.gain_i = s[p][i] * c.e_p - s[q][i] * c.e_q;
      c.gain_j = s[q][j] * c.e_q - s[p][j] * c.e_p;
      // Each side's gain with the other at its break-even rate, the binding shift held.
      if (binding_p) {
        c.max_i = c.e_p * (s[p][i] - s[q][i] * rates.low);
        c.max_j = c.e_p * (s[q][j] * rates.high - s[p][j]);
      } else {
        c.max_i = s[p][i] * c.e_q / rates.low - s[q][i] * c.e_q;
        c.max_j = s[q][j] * c.e_q - s[p][j] * c.e_q / rates.high;
      }
    };
    apply_rate(rates.equal);
    if (o.rate == O::Rate::random) {
      apply_rate(rates.low + c.draw_rate * (rates.high - rates.low));
    } else if (o.p > 0) {
      // decide's randomised Equal Gain: one side's gain is raised toward its maximum or
      // lowered toward zero by the fraction p·z; the rate follows at the binding volume.
      const bool for_i = c.draw_actor < 0.5;
      const double eg = c.gain_i, best = for_i ? c.max_i : c.max_j;
      const double pz = o.p * c.draw_size;
      const double g = c.draw_side < 0.5 ? eg + pz * (best - eg) : eg * (1 - pz);
      double r;
      if (binding_p) {
        const double e = c.e_p;
        r = for_i ? (s[p][i] - g / e) / s[q][i] : (g / e + s[p][j]) / s[q][j];
      } else {
        const double e = c.e_q;
        r = for_i ? s[p][i] * e / (g + s[q][i] * e) : s[p][j] * e / (s[q][j] * e - g);
      }
      if (!std::isfinite(r)) r = rates.equal;
      apply_rate(std::clamp(r, rates.low, rates.high));
    }
    c.move_j = sj * c.e_p * f.denom[p] / w[p][j];
    c.move_i = si * c.e_q * f.denom[q] / w[q][i];
    c.rank = std::min(c.gain_i, c.gain_j);
    c.valid = c.rank > o.min_gain && std::abs(c.move_i) > kNoMove && std::abs(c.move_j) > kNoMove;
  }
};

// Ranking: higher gain first; among ties the documented order or the seeded draw.
bool before_in_tie(const Candidate& a, const Candidate& b, O::Ties ties) {
  if (ties == O::Ties::seeded && a.draw_tie != b.draw_tie) return a.draw_tie < b.draw_tie;
  return std::tie(a.i, a.j, a.p, a.q) < std::tie(b.i, b.j, b.p, b.q);
}
bool tied(double a, double b) { return std::abs(a - b) <= kTie * std::max(1.0, std::abs(b)); }

class Round {
 public:
  Round(const Frame& f, const O& o, int round, const std::vector<std::vector<double>>& start,
        const std::vector<std::vector<int>>& committed)
      : f_(f), o_(o), round_(round), st_{f, o, start, start, {}, {}, committed, {}, {}, {}} {
    st_.out.resize(f.m);
    for (std::size_t d = 0; d < f.m; ++d) st_.out[d] = f.outcome(d, start[d]);
    st_.out_start = st_.out;
    st_.moved.assign(f.m, std::vector<double>(f.n, 0));
    st_.toward.assign(f.m, std::vector<double>(f.n * f.n, 0));
    st_.toward_sum.assign(f.m, std::vector<double>(f.n, 0));
    left_.assign(f.m, std::vector<char>(f.n, 0));
    for (std::size_t d = 0; d < f.m; ++d)
      for (std::size_t a = 0; a < f.n; ++a) left_[d][a] = start[d][a] <= st_.out[d];
    externalities_.assign(f.n, Externalities{});
    by_issue_.assign(f.m, {});
    build_candidates();
  }

  // Realises the round's exchanges; returns them in the order realised.
  std::vector<RealisedExchange> run() {
    if (o_.realisation == O::Realisation::exclusive) return run_exclusive();
    using Entry = std::tuple<double, std::size_t, unsigned>;  // rank, candidate, version
    std::priority_queue<Entry> heap;
    for (std::size_t k = 0; k < cands_.size(); ++k)
      if (cands_[k].valid) heap.emplace(cands_[k].rank, k, cands_[k].version);
    auto current = [&](const Entry& e) {
      const Candidate& c = cands_[std::get<1>(e)];
      return !c.removed && c.valid && c.version == std::get<2>(e);
    };
    std::vector<RealisedExchange> done;
    while (!heap.empty()) {
      if (!current(heap.top())) {
        heap.pop();
        continue;
      }
      // Every current entry tied with the best, then the tie rule among them.
      std::vector<std::size_t> tie;
      const double best = std::get<0>(heap.top());
      while (!heap.empty() && (tied(std::get<0>(heap.top()), best) || !current(heap.top()))) {
        if (current(heap.top())) tie.push_back(std::get<1>(heap.top()));
        heap.pop();
      }
      std::size_t chosen = tie[0];
      for (std::size_t k : tie)
        if (before_in_tie(cands_[k], cands_[chosen], o_.ties)) chosen = k;
      for (std::size_t k : tie)
        if (k != chosen) heap.emplace(cands_[k].rank, k, cands_[k].version);
      done.push_back(realise(cands_[chosen]));
      // Recompute every candidate on the two issues from the updated positions; those no
      // longer possible leave the round (decide drops them too).
      const Candidate& c = cands_[chosen];
      ++stamp_;
      for (std::size_t d : {c.p, c.q})
        for (std::size_t k : by_issue_[d]) {
          Candidate& other = cands_[k];
          if (other.removed || other.stamp == stamp_) continue;
          other.stamp = stamp_;
          st_.evaluate(other);
          ++other.version;
          if (!other.valid)
            other.removed = true;
          else
            heap.emplace(other.rank, k, other.version);
        }
    }
    return done;
  }

  const RoundState& state() const { return st_; }
  const std::vector<Externalities>& externalities() const { return externalities_; }

 private:
  void build_candidates() {
    const std::size_t n = f_.n, m = f_.m;
    const auto& s = f_.s;
    for (std::size_t p = 0; p < m; ++p)
      for (std::size_t q = p + 1; q < m; ++q)
        for (std::size_t a = 0; a < n; ++a)
          for (std::size_t b = a + 1; b < n; ++b) {
            if (!f_.part[p][a] || !f_.part[q][a] || !f_.part[p][b] || !f_.part[q][b]) continue;
            // Opposite sides of the outcome on both issues.
            if (left_[p][a] == left_[p][b] || left_[q][a] == left_[q][b]) continue;
            // The one valuing p relatively more demands p; equal ratios gain nothing.
            const double lhs = s[p][a] * s[q][b], rhs = s[q][a] * s[p][b];
            Candidate c;
            if (lhs > rhs)
              c = Candidate{a, b, p, q};
            else if (rhs > lhs)
              c = Candidate{b, a, p, q};
            else
              continue;
            if (o_.rate == O::Rate::random || o_.p > 0 || o_.ties == O::Ties::seeded) {
              const std::uint64_t key = (static_cast<std::uint64_t>(round_) << 40) ^
                                        (static_cast<std::uint64_t>(c.i) << 20) ^ c.j;
              const std::uint64_t issues = (static_cast<std::uint64_t>(c.p) << 20) ^ c.q;
              auto draw = [&](std::uint64_t what) {
                return sim::keyed_uniform(o_.seed, key, (issues << 4) ^ what);
              };
              c.draw_rate = draw(1);
              c.draw_actor = draw(2);
              c.draw_side = draw(3);
              c.draw_size = draw(4);
              c.draw_tie = draw(5);
            }
            st_.evaluate(c);
            if (!c.valid) continue;
            by_issue_[c.p].push_back(cands_.size());
            by_issue_[c.q].push_back(cands_.size());
            cands_.push_back(c);
          }
  }

  std::vector<RealisedExchange> run_exclusive() {
    std::vector<std::size_t> order(cands_.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const Candidate &x = cands_[a], &y = cands_[b];
      if (!tied(x.rank, y.rank)) return x.rank > y.rank;
      return before_in_tie(x, y, o_.ties);
    });
    std::vector<std::vector<char>> used(f_.m, std::vector<char>(f_.n, 0));
    std::vector<RealisedExchange> done;
    for (std::size_t k : order) {
      Candidate& c = cands_[k];
      if (used[c.p][c.i] || used[c.p][c.j] || used[c.q][c.i] || used[c.q][c.j]) continue;
      used[c.p][c.i] = used[c.p][c.j] = used[c.q][c.i] = used[c.q][c.j] = 1;
      done.push_back(realise(c));
    }
    return done;
  }

  RealisedExchange realise(Candidate& c) {
    c.removed = true;
    const std::vector<double> before = st_.out;
    st_.y[c.p][c.j] += c.move_j;
    st_.y[c.q][c.i] += c.move_i;
    st_.dir[c.p][c.j] = c.move_j > 0 ? 1 : -1;
    st_.dir[c.q][c.i] = c.move_i > 0 ? 1 : -1;
    st_.out[c.p] = f_.outcome(c.p, st_.y[c.p]);
    st_.out[c.q] = f_.outcome(c.q, st_.y[c.q]);
    const double shift_p = c.move_j > 0 ? c.e_p : -c.e_p, shift_q = c.move_i > 0 ? c.e_q : -c.e_q;
    st_.moved[c.p][c.j] += shift_p;
    st_.moved[c.q][c.i] += shift_q;
    st_.toward[c.p][c.i * f_.n + c.j] += shift_p;
    st_.toward[c.q][c.j * f_.n + c.i] += shift_q;
    st_.toward_sum[c.p][c.i] += shift_p;
    st_.toward_sum[c.q][c.j] += shift_q;
    // Externalities for the third actors who take part on both issues.
    for (std::size_t k = 0; k < f_.n; ++k) {
      Externalities& e = externalities_[k];
      if (k == c.i || k == c.j) {
        e.own += k == c.i ? c.gain_i : c.gain_j;
        continue;
      }
      if (!f_.part[c.p][k] || !f_.part[c.q][k]) continue;
      double v = 0;
      for (std::size_t d : {c.p, c.q}) {
        const double x = st_.start[d][k];
        v += f_.s[d][k] * (std::abs(before[d] - x) - std::abs(st_.out[d] - x));
      }
      const bool inner = (left_[c.p][k] == left_[c.p][c.i] && left_[c.q][k] == left_[c.q][c.i]) ||
                         (left_[c.p][k] == left_[c.p][c.j] && left_[c.q][k] == left_[c.q][c.j]);
      (v > 0 ? (inner ? e.inner_positive : e.outer_positive)
             : (inner ? e.inner_negative : e.outer_negative)) += v;
    }
    RealisedExchange r;
    r.round = round_;
    r.i = c.i;
    r.j = c.j;
    r.p = c.p;
    r.q = c.q;
    r.move_i = c.move_i * f_.unit[c.q];
    r.move_j = c.move_j * f_.unit[c.p];
    r.e_p = c.e_p;
    r.e_q = c.e_q;
    r.gain_i = c.gain_i;
    r.gain_j = c.gain_j;
    r.max_gain_i = c.max_i;
    r.max_gain_j = c.max_j;
    return r;
  }

  const Frame& f_;
  const O& o_;
  int round_;
  RoundState st_;
  std::vector<std::vector<char>> left_;  // at or left of the round's starting outcome
  std::vector<Candidate> cands_;
  std::vector<std::vector<std::size_t>> by_issue_;
  std::vector<Externalities> externalities_;
  unsigned stamp_ = 0;
};

ExchangeResult exchange_in_order(const BargainingProblem& prob, const O& o) {
  const Frame f(prob);
  ExchangeResult res;
  std::vector<std::vector<double>> start = f.x0;
  // Directions of the actors' concessions so far (kept over rounds with Commit::run).
  std::vector<std::vector<int>> committed(f.m, std::vector<int>(f.n, 0));
  auto record = [&](const std::vector<std::vector<double>>& x) {
    std::vector<std::vector<double>> scaled(f.m);
    std::vector<double> out(f.m);
    for (std::size_t d = 0; d < f.m; ++d) {
      scaled[d] = f.issue_scale(d, x[d]);
      out[d] = f.lo[d] + f.unit[d] * f.outcome(d, x[d]);
    }
    res.positions.push_back(std::move(scaled));
    res.outcome_by_round.push_back(std::move(out));
  };
  auto record_start = [&] {
    std::vector<std::vector<double>> scaled(f.m);
    for (std::size_t d = 0; d < f.m; ++d) scaled[d] = f.issue_scale(d, start[d]);
    res.starts.push_back(std::move(scaled));
  };
  record(start);
  record_start();
  for (int round = 1; round <= o.rounds; ++round) {
    Round r(f, o, round, start, committed);
    std::vector<RealisedExchange> done = r.run();
    if (done.empty()) {  // nothing to trade: every later round would be this one
      res.converged = true;
      break;
    }
    const RoundState& st = r.state();
    record(st.y);
    res.externalities.push_back(r.externalities());
    res.exchanges.insert(res.exchanges.end(), done.begin(), done.end());
    // The next round's start: decide's blend for each actor that moved, or the votes.
    double change = 0;
    for (std::size_t d = 0; d < f.m; ++d)
      for (std::size_t a = 0; a < f.n; ++a) {
        if (st.dir[d][a] == 0) continue;
        const double x = start[d][a], y = st.y[d][a];
        const double next =
            o.start == O::StartRule::voting
                ? y
                : x + (o.fixed_weight + o.salience_weight * (1 - f.s[d][a])) * (y - x);
        change = std::max(change, std::abs(next - x));
        start[d][a] = next;
      }
    if (o.commit == O::Commit::run) committed = st.dir;
    res.start_change.push_back(change);
    record_start();
    if (change < o.tolerance) {
      res.converged = true;
      break;
    }
  }
  res.outcome = res.outcome_by_round.back();
  return res;
}

}  // namespace

ExchangeResult exchange(const BargainingProblem& p, const ExchangeOptions& o) {
  // Ties are broken in name order, so that permuting the actors changes nothing.
  const auto order = name_order(p);
  ExchangeResult r = exchange_in_order(reordered(p, order), o);
  for (auto* trajectory : {&r.positions, &r.starts})
    for (auto& t : *trajectory)
      for (auto& issue : t) {
        auto copy = issue;
        for (std::size_t a = 0; a < order.size(); ++a) issue[order[a]] = copy[a];
      }
  for (auto& round : r.externalities) {
    auto copy = round;
    for (std::size_t a = 0; a < order.size(); ++a) round[order[a]] = copy[a];
  }
  for (auto& e : r.exchanges) {
    e.i = order[e.i];
    e.j = order[e.j];
  }
  return r;
}

ModelRun run_exchange_model(const BargainingProblem& p, const RunSettings& settings) {
  const OptionValues& values = settings.options;
  ModelRun run;
  run.model = "exchange";
  ExchangeOptions o = exchange_options(values, &run.options);
  apply_settings(settings, values, run.options, &o.rounds, "rounds", &o.seed, "seed", nullptr);
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
    f.details["converged"] = r.converged;
    run.issues.push_back(std::move(f));
  }
  nlohmann::json& d = run.details;
  d["converged"] = r.converged;
  d["rounds"] = static_cast<int>(r.positions.size()) - 1;
  d["start_change"] = r.start_change;
  nlohmann::json per_round = nlohmann::json::array();
  for (std::size_t t = 0; t < r.externalities.size(); ++t) {
    int count = 0;
    for (const auto& e : r.exchanges) count += e.round == static_cast<int>(t) + 1;
    nlohmann::json actors = nlohmann::json::object();
    for (std::size_t a = 0; a < p.actor_count(); ++a) {
      const Externalities& e = r.externalities[t][a];
      actors[p.actors[a]] = {{"inner_positive", e.inner_positive},
                             {"inner_negative", e.inner_negative},
                             {"outer_positive", e.outer_positive},
                             {"outer_negative", e.outer_negative},
                             {"own", e.own}};
    }
    nlohmann::json realised = nlohmann::json::array();
    for (const auto& e : r.exchanges)
      if (e.round == static_cast<int>(t) + 1)
        realised.push_back({{"i", p.actors[e.i]},
                            {"j", p.actors[e.j]},
                            {"i_supplies", p.issues[e.q].name},
                            {"j_supplies", p.issues[e.p].name},
                            {"move_i", e.move_i},
                            {"move_j", e.move_j},
                            {"gain_i", e.gain_i},
                            {"gain_j", e.gain_j}});
    per_round.push_back({{"round", t + 1},
                         {"exchanges", count},
                         {"externalities", actors},
                         {"realised", std::move(realised)}});
  }
  d["by_round"] = std::move(per_round);
  return run;
}

std::string exchange_text_summary(const ModelRun& run) {
  const nlohmann::json& d = run.details;
  if (!d.contains("by_round")) return "";
  const int rounds = d.value("rounds", 0);
  std::string out = fmt::format("\nexchange: {} round(s), {}\n", rounds,
                                d.value("converged", false) ? "converged" : "round limit reached");
  if (d["by_round"].empty()) return out;
  // Externalities summed over the rounds (decide reports them per round: see the JSON).
  std::map<std::string, std::array<double, 5>> total;
  std::vector<std::string> names;
  for (const auto& r : d["by_round"])
    for (const auto& [actor, e] : r["externalities"].items()) {
      if (!total.count(actor)) names.push_back(actor);
      auto& t = total[actor];
      int k = 0;
      for (const char* key :
           {"inner_positive", "inner_negative", "outer_positive", "outer_negative", "own"})
        t[k++] += e[key].get<double>();
    }
  std::size_t width = 5;
  for (const auto& n : names) width = std::max(width, n.size());
  out += fmt::format("externalities over all rounds (0-100 scale x salience)\n  {:<{}}", "actor",
                     width);
  for (const char* h : {"inner+", "inner-", "outer+", "outer-", "own"})
    out += fmt::format("  {:>9}", h);
  out += "\n";
  for (const auto& n : names) {
    out += fmt::format("  {:<{}}", n, width);
    for (double v : total[n]) out += fmt::format("  {:>9.3f}", v);
    out += "\n";
  }
  return out;
}

}  // namespace detente::bargain
