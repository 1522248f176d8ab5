// detente/bargain/synthetic.hpp
//
// Synthetic bargaining problems of any size from a fixed seed, for benchmarks and tests at
// sizes no shared input has (issue 16: EUM at 2,000 actors, SMP at 1,000). One issue on
// 0–100; every draw from std::mt19937_64(seed), so a (size, seed) is the same problem on
// every run and machine.
//   * uniform_problem: capabilities 0.01–1.01, positions 0–100, saliences 0.05–1, uniform
//     (EUM-style inputs), actors "A0000", "A0001", …;
//   * ktab_like_problem: drawn like KTAB's dummyData-a*.csv — influence 0.1–5.3, position
//     0–100 and salience 5–99 % at two decimals (as its CSV prints them), actors
//     "Act-1000", "Act-1001", ….
// O(n).
//
// Example:
//   BargainingProblem p = uniform_problem(2000, 7);
//   EumResult r = eum(p, 0, EumOptions{});
#pragma once

#include <cstddef>
#include <cstdint>

#include "bargain/problem.hpp"

namespace detente::bargain {

BargainingProblem uniform_problem(std::size_t actors, std::uint64_t seed);
BargainingProblem ktab_like_problem(std::size_t actors, std::uint64_t seed);

}  // namespace detente::bargain
