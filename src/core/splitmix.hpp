// detente/core/splitmix.hpp
//
// SplitMix64 (Steele, Lea & Flood 2014; the constants of Vigna's reference code): the one
// integer mixer every counter-based seed in detente goes through, so that a seed for
// stream k of seed s is the same function everywhere.
//
// Example:
//   std::mt19937_64 rng(detente::mix_seed(options.seed, start));  // start k's own stream
//   std::uint64_t state = seed;
//   std::uint64_t a = detente::splitmix64(state);                   // a sequence
#pragma once

#include <cstdint>

namespace detente {

inline constexpr std::uint64_t kSplitMixGamma = 0x9E3779B97F4A7C15ULL;

// The finaliser: a bijective avalanche of 64 bits.
constexpr std::uint64_t splitmix64_finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The generator: advances `state` by the golden gamma and returns its mix.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  return splitmix64_finalize(state += kSplitMixGamma);
}

// The seed of stream `index` of `seed` (the index + 1-th SplitMix64 output from `seed`).
constexpr std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index) {
  return splitmix64_finalize(seed + kSplitMixGamma * (index + 1));
}

}  // namespace detente
