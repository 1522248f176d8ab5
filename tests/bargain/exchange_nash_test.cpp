// Nash bargaining (the exchange model's tests are in exchange_test.cpp).
#include <gtest/gtest.h>

#include <cmath>

#include "bargain/nash.hpp"
#include "bargain/weighted_mean.hpp"
#include "io/bargain/read_input.hpp"
#include "test_support.hpp"

namespace detente::bargain {
namespace {

// Two actors on two issues (decide's two-actor case): actor 1 at 0 on both (saliences
// 0.1, 0.9), actor 2 at 100 (0.6, 0.5), power 1 each.
BargainingProblem two_actor_case() {
  BargainingProblem p;
  p.actors = {"A1", "A2"};
  p.capability = {1, 1};
  p.issues = {{"issue1", 0, 100, {}}, {"issue2", 0, 100, {}}};
  p.position = {{0, 100}, {0, 100}};
  p.salience = {{0.1, 0.6}, {0.9, 0.5}};
  return p;
}

TEST(Nash, BlockedWhenPartiesOnBothSidesOfTheStatusQuo) {
  auto p = two_actor_case();
  p.issues[0].status_quo = 50;
  auto r = nash_bargaining(p, 0, {});
  EXPECT_TRUE(r.blocked);
  EXPECT_DOUBLE_EQ(r.outcome, 50);
}

TEST(Nash, SymmetricQuadraticCaseByHand) {
  // Ideals 60 and 100, status quo 0, equal weights, quadratic utility:
  // maximise log(60² − (60 − z)²) + log(100² − (100 − z)²)
  //   = log z(120 − z) + log z(200 − z)  ->  2/z − 1/(120 − z) − 1/(200 − z) = 0.
  BargainingProblem p;
  p.actors = {"A", "B"};
  p.capability = {1, 1};
  p.issues = {{"i", 0, 100, 0.0}};
  p.position = {{60, 100}};
  p.salience = {{1, 1}};
  double z = nash_bargaining(p, 0, {}).outcome;
  EXPECT_NEAR(2 / z - 1 / (120 - z) - 1 / (200 - z), 0, 1e-9);
  EXPECT_GT(z, 60);
  EXPECT_LT(z, 100);
  // A heavier B pulls the solution toward 100.
  p.capability = {1, 3};
  EXPECT_GT(nash_bargaining(p, 0, {}).outcome, z);
}

TEST(Nash, MajoritySideBargainsAlone) {
  auto p = two_actor_case();
  p.issues[0].status_quo = 50;
  NashOptions o;
  o.participation = "majority_side";
  auto r = nash_bargaining(p, 0, o);  // A2 (weight 0.6 at 100) outweighs A1 (0.1 at 0)
  EXPECT_FALSE(r.blocked);
  EXPECT_NEAR(r.outcome, 100, 1e-6);  // a single party obtains its ideal
}

}  // namespace
}  // namespace detente::bargain
