// detente/sim/rng.hpp
//
// Reproducible random streams. Every run of an ensemble draws from its own stream whose
// state is a pure function of (seed, variant, run index), so that results do not depend
// on the number of threads or processes, nor on which worker ran which run.
// The generator is xoshiro256** (Blackman & Vigna 2018) keyed through SplitMix64.
//
// Example:
//   detente::sim::Stream rng = detente::sim::Stream::for_run(seed, variant_key, run);
//   double u = rng.uniform();     // in (0, 1)
//   double z = rng.normal();
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/splitmix.hpp"

namespace detente::sim {

using detente::splitmix64;

// FNV-1a: a stable key for a variant id.
inline std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// A uniform number in (0, 1) that is a pure function of its keys (a counter-based draw by
// SplitMix64 mixing): the same keys give the same number in every variant of a scenario,
// which is how the variants share their draws (common random numbers).
inline double keyed_uniform(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0) {
  std::uint64_t x = splitmix64(a) ^ b;
  x = splitmix64(x) ^ c;
  return (static_cast<double>(splitmix64(x) >> 11) + 0.5) * 0x1.0p-53;
}

class Stream {
 public:
  static Stream for_run(std::uint64_t seed, std::uint64_t variant_key, std::uint64_t run) {
    std::uint64_t k = seed;
    std::uint64_t a = splitmix64(k) ^ variant_key;
    std::uint64_t b = splitmix64(a) ^ run;
    Stream s;
    for (auto& w : s.s_) w = splitmix64(b);
    return s;
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in the open interval (0, 1), 53 random bits.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

  // Standard normal by the ziggurat method (Marsaglia & Tsang 2000, 128 layers), with the
  // layer index and the value drawn from different bits of one 64-bit word (Doornik 2005).
  // The common case (inside a layer's rectangle, ~99% of draws) is inline.
  double normal() {
    for (;;) {
      const std::uint64_t bits = next();
      const auto hz = static_cast<std::int32_t>(bits >> 32);  // signed value
      const std::size_t layer = bits & 127;                   // independent low bits
      const std::uint32_t magnitude =
          hz < 0 ? static_cast<std::uint32_t>(-(static_cast<std::int64_t>(hz)))
                 : static_cast<std::uint32_t>(hz);
      if (magnitude < kZiggurat.k[layer]) return hz * kZiggurat.w[layer];
      double x;
      if (normal_edge(hz, layer, x)) return x;
    }
  }

  // The ziggurat's tables: 128 layers of equal area under the standard normal density.
  struct Ziggurat {
    Ziggurat();
    std::uint32_t k[128];  // acceptance thresholds on |hz|
    double w[128];         // layer width / 2^31
    double f[128];         // density at the layer's edge
  };
  static const Ziggurat kZiggurat;  // built at start-up; normal() is not for static init

 private:
  // The draw outside the rectangle: the tail of the base layer, or the wedge of another;
  // true with the value, false to draw again.
  bool normal_edge(std::int32_t hz, std::size_t layer, double& x);

  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

}  // namespace detente::sim
