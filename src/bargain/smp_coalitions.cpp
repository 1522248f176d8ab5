// The vector types never cross a call that is not inlined, so their ABI does not matter.
#pragma GCC diagnostic ignored "-Wpsabi"

#include "bargain/smp_coalitions.hpp"

#include <algorithm>

#include "core/parallel.hpp"
#include "core/target_clones.hpp"

namespace detente::bargain::smp_terms {

namespace {

// A tile of options b as one block of registers: the sums for kBlockA options a and the
// kVecs·lanes options b of a tile stay in registers while the voters stream past. Each ISA
// gets the vector width and the block its register file holds (below); every lane does the
// scalar code's operations in its order, so the widths agree to the bit.
template <typename V, std::size_t kLanes, std::size_t kVecs, std::size_t kBlockA>
struct Shape {
  using Vec = V;
  static constexpr std::size_t lanes = kLanes, vecs = kVecs, block_a = kBlockA;
  static constexpr std::size_t tile = kLanes * kVecs;
};
using v2d = double __attribute__((vector_size(16)));
using v4d = double __attribute__((vector_size(32)));
using v8d = double __attribute__((vector_size(64)));
// Sums a block holds: 2 × block_a × vecs vectors, with vecs more for the tile of u_kb.
// Measured on 1,000 × 1,000 (one thread): other shapes of AVX2 and SSE2 (2 × 2, 1 × 4)
// were within the run-to-run noise of these.
using Sse2 = Shape<v2d, 2, 4, 2>;    // 16 xmm: 16 sums (some spill)
using Avx2 = Shape<v4d, 4, 2, 3>;    // 16 ymm: 12 sums
using Avx512 = Shape<v8d, 8, 2, 4>;  // 32 zmm: 16 sums

template <typename V>
[[gnu::always_inline]] inline V splat(double x) {
  // (GCC 12 builds a vector from copies lane by lane; adding to zero broadcasts.) 0 + x is
  // x except that −0 becomes +0, which no vote or sum tells apart: utilities enter only as
  // differences, whose zero of either sign is a vote of zero, and weights are positive.
  return V{} + x;
}

// C_ab and C_ba for a ∈ [a0, a0 + block_a) and the b of every tile below the block's
// largest a (b < a; lanes with b ≥ a, and a ≥ m, are computed and not stored). `packed`
// holds u by tiles: packed[(t·n + k)·tile + l] = u[k·m + t·tile + l] (0 beyond m); ut is u
// transposed (ut[a·n + k] = u[k·m + a]), so that the block's a are read in order of k.
template <typename S, Rule kRule>
[[gnu::always_inline]] inline void block_sums(const double* w, const double* ut,
                                              const double* packed, std::size_t n, std::size_t m,
                                              std::size_t a0, double* c) {
  using V = typename S::Vec;
  constexpr std::size_t A = S::block_a, Q = S::vecs, T = S::tile;
  const std::size_t a_last = std::min(a0 + A, m) - 1;
  const double* ua_row[A];
  for (std::size_t x = 0; x < A; ++x) ua_row[x] = ut + std::min(a0 + x, a_last) * n;
  const V zero = splat<V>(0.0), floor = splat<V>(1e-8);
  for (std::size_t t = 0; t * T < a_last; ++t) {
    V ab[A][Q], ba[A][Q];  // every index a constant after unrolling: registers
#pragma GCC unroll 8
    for (std::size_t x = 0; x < A; ++x)
#pragma GCC unroll 8
      for (std::size_t q = 0; q < Q; ++q) ab[x][q] = ba[x][q] = floor;
    const double* tile = packed + t * n * T;
    for (std::size_t k = 0; k < n; ++k) {
      V ub[Q];
#pragma GCC unroll 8
      for (std::size_t q = 0; q < Q; ++q)
        __builtin_memcpy(&ub[q], tile + k * T + q * S::lanes, sizeof(V));
      const V wk = splat<V>(w[k]);
#pragma GCC unroll 8
      for (std::size_t x = 0; x < A; ++x) {
        const V ua = splat<V>(ua_row[x][k]);
#pragma GCC unroll 8
        for (std::size_t q = 0; q < Q; ++q) {
          const V v = vote_r(kRule, wk, ua, ub[q]);
          ab[x][q] += v > zero ? v : zero;
          ba[x][q] -= v < zero ? v : zero;
        }
      }
    }
    double out_ab[A][T], out_ba[A][T];
#pragma GCC unroll 8
    for (std::size_t x = 0; x < A; ++x)
#pragma GCC unroll 8
      for (std::size_t q = 0; q < Q; ++q) {
        __builtin_memcpy(&out_ab[x][q * S::lanes], &ab[x][q], sizeof(V));
        __builtin_memcpy(&out_ba[x][q * S::lanes], &ba[x][q], sizeof(V));
      }
    for (std::size_t x = 0; x < A && a0 + x <= a_last; ++x) {
      const std::size_t a = a0 + x;
      for (std::size_t l = 0; l < T && t * T + l < a; ++l) {
        const std::size_t b = t * T + l;
        c[a * m + b] = out_ab[x][l];
        c[b * m + a] = out_ba[x][l];
      }
    }
  }
}

// The block loop of one worker (blocks g = first, first + step, …) for one ISA.
struct Job {
  const double *w, *ut, *packed;
  std::size_t n, m, first, step;
  double* c;
};
template <typename S, Rule kRule>
[[gnu::always_inline]] inline void run_blocks(const Job& j) {
  const std::size_t blocks = (j.m - 1 + S::block_a - 1) / S::block_a;
  for (std::size_t g = j.first; g < blocks; g += j.step)
    block_sums<S, kRule>(j.w, j.ut, j.packed, j.n, j.m, 1 + g * S::block_a, j.c);
}
template <Rule kRule>
void blocks_sse2(const Job& j) {
  run_blocks<Sse2, kRule>(j);
}
#if DETENTE_CAN_CLONE
template <Rule kRule>
[[gnu::target("avx2")]] void blocks_avx2(const Job& j) {
  run_blocks<Avx2, kRule>(j);
}
template <Rule kRule>
[[gnu::target("arch=x86-64-v4")]] void blocks_avx512(const Job& j) {
  run_blocks<Avx512, kRule>(j);
}
#endif

enum class Isa { sse2, avx2, avx512 };
Isa widest_isa() {
#if DETENTE_CAN_CLONE
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
    return Isa::avx512;
  if (__builtin_cpu_supports("avx2")) return Isa::avx2;
#endif
  return Isa::sse2;
}

std::size_t tile_of(Isa isa) {
  return isa == Isa::avx512 ? Avx512::tile : isa == Isa::avx2 ? Avx2::tile : Sse2::tile;
}
std::size_t block_of(Isa isa) {
  return isa == Isa::avx512 ? Avx512::block_a : isa == Isa::avx2 ? Avx2::block_a : Sse2::block_a;
}

template <Rule kRule>
void run(Isa isa, const Job& j) {
#if DETENTE_CAN_CLONE
  if (isa == Isa::avx512) return blocks_avx512<kRule>(j);
  if (isa == Isa::avx2) return blocks_avx2<kRule>(j);
#endif
  (void)isa;
  blocks_sse2<kRule>(j);
}

// Up to this many options (the bargain queues of a turn: a handful each), the sums run
// one pair at a time: the same operations in the same order, and no copies of u.
constexpr std::size_t kSmallOptions = 8;
template <Rule kRule>
void small_sums(const double* w, const double* u, std::size_t n, std::size_t m, double* c) {
  for (std::size_t a = 1; a < m; ++a)
    for (std::size_t b = 0; b < a; ++b) {
      double ab = 1e-8, ba = 1e-8;
      for (std::size_t k = 0; k < n; ++k) {
        const double v = vote_r(kRule, w[k], u[k * m + a], u[k * m + b]);
        ab += v > 0 ? v : 0.0;
        ba -= v < 0 ? v : 0.0;
      }
      c[a * m + b] = ab;
      c[b * m + a] = ba;
    }
}

}  // namespace

std::vector<double> coalitions(Rule rule, const std::vector<double>& w,
                               const std::vector<double>& u, std::size_t n, std::size_t m,
                               int threads) {
  std::vector<double> c(m * m, 1e-8);
  if (m < 2) return c;
  if (m <= kSmallOptions) {  // a bargain queue: the plain loop, without packing copies
    with_rule(rule,
              [&](auto r) { small_sums<decltype(r)::value>(w.data(), u.data(), n, m, c.data()); });
    return c;
  }
  static const Isa isa = widest_isa();
  const std::size_t tile = tile_of(isa), tiles = (m + tile - 1) / tile;
  std::vector<double> packed(tiles * n * tile, 0.0), ut(m * n);
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t b = 0; b < m; ++b) {
      packed[((b / tile) * n + k) * tile + b % tile] = u[k * m + b];
      ut[b * n + k] = u[k * m + b];
    }
  // Blocks of a from a = 1; block g on worker g mod threads (strided: the work grows with a).
  const std::size_t blocks = (m - 1 + block_of(isa) - 1) / block_of(isa);
  const int workers = thread_count(threads, blocks);
  parallel_workers(workers, [&](int t) {
    const Job job{w.data(),
                  ut.data(),
                  packed.data(),
                  n,
                  m,
                  static_cast<std::size_t>(t),
                  static_cast<std::size_t>(workers),
                  c.data()};
    with_rule(rule, [&](auto r) { run<decltype(r)::value>(isa, job); });
  });
  return c;
}

}  // namespace detente::bargain::smp_terms
