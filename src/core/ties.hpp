// detente/core/ties.hpp
//
// The relation network of a scenario on a date: the relations of a pair that are active
// on that date combine into one signed tie,
//     t_ij = clamp( Σ_k sign_k · weight_k , −1, 1 ),
// summed over every relation k between i and j (either direction; directed relations
// count once for the pair). The result is a symmetric n×n matrix indexed like
// Scenario::actors, zero where no relation is active. O(n² + relations).
//
// Example:
//   detente::TieMatrix t = detente::tie_matrix(scenario, detente::Date{2024, 5, 1});
//   double china_japan = t(scenario.actor_index("CHN"), scenario.actor_index("JPN"));
#pragma once

#include <vector>

#include "core/scenario.hpp"

namespace detente {

class TieMatrix {
 public:
  explicit TieMatrix(std::size_t n = 0) : n_(n), v_(n * n, 0.0) {}
  std::size_t size() const { return n_; }
  double operator()(std::size_t i, std::size_t j) const { return v_[i * n_ + j]; }
  double& operator()(std::size_t i, std::size_t j) { return v_[i * n_ + j]; }

 private:
  std::size_t n_;
  std::vector<double> v_;
};

TieMatrix tie_matrix(const Scenario& scenario, const Date& date);

}  // namespace detente
