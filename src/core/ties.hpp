// detente/core/ties.hpp
//
// The relation network of a scenario on a date: the relations of a pair that are active
// on that date combine into one signed tie. Relations of the same sign stack by the
// probabilistic sum (each one closes its weight's share of the gap left by the others),
// and the two signs offset each other:
//     P_ij = 1 − Π_{k: sign_k > 0} (1 − w_k),    N_ij = 1 − Π_{k: sign_k < 0} (1 − w_k),
//     t_ij = P_ij − N_ij,
// over every relation k between i and j (either direction; directed relations count once
// for the pair). One relation keeps its weight (t = ±w); a stack never reaches ±1 unless
// one of its weights is 1, so stacked ties keep room to move and their weights' uncertainty
// still reaches the tie (∂t/∂w_k = Π_{others of its sign} (1 − w) > 0). The result is a
// symmetric n×n matrix indexed like Scenario::actors, zero where no relation is active.
// O(n² + relations).
//
// Example:
//   detente::TieMatrix t = detente::tie_matrix(scenario, detente::Date{2024, 5, 1});
//   double china_japan = t(scenario.actor_index("CHN"), scenario.actor_index("JPN"));
//   // alliance 0.8 + partnership 0.5 → 1 − 0.2·0.5 = 0.9;  rivalry 0.5 + dialogue 0.2 → −0.3
#pragma once

#include <vector>

#include "core/scenario.hpp"

namespace detente {

// The stack of one pair's relations: add each active relation's signed weight, read the
// combined tie. The one implementation of the rule above (the simulation's baseline ties
// use it too).
struct StackedTie {
  double keep_positive = 1.0;  // Π (1 − w) over the positive relations
  double keep_negative = 1.0;  // Π (1 − w) over the negative ones

  void add(double signed_weight) {
    if (signed_weight >= 0)
      keep_positive *= 1.0 - signed_weight;
    else
      keep_negative *= 1.0 + signed_weight;
  }
  double value() const { return keep_negative - keep_positive; }  // = P − N
};

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
