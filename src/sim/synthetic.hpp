// detente/sim/synthetic.hpp
//
// A synthetic scenario of any size, for benchmarks and tests of scale
// (`detente scenarios --synthetic N --seed S`). The actors fall into two latent camps
// (about a fifth unaligned); each actor has about six relations, whose sign agrees with
// the camps with probability 0.85, so that the system is mostly but not perfectly
// balanced. It has three issues with positions by camp, scheduled events of several kinds
// (one with a position switch, one with an uncertain probability), two stochastic events,
// a variant, uncertain dynamics parameters and one outcome of every kind (event_occurs,
// tie_above, tie_below, issue_in_range, bloc_split). Everything is a pure function of
// (N, seed); the text is a valid scenario for every N ≥ 4. Cost O(N) (relations per
// actor are bounded), output about 1.3 kB per actor.
//
// Example:
//   std::string toml = detente::sim::synthetic_scenario(50, 7);
//   auto s = detente::io::parse_scenario_text(toml, "synthetic-50.toml");
#pragma once

#include <cstdint>
#include <string>

namespace detente::sim {

// The smallest number of actors a synthetic scenario has (it needs two per camp).
inline constexpr int kSyntheticMinActors = 4;

// The TOML text of a synthetic scenario with `actors` actors; throws InputError when
// actors is below kSyntheticMinActors or above the scenario limit (core/limits.hpp).
std::string synthetic_scenario(int actors, std::uint64_t seed);

}  // namespace detente::sim
