#include "sim/split_search.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "core/limits.hpp"
#include "core/target_clones.hpp"
#include "sim/kernels.hpp"
#include "sim/rng.hpp"

namespace detente::sim {

namespace {

constexpr double kTolerance = 1e-12;  // a move must lower F by more than this
constexpr int kKicks = 4;             // perturbations after the starts (restart months)
constexpr int kRestartEvery = 6;      // months between full restarts

// field = X s as a sum of rows s_j · x_j (X is symmetric): axpy loops vectorise where a
// dot product's reduction would not (no reassociation is allowed).
// Compiled for AVX2 and the baseline where clones may be used (core/target_clones.hpp).
#if DETENTE_CAN_CLONE
[[gnu::target_clones("avx2", "default")]]
#endif
void field_of(const double* x, int n, const double* s, double* field) {
  std::fill_n(field, n, 0.0);
  for (int j = 0; j < n; ++j) {
    const double sj = s[j];
    const double* row = x + static_cast<std::ptrdiff_t>(j) * n;
    for (int i = 0; i < n; ++i) field[i] += sj * row[i];
  }
}

// Σ_{i<j} |x_ij| in eight running sums (a fixed order, so deterministic) that vectorise.
double upper_abs_sum(const double* x, int n) {
  double total = 0;
  for (int i = 0; i < n; ++i) {
    const double* row = x + static_cast<std::ptrdiff_t>(i) * n;
    double acc[8] = {};
    int j = i + 1;
    for (; j + 8 <= n; j += 8)
      for (int k = 0; k < 8; ++k) acc[k] += std::abs(row[j + k]);
    for (; j < n; ++j) acc[0] += std::abs(row[j]);
    for (double a : acc) total += a;
  }
  return total;
}

// Single-actor moves in sweeps over the actors (first improvement) until a sweep moves no
// one; field f_i = Σ_j x_ij s_j, and moving i changes F by s_i f_i, so i moves when
// s_i f_i < −kTolerance. Each move strictly lowers F; at most 2n sweeps bound the work on
// near-ties. Sides are ±1.0 so that the field's dot products vectorise.
void local_search(const double* x, int n, double* s, double* field) {
  field_of(x, n, s, field);
  for (int sweep = 0; sweep < 2 * n; ++sweep) {
    bool moved = false;
    for (int i = 0; i < n; ++i) {
      if (!(s[i] * field[i] < -kTolerance)) continue;
      s[i] = -s[i];
      const double* row = x + static_cast<std::ptrdiff_t>(i) * n;
      const double step = 2.0 * s[i];
      for (int j = 0; j < n; ++j) field[j] += step * row[j];
      moved = true;
    }
    if (!moved) return;
  }
}

// F(s) from the field of a local optimum: Σ_{i<j} x_ij s_i s_j = ½ Σ_i s_i f_i, so
// F = ½ (Σ_{i<j} |x_ij| − ½ Σ_i s_i f_i), O(n) (the field carries the moves' updates; their
// rounding is far below the tolerance of a move).
double frustration_from_field(int n, const double* s, const double* field, double total_abs) {
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += s[i] * field[i];
  return std::max(0.0, 0.5 * (total_abs - 0.5 * sum));
}

// Signs of the leading eigenvector of X (largest algebraic eigenvalue), by power iteration
// on X + cI with c the largest absolute row sum (so that X + cI is positive semidefinite).
void spectral_start(const double* x, int n, std::span<double> v, std::span<double> next,
                    double* s) {
  double c = 0;
  for (int i = 0; i < n; ++i) {
    double r = 0;
    for (int j = 0; j < n; ++j) r += std::abs(x[static_cast<std::ptrdiff_t>(i) * n + j]);
    c = std::max(c, r);
  }
  for (int i = 0; i < n; ++i) v[i] = 1.0 + 0.01 * i / n;  // not orthogonal to the leader
  for (int it = 0; it < 8; ++it) {
    field_of(x, n, v.data(), next.data());
    double norm = 0;
    for (int i = 0; i < n; ++i) {
      next[i] += c * v[i];
      norm += next[i] * next[i];
    }
    norm = norm > 0 ? 1 / std::sqrt(norm) : 1;
    for (int i = 0; i < n; ++i) v[i] = next[i] * norm;
  }
  for (int i = 0; i < n; ++i) s[i] = v[i] < 0 ? -1.0 : 1.0;
}

// Colours the maximum-|x| spanning tree (Prim, O(n²)): a positive tie joins sides, a
// negative one separates them; actors without ties join side +1.
void tree_start(const double* x, int n, std::span<double> key, std::span<double> parent_tie,
                double* s, std::span<std::int8_t> done, std::span<int> parent) {
  std::fill(done.begin(), done.end(), 0);
  std::fill(key.begin(), key.end(), -1.0);
  std::fill(parent.begin(), parent.end(), -1);
  for (int step = 0; step < n; ++step) {
    int u = -1;
    for (int i = 0; i < n; ++i)
      if (!done[i] && (u < 0 || key[i] > key[u])) u = i;
    done[u] = 1;
    s[u] = parent[u] < 0 ? 1.0 : parent_tie[u] < 0 ? -s[parent[u]] : s[parent[u]];
    const double* row = x + static_cast<std::ptrdiff_t>(u) * n;
    for (int j = 0; j < n; ++j)
      if (!done[j] && std::abs(row[j]) > key[j] && row[j] != 0) {
        key[j] = std::abs(row[j]);
        parent[j] = u;
        parent_tie[j] = row[j];
      }
  }
}

}  // namespace

namespace {

// The greedy packing on the ties that the split s (±1.0) frustrates, heaviest `wanted` of
// them first; adds the packed triangles (a, b, c, y) to `packed` when given. `r` (n·n)
// holds the residual capacities.
#if DETENTE_CAN_CLONE  // as field_of
[[gnu::target_clones("avx512f", "avx2", "default")]]
#endif
double
pack_triangles(const double* x, int n, const double* s, double max_visits, double* r,
               std::vector<std::uint64_t>& ties, std::vector<double>& room,
               CompactPacking* packed) {
  // The frustrated ties, listed without branches (about half the ties are frustrated on
  // the systems simulated, so a branch per tie would be mispredicted half the time), each
  // as one sort key: the complement of |x|'s bits (non-negative doubles order as their
  // bits) above kIndexBits bits of the tie's index a·n + b, so that sorting the keys puts
  // the heaviest first, equal weights (to 2⁻³² relative) in index order.
  constexpr int kIndexBits = 20;  // a·n + b < 2^20 for n ≤ limits::kMaxActors
  static_assert(limits::kMaxActors * limits::kMaxActors < (1 << kIndexBits));
  constexpr std::uint64_t kIndexMask = (std::uint64_t{1} << kIndexBits) - 1;
  ties.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(std::max(n - 1, 0)) / 2);
  std::size_t frustrated = 0;
  for (int a = 0; a < n; ++a) {
    const double* row = x + static_cast<std::ptrdiff_t>(a) * n;
    for (int b = a + 1; b < n; ++b) {
      const std::uint64_t weight = ~std::bit_cast<std::uint64_t>(std::abs(row[b]));
      ties[frustrated] = (weight & ~kIndexMask) | static_cast<std::uint64_t>(a * n + b);
      frustrated += row[b] * s[a] * s[b] < 0;
    }
  }
  ties.resize(frustrated);
  const double limit = std::floor(max_visits / std::max(1, n));
  const std::size_t wanted = limit < static_cast<double>(ties.size())
                                 ? static_cast<std::size_t>(std::max(0.0, limit))
                                 : ties.size();
  if (wanted < ties.size())
    std::nth_element(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(wanted), ties.end());
  std::sort(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(wanted));
  for (std::size_t k = 0; k < static_cast<std::size_t>(n) * n; ++k) r[k] = std::abs(x[k]);
  room.assign(static_cast<std::size_t>((n + 7) / 8 * 8), 0.0);  // the padding stays 0
  double bound = 0;
  for (std::size_t t = 0; t < wanted; ++t) {
    const int tie = static_cast<int>(ties[t] & kIndexMask), a = tie / n, b = tie % n;
    const double* xa = x + static_cast<std::ptrdiff_t>(a) * n;
    const double* xb = x + static_cast<std::ptrdiff_t>(b) * n;
    double* res_a = r + static_cast<std::ptrdiff_t>(a) * n;
    double* res_b = r + static_cast<std::ptrdiff_t>(b) * n;
    // Pass 1 (vectorises): the room of triangle (a, b, c) on its other two ties when it is
    // unbalanced (an odd number of negative ties; c = a or b has a zero diagonal), else 0.
    const double x_ab = xa[b];
    for (int c = 0; c < n; ++c) {
      const double m = res_a[c] < res_b[c] ? res_a[c] : res_b[c];
      room[c] = x_ab * xa[c] * xb[c] < 0 ? m : 0.0;
    }
    // Pass 2: share the room left on (a, b) among them in order of c. The triangles on
    // (a, b) share no other tie, so this is the sequential greedy packing. Few c have room,
    // so the c are taken eight at a time as a bit mask of those that do (one vector
    // comparison) and only its set bits are visited.
    double left = res_a[b];
    for (int c0 = 0; c0 < n && left > 0; c0 += 8) {
      unsigned mask = 0;
      for (int k = 0; k < 8; ++k) mask |= static_cast<unsigned>(room[c0 + k] > 0) << k;
      for (; mask != 0 && left > 0; mask &= mask - 1) {
        const int c = c0 + std::countr_zero(mask);
        const double amount = room[c] < left ? room[c] : left;
        bound += amount;
        left -= amount;
        double* res_c = r + static_cast<std::ptrdiff_t>(c) * n;
        res_a[c] -= amount, res_c[a] -= amount;
        res_b[c] -= amount, res_c[b] -= amount;
        if (packed) packed->add(a, b, c, amount);
      }
    }
    res_a[b] = res_b[a] = left;
  }
  return bound;
}

}  // namespace

void CompactPacking::clear(int n) {
  n_ = n;
  for (auto* v : {&ab_, &ac_, &bc_}) v->clear();
  y_.clear();
}

void CompactPacking::add(int a, int b, int c, double y) {
  const int n = n_;
  ab_.push_back(std::min(a, b) * n + std::max(a, b));
  ac_.push_back(std::min(a, c) * n + std::max(a, c));
  bc_.push_back(std::min(b, c) * n + std::max(b, c));
  y_.push_back(y);
}

// The loads summed triangle by triangle in packing order, then inverted (0: no load).
void CompactPacking::finish() {
  const std::size_t size = static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_);
  inverse_load_.assign(size, 0.0);
  ratio_.resize(size);
  double* load = inverse_load_.data();
  for (std::size_t t = 0; t < y_.size(); ++t) {
    load[ab_[t]] += y_[t];
    load[ac_[t]] += y_[t];
    load[bc_[t]] += y_[t];
  }
  for (std::size_t e = 0; e < size; ++e) load[e] = load[e] > 0 ? 1.0 / load[e] : 0.0;
}

namespace {

// The rescaling's two loops: q_e = x_e / load_e per tie (as x_e times the inverse load,
// over all n² entries: a plain vector loop, cheaper than gathering the packed ties),
// then per triangle y · min(1, |q_ab|, |q_ac|, |q_bc|) when q_ab q_ac q_bc < 0 (loads are
// positive, so the sign is the triangle's), summed in eight running sums by triangle index
// mod 8 — a fixed order. Both loops gather; the AVX2 and AVX-512 versions below perform the
// same IEEE operations per lane in the same order, so all three give the same bits.
struct RescaleInput {
  const double* x;
  std::size_t ties;  // n², ratio and inverse_load indexed by i·n + j
  const double* inverse_load;
  double* ratio;
  std::size_t triangles;
  const int *ab, *ac, *bc;
  const double* y;
};

// One triangle's term.
inline double triangle_term(const RescaleInput& in, std::size_t t) {
  const double p = in.ratio[in.ab[t]], q = in.ratio[in.ac[t]], u = in.ratio[in.bc[t]];
  const double m = std::min(std::min(1.0, std::abs(p)), std::min(std::abs(q), std::abs(u)));
  return p * q * u < 0 ? in.y[t] * m : 0.0;
}

// The sum of the eight running sums and of the triangles past the last whole block of 8.
inline double finish_sum(const RescaleInput& in, std::size_t t, double* acc) {
  for (int k = 0; t < in.triangles; ++t, ++k) acc[k] += triangle_term(in, t);
  double bound = 0;
  for (int k = 0; k < 8; ++k) bound += acc[k];
  return bound;
}

double rescale_plain(const RescaleInput& in) {
  for (std::size_t e = 0; e < in.ties; ++e) in.ratio[e] = in.x[e] * in.inverse_load[e];
  double acc[8] = {};
  std::size_t t = 0;
  for (; t + 8 <= in.triangles; t += 8)
    for (int k = 0; k < 8; ++k) acc[k] += triangle_term(in, t + k);
  return finish_sum(in, t, acc);
}

#if defined(__x86_64__)
[[gnu::target("avx512f")]] double rescale_avx512(const RescaleInput& in) {
  std::size_t e = 0;
  for (; e + 8 <= in.ties; e += 8)
    _mm512_storeu_pd(in.ratio + e, _mm512_mul_pd(_mm512_loadu_pd(in.x + e),
                                                 _mm512_loadu_pd(in.inverse_load + e)));
  for (; e < in.ties; ++e) in.ratio[e] = in.x[e] * in.inverse_load[e];
  const __m512d one = _mm512_set1_pd(1.0), zero = _mm512_setzero_pd();
  __m512d acc = zero;
  std::size_t t = 0;
  for (; t + 8 <= in.triangles; t += 8) {
    // (Lambdas would not inherit the target, so each gather is spelled out.)
    const __m512d p = _mm512_i32gather_pd(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.ab + t)), in.ratio, 8);
    const __m512d q = _mm512_i32gather_pd(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.ac + t)), in.ratio, 8);
    const __m512d u = _mm512_i32gather_pd(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.bc + t)), in.ratio, 8);
    // std::min(a, b) is (b < a ? b : a); _mm512_min_pd(b, a) is the same for these values.
    const __m512d m = _mm512_min_pd(_mm512_min_pd(_mm512_abs_pd(p), one),
                                    _mm512_min_pd(_mm512_abs_pd(u), _mm512_abs_pd(q)));
    const __mmask8 unbalanced =
        _mm512_cmp_pd_mask(_mm512_mul_pd(_mm512_mul_pd(p, q), u), zero, _CMP_LT_OQ);
    acc = _mm512_mask_add_pd(acc, unbalanced, acc, _mm512_mul_pd(_mm512_loadu_pd(in.y + t), m));
  }
  alignas(64) double sums[8];
  _mm512_store_pd(sums, acc);
  return finish_sum(in, t, sums);
}

[[gnu::target("avx2")]] double rescale_avx2(const RescaleInput& in) {
  std::size_t e = 0;
  for (; e + 4 <= in.ties; e += 4)
    _mm256_storeu_pd(in.ratio + e, _mm256_mul_pd(_mm256_loadu_pd(in.x + e),
                                                 _mm256_loadu_pd(in.inverse_load + e)));
  for (; e < in.ties; ++e) in.ratio[e] = in.x[e] * in.inverse_load[e];
  const __m256d one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
  const __m256d sign = _mm256_set1_pd(-0.0);
  __m256d acc[2] = {zero, zero};
  std::size_t t = 0;
  for (; t + 8 <= in.triangles; t += 8)
    for (int h = 0; h < 2; ++h) {
      const std::size_t at = t + 4 * static_cast<std::size_t>(h);
      const __m256d p = _mm256_i32gather_pd(
          in.ratio, _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.ab + at)), 8);
      const __m256d q = _mm256_i32gather_pd(
          in.ratio, _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.ac + at)), 8);
      const __m256d u = _mm256_i32gather_pd(
          in.ratio, _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.bc + at)), 8);
      const __m256d m =
          _mm256_min_pd(_mm256_min_pd(_mm256_andnot_pd(sign, p), one),
                        _mm256_min_pd(_mm256_andnot_pd(sign, u), _mm256_andnot_pd(sign, q)));
      const __m256d unbalanced =
          _mm256_cmp_pd(_mm256_mul_pd(_mm256_mul_pd(p, q), u), zero, _CMP_LT_OQ);
      const __m256d term = _mm256_and_pd(unbalanced, _mm256_mul_pd(_mm256_loadu_pd(in.y + at), m));
      acc[h] = _mm256_add_pd(acc[h], term);
    }
  alignas(32) double sums[8];
  _mm256_store_pd(sums, acc[0]);
  _mm256_store_pd(sums + 4, acc[1]);
  return finish_sum(in, t, sums);
}
#endif

double rescale_compact(const RescaleInput& in) {
#if defined(__x86_64__)
  // The kernels' instruction-set choice (sim/kernels.hpp: DETENTE_SIMD, tests) applies here.
  switch (simd_level()) {
    case SimdLevel::avx512:
      return rescale_avx512(in);
    case SimdLevel::avx2:
      return rescale_avx2(in);
    case SimdLevel::baseline:
      break;
  }
#endif
  return rescale_plain(in);
}

}  // namespace

// A packing found on earlier ties, made valid for x: a triangle no longer unbalanced is
// dropped, and each keeps the share min over its ties of min(1, |x_e| / load_e), load_e the
// packing's total on e, so that every tie carries at most |x_e|. O(ties + packed triangles).
double CompactPacking::rescale(std::span<const double> x) {
  return rescale_compact({x.data(), inverse_load_.size(), inverse_load_.data(), ratio_.data(),
                          y_.size(), ab_.data(), ac_.data(), bc_.data(), y_.data()});
}

double triangle_packing_bound(std::span<const double> x, int n, std::span<const std::int8_t> side,
                              double max_visits, std::span<double> residual) {
  std::vector<double> s(side.begin(), side.end()), room;
  std::vector<std::uint64_t> ties;
  return pack_triangles(x.data(), n, s.data(), max_visits, residual.data(), ties, room, nullptr);
}

double rescaled_packing_bound(std::span<const double> x, int n,
                              const std::vector<PackedTriangle>& packed) {
  CompactPacking compact;
  compact.clear(n);
  for (const PackedTriangle& t : packed) compact.add(t.a, t.b, t.c, t.y);
  compact.finish();
  return compact.rescale(x);
}

SplitSearch::SplitSearch(int n, int substeps) : n_(n) {
  const double month_work = std::max(1, substeps) * 0.5 * n * n * std::max(n - 1, 0);
  exact_ = n <= limits::kExactSplitMaxActors &&
           std::ldexp(1.0, std::max(n - 1, 0)) <= limits::kExactSplitBudget * month_work;
  if (n < 3) exact_ = n <= limits::kExactSplitMaxActors;  // nothing to search
  if (!exact_) {
    const auto size = static_cast<std::size_t>(n);
    field_.resize(size);
    vec_.resize(size);
    next_.resize(size);
    residual_.resize(size * size);
    trial_.resize(size);
    best_.resize(size);
    marks_.resize(size);
    parent_.resize(size);
  }
}

std::string_view SplitSearch::method() const {
  return exact_ ? "exact (meet in the middle)"
                : "local search from 3 starts and 4 kicks, triangle-packing lower bound";
}

SplitValue SplitSearch::run(std::span<const double> x, std::span<std::int8_t> side, int month) {
  const int n = n_;
  if (exact_) {
    std::uint64_t split = 0;
    const double f = min_frustration(x, n, &split);
    for (int i = 0; i < n; ++i) side[i] = (split >> i) & 1 ? -1 : 1;
    return {f, f};
  }
  const double* xp = x.data();
  const double total_abs = upper_abs_sum(xp, n);
  double best = HUGE_VAL;
  auto consider = [&] {
    local_search(xp, n, trial_.data(), field_.data());
    const double f = frustration_from_field(n, trial_.data(), field_.data(), total_abs);
    if (f < best - kTolerance) {
      best = f;
      std::copy(trial_.begin(), trial_.end(), best_.begin());
    }
  };
  // Start 1: the previous month's split (ties move little in a month).
  for (int i = 0; i < n; ++i) trial_[i] = side[i] < 0 ? -1.0 : 1.0;
  consider();
  // In the first month (and every kRestartEvery months) two more starts: the leading
  // eigenvector's signs and the maximum spanning tree's colouring.
  const bool restart = month % kRestartEvery == 0;
  if (restart) {
    spectral_start(xp, n, vec_, next_, trial_.data());
    consider();
    tree_start(xp, n, vec_, next_, trial_.data(), marks_, parent_);
    consider();
  }
  // Kicks: flip ~n/10 actors of the best split at random (seeded by n and the month, not
  // by the run's stream) and descend again.
  std::uint64_t state =
      0x5eed5eedULL ^ (static_cast<std::uint64_t>(n) << 32) ^ static_cast<std::uint64_t>(month);
  const int flips = std::max(2, n / 10);
  for (int k = 0; k < (restart ? kKicks : 0); ++k) {
    std::copy(best_.begin(), best_.end(), trial_.begin());
    for (int f = 0; f < flips; ++f) {
      const auto i = static_cast<std::size_t>(splitmix64(state) % static_cast<std::uint64_t>(n));
      trial_[i] = -trial_[i];
    }
    consider();
  }
  const double sign0 = best_[0] < 0 ? -1.0 : 1.0;  // actor 0 on side +1
  for (int i = 0; i < n; ++i) side[i] = best_[i] * sign0 < 0 ? -1 : 1;
  // The bound: a fresh packing in the restart months, kept and rescaled in between.
  double bound;
  if (restart) {
    compact_.clear(n);
    bound = pack_triangles(xp, n, best_.data(), limits::kSplitBoundWork * n * n * n,
                           residual_.data(), ties_, room_, &compact_);
    compact_.finish();
  } else {
    bound = compact_.rescale(x);
  }
  return {best, std::min(bound, best)};
}

}  // namespace detente::sim
