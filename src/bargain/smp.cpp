#include "bargain/smp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "bargain/smp_challenge.hpp"
#include "bargain/smp_coalitions.hpp"
#include "bargain/smp_terms.hpp"
#include "bargain/weighted_mean.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/splitmix.hpp"

namespace detente::bargain {

namespace {

using S = SmpOptions;
using Rule = S::VotingRule;
using smp_terms::coalitions;
using smp_terms::third_party_vote;
using smp_terms::utility_at;
using smp_terms::vote_r;
using smp_terms::with_rule;
using Vpm = S::VictoryProbModel;
using Pcm = S::PceModel;
// One name↔value table per option (KTAB's names): parsing, validation, echo and help.
const Choices<Vpm> kVpm = {{"Linear", Vpm::linear},
                           {"Square", Vpm::square},
                           {"Quartic", Vpm::quartic},
                           {"Octic", Vpm::octic},
                           {"Binary", Vpm::binary}};
const Choices<Pcm> kPcm = {{"Conditional", Pcm::conditional},
                           {"MarkovIncentive", Pcm::markov_incentive},
                           {"MarkovUniform", Pcm::markov_uniform}};
const Choices<S::StateTransitions> kTransitions = {
    {"Deterministic", S::StateTransitions::deterministic},
    {"Stochastic", S::StateTransitions::stochastic}};
const Choices<Rule> kRule = {
    {"Binary", Rule::binary},    {"PropBin", Rule::prop_bin}, {"Proportional", Rule::proportional},
    {"PropCbc", Rule::prop_cbc}, {"Cubic", Rule::cubic},      {"ASymProsp", Rule::asym_prosp}};
const Choices<S::BigRAdjust> kBigRAdjust = {{"Full", S::BigRAdjust::full},
                                            {"TwoThirds", S::BigRAdjust::two_thirds},
                                            {"Half", S::BigRAdjust::half},
                                            {"OneThird", S::BigRAdjust::one_third},
                                            {"No", S::BigRAdjust::no}};
const Choices<S::BigRRange> kBigRRange = {
    {"Min", S::BigRRange::min}, {"Mid", S::BigRRange::mid}, {"Max", S::BigRRange::max}};
const Choices<S::ThirdPartyCommit> kCommit = {{"NoCommit", S::ThirdPartyCommit::no_commit},
                                              {"SemiCommit", S::ThirdPartyCommit::semi_commit},
                                              {"FullCommit", S::ThirdPartyCommit::full_commit}};
const Choices<S::InterVecBrgn> kInterVec = {{"S1P1", S::InterVecBrgn::s1p1},
                                            {"S2P2", S::InterVecBrgn::s2p2},
                                            {"S2PMax", S::InterVecBrgn::s2pmax}};
const Choices<S::BargnModel> kBargn = {{"InitOnlyInterp", S::BargnModel::init_only_interp},
                                       {"InitRcvrInterp", S::BargnModel::init_rcvr_interp},
                                       {"PWCompInterp", S::BargnModel::pw_comp_interp}};
const Choices<S::Dimensions> kDimensions = {{"joint", S::Dimensions::joint},
                                            {"separate", S::Dimensions::separate}};
const Choices<S::CapabilityScale> kCapScale = {{"max100", S::CapabilityScale::max100},
                                               {"as_given", S::CapabilityScale::as_given}};

// The enumerator named `name` in `table`; InputError listing the valid names otherwise.
template <typename E>
E lookup(const std::string& option, const std::string& name, Choices<E> table) {
  const OptionValues values{{option, name}};
  OptionReader r(values, "smp");
  return r.choice(option, table.begin()->value, table);
}

}  // namespace

SmpOptions smp_options(const OptionValues& values, nlohmann::json* used) {
  SmpOptions o;
  OptionReader r(values, "smp");
  o.victory_prob_model = r.choice("VictoryProbModel", o.victory_prob_model, kVpm);
  o.pce_model = r.choice("PCEModel", o.pce_model, kPcm);
  o.state_transitions = r.choice("StateTransitions", o.state_transitions, kTransitions);
  o.voting_rule = r.choice("VotingRule", o.voting_rule, kRule);
  o.big_r_adjust = r.choice("BigRAdjust", o.big_r_adjust, kBigRAdjust);
  o.big_r_range = r.choice("BigRRange", o.big_r_range, kBigRRange);
  o.third_party_commit = r.choice("ThirdPartyCommit", o.third_party_commit, kCommit);
  o.inter_vec_brgn = r.choice("InterVecBrgn", o.inter_vec_brgn, kInterVec);
  o.bargn_model = r.choice("BargnModel", o.bargn_model, kBargn);
  o.seed = r.seed("prngSeed", o.seed);
  o.min_iter = r.integer("minIter", o.min_iter, 1, 100000);
  o.max_iter = r.integer("maxIter", o.max_iter, 1, 100000);
  o.min_delta_ratio = r.number("minDeltaRatio", o.min_delta_ratio, 0, 1);
  o.min_sig_delta = r.number("minSigDelta", o.min_sig_delta, 0, 1);
  o.threads = r.integer("threads", o.threads, 1, 1024);
  o.dimensions = r.choice("dimensions", o.dimensions, kDimensions);
  o.capability_scale = r.choice("capabilityScale", o.capability_scale, kCapScale);
  r.finish();
  if (used) {
    *used = r.used();
    used->erase("threads");  // not part of the model: results do not depend on it
  }
  return o;
}

std::string smp_option_help() {
  const SmpOptions d;
  std::string out;
  auto line = [&](std::string_view name, std::string_view def, const std::string& values) {
    out += fmt::format("  {:<17} {:<15} {}\n", name, def, values);
  };
  line("VictoryProbModel", name_of(kVpm, d.victory_prob_model), describe(kVpm));
  line("PCEModel", name_of(kPcm, d.pce_model), describe(kPcm));
  line("StateTransitions", name_of(kTransitions, d.state_transitions), describe(kTransitions));
  line("VotingRule", name_of(kRule, d.voting_rule), describe(kRule));
  line("BigRAdjust", name_of(kBigRAdjust, d.big_r_adjust), describe(kBigRAdjust));
  line("BigRRange", name_of(kBigRRange, d.big_r_range), describe(kBigRRange));
  line("ThirdPartyCommit", name_of(kCommit, d.third_party_commit), describe(kCommit));
  line("InterVecBrgn", name_of(kInterVec, d.inter_vec_brgn), describe(kInterVec));
  line("BargnModel", name_of(kBargn, d.bargn_model), describe(kBargn));
  line("prngSeed", "1", "unsigned 64-bit (also --seed; 0 means 1)");
  line("minIter", "2", ">= 1");
  line("maxIter", "100", ">= 1 (also --rounds)");
  line("minDeltaRatio", "0.02", "[0, 1]");
  line("minSigDelta", "0.0001", "[0, 1]");
  line("capabilityScale", name_of(kCapScale, d.capability_scale), describe(kCapScale));
  line("dimensions", name_of(kDimensions, d.dimensions), describe(kDimensions));
  return out;
}

namespace {

double victory_probability_m(Vpm model, double s1, double s2) {
  double x1 = s1, x2 = s2;
  if (model == Vpm::square) {
    x1 = s1 * s1, x2 = s2 * s2;
  } else if (model == Vpm::quartic) {
    x1 = std::pow(s1, 4), x2 = std::pow(s2, 4);
  } else if (model == Vpm::octic) {
    x1 = std::pow(s1, 8), x2 = std::pow(s2, 8);
  } else if (model == Vpm::binary) {
    // Certain at a 10% margin either way, linear in the share inside it.
    const double t = 1.10, min_x = 1e-6;
    if (s1 >= t * s2) {
      x1 = 1, x2 = min_x;
    } else if (s2 >= t * s1) {
      x1 = min_x, x2 = 1;
    } else {
      const double p12 = (s1 / (s1 + s2) * (t + 1) - 1) / (t - 1);
      x1 = p12, x2 = 1 - p12;
    }
  }
  return x1 / (x1 + x2);
}

std::vector<double> pce_m(Pcm pce_model, Vpm vpm, const std::vector<double>& c, std::size_t n) {
  std::vector<double> pv(n * n, 0.5);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      if (a != b) pv[a * n + b] = victory_probability_m(vpm, c[a * n + b], c[b * n + a]);
  std::vector<double> p(n, 1.0 / static_cast<double>(n));
  if (pce_model == Pcm::conditional) {
    // Π_b P[a > b], normalised; in logs, as the product underflows for many options.
    std::vector<double> lg(n, 0.0);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) lg[a] += std::log(std::max(pv[a * n + b], 1e-300));
    const double top = *std::max_element(lg.begin(), lg.end());
    double total = 0;
    for (std::size_t a = 0; a < n; ++a) total += (p[a] = std::exp(lg[a] - top));
    for (double& x : p) x /= total;
    return p;
  }
  std::vector<double> q(n), chlg;
  if (pce_model == Pcm::markov_incentive) {
    // Incentive to challenge b with a: C(a>b)·P(a>b); challenge probability ∝ incentive.
    std::vector<double> inc(n * n);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        inc[a * n + b] = c[a * n + b] * pv[a * n + b] + (a == b ? 1e-10 : 0.0);
    chlg.assign(n * n, 0.0);
    for (std::size_t b = 0; b < n; ++b) {
      double col = 0;
      for (std::size_t k = 0; k < n; ++k) col += inc[k * n + b];
      for (std::size_t a = 0; a < n; ++a) chlg[a * n + b] = inc[a * n + b] / col;
    }
  }
  const double tol = pce_model == Pcm::markov_incentive ? 1e-8 : 1e-6;
  for (int iter = 0; iter < 100000; ++iter) {
    double change = 0;
    for (std::size_t a = 0; a < n; ++a) {
      double qa = 0;
      for (std::size_t b = 0; b < n; ++b) {
        if (pce_model == Pcm::markov_incentive)
          qa += pv[a * n + b] * (p[a] * chlg[b * n + a] + p[b] * chlg[a * n + b]);
        else
          qa += pv[a * n + b] * (p[a] + p[b]);
      }
      if (pce_model != Pcm::markov_incentive) qa /= static_cast<double>(n);
      q[a] = qa;
      change = std::max(change, std::abs(qa - p[a]));
    }
    for (std::size_t a = 0; a < n; ++a) p[a] = (p[a] + q[a]) / 2;
    if (change <= tol) break;
  }
  return p;
}

}  // namespace

namespace smp_detail {

double vote(const std::string& rule, double w, double ua, double ub) {
  return vote_r(lookup("VotingRule", rule, kRule), w, ua, ub);
}
double victory_probability(const std::string& model, double s1, double s2) {
  return victory_probability_m(lookup("VictoryProbModel", model, kVpm), s1, s2);
}
std::vector<double> pce(const std::string& pce_model, const std::string& vpm,
                        const std::vector<double>& c, std::size_t n) {
  return pce_m(lookup("PCEModel", pce_model, kPcm), lookup("VictoryProbModel", vpm, kVpm), c, n);
}
double bs_util(double d, double r) { return utility_at(d, r); }

}  // namespace smp_detail

namespace {

// bsUtil, inlined where it is called n² or n³ times a turn.
constexpr auto bs_util = utility_at;

// A counter-based uniform in [0, 1): the same for (seed, turn, actor) on any thread.
double uniform_at(std::uint64_t seed, std::uint64_t turn, std::uint64_t actor) {
  auto mix = [](std::uint64_t z) { return splitmix64(z); };
  const std::uint64_t h = mix(mix(mix(seed) ^ turn) ^ actor);
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

struct Bargain {
  std::size_t init, rcvr;  // init == rcvr: the status quo
  std::vector<double> pos_init, pos_rcvr;
};

class SmpState {
 public:
  SmpState(const SmpOptions& o, std::vector<double> cap, std::vector<double> sal, std::size_t dims)
      : o_(o),
        n_(cap.size()),
        d_(dims),
        cap_(std::move(cap)),
        sal_(std::move(sal)),
        rule_(o.voting_rule),
        vpm_(o.victory_prob_model),
        pcm_(o.pce_model),
        tpc_(o.third_party_commit) {
    total_sal_.assign(n_, 0.0);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t k = 0; k < d_; ++k) total_sal_[i] += sal_[i * d_ + k];
  }

  // Salience-weighted normalised distance of a from b, in a's saliences.
  double distance(std::size_t a, const double* x, const double* y) const {
    double ds = 0, ss = 0;
    for (std::size_t k = 0; k < d_; ++k) {
      const double s = sal_[a * d_ + k];
      const double t = (x[k] - y[k]) * s;
      ds += t * t;
      ss += s * s;
    }
    return std::sqrt(ds / ss);
  }

  // Utilities and risk attitudes for positions `pos` and ideals `ideal` (row-major n × D).
  void assess(const std::vector<double>& pos, const std::vector<double>& ideal) {
    pos_ = &pos;
    ideal_ = &ideal;
    diff_.assign(n_ * n_, 0.0);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j)
        diff_[i * n_ + j] = distance(i, &ideal[i * d_], &pos[j * d_]);
    // Risk-neutral PCE over the actors' positions, weighted by capability.
    std::vector<double> u(n_ * n_);
    for (std::size_t x = 0; x < n_ * n_; ++x) u[x] = 1 - diff_[x];
    const auto c = coalitions(rule_, cap_, u, n_, n_, o_.threads);
    const auto p = pce_m(pcm_, vpm_, c, n_);
    const auto [lo, hi] = std::minmax_element(p.begin(), p.end());
    const double pmin = *lo, pmax = *hi;
    risk_.assign(n_, 0.0);
    if (pmax - pmin > 1e-15)
      for (std::size_t i = 0; i < n_; ++i) {
        if (o_.big_r_range == S::BigRRange::min)
          risk_[i] = (p[i] - pmin) / (pmax - pmin);
        else if (o_.big_r_range == S::BigRRange::mid)
          risk_[i] = (3 * p[i] - pmax - 2 * pmin) / (2 * (pmax - pmin));
        else
          risk_[i] = (2 * p[i] - pmax - pmin) / (pmax - pmin);
      }
    est_.assign(n_ * n_, 0.0);
    for (std::size_t h = 0; h < n_; ++h)
      for (std::size_t i = 0; i < n_; ++i) est_[h * n_ + i] = est_risk(h, i);
    own_total_.assign(n_, 0.0);
    for (std::size_t h = 0; h < n_; ++h)
      for (std::size_t j = 0; j < n_; ++j) own_total_[h] += bs_util(diff_[h * n_ + j], risk_[h]);
  }

  // h's estimate of i's risk attitude.
  double est_risk(std::size_t h, std::size_t i) const {
    const double rh = risk_[h], ri = risk_[i];
    switch (o_.big_r_adjust) {
      case S::BigRAdjust::full:
        return ri;
      case S::BigRAdjust::two_thirds:
        return (rh + 2 * ri) / 3;
      case S::BigRAdjust::half:
        return (rh + ri) / 2;
      case S::BigRAdjust::one_third:
        return (2 * rh + ri) / 3;
      case S::BigRAdjust::no:
        break;
    }
    return rh;
  }
  // h's estimate of the utility to i of j's position.
  double util(std::size_t h, std::size_t i, std::size_t j) const {
    return bs_util(diff_[i * n_ + j], est_[h * n_ + i]);
  }

  // Each actor's most advantageous target by its own estimates (prob_edu_challenge with
  // h = k = i): target[i] = −1 when no challenge gains more than 1e-5. Branch and bound
  // over the targets, exact (smp_challenge.hpp); threads split the challengers.
  void best_challenges(int threads, std::vector<long>& target,
                       std::vector<double>& p_target) const {
    std::vector<double> weight(n_);
    for (std::size_t m = 0; m < n_; ++m) weight[m] = total_sal_[m] * cap_[m];
    const smp_terms::ChallengeInputs in{n_, diff_.data(), est_.data(), total_sal_.data(),
                                        weight.data()};
    smp_terms::best_challenges(in, rule_, tpc_, threads, target.data(), p_target.data());
  }

  // h's estimate of P[i defeats j] and of the change in k's utility if i challenges j.
  std::pair<double, double> prob_edu_challenge(std::size_t h, std::size_t k, std::size_t i,
                                               std::size_t j) const {
    const Rule vr = rule_;
    const double uii = util(h, i, i), uij = util(h, i, j), uji = util(h, j, i), ujj = util(h, j, j);
    const double eu_sq = util(h, k, i) + util(h, k, j);
    const double u_vict = 2 * util(h, k, i), u_loss = 2 * util(h, k, j);
    const double si = total_sal_[i], sj = total_sal_[j];
    double cij = 1e-10, cji = 1e-10;
    const double vi = vote_r(vr, si * cap_[i], uii, uij), vj = vote_r(vr, sj * cap_[j], uji, ujj);
    if (vi > 0) cij += vi;
    if (vi < 0) cji -= vi;
    if (vj > 0) cij += vj;
    if (vj < 0) cji -= vj;
    const double base_i = cij, base_j = cji;
    for (std::size_t m = 0; m < n_; ++m) {
      if (m == i || m == j) continue;
      const double wm = total_sal_[m] * cap_[m];
      const double umi = util(h, m, i), umj = util(h, m, j), umm = util(h, m, m);
      const double v = third_party_vote(vr, tpc_, wm, umi, umj, umm, base_i, base_j);
      if (v > 0) cij += v;
      if (v < 0) cji -= v;
    }
    const double pij = cij / (cij + cji);
    const double eu_contest = pij * u_vict + (1 - pij) * u_loss;
    const double eu_chlg = (1 - sj) * u_vict + sj * eu_contest;
    return {pij, eu_chlg - eu_sq};
  }

  // The bargain i offers j, interpolated with i's probabilities p_i (and p_j = 1 − p_i).
  Bargain interpolate(std::size_t i, std::size_t j, double pi, double pj) const {
    Bargain b{i, j, std::vector<double>(d_), std::vector<double>(d_)};
    auto round4 = [](double x) {
      return static_cast<double>(static_cast<long long>(0.5 + x * 1e4)) / 1e4;
    };
    for (std::size_t k = 0; k < d_; ++k) {
      const double ti = (*pos_)[i * d_ + k], tj = (*pos_)[j * d_ + k];
      const double si = sal_[i * d_ + k], sj = sal_[j * d_ + k];
      if (o_.inter_vec_brgn == S::InterVecBrgn::s2pmax) {
        const double di = std::max(0.0, pj - pi), dj = std::max(0.0, pi - pj);
        const double dik = di * sj * sj / (di * sj * sj + 1e-6 + (1 - di) * si * si);
        const double djk = dj * si * si / (dj * si * si + 1e-6 + (1 - dj) * sj * sj);
        b.pos_init[k] = ti + dik * (tj - ti);
        b.pos_rcvr[k] = tj + djk * (ti - tj);
      } else {
        const int e = o_.inter_vec_brgn == S::InterVecBrgn::s1p1 ? 1 : 2;
        const double wi = std::pow(si, e) * std::pow(pi, e), wj = std::pow(sj, e) * std::pow(pj, e);
        // The 1e-6 keeps 0/0 away when neither cares or neither can coerce.
        b.pos_init[k] = round4(((wi + 1e-6) * ti + wj * tj) / (wi + 1e-6 + wj));
        b.pos_rcvr[k] = round4((wi * ti + (1e-6 + wj) * tj) / (wi + 1e-6 + wj));
      }
    }
    return b;
  }

  // Utility to actor a of the state after bargain b, averaged over the n positions.
  double bargain_util(std::size_t a, const Bargain& b) const {
    if (b.init == b.rcvr) return own_total_[a] / static_cast<double>(n_);
    const double* ideal = &(*ideal_)[a * d_];
    double u = own_total_[a] - bs_util(diff_[a * n_ + b.init], risk_[a]) -
               bs_util(diff_[a * n_ + b.rcvr], risk_[a]);
    u += bs_util(distance(a, ideal, b.pos_init.data()), risk_[a]);
    u += bs_util(distance(a, ideal, b.pos_rcvr.data()), risk_[a]);
    return u / static_cast<double>(n_);
  }

  std::size_t n() const { return n_; }
  std::size_t dims() const { return d_; }
  const std::vector<double>& cap() const { return cap_; }
  const std::vector<double>& risk() const { return risk_; }
  double total_sal(std::size_t i) const { return total_sal_[i]; }

 private:
  const SmpOptions& o_;
  std::size_t n_, d_;
  std::vector<double> cap_, sal_, total_sal_;
  const std::vector<double>* pos_ = nullptr;
  const std::vector<double>* ideal_ = nullptr;
  Rule rule_;
  Vpm vpm_;
  Pcm pcm_;
  S::ThirdPartyCommit tpc_;
  std::vector<double> diff_, risk_, est_, own_total_;
};

double state_distance(const std::vector<double>& a, const std::vector<double>& b, std::size_t n,
                      std::size_t d) {
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double s = 0;
    for (std::size_t k = 0; k < d; ++k)
      s += (a[i * d + k] - b[i * d + k]) * (a[i * d + k] - b[i * d + k]);
    total += std::sqrt(s);
  }
  return total;
}

}  // namespace

namespace {

SmpResult smp_in_order(const BargainingProblem& p, const SmpOptions& o) {
  const std::size_t na_all = p.actor_count(), d = p.issue_count();
  // Actors who care about no dimension or have no capability cannot vote in KTAB: they
  // keep their positions and take no part.
  std::vector<std::size_t> active;
  for (std::size_t a = 0; a < na_all; ++a) {
    double s = 0, c = p.capability[a];
    for (std::size_t k = 0; k < d; ++k) s += p.salience[k][a];
    if (s > 0 && c > 0) active.push_back(a);
  }
  const std::size_t n = active.size();
  auto to_unit = [&](std::size_t k, double x) {
    const double span = p.issues[k].scale_max - p.issues[k].scale_min;
    return span > 0 ? (x - p.issues[k].scale_min) / span : 0.0;
  };
  auto from_unit = [&](std::size_t k, double u) {
    return p.issues[k].scale_min + u * (p.issues[k].scale_max - p.issues[k].scale_min);
  };
  SmpResult res;
  std::vector<std::vector<double>> all(na_all, std::vector<double>(d));
  for (std::size_t a = 0; a < na_all; ++a)
    for (std::size_t k = 0; k < d; ++k) all[a][k] = p.position[k][a];
  res.turns.push_back(all);
  if (n < 2) {
    res.converged = true;
    res.forecast.assign(d, 0);
    // Nobody (or one actor) can bargain: its position, else the compromise fallback.
    for (std::size_t k = 0; k < d; ++k)
      res.forecast[k] = n == 1 ? p.position[k][active[0]] : weighted_mean(p, k);
    res.final_probability.assign(na_all, 0.0);
    for (std::size_t a : active) res.final_probability[a] = 1;
    return res;
  }

  // KTAB's fixed floors (1e-8 in coalitions, 1e-10 in challenges) make its results
  // depend on the unit of capability; rescaling to a largest capability of 100 (KTAB's
  // own inputs' scale) makes the result independent of the unit.
  double max_cap = 0;
  for (std::size_t a : active) max_cap = std::max(max_cap, p.capability[a]);
  const double cap_scale = o.capability_scale == S::CapabilityScale::max100 ? 100 / max_cap : 1.0;
  std::vector<double> cap(n), sal(n * d), pos(n * d);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t a = active[i];
    cap[i] = p.capability[a] * cap_scale;
    double total = 0;
    for (std::size_t k = 0; k < d; ++k) total += p.salience[k][a];
    // KTAB needs each actor's saliences to total at most 1; larger totals are rescaled.
    const double scale = total > 1 ? 1 / total : 1;
    for (std::size_t k = 0; k < d; ++k) {
      sal[i * d + k] = p.salience[k][a] * scale;
      pos[i * d + k] = to_unit(k, p.position[k][a]);
    }
  }
  // Ideal-point accommodation: A = identity unless the input sets IdealAdjustment pairs.
  std::vector<double> accommodate(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) accommodate[i * n + i] = 1;
  if (!p.ideal_adjustments.empty()) {
    std::fill(accommodate.begin(), accommodate.end(), 0.0);
    auto index = [&](const std::string& name) -> std::optional<std::size_t> {
      for (std::size_t i = 0; i < n; ++i)
        if (p.actors[active[i]] == name) return i;
      return std::nullopt;
    };
    for (const auto& adj : p.ideal_adjustments) {
      auto i = index(adj.adjusting), j = index(adj.reference);
      if (i && j) accommodate[*i * n + *j] = std::clamp(adj.rate, 0.0, 1.0);
    }
  }
  std::vector<double> ideal = pos;

  SmpState state(o, cap, sal, d);
  std::vector<std::vector<double>> history{pos};
  auto record = [&](const std::vector<double>& x) {
    auto snapshot = res.turns.front();
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < d; ++k) snapshot[active[i]][k] = from_unit(k, x[i * d + k]);
    res.turns.push_back(std::move(snapshot));
  };

  std::vector<long> target(n, -1);
  std::vector<double> p_target(n, 0.0);
  for (int turn = 1;; ++turn) {
    state.assess(pos, ideal);
    // 1. Each actor's most advantageous target (in parallel; each writes its own slot).
    state.best_challenges(o.threads, target, p_target);
    // 2. Bargains into the initiator's and the target's queues (status quo first, −1).
    std::vector<Bargain> bargains;
    std::vector<std::vector<long>> queue(n, std::vector<long>{-1});
    for (std::size_t i = 0; i < n; ++i) {
      if (target[i] < 0) continue;
      const auto j = static_cast<std::size_t>(target[i]);
      Bargain from_i = state.interpolate(i, j, p_target[i], 1 - p_target[i]);
      std::vector<Bargain> made;
      if (o.bargn_model == S::BargnModel::init_only_interp) {
        made.push_back(from_i);
      } else {
        // j's estimate of P[i defeats j] (KTAB passes the utility change here; we pass
        // the probability, as its comment intends).
        const double pj = state.prob_edu_challenge(j, i, i, j).first;
        Bargain from_j = state.interpolate(i, j, pj, 1 - pj);
        if (o.bargn_model == S::BargnModel::init_rcvr_interp) {
          made.push_back(from_i);
          made.push_back(from_j);
        } else {  // PWCompInterp: capability × salience weighted average of the two
          const double wi = cap[i] * state.total_sal(i), wj = cap[j] * state.total_sal(j);
          Bargain avg{i, j, std::vector<double>(d), std::vector<double>(d)};
          for (std::size_t k = 0; k < d; ++k) {
            avg.pos_init[k] = (wi * from_i.pos_init[k] + wj * from_j.pos_init[k]) / (wi + wj);
            avg.pos_rcvr[k] = (wi * from_i.pos_rcvr[k] + wj * from_j.pos_rcvr[k]) / (wi + wj);
          }
          made.push_back(avg);
        }
      }
      for (auto& b : made) {
        queue[i].push_back(static_cast<long>(bargains.size()));
        queue[j].push_back(static_cast<long>(bargains.size()));
        bargains.push_back(std::move(b));
      }
    }
    // Everyone's utility of the state after each bargain, once for both of its queues.
    std::vector<double> bargain_u(bargains.size() * n);
    parallel_chunks(bargains.size(), thread_count(o.threads, bargains.size()),
                    [&](std::size_t begin, std::size_t end) {
                      for (std::size_t b = begin; b < end; ++b)
                        for (std::size_t a = 0; a < n; ++a)
                          bargain_u[b * n + a] = state.bargain_util(a, bargains[b]);
                    });
    // 3. Each actor's queue: PCE over its bargains by everyone's utility; pick one.
    std::vector<double> next = pos;
    parallel_chunks(n, thread_count(o.threads, n), [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        const auto& q = queue[k];
        const std::size_t nb = q.size();
        std::vector<double> u(n * nb);
        const Bargain status_quo{k, k, {}, {}};
        for (std::size_t a = 0; a < n; ++a)
          for (std::size_t m = 0; m < nb; ++m)
            u[a * nb + m] = q[m] < 0 ? state.bargain_util(a, status_quo)
                                     : bargain_u[static_cast<std::size_t>(q[m]) * n + a];
        const auto c = coalitions(o.voting_rule, cap, u, n, nb);
        const auto prob = pce_m(o.pce_model, o.victory_prob_model, c, nb);
        std::size_t chosen = 0;
        if (o.state_transitions == S::StateTransitions::deterministic) {
          for (std::size_t m = 1; m < nb; ++m)
            if (prob[m] > prob[chosen]) chosen = m;
        } else {
          double r = uniform_at(o.seed, static_cast<std::uint64_t>(turn), k), acc = 0;
          chosen = nb - 1;
          for (std::size_t m = 0; m < nb; ++m) {
            acc += prob[m];
            if (r < acc) {
              chosen = m;
              break;
            }
          }
        }
        if (q[chosen] < 0) continue;  // the status quo
        const Bargain& b = bargains[static_cast<std::size_t>(q[chosen])];
        const auto& x = b.init == k ? b.pos_init : b.pos_rcvr;
        for (std::size_t dd = 0; dd < d; ++dd) next[k * d + dd] = x[dd];
      }
    });
    // 4. Ideals drift toward positions: ideal_i = Σ_j A_ij pos_j + (1 − Σ_j A_ij) ideal_i.
    std::vector<double> new_ideal(n * d, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      double row = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double a = accommodate[i * n + j];
        row += a;
        for (std::size_t k = 0; k < d; ++k) new_ideal[i * d + k] += a * next[j * d + k];
      }
      row = std::min(row, 1.0);
      for (std::size_t k = 0; k < d; ++k) new_ideal[i * d + k] += (1 - row) * ideal[i * d + k];
    }
    ideal = std::move(new_ideal);
    pos = std::move(next);
    history.push_back(pos);
    record(pos);
    // 5. KTAB's stopping rule.
    const double d01 = state_distance(history[0], history[1], n, d) + o.min_sig_delta;
    const double dxy = state_distance(history[turn], history[turn - 1], n, d);
    const double ratio = dxy / d01;
    res.fractional_change.push_back(ratio);
    const bool quiet = turn >= o.min_iter && ratio < o.min_delta_ratio;
    if (quiet) res.converged = true;
    if (quiet || turn >= o.max_iter) break;
  }
  // Final PCE over the distinct positions (as KTAB's "winning probabilities"):
  // proportional voting, capability weights, each actor by its own utility.
  state.assess(pos, ideal);
  std::vector<std::size_t> unique, class_of(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t c = unique.size();
    for (std::size_t u = 0; u < unique.size() && c == unique.size(); ++u) {
      double dist = 0;
      for (std::size_t k = 0; k < d; ++k) {
        const double diff = pos[i * d + k] - pos[unique[u] * d + k];
        dist += diff * diff;
      }
      if (std::sqrt(dist) < 1e-3) c = u;  // KTAB's position tolerance: 0.1 on 0–100
    }
    // A class is represented (and compared against) by its latest member: this reproduces
    // KTAB's logged winning probabilities to their 4 printed decimals.
    if (c == unique.size())
      unique.push_back(i);
    else
      unique[c] = i;
    class_of[i] = c;
  }
  const std::size_t m = unique.size();
  std::vector<double> u(n * m);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t j = 0; j < m; ++j) u[a * m + j] = state.util(a, a, unique[j]);
  const auto c = coalitions(Rule::proportional, cap, u, n, m);
  const auto prob = pce_m(o.pce_model, o.victory_prob_model, c, m);
  res.final_probability.assign(na_all, 0.0);
  res.forecast.assign(d, 0.0);
  for (std::size_t i = 0; i < n; ++i) res.final_probability[active[i]] = prob[class_of[i]];
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t k = 0; k < d; ++k)
      res.forecast[k] += prob[j] * from_unit(k, pos[unique[j] * d + k]);
  return res;
}

}  // namespace

SmpResult smp(const BargainingProblem& p, const SmpOptions& o) {
  // Sums and ties run in name order, so that permuting the actors changes nothing.
  const auto order = name_order(p);
  SmpResult r = smp_in_order(reordered(p, order), o);
  for (auto& turn : r.turns) {
    auto copy = turn;
    for (std::size_t a = 0; a < order.size(); ++a) turn[order[a]] = copy[a];
  }
  auto prob = r.final_probability;
  for (std::size_t a = 0; a < order.size(); ++a) r.final_probability[order[a]] = prob[a];
  return r;
}

ModelRun run_smp_model(const BargainingProblem& p, const RunSettings& settings) {
  OptionValues values = p.options;  // the input's own ModelParameters, then the caller's
  for (const auto& [k, v] : settings.options) values[k] = v;
  ModelRun run;
  run.model = "smp";
  SmpOptions o = smp_options(values, &run.options);
  apply_settings(settings, values, run.options, &o.max_iter, "maxIter", &o.seed, "prngSeed",
                 &o.threads);
  if (o.max_iter < 1)
    fail({"", 0, "--rounds"}, "smp: expected at least 1 turn, got {}", o.max_iter);
  // KTAB's prngSeed 0 means "random"; we stay reproducible and use 1.
  if (o.seed == 0) run.options["prngSeed"] = o.seed = 1;
  auto add = [&](const BargainingProblem& q, const SmpResult& r, std::size_t k) {
    IssueForecast f;
    f.issue = q.issues[k].name;
    for (std::size_t t = 0; t < r.turns.size(); ++t) {
      std::vector<double> x(q.actor_count());
      for (std::size_t a = 0; a < x.size(); ++a) x[a] = r.turns[t][a][k];
      f.rounds.push_back(make_round(q, k, static_cast<int>(t), std::move(x)));
    }
    f.forecast = r.forecast[k];
    f.details["converged"] = r.converged;
    f.details["turns"] = static_cast<int>(r.turns.size()) - 1;
    run.issues.push_back(std::move(f));
  };
  if (o.dimensions == S::Dimensions::joint) {
    SmpResult r = smp(p, o);
    for (std::size_t k = 0; k < p.issue_count(); ++k) add(p, r, k);
  } else {
    for (std::size_t k = 0; k < p.issue_count(); ++k) {
      BargainingProblem q = select_issue(p, p.issues[k].name);
      add(q, smp(q, o), 0);
    }
  }
  return run;
}

}  // namespace detente::bargain
