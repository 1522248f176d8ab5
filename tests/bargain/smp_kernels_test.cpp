// SMP's two cubic kernels against the plain loops they replace, bit for bit: the
// branch-and-bound challenge search (smp_challenge.hpp) against scanning every target with
// every third party, and the register-blocked coalition sums (smp_coalitions.hpp) against
// the triple loop, under every voting rule and commitment model, on random states whose
// sizes are not multiples of the kernels' tiles, for 1 and 3 threads.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "bargain/smp_challenge.hpp"
#include "bargain/smp_coalitions.hpp"

namespace detente::bargain::smp_terms {
namespace {

const Rule kRules[] = {Rule::binary,   Rule::prop_bin, Rule::proportional,
                       Rule::prop_cbc, Rule::cubic,    Rule::asym_prosp};
const Commit kCommits[] = {Commit::no_commit, Commit::semi_commit, Commit::full_commit};

struct State {
  std::size_t n;
  std::vector<double> diff, est, total_sal, weight;
};

// Distances in [0, 1] with a zero diagonal (ideal = position) or not, risk estimates in
// [−1, 1], saliences in (0, 1], weights up to 500; a few targets repeat another's column
// (ties between targets).
State random_state(std::size_t n, std::uint64_t seed, bool zero_diagonal) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  State s{n, std::vector<double>(n * n), std::vector<double>(n * n), std::vector<double>(n),
          std::vector<double>(n)};
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) s.diff[a * n + b] = a == b && zero_diagonal ? 0.0 : u(rng);
  for (std::size_t b = 3; b < n; b += 7)
    for (std::size_t a = 0; a < n; ++a)
      if (a != b && a != b - 1) s.diff[a * n + b] = s.diff[a * n + b - 1];
  for (double& x : s.est) x = 2 * u(rng) - 1;
  for (std::size_t a = 0; a < n; ++a) {
    s.total_sal[a] = 0.05 + 0.95 * u(rng);
    s.weight[a] = s.total_sal[a] * (0.1 + 5 * u(rng));
  }
  return s;
}

// KTAB's scan: every target j in order, every third party m in order.
void scan_all(const State& s, Rule rule, Commit commit, std::vector<long>& target,
              std::vector<double>& p_target) {
  const std::size_t n = s.n;
  auto util = [&](std::size_t h, std::size_t a, std::size_t b) {
    return utility_at(s.diff[a * n + b], s.est[h * n + a]);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double uii = util(i, i, i);
    double best = -1;
    target[i] = -1;
    p_target[i] = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double uij = util(i, i, j);
      auto [ci, cj] =
          principal_votes(rule, s.weight[i], uii, uij, s.weight[j], util(i, j, i), util(i, j, j));
      const double base_i = ci, base_j = cj;
      for (std::size_t m = 0; m < n; ++m) {
        if (m == i || m == j) continue;
        const double v = third_party_vote(rule, commit, s.weight[m], util(i, m, i), util(i, m, j),
                                          util(i, m, m), base_i, base_j);
        if (v > 0) ci += v;
        if (v < 0) cj -= v;
      }
      const double pij = ci / (ci + cj);
      const double gain = challenge_gain(uii, uij, s.total_sal[j], pij);
      if (gain > 1e-5 && gain > best) {
        best = gain;
        target[i] = static_cast<long>(j);
        p_target[i] = pij;
      }
    }
  }
}

TEST(SmpKernels, ChallengeSearchChoosesAsTheFullScanBitForBit) {
  std::size_t searched = 0, chosen = 0;
  for (std::size_t n : {2, 3, 17, 40, 61}) {
    for (bool zero_diagonal : {true, false}) {
      const State s = random_state(n, 100 + n + (zero_diagonal ? 1 : 0), zero_diagonal);
      const ChallengeInputs in{n, s.diff.data(), s.est.data(), s.total_sal.data(), s.weight.data()};
      for (Rule rule : kRules)
        for (Commit commit : kCommits) {
          std::vector<long> want(n), got(n);
          std::vector<double> want_p(n), got_p(n);
          scan_all(s, rule, commit, want, want_p);
          for (int threads : {1, 3}) {
            best_challenges(in, rule, commit, threads, got.data(), got_p.data());
            for (std::size_t i = 0; i < n; ++i) {
              ASSERT_EQ(got[i], want[i]) << "n " << n << " rule " << static_cast<int>(rule)
                                         << " commit " << static_cast<int>(commit) << " i " << i;
              ASSERT_EQ(got_p[i], want_p[i]) << "n " << n << " i " << i;  // the same bits
              chosen += want[i] >= 0;
            }
            ++searched;
          }
        }
    }
  }
  // The cases are not vacuous: most challengers find a target.
  EXPECT_EQ(searched, 5u * 2 * 6 * 3 * 2);
  EXPECT_GT(chosen, searched * 10);
}

TEST(SmpKernels, CoalitionSumsEqualTheTripleLoopBitForBit) {
  for (std::size_t m : {1, 2, 5, 16, 17, 33, 70}) {
    const std::size_t n = m + 9;  // voters
    std::mt19937_64 rng(7 + m);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> w(n), util(n * m);
    for (double& x : w) x = 0.1 + 5 * u(rng);
    for (double& x : util) x = u(rng) < 0.1 ? 0.5 : u(rng);  // some exact ties
    for (Rule rule : kRules) {
      std::vector<double> want(m * m, 1e-8);
      for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < a; ++b) {
          double ab = 1e-8, ba = 1e-8;
          for (std::size_t k = 0; k < n; ++k) {
            const double v = vote_r(rule, w[k], util[k * m + a], util[k * m + b]);
            ab += v > 0 ? v : 0.0;
            ba -= v < 0 ? v : 0.0;
          }
          want[a * m + b] = ab;
          want[b * m + a] = ba;
        }
      for (int threads : {1, 3}) {
        const auto got = coalitions(rule, w, util, n, m, threads);
        ASSERT_EQ(got.size(), want.size());
        for (std::size_t x = 0; x < got.size(); ++x)
          ASSERT_EQ(got[x], want[x])
              << "m " << m << " rule " << static_cast<int>(rule) << " at " << x / m << "," << x % m;
      }
    }
  }
}

}  // namespace
}  // namespace detente::bargain::smp_terms
