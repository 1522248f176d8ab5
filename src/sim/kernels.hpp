// detente/sim/kernels.hpp
//
// The two numerical kernels a simulated run spends its time in, written so that they
// vectorise: one month of the balance dynamics on a tie matrix, and the exact minimum
// frustration over all two-way splits. On x86-64 each is compiled three times (baseline,
// AVX2, AVX-512) and the best the processor supports is chosen at start-up. The three give
// bit-identical results: every lane performs the same IEEE operations in the same order
// (no fused multiply-add, no reassociation), so a result never depends on the machine's
// vector width, only on the inputs. DETENTE_SIMD=baseline|avx2|avx512 picks one.
//
// Example:
//   std::vector<double> x = ..., baseline = ..., scratch(integrate_scratch_size(n));
//   detente::sim::integrate_month(n, default_dynamics(), x, baseline, scratch);
//   std::uint64_t split = 0;
//   double f = detente::sim::min_frustration(x, n, &split);
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace detente::sim {

// Clamps written as value selects, which vectorise (std::clamp returns a reference).
[[gnu::always_inline]] inline double clamp_value(double v, double lo, double hi) {
  v = v < lo ? lo : v;
  return v > hi ? hi : v;
}

// One month of the balance dynamics on an n×n tie matrix x (row-major, symmetric, zero
// diagonal) with baseline ties `baseline`; `dynamics` holds the parameters in Param order
// (kParamCount values); `scratch` has integrate_scratch_size(n) doubles. Explicit Euler in
// k substeps, O(k·n³) (register-tiled for n > 10). Used by simulate() and by the CoW backtest.
void integrate_month(int n, std::span<const double> dynamics, std::span<double> x,
                     std::span<const double> baseline, std::span<double> scratch);

// Three padded n×n matrices (rows of 16·⌈n/16⌉ doubles, row count a multiple of 4).
inline std::size_t integrate_scratch_size(int n) {
  const auto w = static_cast<std::size_t>((n + 15) / 16 * 16);
  return 3 * w * static_cast<std::size_t>((n + 3) / 4 * 4);
}

// The weighted frustration of the signed matrix x (n×n, row-major) minimised over all
// two-way splits, and the split (bit i = actor i on side 1; actor 0 on side 0).
// Exhaustive for n ≤ 24, meeting in the middle: O(2^(n−1) + 2^(n−1−⌊n/2⌋) · n).
double min_frustration(std::span<const double> x, int n, std::uint64_t* split);

// tanh as the dynamics compute it (a branch-free polynomial, a few units in the last place
// from std::tanh); exposed for tests.
double balance_tanh(double v);

enum class SimdLevel { baseline, avx2, avx512 };

std::string_view simd_name(SimdLevel level);

// The levels this processor can run, baseline first.
std::vector<SimdLevel> supported_simd_levels();

// The level the kernels use: the best supported, or DETENTE_SIMD's when it names one.
SimdLevel simd_level();

// Switches the kernels to `level` (for tests and benchmarks); throws std::invalid_argument
// when the processor cannot run it.
void set_simd_level(SimdLevel level);

// Throws InputError when DETENTE_SIMD is set but names no level this processor runs (the
// kernels then use the best one; the CLI calls this so that a typo is not silent).
void check_simd_request();

}  // namespace detente::sim
