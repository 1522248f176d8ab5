// The scenario rules the simulation applies on top of the dynamics: who decides an issue,
// expected relations, rescheduled events (docs/models/dynamics.md).
#include <gtest/gtest.h>

#include <cmath>

#include "bargain/problem.hpp"
#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"
#include "test_support.hpp"

namespace detente::sim {
namespace {

// Three actors, every force off, so that a rule's effect can be read off the record.
std::string three(const std::string& issue_extra, const std::string& extra,
                  const std::string& simulation = "months = 3") {
  return test::small_scenario(
      {.id = "three", .name = "Three", .issue_extra = "decision_date = 2024-03-15\n" + issue_extra},
      "[simulation]\n" + simulation + R"(
key_dyads = [["AAA", "BBB"]]

[dynamics]
balance_gain = 0
restoring_rate = 0
noise = 0
persistence = 0
influence = {INFLUENCE}
)" + extra);
}

std::string with_influence(std::string toml, const char* gamma) {
  toml.replace(toml.find("{INFLUENCE}"), 11, gamma);
  return toml;
}

std::vector<double> run_once(const Scenario& s) {
  SimModel m = compile(s, nullptr);
  RunLayout layout(m);
  std::vector<double> params = m.parameters, record(layout.width());
  Stream rng = Stream::for_run(1, 0, 0);
  Workspace ws(m);
  simulate(m, params, rng, ws, record);  // point values: no inputs drawn
  return record;
}

const char* kAlliance = R"(
[[relation]]
a = "AAA"
b = "CCC"
kind = "alliance"
)";

TEST(Deciders, SettlementIsTakenAmongTheDecidersOnly) {
  Scenario all = io::read_scenario(with_influence(three("", ""), "0"), "t.toml");
  Scenario two = io::read_scenario(
      with_influence(three("deciders = [\"AAA\", \"BBB\"]\n", ""), "0"), "t.toml");
  const std::size_t issue = RunLayout(compile(all, nullptr)).issue(0);
  EXPECT_NEAR(run_once(all)[issue], (20 + 40 + 2 * 0.5 * 80) / 3.0, 1e-12);
  EXPECT_NEAR(run_once(two)[issue], (20 + 40) / 2.0, 1e-12);  // C (80) does not vote
}

TEST(Deciders, OthersActOnlyThroughTheirTies) {
  // C is A's ally but no decider: it still pulls A halfway toward 80 (γ = 0.5), then A
  // and B settle: (50 + 40) / 2. Without the tie C has no say at all.
  Scenario tied = io::read_scenario(
      with_influence(three("deciders = [\"AAA\", \"BBB\"]\n", kAlliance), "0.5"), "t.toml");
  Scenario untied = io::read_scenario(
      with_influence(three("deciders = [\"AAA\", \"BBB\"]\n", ""), "0.5"), "t.toml");
  const std::size_t issue = RunLayout(compile(tied, nullptr)).issue(0);
  EXPECT_NEAR(run_once(tied)[issue], 45.0, 1e-9);
  EXPECT_NEAR(run_once(untied)[issue], 30.0, 1e-9);
}

TEST(Deciders, BargainingProblemWeighsOnlyTheDeciders) {
  Scenario s = io::read_scenario(with_influence(three("deciders = [\"AAA\", \"CCC\"]\n", ""), "0"),
                                 "t.toml");
  bargain::BargainingProblem p = bargain::from_scenario(s);
  EXPECT_EQ(p.salience[0][0], 1.0);
  EXPECT_EQ(p.salience[0][1], 0.0);  // BBB stated a position but does not decide
  EXPECT_EQ(p.salience[0][2], 0.5);
  EXPECT_EQ(p.position[0][1], 40.0);
}

const char* kExpected = R"(
[[relation]]
a = "AAA"
b = "BBB"
kind = "alliance"
weight = 0.5
since = 2024-02-01
expected = true
probability = 0.3
)";

TEST(ExpectedRelations, ExistInTheShareOfRunsTheirProbabilityGives) {
  // The simulation starts after the relation's date, so a run that draws it starts with
  // the tie at its weight and keeps it (every force off).
  Scenario s = io::read_scenario(
      with_influence(three("", kExpected, "start = 2024-03-01\nmonths = 2"), "0"), "t.toml");
  SimModel m = compile(s, nullptr);
  const RunLayout layout(m);
  const std::size_t n = 4000;
  auto records = run_records(m, {7, 2, {}}, 0, n);
  std::size_t with = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const double tie = records[r * layout.width() + layout.dyad(0, 0)];
    ASSERT_TRUE(tie == 0.0 || std::abs(tie - 0.5) < 1e-12) << tie;
    with += tie != 0.0;
  }
  EXPECT_NEAR(static_cast<double>(with) / n, 0.3, 0.03);
  // The point analysis (draw ½) leaves a relation of probability 0.3 out.
  EXPECT_EQ(run_once(s)[layout.dyad(0, 0)], 0.0);
}

TEST(ExpectedRelations, AsOfDisciplineNeedsTheMark) {
  std::string future = kExpected;
  future.erase(future.find("expected = true\nprobability = 0.3\n"));
  try {
    io::read_scenario(with_influence(three("", future), "0"), "t.toml");
    FAIL() << "a relation starting after as_of was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("after as_of 2024-01-01"), std::string::npos) << e.what();
  }
  // Checked against another date, the same relation is in the past and fine.
  io::ReadOptions later;
  later.as_of = Date{2024, 6, 1};
  EXPECT_NO_THROW(io::read_scenario(with_influence(three("", future), "0"), "t.toml", later));
}

std::string missed_summit(const std::string& probability, const std::string& reschedule) {
  return R"(
[[event]]
id = "summit"
date = 2024-02-10
kind = "summit"
status = "scheduled"
participants = ["AAA", "BBB"]
title = "summit"
probability = )" +
         probability + "\nreschedule = " + reschedule + R"(

[[outcome]]
id = "by_feb"
name = "held by February"
kind = "event_occurs"
event = "summit"
by = 2024-02-29

[[outcome]]
id = "by_mar"
name = "held by March"
kind = "event_occurs"
event = "summit"
by = 2024-03-31
)";
}

TEST(Reschedule, AMissedEventIsHeldLater) {
  Scenario s = io::read_scenario(
      with_influence(three("", missed_summit("0", "{ probability = 1, delay_months = 1 }")), "0"),
      "t.toml");
  const RunLayout layout(compile(s, nullptr));
  std::vector<double> r = run_once(s);
  EXPECT_EQ(r[layout.dyad(0, 1)], 0.0);            // not in February
  EXPECT_NEAR(r[layout.dyad(0, 2)], 0.15, 1e-12);  // held in March: summit_effect
  EXPECT_EQ(r[layout.outcome(0)], 0.0);
  EXPECT_EQ(r[layout.outcome(1)], 1.0);
  Scenario never = io::read_scenario(
      with_influence(three("", missed_summit("0", "{ probability = 0, delay_months = 1 }")), "0"),
      "t.toml");
  EXPECT_EQ(run_once(never)[layout.outcome(1)], 0.0);
}

TEST(Reschedule, HeldByItsDateAndByLaterDiffer) {
  // P(by Feb) = p = 0.5; P(by Mar) = p + (1 − p) q = 0.5 + 0.5 · 0.5 = 0.75.
  Scenario s = io::read_scenario(
      with_influence(three("", missed_summit("0.5", "{ probability = 0.5, delay_months = 1 }")),
                     "0"),
      "t.toml");
  SimModel m = compile(s, nullptr);
  const RunLayout layout(m);
  const std::size_t n = 4000;
  auto records = run_records(m, {3, 2, {}}, 0, n);
  double by_feb = 0, by_mar = 0;
  for (std::size_t r = 0; r < n; ++r) {
    by_feb += records[r * layout.width() + layout.outcome(0)];
    by_mar += records[r * layout.width() + layout.outcome(1)];
  }
  EXPECT_NEAR(by_feb / n, 0.5, 0.03);
  EXPECT_NEAR(by_mar / n, 0.75, 0.03);
}

TEST(Reschedule, DelayBeyondTheHorizonNeverHappens) {
  Scenario s = io::read_scenario(
      with_influence(three("", missed_summit("0", "{ probability = 1, delay_months = 5 }")), "0"),
      "t.toml");
  const RunLayout layout(compile(s, nullptr));
  EXPECT_EQ(run_once(s)[layout.outcome(1)], 0.0);
}

}  // namespace
}  // namespace detente::sim
