// detente/core/target_clones.hpp
//
// DETENTE_CAN_CLONE is 1 where a hot loop may be compiled several times with
// [[gnu::target_clones(...)]] (x86-64), the loader picking the widest copy the processor
// runs, and 0 elsewhere — among them ThreadSanitizer builds: the loader resolves the clones
// before the TSan runtime is up, and GCC 12's TSan binary crashes at start. Every copy gives
// the same values (see each use), so the baseline copy alone changes only the speed.
//
// Example:
//   #if DETENTE_CAN_CLONE
//   [[gnu::target_clones("avx2", "default")]]
//   #endif
//   void kernel(const double* x, int n, double* out);
#pragma once

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DETENTE_UNDER_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define DETENTE_UNDER_TSAN 1
#endif

#if defined(__x86_64__) && !defined(DETENTE_UNDER_TSAN)
#define DETENTE_CAN_CLONE 1
#else
#define DETENTE_CAN_CLONE 0
#endif
