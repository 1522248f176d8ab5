// detente/sim/parallel.hpp
//
// Splitting [0, n) into contiguous chunks run on threads, for work whose results go to
// slots by index, so that the partition (and the thread count) cannot change them.
//
// Example:
//   std::vector<double> out(n);
//   detente::sim::parallel_chunks(n, detente::sim::thread_count(threads, n),
//                                 [&](std::size_t begin, std::size_t end) {
//                                   for (std::size_t i = begin; i < end; ++i) out[i] = f(i);
//                                 });
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace detente::sim {

// The threads to use for `work` items: `requested` (≤ 0: the hardware's), at least 1, at
// most one per item.
inline int thread_count(int requested, std::size_t work) {
  int t = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  t = std::max(t, 1);
  return static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(t), std::max<std::size_t>(work, 1)));
}

// Runs body(begin, end) on `threads` contiguous chunks of [0, n). Rethrows the first
// chunk's exception.
template <typename Body>
void parallel_chunks(std::size_t n, int threads, Body body) {
  if (threads <= 1) {
    body(std::size_t{0}, n);
    return;
  }
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    const std::size_t begin = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
    const std::size_t end = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
    pool.emplace_back([&, t, begin, end] {
      try {
        body(begin, end);
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace detente::sim
