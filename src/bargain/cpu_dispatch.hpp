// detente/bargain/cpu_dispatch.hpp
//
// DETENTE_VECTOR_CLONES marks a hot loop of the bargaining models to be compiled three
// times (x86-64-v4 = AVX-512, AVX2, and the x86-64 baseline), the loader picking the
// widest the processor runs. Every copy performs the same IEEE operations in the same
// order on each element: contraction into fused multiply-adds is off (an FMA rounds once
// where a multiply and an add round twice), and the loops are written so that the
// vectoriser only lays elements side by side, never reassociates a sum. So the choice of
// copy changes the speed, never a bit of a result. Other compilers (and ThreadSanitizer
// builds) get the one baseline copy.
//
// Example:
//   DETENTE_VECTOR_CLONES void kernel(double* __restrict out, const double* in, size_t n);
#pragma once

#include "core/target_clones.hpp"

// GCC only (clang has no per-function optimize("fp-contract=off")); ThreadSanitizer builds
// get the baseline copy only (core/target_clones.hpp: the same bits, more slowly).
#if DETENTE_CAN_CLONE && defined(__GNUC__) && !defined(__clang__)
#define DETENTE_VECTOR_CLONES \
  [[gnu::target_clones("arch=x86-64-v4", "avx2", "default"), gnu::optimize("fp-contract=off")]]
#else
#define DETENTE_VECTOR_CLONES
#endif
