#include "bargain/eum.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <random>

#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

namespace detente::bargain {

namespace {

using O = EumOptions;
// One name↔value table per enumerated option: parsing, validation, echo and help.
const Choices<O::Probability> kProbability = {{"all_pairs", O::Probability::all_pairs},
                                              {"pair", O::Probability::pair}};
const Choices<O::Perspective> kPerspective = {{"mirror", O::Perspective::mirror},
                                              {"own", O::Perspective::own}};
const Choices<O::Security> kSecurity = {{"challenged", O::Security::challenged},
                                        {"challenging", O::Security::challenging}};
const Choices<O::SecurityPerspective> kSecurityPerspective = {
    {"target", O::SecurityPerspective::target}, {"challenger", O::SecurityPerspective::challenger}};
const Choices<O::TRule> kTRule = {{"endpoint", O::TRule::endpoint},
                                  {"direction", O::TRule::direction},
                                  {"one", O::TRule::one},
                                  {"zero", O::TRule::zero}};
const Choices<O::CompromiseRegion> kCompromiseRegion = {{"figure", O::CompromiseRegion::figure},
                                                        {"text", O::CompromiseRegion::text}};
const Choices<O::Selection> kSelection = {{"scholz_code", O::Selection::scholz_code},
                                          {"least_move", O::Selection::least_move}};
const Choices<O::Conflict> kConflict = {{"deterministic", O::Conflict::deterministic},
                                        {"stochastic", O::Conflict::stochastic}};
const Choices<O::Range> kRange = {
    {"initial", O::Range::initial}, {"current", O::Range::current}, {"scale", O::Range::scale}};

}  // namespace

EumOptions eum_options(const OptionValues& values, nlohmann::json* used) {
  EumOptions o;
  OptionReader r(values, "eum");
  o.rounds = r.integer("rounds", o.rounds, 0, 100000);
  o.q = r.number("q", o.q, 0, 1);
  o.probability = r.choice("probability", o.probability, kProbability);
  o.vote_risk = r.flag("vote_risk", o.vote_risk);
  o.perspective = r.choice("perspective", o.perspective, kPerspective);
  o.security = r.choice("security", o.security, kSecurity);
  o.security_perspective =
      r.choice("security_perspective", o.security_perspective, kSecurityPerspective);
  o.t_rule = r.choice("t_rule", o.t_rule, kTRule);
  o.risk_reset = r.flag("risk_reset", o.risk_reset);
  o.compromise_region = r.choice("compromise_region", o.compromise_region, kCompromiseRegion);
  o.compel = r.flag("compel", o.compel);
  o.selection = r.choice("selection", o.selection, kSelection);
  o.conflict = r.choice("conflict", o.conflict, kConflict);
  o.range = r.choice("range", o.range, kRange);
  o.seed = r.seed("seed", o.seed);
  o.threads = r.integer("threads", o.threads, 1, 1024);
  r.finish();
  if (used) {
    *used = r.used();
    used->erase("threads");  // not part of the model: results do not depend on it
  }
  return o;
}

std::string eum_option_help() {
  const EumOptions d;
  std::string out;
  auto line = [&](std::string_view name, std::string_view def, const std::string& values) {
    out += fmt::format("  {:<21} {:<14} {}\n", name, def, values);
  };
  line("rounds", std::to_string(d.rounds), ">= 0 (also --rounds)");
  line("q", "1", "[0, 1]");
  line("probability", name_of(kProbability, d.probability), describe(kProbability));
  line("vote_risk", "true", "true|false");
  line("perspective", name_of(kPerspective, d.perspective), describe(kPerspective));
  line("security", name_of(kSecurity, d.security), describe(kSecurity));
  line("security_perspective", name_of(kSecurityPerspective, d.security_perspective),
       describe(kSecurityPerspective));
  line("t_rule", name_of(kTRule, d.t_rule), describe(kTRule));
  line("risk_reset", "true", "true|false");
  line("compromise_region", name_of(kCompromiseRegion, d.compromise_region),
       describe(kCompromiseRegion));
  line("compel", "false", "true|false");
  line("selection", name_of(kSelection, d.selection), describe(kSelection));
  line("conflict", name_of(kConflict, d.conflict), describe(kConflict));
  line("range", name_of(kRange, d.range), describe(kRange));
  line("seed", "1", "unsigned 64-bit (also --seed)");
  return out;
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

// Below this many actors a pass runs on one thread: starting threads costs more.
constexpr std::size_t kParallelFrom = 64;

// The utility 2 − 4·base^r (base clipped at 0); r = 1 is exact without a power. The base
// goes through a volatile so that the optimiser never sees a constant one: clang rewrites
// pow(0.5, r) as exp2(−r), whose last bit can differ from libm's pow, and EUM's discrete
// offers amplify one bit into other final positions (the clang builds then missed the
// pinned results; docs/testing.md). A store and a load, against a pow of ~15 ns.
[[gnu::always_inline]] inline double utility(double base, double r) {
  base = std::max(base, 0.0);
  if (r == 1.0) return 2 - 4 * base;
  volatile double opaque = base;
  return 2 - 4 * std::pow(opaque, r);
}

// The pairwise supports of one evaluation pass. Whether voter k supports i or j depends
// only on which side of their midpoint x_k lies (d_k is increasing in distance for any
// r_k), so with the actors sorted by position, prefix sums F_a(t) = Σ_{t'<t} w_k d_k(x_a)
// over the voters in position order give a pair's supports from six entries. prepare()
// builds them, O(n²) with the n² distances d_k(x_a) = (|x_k − x_a|/R)^r_k its only powers
// (none where r_k = 1); rows() then gives a block of actors' supports against every
// partner in O(n) each, walking the rising midpoints with two pointers, so that the n × n
// supports are never stored. The prefix sums are kept per position (column-major), so
// that a row reads its own column in order. The n²-sized buffers live across passes and
// rounds (nothing of that size is allocated once they have grown); the O(n) row buffers
// are per thread and pass.
class Supports {
 public:
  void prepare(const std::vector<double>& x, const std::vector<double>& w,
               const std::vector<double>& voter_risk, double range, const EumOptions& o,
               int threads) {
    n_ = x.size();
    const std::size_t n = n_, stride = n + 1;
    by_x_.resize(n);
    std::iota(by_x_.begin(), by_x_.end(), 0);
    std::stable_sort(by_x_.begin(), by_x_.end(),
                     [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    xs_.resize(n);
    rank_.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
      xs_[t] = x[by_x_[t]];
      rank_[by_x_[t]] = t;
    }
    dist_.resize(n * n);
    prefix_.resize(stride * n);
    voter_sum_.assign(n, 0.0);
    const bool all_pairs = o.probability == O::Probability::all_pairs;
    const int t_count = n >= kParallelFrom ? threads : 1;
    // 1. Row t of the weighted distances, for the voter k in position t.
    parallel_chunks(n, t_count, [&](std::size_t begin, std::size_t end) {
      std::vector<double> sorted(n);
      for (std::size_t t = begin; t < end; ++t) {
        const std::size_t k = by_x_[t];
        double* row = &dist_[t * n];
        const double xk = x[k], rk = voter_risk[k];
        for (std::size_t a = 0; a < n; ++a) row[a] = std::abs(xk - xs_[a]) / range;
        // pow(v, 1) = v exactly. Actors at one position (offers move actors onto others'
        // positions, so later rounds have many) are adjacent in xs_: one power serves them.
        if (o.vote_risk && rk != 1.0)
          for (std::size_t a = 0; a < n; ++a)
            row[a] = a > 0 && xs_[a] == xs_[a - 1] ? row[a - 1] : std::pow(row[a], rk);
        if (all_pairs) voter_sum_[k] = sorted_pair_sum(row, t, sorted);
        const double wk = w[k];
        for (std::size_t a = 0; a < n; ++a) row[a] *= wk;
      }
    });
    // 2. The running sums down each position's column, stored per position; blocks of
    //    columns side by side keep the reads of dist_ in whole cache lines.
    constexpr std::size_t kBlock = 8;
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    parallel_chunks(blocks, t_count, [&](std::size_t begin, std::size_t end) {
      for (std::size_t blk = begin; blk < end; ++blk) {
        const std::size_t a0 = blk * kBlock, a1 = std::min(n, a0 + kBlock);
        double acc[kBlock] = {};
        for (std::size_t a = a0; a < a1; ++a) prefix_[a * stride] = 0;
        for (std::size_t t = 0; t < n; ++t) {
          const double* row = &dist_[t * n];
          for (std::size_t a = a0; a < a1; ++a) {
            acc[a - a0] = acc[a - a0] + row[a];
            prefix_[a * stride + t + 1] = acc[a - a0];
          }
        }
      }
    });
    total_.resize(n);
    for (std::size_t a = 0; a < n; ++a) total_[a] = prefix_[a * stride + n];
    // Σ_k w_k Σ_{a,b} |d_ka − d_kb| over ordered pairs, in actor order.
    all_votes_ = 0;
    if (all_pairs)
      for (std::size_t k = 0; k < n; ++k) all_votes_ += w[k] * 2 * voter_sum_[k];
  }

  // For the actors at sorted positions [t0, t1) (at most kRowBlock): row r = t − t0 of
  // over (under) holds, at each partner's sorted position, the support for x_t against
  // the partner's position (for the partner's against x_t); 0 where the positions are
  // equal. The rows walk the partners together, so that the prefix entries of a partner
  // (one column, the rows' nearby midpoints) are read once from memory for the block.
  void rows(std::size_t t0, std::size_t t1, double* over, double* under) const {
    const std::size_t n = n_, m = t1 - t0;
    std::size_t lo_end[kRowBlock], hi_begin[kRowBlock], below[kRowBlock], upto[kRowBlock];
    for (std::size_t r = 0; r < m; ++r) {
      const double xi = xs_[t0 + r];
      lo_end[r] =
          static_cast<std::size_t>(std::lower_bound(xs_.begin(), xs_.end(), xi) - xs_.begin());
      hi_begin[r] =
          static_cast<std::size_t>(std::upper_bound(xs_.begin(), xs_.end(), xi) - xs_.begin());
      below[r] = upto[r] = 0;
    }
    // Pairs (lo, hi) with x_lo < x_hi; below/upto: the positions < and ≤ their midpoint,
    // which rises with the partner's position. Below the midpoint k is nearer lo:
    // v = w(d(x_hi) − d(x_lo)) > 0 supports lo.
    for (std::size_t sj = 0; sj < n; ++sj) {
      const double total_j = total_[sj];
      // The partner columns are a stride apart, beyond the hardware prefetcher: fetch the
      // block's midpoint entries of a partner a few steps ahead.
      if (sj + kAhead < n) {
        const double* ahead = &prefix_[(sj + kAhead) * (n + 1) + below[0]];
        __builtin_prefetch(ahead);
        __builtin_prefetch(ahead + 8);
      }
      for (std::size_t r = 0; r < m; ++r) {
        const std::size_t si = t0 + r;
        double& o_ij = over[r * n + sj];
        double& u_ij = under[r * n + sj];
        if (sj >= lo_end[r] && sj < hi_begin[r]) {
          o_ij = u_ij = 0;
          continue;
        }
        const bool partner_above = sj >= hi_begin[r];
        const std::size_t lo = partner_above ? si : sj, hi = partner_above ? sj : si;
        const double mid = (xs_[lo] + xs_[hi]) / 2;
        std::size_t bl = below[r], up = upto[r];
        while (bl < n && xs_[bl] < mid) ++bl;
        if (up < bl) up = bl;
        while (up < n && !(mid < xs_[up])) ++up;
        below[r] = bl;
        upto[r] = up;
        const double total_lo = partner_above ? total_[si] : total_j;
        const double total_hi = partner_above ? total_j : total_[si];
        const double for_lo = std::max(0.0, pre(bl, hi) - pre(bl, lo));
        const double for_hi = std::max(0.0, (total_lo - pre(up, lo)) - (total_hi - pre(up, hi)));
        o_ij = partner_above ? for_lo : for_hi;
        u_ij = partner_above ? for_hi : for_lo;
      }
    }
  }

  // body(i, over, under, scratch) for every actor i, with i's rows of rows() (indexed by
  // the partners' sorted positions) and 2n doubles of the thread's own: blocks of sorted positions
  // split among `threads`, or, if `in_actor_order`, one actor at a time in actor order on this
  // thread.
  template <typename Body>
  void for_each_row(int threads, bool in_actor_order, Body body) const {
    const std::size_t n = n_;
    if (in_actor_order) {
      std::vector<double> over(n), under(n), scratch(2 * n);
      for (std::size_t i = 0; i < n; ++i) {
        rows(rank_[i], rank_[i] + 1, over.data(), under.data());
        body(i, over.data(), under.data(), scratch.data());
      }
      return;
    }
    const std::size_t blocks = (n + kRowBlock - 1) / kRowBlock;
    parallel_chunks(blocks, n >= kParallelFrom ? threads : 1,
                    [&](std::size_t begin, std::size_t end) {
                      std::vector<double> over(kRowBlock * n), under(kRowBlock * n), scratch(2 * n);
                      for (std::size_t blk = begin; blk < end; ++blk) {
                        const std::size_t t0 = blk * kRowBlock, t1 = std::min(n, t0 + kRowBlock);
                        rows(t0, t1, over.data(), under.data());
                        for (std::size_t t = t0; t < t1; ++t)
                          body(by_x_[t], &over[(t - t0) * n], &under[(t - t0) * n], scratch.data());
                      }
                    });
  }

  // P^i from i's support s_i and j's s_j against each other.
  double probability(double s_i, double s_j, bool pair_normalised) const {
    if (pair_normalised) {
      const double total = s_i + s_j;
      return total > 0 ? s_i / total : 0.5;
    }
    return all_votes_ > 0 ? s_i / all_votes_ : 0.0;
  }

  // The actor at sorted position t, and the sorted position of actor i (after prepare).
  std::size_t actor_at(std::size_t t) const { return by_x_[t]; }
  // Sorted positions a block of rows() covers at most.
  static constexpr std::size_t kRowBlock = 16;
  static constexpr std::size_t kAhead = 8;  // partners the prefetch runs ahead
  std::size_t rank(std::size_t i) const { return rank_[i]; }

 private:
  double pre(std::size_t t, std::size_t sa) const { return prefix_[sa * (n_ + 1) + t]; }

  // Σ_m row[m]·(2m − (n − 1)) over the row sorted ascending (= Σ_{a,b} |d_a − d_b| / 2).
  // The row (voter at sorted position t) falls away from t on both sides, so a merge of
  // the two sides sorts it in O(n); if a power ever broke monotonicity, a sort repairs it.
  static double sorted_pair_sum(const double* row, std::size_t t, std::vector<double>& out) {
    const std::size_t n = out.size();
    std::size_t m = 0;
    out[m++] = row[t];
    std::ptrdiff_t left = static_cast<std::ptrdiff_t>(t) - 1;
    std::size_t right = t + 1;
    while (left >= 0 || right < n) {
      if (right >= n || (left >= 0 && row[left] <= row[right]))
        out[m++] = row[left--];
      else
        out[m++] = row[right++];
    }
    if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k)
      sum += out[k] * (2.0 * static_cast<double>(k) - static_cast<double>(n - 1));
    return sum;
  }

  std::size_t n_ = 0;
  std::vector<std::size_t> by_x_, rank_;
  std::vector<double> xs_, dist_, prefix_, total_, voter_sum_;
  double all_votes_ = 0;
};

// E(U_ij) from its pieces: i challenging j with utilities (us, uf, usq) of success,
// failure and the status quo, P^i = p, j's salience sj; the no-challenge term when q < 1.
class ExpectedUtility {
 public:
  ExpectedUtility(const std::vector<double>& x, const std::vector<double>& s, double range,
                  double median, const EumOptions& o)
      : x_(x), s_(s), range_(range), mu_(median), o_(o) {}

  // i's expected utility of challenging j with exponent r and P^i = p; us, uf:
  // utility(0.5 ∓ 0.5 d_ij, r).
  double operator()(std::size_t i, std::size_t j, double p, double r, double us, double uf,
                    double usq) const {
    double e = s_[j] * (p * us + (1 - p) * uf) + (1 - s_[j]) * us - o_.q * usq;
    if (o_.q < 1) {
      const double dij = std::abs(x_[i] - x_[j]) / range_;
      const double dim = std::abs(x_[i] - mu_) / range_;
      // j expected to move toward the median: T = 1 when that is better for i.
      double t = dim < dij ? 1.0 : 0.0;
      if (o_.t_rule == O::TRule::direction) {
        const double toward = mu_ - x_[j], to_i = x_[i] - x_[j];
        t = toward * to_i > 0 ? 1.0 : 0.0;
      } else if (o_.t_rule == O::TRule::one) {
        t = 1;
      } else if (o_.t_rule == O::TRule::zero) {
        t = 0;
      }
      const double ub = utility(0.5 - 0.25 * (dim + dij), r);
      const double uw = utility(0.5 + 0.25 * (dim + dij), r);
      e -= (1 - o_.q) * (t * ub + (1 - t) * uw);
    }
    return e;
  }
  // The same, computing its own utilities.
  double operator()(std::size_t i, std::size_t j, double p, double r) const {
    const double dij = std::abs(x_[i] - x_[j]) / range_;
    return (*this)(i, j, p, r, utility(0.5 - 0.5 * dij, r), utility(0.5 + 0.5 * dij, r),
                   utility(0.5, r));
  }

 private:
  const std::vector<double>& x_;
  const std::vector<double>& s_;
  double range_, mu_;
  const EumOptions& o_;
};

enum class OfferKind { conflict = 0, compromise = 1, compel = 2 };

// The offer i accepts, chosen as the offers are made (j in actor order), so that none is
// stored: per kind the first with the least key (scholz_code), or overall the first with
// the least move, ties to the higher b (least_move).
class OfferChoice {
 public:
  OfferChoice(double xi, O::Selection selection) : xi_(xi), selection_(selection) {}
  void offer(OfferKind kind, double position, double a, double b, double xj) {
    const double move = std::abs(position - xi_);
    if (selection_ == O::Selection::least_move) {
      Best& best = best_[0];
      if (!best.set || move < best.key || (move == best.key && b > best.b))
        best = {true, move, b, position};
      return;
    }
    const double key = kind == OfferKind::compromise
                           ? (std::abs(a) * xi_ + std::abs(b) * xj) / (std::abs(a) + std::abs(b))
                           : move;
    Best& best = best_[static_cast<int>(kind)];
    if (!best.set || key < best.key) best = {true, key, b, position};
  }
  // The accepted position, if any offer was made.
  std::optional<double> accepted() const {
    for (const Best& b : best_)
      if (b.set) return b.position;
    return std::nullopt;
  }

 private:
  struct Best {
    bool set = false;
    double key = 0, b = 0, position = 0;
  };
  double xi_;
  O::Selection selection_;
  Best best_[3];
};

EumResult eum_in_order(const BargainingProblem& p, std::size_t issue, const EumOptions& o) {
  const std::size_t n = p.actor_count();
  std::vector<double> x = p.position.at(issue);
  const std::vector<double>& s = p.salience[issue];
  const std::vector<double> w = p.weights(issue);
  auto range_of = [&](const std::vector<double>& pos) {
    if (o.range == O::Range::scale) return p.issues[issue].scale_max - p.issues[issue].scale_min;
    auto [lo, hi] = std::minmax_element(pos.begin(), pos.end());
    return *hi - *lo;
  };
  const double initial_range = range_of(x);
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  // Stochastic conflicts draw in (i, j) order from one stream: they run on one thread.
  const int threads =
      o.conflict == O::Conflict::stochastic ? 1 : (n >= kParallelFrom ? o.threads : 1);

  EumResult out;
  std::vector<double> r(n, 1.0), r_sec(n, 1.0), security(n), next(n);
  std::vector<char> moved(n);
  Supports sup;
  // The medians and means of the rounds are filled in by eum(), on the whole problem.
  auto record = [&](int round, int moves) {
    EumRound rec;
    rec.round = round;
    rec.positions = x;
    rec.risk = r;
    rec.moves = moves;
    out.rounds.push_back(std::move(rec));
  };
  record(0, 0);
  for (int round = 1; round <= o.rounds; ++round) {
    double range = o.range == O::Range::current ? range_of(x) : initial_range;
    if (!(range > 0)) {  // every actor at one point: nothing left to bargain over
      record(round, 0);
      continue;
    }
    const double mu = eum_detail::condorcet_median(x, w);
    // 1. Security with r = 1 (or last round's r), then the risk exponents.
    if (o.risk_reset)
      std::fill(r_sec.begin(), r_sec.end(), 1.0);
    else
      r_sec = r;
    const bool pair_p = o.probability == O::Probability::pair;
    sup.prepare(x, w, r_sec, range, o, threads);
    {
      const ExpectedUtility eu(x, s, range, mu, o);
      sup.for_each_row(
          threads, false, [&](std::size_t i, const double* over, const double* under, double*) {
            double sec = 0;
            for (std::size_t j = 0; j < n; ++j) {
              if (i == j) continue;
              const std::size_t sj = sup.rank(j);
              if (o.security == O::Security::challenged)  // j challenges i: E^i(U_ji) or E^j(U_ji)
                sec += eu(
                    j, i, sup.probability(under[sj], over[sj], pair_p),
                    o.security_perspective == O::SecurityPerspective::target ? r_sec[i] : r_sec[j]);
              else
                sec += eu(i, j, sup.probability(over[sj], under[sj], pair_p), r_sec[i]);
            }
            security[i] = sec;
          });
      r = eum_detail::risk_exponents(security);
    }
    // 2. Offers with the new exponents; each actor accepts one, all move at once.
    sup.prepare(x, w, r, range, o, threads);
    const ExpectedUtility eu(x, s, range, mu, o);
    const bool mirror = o.perspective == O::Perspective::mirror;
    const bool figure = o.compromise_region == O::CompromiseRegion::figure;
    // Stochastic conflicts draw in (i, j) actor order: rows one at a time, in that order.
    sup.for_each_row(
        threads, o.conflict == O::Conflict::stochastic,
        [&](std::size_t i, const double* over, const double* under, double* scratch) {
          const double ri = r[i], usq_i = utility(0.5, ri);
          // The bases of i's utilities of success and failure against every j, raised to
          // r_i as one row: success[j] = (0.5 − 0.5 d_ij)^r_i, failure[j] = (0.5 + …)^r_i.
          double* success = scratch;
          double* failure = scratch + n;
          for (std::size_t j = 0; j < n; ++j) {
            const double dij = std::abs(x[i] - x[j]) / range;
            success[j] = std::max(0.5 - 0.5 * dij, 0.0);
            failure[j] = std::max(0.5 + 0.5 * dij, 0.0);
          }
          if (ri != 1.0) {  // pow(b, 1) = b exactly
            // In position order, so that the partners at one position share their powers.
            double last_x = 0, last_s = 0, last_f = 0;
            for (std::size_t t = 0; t < n; ++t) {
              const std::size_t j = sup.actor_at(t);
              if (t == 0 || x[j] != last_x) {
                last_x = x[j];
                last_s = std::pow(success[j], ri);
                last_f = std::pow(failure[j], ri);
              }
              success[j] = last_s;
              failure[j] = last_f;
            }
          }
          OfferChoice choice(x[i], o.selection);
          for (std::size_t j = 0; j < n; ++j) {
            if (j == i || x[j] == x[i]) continue;
            const std::size_t sj = sup.rank(j);
            const double p_ij = sup.probability(over[sj], under[sj], pair_p);
            const double p_ji = sup.probability(under[sj], over[sj], pair_p);
            // Under mirror both sides use r_i, and d_ji = d_ij: one pair of powers serves both.
            const double us = 2 - 4 * success[j], uf = 2 - 4 * failure[j];
            const double a = eu(i, j, p_ij, ri, us, uf, usq_i);
            const double b = mirror ? eu(j, i, p_ji, ri, us, uf, usq_i) : eu(j, i, p_ji, r[j]);
            if (a > 0 && b > 0) {
              bool gives_way = b > a;
              if (o.conflict == O::Conflict::stochastic)
                gives_way = uniform(rng) < 1 - sup.probability(over[sj], under[sj], true);
              if (gives_way) choice.offer(OfferKind::conflict, x[j], a, b, x[j]);
            } else if (figure ? (a < 0 && b > 0 && std::abs(b) > std::abs(a))
                              : (a < 0 && b < 0 && std::abs(b) > std::abs(a))) {
              choice.offer(OfferKind::compromise, x[i] + (x[j] - x[i]) * std::abs(a / b), a, b,
                           x[j]);
            } else if (o.compel && a < 0 && b > 0 && std::abs(a) > std::abs(b)) {
              choice.offer(OfferKind::compel, x[j], a, b, x[j]);
            }
          }
          const auto to = choice.accepted();
          moved[i] = to && *to != x[i];
          next[i] = moved[i] ? *to : x[i];
        });
    int moves = 0;
    for (char m : moved) moves += m;
    x.swap(next);
    record(round, moves);
  }
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
  ModelRun run;
  run.model = "eum";
  EumOptions o = eum_options(settings.options, &run.options);
  apply_settings(settings, settings.options, run.options, &o.rounds, "rounds", &o.seed, "seed",
                 &o.threads);
  if (o.rounds < 0) fail({"", 0, "--rounds"}, "eum: expected at least 0 rounds, got {}", o.rounds);
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
