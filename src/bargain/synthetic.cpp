#include "bargain/synthetic.hpp"

#include <fmt/format.h>

#include <cmath>
#include <random>

namespace detente::bargain {

namespace {

BargainingProblem one_issue(const char* name) {
  BargainingProblem p;
  p.issues = {{name, 0, 100, {}}};
  p.position.resize(1);
  p.salience.resize(1);
  return p;
}

}  // namespace

BargainingProblem uniform_problem(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  BargainingProblem p = one_issue("issue");
  for (std::size_t a = 0; a < n; ++a) {
    p.actors.push_back(fmt::format("A{:04}", a));
    p.capability.push_back(0.01 + u(rng));
    p.position[0].push_back(100 * u(rng));
    p.salience[0].push_back(0.05 + 0.95 * u(rng));
  }
  return p;
}

BargainingProblem ktab_like_problem(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  BargainingProblem p = one_issue("XYZ");
  for (std::size_t a = 0; a < n; ++a) {
    p.actors.push_back(fmt::format("Act-{}", 1000 + a));
    p.capability.push_back(std::round((0.1 + 5.2 * u(rng)) * 100) / 100);
    p.position[0].push_back(std::round(100 * u(rng) * 100) / 100);
    p.salience[0].push_back(std::round((5 + 94 * u(rng)) * 100) / 10000);
  }
  return p;
}

}  // namespace detente::bargain
