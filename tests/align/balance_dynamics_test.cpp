#include "align/balance_dynamics.hpp"

#include <gtest/gtest.h>

#include <random>

namespace detente::align {
namespace {

// Two blocs of 4 (friendly inside, hostile across) plus symmetric noise.
Eigen::MatrixXd planted(double noise, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0, noise);
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(8, 8);
  for (int i = 0; i < 8; ++i)
    for (int j = i + 1; j < 8; ++j) X(i, j) = X(j, i) = (i / 4 == j / 4 ? 0.3 : -0.3) + z(rng);
  return X;
}

TEST(MarvelDynamics, ClosedFormSolvesTheOdeAndBlowsUpAtOneOverLambda) {
  Eigen::MatrixXd X0 = planted(0.1, 3);
  auto m = marvel_dynamics(X0);
  ASSERT_GT(m.lambda1, 0);
  EXPECT_DOUBLE_EQ(m.blowup_time, 1 / m.lambda1);
  double t = 0.5 * m.blowup_time, h = 1e-5;
  Eigen::MatrixXd d = (marvel_state(X0, t + h) - marvel_state(X0, t - h)) / (2 * h);
  Eigen::MatrixXd X = marvel_state(X0, t);
  EXPECT_LT((d - X * X).cwiseAbs().maxCoeff(), 1e-5);
  // Runge–Kutta on dX/dt = X² agrees with the closed form.
  Eigen::MatrixXd Y = X0;
  int steps = 2000;
  double dt = t / steps;
  for (int s = 0; s < steps; ++s) {
    Eigen::MatrixXd k1 = Y * Y, k2 = (Y + 0.5 * dt * k1) * (Y + 0.5 * dt * k1);
    Eigen::MatrixXd k3 = (Y + 0.5 * dt * k2) * (Y + 0.5 * dt * k2);
    Eigen::MatrixXd k4 = (Y + dt * k3) * (Y + dt * k3);
    Y += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  EXPECT_LT((Y - X).cwiseAbs().maxCoeff(), 1e-8);
  // Factions are the planted blocs.
  EXPECT_TRUE(m.polarised);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(m.faction[i], i / 4 == 0 ? 0 : 1) << i;
  // Near blow-up every friendly pair is positive and every cross pair negative.
  Eigen::MatrixXd late = marvel_state(X0, 0.999 * m.blowup_time);
  for (int i = 0; i < 8; ++i)
    for (int j = i + 1; j < 8; ++j) EXPECT_EQ(late(i, j) > 0, i / 4 == j / 4);
}

TEST(MarvelDynamics, FriendlyStartEndsInHarmony) {
  Eigen::MatrixXd X0 = Eigen::MatrixXd::Constant(5, 5, 0.2);
  X0.diagonal().setZero();
  X0(0, 1) = X0(1, 0) = -0.1;
  auto m = marvel_dynamics(X0);
  EXPECT_FALSE(m.polarised);
  for (int f : m.faction) EXPECT_EQ(f, 0);
}

TEST(MkgDynamics, RestoringForceAloneReturnsToBaseline) {
  Eigen::MatrixXd X0 = planted(0.1, 5);
  Eigen::MatrixXd start = Eigen::MatrixXd::Zero(8, 8);
  auto r = mkg_integrate(X0, {.alpha = 0.0, .t_end = 40}, &start);
  EXPECT_LT((r.X - X0).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(MkgDynamics, StrongBalanceForcePolarisesIntoThePlantedBlocs) {
  Eigen::MatrixXd X0 = planted(0.15, 9) * 0.3;
  auto weak = mkg_integrate(X0, {.alpha = 0.1});
  auto strong = mkg_integrate(X0, {.alpha = 8.0});
  EXPECT_LT(weak.mean_hostility, 0.2);
  EXPECT_GT(strong.mean_hostility, 0.5);  // saturates toward L = 1 across the blocs
  for (int i = 0; i < 8; ++i) EXPECT_EQ(strong.faction[i], i / 4 == 0 ? 0 : 1);
  auto scan = mkg_alpha_scan(X0, {0.1, 1, 2, 4, 8});
  ASSERT_EQ(scan.size(), 5u);
  EXPECT_LT(scan.front(), scan.back());
}

}  // namespace
}  // namespace detente::align
