#include "sim/kernels.hpp"

#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "sim/model.hpp"

// This file is compiled with -ffp-contract=off (no fused multiply-add, whose rounding
// differs) and -fno-trapping-math (so that selects vectorise; it changes no value).

namespace detente::sim {

namespace {

// GCC vector types of 2 to 16 doubles. (Declared here, not inside the templates: GCC
// drops a vector_size attribute whose size depends on a template parameter.)
template <int Count>
struct DoublesOf;
template <>
struct DoublesOf<2> {
  using type = double __attribute__((vector_size(2 * sizeof(double))));
};
template <>
struct DoublesOf<4> {
  using type = double __attribute__((vector_size(4 * sizeof(double))));
};
template <>
struct DoublesOf<8> {
  using type = double __attribute__((vector_size(8 * sizeof(double))));
};
template <>
struct DoublesOf<16> {
  using type = double __attribute__((vector_size(16 * sizeof(double))));
};
template <int Count>
using Doubles = typename DoublesOf<Count>::type;
static_assert(sizeof(Doubles<8>) == 8 * sizeof(double));

// tanh(v) = expm1(2v) / (expm1(2v) + 2), with expm1 computed without branches or library
// calls so that a loop of them vectorises: 2v = k ln 2 + r with |r| ≤ ln 2 / 2, expm1(r) by
// its Taylor series to r¹³ (remainder < 1e-17) evaluated by Estrin's scheme (a short
// dependency chain), 2^k from the bits of the rounded k. expm1 rather than exp keeps the
// relative accuracy for small v; tanh(±20) is ±1 in double precision.
[[gnu::always_inline]] inline double tanh_fast(double v) {
  const double y = clamp_value(2 * v, -40.0, 40.0);
  constexpr double kShifter = 0x1.8p52;  // adding it rounds to an integer in the low bits
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 32 bits: k · kLn2Hi is exact
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  const double shifted = y * 1.4426950408889634 + kShifter;
  const double k = shifted - kShifter;
  const double r = (y - k * kLn2Hi) - k * kLn2Lo;
  const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  // Σ_{q=1..13} r^q / q! = r · (c0 + c1 r + … + c12 r¹²), c_i = 1/(i+1)!, in pairs, quads, …
  const double p01 = 1 + r * (1.0 / 2), p23 = 1.0 / 6 + r * (1.0 / 24);
  const double p45 = 1.0 / 120 + r * (1.0 / 720), p67 = 1.0 / 5040 + r * (1.0 / 40320);
  const double p89 = 1.0 / 362880 + r * (1.0 / 3628800);
  const double p1011 = 1.0 / 39916800 + r * (1.0 / 479001600);
  const double p12 = 1.0 / 6227020800;
  const double q0 = p01 + r2 * p23, q1 = p45 + r2 * p67, q2 = p89 + r2 * p1011;
  const double p = r * ((q0 + r4 * q1) + r8 * (q2 + r4 * p12));
  // The low bits of `shifted` hold k in two's complement; shifting k + 1023 into the
  // exponent field drops the shifter's own bits.
  const auto scale = std::bit_cast<double>((std::bit_cast<std::uint64_t>(shifted) + 1023) << 52);
  const double expm1 = scale * p + (scale - 1);
  return expm1 / (expm1 + 2);
}

// The constants of one month's integration of
//     dX/dt = −β (X − B) + L tanh(α X² / ((n−2) L))
// by explicit Euler in k substeps of h = 1/k. The balance force averages over the n − 2
// third parties, so that α means the same for any number of actors.
struct EulerStep {
  EulerStep(int n, const double* dyn)
      : beta(dyn[kRestoringRate]),
        cap(dyn[kSaturation]),
        scale(dyn[kBalanceGain] / (cap * std::max(1, n - 2))),
        steps(std::max(1, static_cast<int>(std::lround(dyn[kSubsteps])))),
        h(1.0 / steps) {}
  // The tie after one substep, from the tie x, its baseline b and (X²) s.
  [[gnu::always_inline]] double operator()(double x, double b, double s) const {
    return clamp_value(x + h * (-beta * (x - b) + cap * tanh_fast(scale * s)), -1.0, 1.0);
  }
  // Whether the balance force acts. With α = 0 (the calibrated default) scale · s is ±0
  // for every finite s, tanh_fast(±0) is +0 exactly and so is cap · tanh_fast: the step is
  // the same double whatever X² holds, so X² is not formed (O(n²) a substep, not O(n³)).
  bool balance() const { return scale != 0; }
  // The step when !balance(): the same operations with the force's +0 written out, so the
  // same doubles without tanh (a plain loop of it vectorises).
  [[gnu::always_inline]] double relax(double x, double b) const {
    return clamp_value(x + h * (-beta * (x - b) + 0.0), -1.0, 1.0);
  }
  double beta, cap, scale;
  int steps;
  double h;
};

// The pairs i < j of N actors in row order.
template <int N>
struct Pairs {
  static constexpr int kCount = N * (N - 1) / 2;
  std::array<int, kCount> i{}, j{};
  constexpr Pairs() {
    for (int a = 0, p = 0; a < N; ++a)
      for (int b = a + 1; b < N; ++b, ++p) {
        i[p] = a;
        j[p] = b;
      }
  }
};

// One month with N actors known at compile time. The matrix lives in local arrays with rows
// padded to W doubles; X² is built row by row as Σ_k x_ik · row_k on GCC vector types (the
// same sums in the same order as dot products, hence exactly symmetric); the ties (upper
// triangle) are updated packed, as one loop over whole vectors, and written back to both
// triangles.
template <int N>
[[gnu::always_inline]] inline void integrate_month_fixed(const double* dyn, double* x,
                                                         const double* baseline) {
  constexpr int W = N <= 4 ? 4 : N <= 8 ? 8 : 16;
  constexpr Pairs<N> pairs;
  constexpr int P = Pairs<N>::kCount, PW = (P + 7) / 8 * 8;
  using Row = Doubles<W>;
  const EulerStep step(N, dyn);
  alignas(64) double xs[N * W] = {}, square[N * W] = {}, tie[PW] = {}, base[PW] = {}, sq[PW] = {};
  for (int i = 0; i < N; ++i) std::copy_n(x + i * N, N, xs + i * W);
  for (int p = 0; p < P; ++p) {
    tie[p] = x[pairs.i[p] * N + pairs.j[p]];
    base[p] = baseline[pairs.i[p] * N + pairs.j[p]];
  }
  const bool balance = step.balance();
  for (int s = 0; s < step.steps; ++s) {
    for (int i = 0; i < N && balance; ++i) {
      Row acc = {};
      for (int k = 0; k < N; ++k) {
        Row row;
        std::memcpy(&row, xs + k * W, sizeof row);
        acc += xs[i * W + k] * row;
      }
      std::memcpy(square + i * W, &acc, sizeof acc);
    }
    for (int p = 0; p < P && balance; ++p) sq[p] = square[pairs.i[p] * W + pairs.j[p]];
    if (balance)
      for (int p = 0; p < PW; ++p) tie[p] = step(tie[p], base[p], sq[p]);  // padding stays 0
    else
      for (int p = 0; p < PW; ++p) tie[p] = step.relax(tie[p], base[p]);
    for (int p = 0; p < P; ++p)
      xs[pairs.i[p] * W + pairs.j[p]] = xs[pairs.j[p] * W + pairs.i[p]] = tie[p];
  }
  for (int i = 0; i < N; ++i) std::copy_n(xs + i * W, N, x + i * N);
}

// Any n: X is copied into `scratch` with rows padded to W = 16·⌈n/16⌉ doubles and the row
// count to a multiple of 4 (zeros outside), and X² is built in register tiles of 4 rows ×
// 2 vectors of Lanes columns (a 4 × 1-vector tile for a last odd vector), only over the
// columns that meet the upper triangle: a tile of rows i0..i0+3 starts at the vector
// holding column i0 and ends at the vector holding column n − 1, so about half of the
// n³ products are computed (n = 50 with 8 lanes: 88,000 against 118,000 for 16-column
// tiles). Each tile keeps up to 8 accumulators and, per k, loads 2 vectors of row k and 4
// entries x_ik, so that the O(n³) product runs at the machine's multiply-add rate instead
// of its load rate. Every (X²)_ij is Σ_k x_ik x_kj added in increasing k from 0, as the
// plain loop did, so the result does not depend on the tiling or the vector width. The
// padding is cleared, not the whole copy: the month's copy overwrites every live entry.
inline int padded_width(int n) { return (n + 15) / 16 * 16; }
inline int padded_rows(int n) { return (n + 3) / 4 * 4; }

// Rows i0..i0+3 of X² on `Vectors` vectors of Lanes columns from column j0.
template <int Lanes, int Vectors>
[[gnu::always_inline]] inline void square_tile(const double* xs, int n, int w, int i0, int j0,
                                               double* square) {
  using Vec = Doubles<Lanes>;
  constexpr int kRows = 4;
  const double* a0 = xs + static_cast<std::ptrdiff_t>(i0) * w;
  Vec acc[kRows][Vectors] = {};
  const double* column = xs + j0;
  for (int k = 0; k < n; ++k, column += w) {
    Vec r[Vectors];
    for (int v = 0; v < Vectors; ++v) std::memcpy(&r[v], column + v * Lanes, sizeof r[v]);
    for (int q = 0; q < kRows; ++q) {
      const double a = a0[q * w + k];
      for (int v = 0; v < Vectors; ++v) acc[q][v] += a * r[v];
    }
  }
  for (int q = 0; q < kRows; ++q) {
    double* out = square + static_cast<std::ptrdiff_t>(i0 + q) * w + j0;
    for (int v = 0; v < Vectors; ++v) std::memcpy(out + v * Lanes, &acc[q][v], sizeof acc[q][v]);
  }
}

template <int Lanes>
[[gnu::always_inline]] inline void integrate_month_tiled(int n, const double* dyn, double* x,
                                                         const double* baseline, double* scratch) {
  constexpr int kRows = 4;
  const EulerStep step(n, dyn);
  const int w = padded_width(n), rows = padded_rows(n);
  const int live = (n + Lanes - 1) / Lanes * Lanes;  // columns up to the vector holding n − 1
  const std::size_t size = static_cast<std::size_t>(rows) * static_cast<std::size_t>(w);
  double* xs = scratch;
  double* base = scratch + size;
  double* square = scratch + 2 * size;
  for (int i = 0; i < n; ++i) {
    const std::ptrdiff_t row = static_cast<std::ptrdiff_t>(i) * w;
    std::copy_n(x + static_cast<std::ptrdiff_t>(i) * n, n, xs + row);
    std::copy_n(baseline + static_cast<std::ptrdiff_t>(i) * n, n, base + row);
    std::fill(xs + row + n, xs + row + w, 0.0);
    std::fill(base + row + n, base + row + w, 0.0);
  }
  std::fill(xs + static_cast<std::ptrdiff_t>(n) * w, xs + size, 0.0);
  std::fill(base + static_cast<std::ptrdiff_t>(n) * w, base + size, 0.0);
  const bool balance = step.balance();
  for (int s = 0; s < step.steps; ++s) {
    for (int i0 = 0; i0 < n && balance; i0 += kRows) {
      int j0 = i0 / Lanes * Lanes;
      for (; j0 + 2 * Lanes <= live; j0 += 2 * Lanes)
        square_tile<Lanes, 2>(xs, n, w, i0, j0, square);
      if (j0 < live) square_tile<Lanes, 1>(xs, n, w, i0, j0, square);
    }
    for (int i = 0; i < n; ++i) {
      const std::ptrdiff_t row = static_cast<std::ptrdiff_t>(i) * w;
      if (balance)
        for (int j = i + 1; j < n; ++j)
          xs[row + j] = step(xs[row + j], base[row + j], square[row + j]);
      else
        for (int j = i + 1; j < n; ++j) xs[row + j] = step.relax(xs[row + j], base[row + j]);
    }
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j)
        xs[static_cast<std::ptrdiff_t>(j) * w + i] = xs[static_cast<std::ptrdiff_t>(i) * w + j];
  }
  for (int i = 0; i < n; ++i)
    std::copy_n(xs + static_cast<std::ptrdiff_t>(i) * w, n, x + static_cast<std::ptrdiff_t>(i) * n);
}

template <int Lanes>
[[gnu::always_inline]] inline void integrate_month_switch(int n, const double* dyn, double* x,
                                                          const double* baseline, double* scratch) {
  switch (n) {
    case 6:
      return integrate_month_fixed<6>(dyn, x, baseline);
    case 7:
      return integrate_month_fixed<7>(dyn, x, baseline);
    case 8:
      return integrate_month_fixed<8>(dyn, x, baseline);
    case 9:
      return integrate_month_fixed<9>(dyn, x, baseline);
    case 10:
      return integrate_month_fixed<10>(dyn, x, baseline);
    default:
      return integrate_month_tiled<Lanes>(n, dyn, x, baseline, scratch);
  }
}

// The search of min_frustration, meeting in the middle. With sides s_i ∈ {0, 1}, the
// frustration of a split is W⁻ + cut(s): W⁻ the weight of the negative ties (all frustrated
// when everyone is on one side) and cut(s) = Σ_{i<j, s_i≠s_j} x_ij, since a tie that starts
// crossing the split adds its signed weight. The actors are split into a low group
// L = {0..l−1} (actor 0 fixed on side 0) and a high group H = {l..n−1} of h = ⌊n/2⌋ ≤ 10.
// For an assignment of L, with a_j = Σ_{i∈L, s_i=1} x_ij and A_j = Σ_{i∈L} x_ij,
//     cut = cut_L + Σ_j a_j + cut_H(m) + Σ_{j∈m} (A_j − 2 a_j)      (m: H members on side 1)
// so all 2^h assignments of H cost one table of cut_H plus subset sums built by doubling,
// and their minimum is one vectorised pass. The assignments of L follow a Gray code, each
// step updating cut_L and a in O(n). Cost O(2^(n−1) + 2^(l−1) · n), against O(2^(n−1) · n)
// for a plain Gray code. The split returned is the first (L in Gray order, then m) whose
// cost is more than 1e-12 below every earlier block's. N > 0 fixes the number of actors at
// compile time so that the short loops unroll.
constexpr int kMaxHigh = 10;
// The bits of 0..7 as doubles: row j holds bit j of each lane's index.
alignas(64) constexpr double kLaneBits[3][8] = {
    {0, 1, 0, 1, 0, 1, 0, 1}, {0, 0, 1, 1, 0, 0, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1}};

template <int N, int Lanes>
[[gnu::always_inline]] inline double min_frustration_search(const double* x, int n,
                                                            std::uint64_t* split) {
  if constexpr (N > 0) n = N;
  using Block = Doubles<Lanes>;
  if (n < 2) {
    if (split) *split = 0;
    return 0;
  }
  const int h = std::min(kMaxHigh, n / 2), l = n - h;
  const int high_count = 1 << h;
  double negative = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) negative += std::max(0.0, -x[i * n + j]);

  // cut_H of every assignment m of H, adding its lowest member u to the rest.
  alignas(64) double cut_high[1 << kMaxHigh], subset[1 << kMaxHigh];
  std::fill_n(cut_high, Lanes, HUGE_VAL);  // the padding of a block shorter than Lanes
  cut_high[0] = 0;
  for (int m = 1; m < high_count; ++m) {
    const int u = std::countr_zero(static_cast<unsigned>(m)), rest = m & (m - 1);
    const double* row = x + (l + u) * n + l;
    double delta = 0;
    for (int j = 0; j < h; ++j)
      if (j != u) delta += (rest >> j) & 1 ? -row[j] : row[j];
    cut_high[m] = cut_high[rest] + delta;
  }

  // Everyone in L on side 0: cut_L = 0, a = 0; g_v = Σ_{i∈L} x_vi σ_i (σ = ±1) is v's field
  // in L, flipping v changes cut_L by σ_v g_v.
  double sigma[limits::kExactSplitMaxActors], field[limits::kExactSplitMaxActors], a[kMaxHigh],
      total_low[kMaxHigh];
  for (int v = 0; v < l; ++v) {
    sigma[v] = 1;
    field[v] = 0;
    for (int i = 0; i < l; ++i)
      if (i != v) field[v] += x[v * n + i];
  }
  for (int j = 0; j < h; ++j) {
    a[j] = 0;
    total_low[j] = 0;
    for (int i = 0; i < l; ++i) total_low[j] += x[i * n + l + j];
  }
  double cut_low = 0, best = HUGE_VAL;
  std::uint64_t side = 0, best_side = 0;
  const std::uint64_t low_count = std::uint64_t{1} << (l - 1);
  for (std::uint64_t code = 0; code < low_count; ++code) {
    if (code > 0) {
      const int v = 1 + std::countr_zero(code);  // actor 0 stays on side 0
      cut_low += sigma[v] * field[v];
      const double* row = x + v * n;
      for (int j = 0; j < h; ++j) a[j] += sigma[v] * row[l + j];
      sigma[v] = -sigma[v];
      const double step = 2 * sigma[v];
      for (int i = 0; i < l; ++i) field[i] += step * row[i];
      side ^= std::uint64_t{1} << v;
    }
    double base = cut_low;
    for (int j = 0; j < h; ++j) base += a[j];
    // Subset sums of d_j = A_j − 2 a_j in blocks of Lanes: the first block from the bit
    // patterns of the lane indices, then by doubling; both add the d_j in increasing j, so
    // that every block width gives the same sums.
    double d[kMaxHigh] = {};
    for (int j = 0; j < h; ++j) d[j] = total_low[j] - 2 * a[j];
    Block first = {};
    for (int j = 0; (1 << j) < Lanes; ++j) {
      Block bits;
      std::memcpy(&bits, kLaneBits[j], sizeof bits);
      first += d[j] * bits;
    }
    std::memcpy(subset, &first, sizeof first);
    for (int j = std::countr_zero(static_cast<unsigned>(Lanes)); j < h; ++j) {
      const int half = 1 << j;
      for (int m0 = 0; m0 < half; m0 += Lanes) {
        Block b;
        std::memcpy(&b, subset + m0, sizeof b);
        b += d[j];
        std::memcpy(subset + half + m0, &b, sizeof b);
      }
    }
    // The block's minimum lane by lane, then across the lanes; entries past high_count
    // (h small) are padded with +inf in cut_high.
    Block lane = first + HUGE_VAL;
    for (int m0 = 0; m0 < high_count; m0 += Lanes) {
      Block c, s;
      std::memcpy(&c, cut_high + m0, sizeof c);
      std::memcpy(&s, subset + m0, sizeof s);
      const Block cost = base + (c + s);
      lane = cost < lane ? cost : lane;
    }
    double lanes[Lanes];
    std::memcpy(lanes, &lane, sizeof lane);
    double lowest = lanes[0];
    for (int k = 1; k < Lanes; ++k) lowest = lanes[k] < lowest ? lanes[k] : lowest;
    if (lowest < best - 1e-12) {
      int m = 0;
      while (m + 1 < high_count && base + (cut_high[m] + subset[m]) != lowest) ++m;
      best = lowest;
      best_side = side | (static_cast<std::uint64_t>(m) << l);
    }
  }
  if (split) *split = best_side;
  return std::max(negative + best, 0.0);
}

template <int Lanes>
[[gnu::always_inline]] inline double min_frustration_switch(const double* x, int n,
                                                            std::uint64_t* split) {
  switch (n) {
    case 6:
      return min_frustration_search<6, Lanes>(x, n, split);
    case 7:
      return min_frustration_search<7, Lanes>(x, n, split);
    case 8:
      return min_frustration_search<8, Lanes>(x, n, split);
    case 9:
      return min_frustration_search<9, Lanes>(x, n, split);
    case 10:
      return min_frustration_search<10, Lanes>(x, n, split);
    default:
      return min_frustration_search<0, Lanes>(x, n, split);
  }
}

// The kernels compiled for each instruction set: the same source, inlined into functions
// with different targets.
struct Kernels {
  void (*integrate)(int, const double*, double*, const double*, double*);
  double (*frustration)(const double*, int, std::uint64_t*);
};

void integrate_baseline(int n, const double* d, double* x, const double* b, double* s) {
  integrate_month_switch<2>(n, d, x, b, s);
}
double frustration_baseline(const double* x, int n, std::uint64_t* split) {
  return min_frustration_switch<2>(x, n, split);
}
// The AVX2 and AVX-512 builds exist on x86-64 only; elsewhere the baseline serves.
#if defined(__x86_64__)
[[gnu::target("avx2")]] void integrate_avx2(int n, const double* d, double* x, const double* b,
                                            double* s) {
  integrate_month_switch<4>(n, d, x, b, s);
}
[[gnu::target("avx2")]] double frustration_avx2(const double* x, int n, std::uint64_t* split) {
  return min_frustration_switch<4>(x, n, split);
}
[[gnu::target("avx512f,prefer-vector-width=512")]] void integrate_avx512(int n, const double* d,
                                                                         double* x, const double* b,
                                                                         double* s) {
  integrate_month_switch<8>(n, d, x, b, s);
}
[[gnu::target("avx512f,prefer-vector-width=512")]] double frustration_avx512(const double* x, int n,
                                                                             std::uint64_t* split) {
  return min_frustration_switch<8>(x, n, split);
}
constexpr Kernels kKernels[] = {{integrate_baseline, frustration_baseline},
                                {integrate_avx2, frustration_avx2},
                                {integrate_avx512, frustration_avx512}};
#else
constexpr Kernels kKernels[] = {{integrate_baseline, frustration_baseline}};
#endif

bool supported(SimdLevel level) {
#if defined(__x86_64__)
  switch (level) {
    case SimdLevel::baseline:
      return true;
    case SimdLevel::avx2:
      return __builtin_cpu_supports("avx2");
    case SimdLevel::avx512:
      return __builtin_cpu_supports("avx512f");
  }
  return false;
#else
  return level == SimdLevel::baseline;
#endif
}

SimdLevel initial_level() {
  SimdLevel best = SimdLevel::baseline;
  for (SimdLevel level : supported_simd_levels()) best = level;
  if (const char* chosen = std::getenv("DETENTE_SIMD"))
    for (SimdLevel level : supported_simd_levels())
      if (simd_name(level) == chosen) return level;
  return best;
}

std::atomic<int>& current_level() {
  static std::atomic<int> level{static_cast<int>(initial_level())};
  return level;
}

const Kernels& kernels() { return kKernels[current_level().load(std::memory_order_relaxed)]; }

}  // namespace

void integrate_month(int n, std::span<const double> dynamics, std::span<double> x,
                     std::span<const double> baseline, std::span<double> scratch) {
  kernels().integrate(n, dynamics.data(), x.data(), baseline.data(), scratch.data());
}

double min_frustration(std::span<const double> x, int n, std::uint64_t* split) {
  if (n > limits::kExactSplitMaxActors)
    throw std::invalid_argument("min_frustration: beyond limits::kExactSplitMaxActors");
  return kernels().frustration(x.data(), n, split);
}

double balance_tanh(double v) { return tanh_fast(v); }

std::string_view simd_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::baseline:
      return "baseline";
    case SimdLevel::avx2:
      return "avx2";
    case SimdLevel::avx512:
      return "avx512";
  }
  return "baseline";
}

std::vector<SimdLevel> supported_simd_levels() {
  std::vector<SimdLevel> out;
  for (SimdLevel level : {SimdLevel::baseline, SimdLevel::avx2, SimdLevel::avx512})
    if (supported(level)) out.push_back(level);
  return out;
}

SimdLevel simd_level() { return static_cast<SimdLevel>(current_level().load()); }

void set_simd_level(SimdLevel level) {
  if (!supported(level))
    throw std::invalid_argument("this processor cannot run " + std::string(simd_name(level)));
  current_level().store(static_cast<int>(level));
}

void check_simd_request() {
  const char* chosen = std::getenv("DETENTE_SIMD");
  if (!chosen) return;
  std::string names;
  for (SimdLevel level : supported_simd_levels()) {
    if (simd_name(level) == chosen) return;
    names += (names.empty() ? "" : ", ") + std::string(simd_name(level));
  }
  fail({"environment", 0, "DETENTE_SIMD"},
       "expected an instruction set this processor runs ({}), got '{}'", names, chosen);
}

}  // namespace detente::sim
