#include "sim/rng.hpp"

#include <cmath>
#include <cstdlib>

namespace detente::sim {

namespace {

// The 128 layers of equal area under the standard normal density (Marsaglia & Tsang 2000):
// the base layer's edge r and the common area v.
constexpr double kR = 3.442619855899;
constexpr double kV = 9.91256303526217e-3;
constexpr double kTwo31 = 2147483648.0;

}  // namespace

Stream::Ziggurat::Ziggurat() {
  double d = kR, t = kR;
  const double q = kV / std::exp(-0.5 * d * d);
  k[0] = static_cast<std::uint32_t>((d / q) * kTwo31);
  k[1] = 0;
  w[0] = q / kTwo31;
  w[127] = d / kTwo31;
  f[0] = 1.0;
  f[127] = std::exp(-0.5 * d * d);
  for (int i = 126; i >= 1; --i) {
    d = std::sqrt(-2.0 * std::log(kV / d + std::exp(-0.5 * d * d)));
    k[i + 1] = static_cast<std::uint32_t>((d / t) * kTwo31);
    t = d;
    f[i] = std::exp(-0.5 * d * d);
    w[i] = d / kTwo31;
  }
}

const Stream::Ziggurat Stream::kZiggurat;

bool Stream::normal_edge(std::int32_t hz, std::size_t layer, double& x) {
  const Ziggurat& z = kZiggurat;
  x = hz * z.w[layer];
  if (layer == 0) {
    // The tail beyond r (Marsaglia 1964).
    double xt, yt;
    do {
      xt = -std::log(uniform()) / kR;
      yt = -std::log(uniform());
    } while (yt + yt < xt * xt);
    x = hz > 0 ? kR + xt : -kR - xt;
    return true;
  }
  // The wedge between the rectangle and the curve.
  return z.f[layer] + uniform() * (z.f[layer - 1] - z.f[layer]) < std::exp(-0.5 * x * x);
}

}  // namespace detente::sim
