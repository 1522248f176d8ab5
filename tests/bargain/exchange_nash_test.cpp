// Exchange model (Equal Gain) and Nash bargaining.
#include <gtest/gtest.h>

#include <cmath>

#include "bargain/exchange.hpp"
#include "bargain/nash.hpp"
#include "io/bargain/read_input.hpp"
#include "bargain/weighted_mean.hpp"
#include "test_support.hpp"

namespace detente::bargain {
namespace {

// decide's test case: actor 1 at 0 on both issues (saliences 0.1, 0.9), actor 2 at 100
// (0.6, 0.5), power 1 each.
BargainingProblem two_actor_case() {
  BargainingProblem p;
  p.actors = {"A1", "A2"};
  p.capability = {1, 1};
  p.issues = {{"issue1", 0, 100, {}}, {"issue2", 0, 100, {}}};
  p.position = {{0, 100}, {0, 100}};
  p.salience = {{0.1, 0.6}, {0.9, 0.5}};
  return p;
}

TEST(Exchange, TwoActorCaseStartsFromTheCompromiseOutcomes) {
  auto p = two_actor_case();
  EXPECT_NEAR(weighted_mean(p, 0), 85.0 + 5.0 / 7, 1e-12);
  EXPECT_NEAR(weighted_mean(p, 1), 35.0 + 5.0 / 7, 1e-12);
  auto r = exchange(p, {});
  ASSERT_GE(r.outcome_by_round.size(), 2u);
  EXPECT_NEAR(r.outcome_by_round[0][0], 85.0 + 5.0 / 7, 1e-12);
  EXPECT_NEAR(r.outcome_by_round[0][1], 35.0 + 5.0 / 7, 1e-12);
}

TEST(Exchange, TwoActorEqualGainByHand) {
  // A1 values issue 2 relatively more: A2 moves toward 0 on issue 2, A1 toward 100 on 1.
  // Equal gain: e_1 = e_2 (0.9 + 0.5)/(0.1 + 0.6) = 2 e_2. Caps: on issue 1 the outcome
  // may rise at most 100 − 85 5/7 = 14 2/7, so e_2 = 7 1/7 and the outcomes become 100
  // and 28 4/7; each side gains 0.9·7 1/7 − 0.1·14 2/7 = 5.
  auto r = exchange(two_actor_case(), {});
  ASSERT_EQ(r.exchanges.size(), 1u);
  const auto& e = r.exchanges[0];
  EXPECT_EQ(e.i, 0u);
  EXPECT_EQ(e.p, 1u);
  EXPECT_NEAR(e.gain, 5.0, 1e-9);
  EXPECT_NEAR(r.outcome[0], 100.0, 1e-9);
  EXPECT_NEAR(r.outcome[1], 28.0 + 4.0 / 7, 1e-9);
  // A2's gain equals A1's: 0.6·14 2/7 − 0.5·7 1/7.
  EXPECT_NEAR(0.6 * (100 - (85.0 + 5.0 / 7)) - 0.5 * ((35.0 + 5.0 / 7) - (28.0 + 4.0 / 7)), 5.0,
              1e-9);
}

TEST(Exchange, Cop21RunsAndOutcomesLieInRange) {
  auto path = test::data_file("bargaining/exchange/decide_cop21.csv");
  if (!path) GTEST_SKIP() << test::missing_data_message();
  auto p = read_bargaining_input(*path);
  auto r = exchange(p, {});
  EXPECT_FALSE(r.exchanges.empty());
  ASSERT_EQ(r.outcome.size(), 13u);
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    double lo = 1e300, hi = -1e300;
    for (std::size_t a = 0; a < p.actor_count(); ++a)
      if (p.salience[k][a] > 0) {
        lo = std::min(lo, p.position[k][a]);
        hi = std::max(hi, p.position[k][a]);
      }
    EXPECT_GE(r.outcome[k], lo - 1e-9) << p.issues[k].name;
    EXPECT_LE(r.outcome[k], hi + 1e-9) << p.issues[k].name;
  }
  // Every realised exchange gains both sides the same, positive amount.
  for (const auto& e : r.exchanges) EXPECT_GT(e.gain, 0);
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
