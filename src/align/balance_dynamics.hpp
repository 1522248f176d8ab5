// detente/align/balance_dynamics.hpp
//
// Continuous-time dynamics of structural balance on a real symmetric relation matrix X
// (X_ij > 0 friendly, < 0 hostile), for the simulation to build on:
//  * Marvel, Kleinberg, Kleinberg & Strogatz (PNAS 2011): dX/dt = X², closed form
//    X(t) = X0 (I − t X0)^{-1}, finite-time blow-up at t* = 1/λ1(X0); near t* the state is
//    λ1 u1 u1ᵀ/(1 − λ1 t), so the factions are the sign pattern of the leading eigenvector.
//  * Morrison, Kutz & Gabbay (Network Science 2023): dX/dt = −β (X − X0) + L·tanh(α X²/L),
//    a restoring force toward the baseline X0 plus a saturating balance force; as α grows
//    the system jumps from peace (X near X0) to polarised "systemic war" (bistable, with
//    hysteresis). Integrated with classical Runge–Kutta.
// See docs/models/balance-dynamics.md.
//
// Example:
//   Eigen::MatrixXd X0 = detente::align::relation_matrix(g);
//   auto m = detente::align::marvel_dynamics(X0);    // m.blowup_time, m.faction
//   auto s = detente::align::mkg_integrate(X0, {.alpha = 2.0});  // s.X, s.faction
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "align/signed_graph.hpp"

namespace detente::align {

// Symmetric matrix of sign·weight (zero diagonal) of a signed graph.
Eigen::MatrixXd relation_matrix(const SignedGraph& g);

// Two factions from a symmetric matrix: signs of the leading eigenvector (node 0 on side
// 0); all zeros when that eigenvector has one sign (harmony).
std::vector<int> leading_eigenvector_factions(const Eigen::MatrixXd& X);

struct MarvelResult {
  double lambda1 = 0;        // largest eigenvalue of X0
  double blowup_time = 0;    // 1/λ1; +inf when λ1 ≤ 0 (no blow-up)
  Eigen::VectorXd leading;   // u1, with its first non-zero entry positive
  std::vector<int> faction;  // sign pattern of u1 (0/1)
  bool polarised = false;    // u1 has both signs: two hostile factions
};

MarvelResult marvel_dynamics(const Eigen::MatrixXd& X0);

// The closed form X(t) = X0 (I − t X0)^{-1}, for 0 ≤ t < t*.
Eigen::MatrixXd marvel_state(const Eigen::MatrixXd& X0, double t);

struct MkgOptions {
  double alpha = 1.0;       // strength of the balance force
  double beta = 1.0;        // strength of the restoring force toward X0
  double saturation = 1.0;  // L: the balance force saturates at ±L
  double dt = 0.01;         // Runge–Kutta step
  double t_end = 50.0;      // integration horizon
  double tolerance = 1e-8;  // equilibrium when max |dX/dt| falls below this
};

struct MkgResult {
  Eigen::MatrixXd X;          // state at the end (or at equilibrium)
  double t = 0;               // time reached
  bool equilibrium = false;   // max |dX/dt| < tolerance
  std::vector<int> faction;   // leading-eigenvector factions of X
  double mean_hostility = 0;  // mean of max(0, −X_ij) over pairs: "systemic war" scale
};

// Integrates from `start` (default: X0 itself) toward the equilibrium.
MkgResult mkg_integrate(const Eigen::MatrixXd& X0, const MkgOptions& options = {},
                        const Eigen::MatrixXd* start = nullptr);

// Right-hand side of the Morrison–Kutz–Gabbay model.
Eigen::MatrixXd mkg_rate(const Eigen::MatrixXd& X, const Eigen::MatrixXd& X0,
                         const MkgOptions& options);

// Continuation in α: each equilibrium starts from the previous one (forward, then
// backward when `both_ways`), exposing the bistable window; returns mean hostility per α
// (forward values first, then the backward ones in the order visited).
std::vector<double> mkg_alpha_scan(const Eigen::MatrixXd& X0, const std::vector<double>& alphas,
                                   const MkgOptions& options = {}, bool both_ways = false);

}  // namespace detente::align
