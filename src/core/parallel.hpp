// detente/core/parallel.hpp
//
// The one way detente runs work on threads. Two shapes:
//   * parallel_workers(threads, body): body(worker) on `threads` workers at once (worker 0
//     on the calling thread), for loops that split the work themselves (strided or by a
//     shared counter);
//   * parallel_chunks(n, threads, body): body(begin, end) on contiguous chunks of [0, n).
// Both join every worker and rethrow the first exception (by worker index), so no error
// is dropped. Results go to slots by index, so that neither the partition nor the thread
// count can change them.
//
// The workers are the threads of one process-wide pool, started on first use and kept:
// starting and joining a thread costs 130–200 µs on the 2-core machines measured (and the
// woken core took as long again to start), more than a whole pass of EUM or SMP at a few
// hundred actors, so that two threads were no faster than one there. A pool worker that
// has finished spins for up to 200 µs before it sleeps, so the next pass starts in under
// a microsecond (bench/parallel_dispatch.cpp: 0.27 µs against 131 µs to start and join a
// thread; a job of 2 × 0.3 ms takes 331 µs against 849). A call made while the pool is
// busy (from inside a worker, or from another thread) starts threads of its own, as
// before, so that nesting never waits on itself.
//
// Example:
//   std::vector<double> out(n);
//   detente::parallel_chunks(n, detente::thread_count(threads, n),
//                            [&](std::size_t begin, std::size_t end) {
//                              for (std::size_t i = begin; i < end; ++i) out[i] = f(i);
//                            });
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace detente {

// The threads to use for `work` items: `requested` (≤ 0: the hardware's), at least 1, at
// most one per item.
inline int thread_count(int requested, std::size_t work) {
  int t = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  t = std::max(t, 1);
  return static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(t), std::max<std::size_t>(work, 1)));
}

namespace detail {
// Runs job(context, w) for w = 1 … threads − 1 on the pool's threads and job(context, 0)
// on the caller, and returns when all have finished; `job` must not throw. Returns false,
// having run nothing, when the pool is busy or cannot grow to `threads` − 1 workers.
bool run_on_pool(int threads, void (*job)(void*, int), void* context);
}  // namespace detail

// Runs body(worker) for worker = 0 … threads − 1 concurrently; worker 0 runs on the
// calling thread. Rethrows the lowest-numbered worker's exception after all have joined.
template <typename Body>
void parallel_workers(int threads, Body body) {
  threads = std::max(threads, 1);
  if (threads == 1) {
    body(0);
    return;
  }
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  auto guarded = [&](int t) {
    try {
      body(t);
    } catch (...) {
      errors[static_cast<std::size_t>(t)] = std::current_exception();
    }
  };
  auto job = [](void* context, int t) { (*static_cast<decltype(guarded)*>(context))(t); };
  if (!detail::run_on_pool(threads, job, &guarded)) {
    std::vector<std::thread> own;
    own.reserve(static_cast<std::size_t>(threads - 1));
    for (int t = 1; t < threads; ++t) own.emplace_back(guarded, t);
    guarded(0);
    for (auto& th : own) th.join();
  }
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// Runs body(begin, end) on `threads` contiguous chunks of [0, n).
template <typename Body>
void parallel_chunks(std::size_t n, int threads, Body body) {
  threads = std::max(threads, 1);
  const auto parts = static_cast<std::size_t>(threads);
  parallel_workers(threads, [&](int t) {
    const auto w = static_cast<std::size_t>(t);
    body(n * w / parts, n * (w + 1) / parts);
  });
}

}  // namespace detente
