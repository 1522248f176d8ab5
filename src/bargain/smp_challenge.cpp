#include "bargain/smp_challenge.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "bargain/cpu_dispatch.hpp"
#include "core/parallel.hpp"

namespace detente::bargain::smp_terms {

namespace {

// Targets evaluated side by side: two AVX-512 vectors of doubles.
constexpr std::size_t kLanes = 16;

// The largest challenge_gain(uii, uij, sj, p) over p ∈ [0, 1], plus a margin far above the
// rounding of the few operations that compute the gain itself (so a target whose bound is
// below a gain found cannot reach that gain in floating point either). NaN: +∞ (evaluate).
double gain_bound(double uii, double uij, double sj) {
  const double u_vict = 2 * uii, u_loss = 2 * uij, eu_sq = uii + uij;
  // eu_contest = p·u_vict + (1 − p)·u_loss lies between the two; the gain is linear in it
  // with slope sj.
  const double hi = std::max(u_vict, u_loss), lo = std::min(u_vict, u_loss);
  const double bound = (1 - sj) * u_vict + sj * (sj >= 0 ? hi : lo) - eu_sq;
  const double scale = std::abs(1 - sj) * std::abs(u_vict) +
                       std::abs(sj) * std::max(std::abs(u_vict), std::abs(u_loss)) +
                       std::abs(eu_sq);
  const double b = bound + 1e-10 * scale;
  return std::isnan(b) ? std::numeric_limits<double>::infinity() : b;
}

struct Candidate {
  double bound;
  std::uint32_t j;
};
bool by_bound(const Candidate& a, const Candidate& b) {
  return a.bound > b.bound || (a.bound == b.bound && a.j < b.j);
}

// The coalitions C_ij, C_ji of the kLanes contests (i : j_l): the principals' votes
// (base_i, base_j) plus every third party m ≠ i, j_l in order. d[offset[l] + m] is
// d(ideal_m, pos_{j_l}) (the transposed distances: lane l reads its own column, the loads
// overlapping the divisions, where a copy into lanes first would stall on every column);
// r, w, umi, umm are over m (i's estimate of m's risk attitude, m's
// weight, u_mi and u_mm by that estimate). Lanes are independent: each accumulates over m
// in order, the same operations as the one-pair code (no reassociation, no contraction).
template <Rule kRule, Commit kTpc>
DETENTE_VECTOR_CLONES void contest_coalitions(
    std::size_t n, std::size_t i, const double* __restrict d, const std::size_t* __restrict offset,
    const std::size_t* __restrict lane_j, const double* __restrict r, const double* __restrict w,
    const double* __restrict umi, const double* __restrict umm, const double* __restrict base_i,
    const double* __restrict base_j, double* __restrict cij, double* __restrict cji) {
  double ci[kLanes], cj[kLanes];
  for (std::size_t l = 0; l < kLanes; ++l) {
    ci[l] = base_i[l];
    cj[l] = base_j[l];
  }
  for (std::size_t m = 0; m < n; ++m) {
    if (m == i) continue;  // the challenger does not vote as a third party
    const double rm = r[m], wm = w[m], ui = umi[m], uu = umm[m];
    for (std::size_t l = 0; l < kLanes; ++l) {
      const double umj = utility_at(d[offset[l] + m], rm);
      const double vote = third_party_vote(kRule, kTpc, wm, ui, umj, uu, base_i[l], base_j[l]);
      // Nor does the target in its own contest; adding 0.0 changes no bit of a positive sum.
      const double v = m == lane_j[l] ? 0.0 : vote;
      ci[l] += v > 0 ? v : 0.0;
      cj[l] -= v < 0 ? v : 0.0;
    }
  }
  for (std::size_t l = 0; l < kLanes; ++l) {
    cij[l] = ci[l];
    cji[l] = cj[l];
  }
}

// One thread's arrays, reused for each of its challengers.
struct Scratch {
  explicit Scratch(std::size_t n) : uij(n), base_i(n), base_j(n), umi(n), umm(n) {
    candidates.reserve(n);
  }
  std::vector<double> uij, base_i, base_j, umi, umm;
  std::size_t offset[kLanes] = {};
  std::vector<Candidate> candidates;
  std::size_t lane_j[kLanes] = {};
  double lane_base_i[kLanes] = {}, lane_base_j[kLanes] = {}, cij[kLanes] = {}, cji[kLanes] = {};
};

template <Rule kRule, Commit kTpc>
void search_challenger(const ChallengeInputs& in, const double* diff_t, const double* diagonal,
                       std::size_t i, Scratch& s, long* target, double* p_target) {
  const std::size_t n = in.n;
  const double* diff = in.diff;
  const double* est = in.est + i * n;  // i's estimates of every actor's risk attitude
  const double uii = utility_at(diff[i * n + i], est[i]);
  // u_mi and u_mm for every m (so u_ji and u_jj for every target j), by i's estimates:
  // column i of the distances is row i of the transpose, the diagonal is precomputed.
  const double* to_i = diff_t + i * n;
  for (std::size_t m = 0; m < n; ++m) {
    s.umi[m] = utility_at(to_i[m], est[m]);
    s.umm[m] = utility_at(diagonal[m], est[m]);
  }
  for (std::size_t j = 0; j < n; ++j) {
    s.uij[j] = utility_at(diff[i * n + j], est[i]);
    const auto [ci, cj] =
        principal_votes(kRule, in.weight[i], uii, s.uij[j], in.weight[j], s.umi[j], s.umm[j]);
    s.base_i[j] = ci;
    s.base_j[j] = cj;
  }
  s.candidates.clear();
  for (std::size_t j = 0; j < n; ++j) {
    if (j == i) continue;
    const double bound = gain_bound(uii, s.uij[j], in.total_sal[j]);
    if (bound > 1e-5) s.candidates.push_back({bound, static_cast<std::uint32_t>(j)});
  }
  double best = -1, best_p = 0;
  long best_j = -1;
  // The kLanes largest bounds first (any order among them): their best gain is the bar
  // the rest must reach. Then the others, in input order, each taken only if its bound
  // still reaches the best gain so far (which only grows).
  auto& c = s.candidates;
  if (c.size() > kLanes)
    std::nth_element(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(kLanes - 1), c.end(),
                     by_bound);
  for (std::size_t pos = 0; pos < c.size();) {
    std::size_t k = 0;
    for (; pos < c.size() && k < kLanes; ++pos)
      if (pos < kLanes || c[pos].bound >= best) s.lane_j[k++] = c[pos].j;
    if (k == 0) break;
    for (std::size_t l = 0; l < kLanes; ++l) {
      const std::size_t j = s.lane_j[std::min(l, k - 1)];  // spare lanes repeat the last
      s.lane_j[l] = j;
      s.lane_base_i[l] = s.base_i[j];
      s.lane_base_j[l] = s.base_j[j];
      s.offset[l] = j * n;  // column j of the distances
    }
    contest_coalitions<kRule, kTpc>(n, i, diff_t, s.offset, s.lane_j, est, in.weight, s.umi.data(),
                                    s.umm.data(), s.lane_base_i, s.lane_base_j, s.cij, s.cji);
    for (std::size_t l = 0; l < k; ++l) {
      const std::size_t j = s.lane_j[l];
      const double pij = s.cij[l] / (s.cij[l] + s.cji[l]);
      const double gain = challenge_gain(uii, s.uij[j], in.total_sal[j], pij);
      const auto jl = static_cast<long>(j);
      if (gain > 1e-5 && (gain > best || (gain == best && jl < best_j))) {
        best = gain;
        best_j = jl;
        best_p = pij;
      }
    }
  }
  target[i] = best_j;
  p_target[i] = best_j < 0 ? 0.0 : best_p;
}

template <Rule kRule, Commit kTpc>
void search_all(const ChallengeInputs& in, int threads, long* target, double* p_target) {
  const std::size_t n = in.n;
  // Column j of the distances, contiguous: each evaluated target's lane reads it in order.
  std::vector<double> diff_t(n * n);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) diff_t[b * n + a] = in.diff[a * n + b];
  std::vector<double> diagonal(n);
  for (std::size_t a = 0; a < n; ++a) diagonal[a] = in.diff[a * n + a];
  std::atomic<std::size_t> next{0};
  parallel_workers(thread_count(threads, n), [&](int) {
    Scratch s(n);
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;)
      search_challenger<kRule, kTpc>(in, diff_t.data(), diagonal.data(), i, s, target, p_target);
  });
}

}  // namespace

void best_challenges(const ChallengeInputs& in, Rule rule, Commit commit, int threads, long* target,
                     double* p_target) {
  with_rule(rule, [&](auto r) {
    constexpr Rule kRule = decltype(r)::value;
    switch (commit) {
      case Commit::full_commit:
        return search_all<kRule, Commit::full_commit>(in, threads, target, p_target);
      case Commit::semi_commit:
        return search_all<kRule, Commit::semi_commit>(in, threads, target, p_target);
      case Commit::no_commit:
        return search_all<kRule, Commit::no_commit>(in, threads, target, p_target);
    }
  });
}

}  // namespace detente::bargain::smp_terms
