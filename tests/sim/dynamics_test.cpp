#include "sim/dynamics.hpp"

#include <gtest/gtest.h>

#include <random>

#include "io/scenario_toml.hpp"
#include "sim/ensemble.hpp"
#include "test_support.hpp"

namespace detente::sim {
namespace {

// Three actors, no relations, every force switched off unless a test turns it on, so that
// each event's effect can be read off the state directly.
std::string tiny(const std::string& extra, const std::string& dynamics = "") {
  return test::small_scenario({.id = "tiny", .name = "Tiny"}, R"([simulation]
months = 3
key_dyads = [["AAA", "BBB"], ["AAA", "CCC"], ["BBB", "CCC"]]

[dynamics]
balance_gain = 0
restoring_rate = 0
noise = 0
influence = 0
persistence = 0
)" + dynamics + "\n" + extra);
}

struct SimRun {
  std::vector<double> record;
  RunLayout layout;
  double tie(std::size_t dyad, std::size_t month) const { return record[layout.dyad(dyad, month)]; }
};

SimRun run_once(const std::string& toml, std::uint64_t seed = 1, std::uint64_t run = 0) {
  Scenario s = io::read_scenario(toml, "tiny.toml");
  SimModel m = compile(s, nullptr);
  RunLayout layout(m);
  std::vector<double> params = m.parameters, record(layout.width());
  Stream rng = Stream::for_run(seed, 0, run);
  draw_inputs(m, rng, params);
  Workspace ws(m);
  simulate(m, params, rng, ws, record);
  return {record, layout};
}

const char* kEvent = R"(
[[event]]
id = "e"
date = 2024-02-10
kind = "{KIND}"
status = "scheduled"
participants = [{P}]
targets = [{T}]
title = "e"
)";

std::string event(const std::string& kind, const std::string& participants,
                  const std::string& targets = "") {
  std::string e = kEvent;
  e.replace(e.find("{KIND}"), 6, kind);
  e.replace(e.find("{P}"), 3, participants);
  e.replace(e.find("{T}"), 3, targets);
  return e;
}

TEST(Dynamics, NothingHappensWithoutForcesOrEvents) {
  SimRun r = run_once(tiny(""));
  for (std::size_t d = 0; d < 3; ++d)
    for (std::size_t t = 0; t < 3; ++t) EXPECT_EQ(r.tie(d, t), 0.0);
  // Decision in month 2 by the weighted mean: (20 + 40 + 2*0.5*80) / 3.
  EXPECT_NEAR(r.record[r.layout.issue(0)], 140.0 / 3, 1e-12);
}

TEST(Dynamics, SummitStrengthensParticipantsTies) {
  SimRun r = run_once(tiny(event("summit", "\"AAA\", \"BBB\"")));
  EXPECT_EQ(r.tie(0, 0), 0.0);            // before the event (month 1)
  EXPECT_NEAR(r.tie(0, 1), 0.15, 1e-12);  // summit_effect
  EXPECT_NEAR(r.tie(0, 2), 0.15, 1e-12);
  EXPECT_EQ(r.tie(1, 2), 0.0);  // C did not take part
}

TEST(Dynamics, MeetingUsesItsOwnEffectAndEventsMayOverrideIt) {
  SimRun r = run_once(tiny(event("ministerial", "\"AAA\", \"BBB\", \"CCC\"")));
  EXPECT_NEAR(r.tie(2, 1), 0.06, 1e-12);
  std::string custom = event("meeting", "\"AAA\", \"CCC\"") + "effect = -0.2\n";
  SimRun c = run_once(tiny(custom));
  EXPECT_NEAR(c.tie(1, 2), -0.2, 1e-12);
}

TEST(Dynamics, MissileTestBondsTargetsAndEstrangesTheTester) {
  SimRun r = run_once(tiny(event("test_launch", "\"CCC\"", "\"AAA\", \"BBB\"")));
  EXPECT_NEAR(r.tie(0, 1), 0.05, 1e-12);  // threat_bond between the targets
  EXPECT_NEAR(r.tie(1, 1), -0.1, 1e-12);  // threat_hostility, A–C
  EXPECT_NEAR(r.tie(2, 1), -0.1, 1e-12);  // B–C
  SimRun n = run_once(tiny(event("nuclear_test", "\"CCC\"", "\"AAA\", \"BBB\"")));
  EXPECT_NEAR(n.tie(0, 1), 0.1, 1e-12);
  EXPECT_NEAR(n.tie(1, 1), -0.2, 1e-12);
}

TEST(Dynamics, TreatySetsTheTieAndSanctionLowersIt) {
  SimRun t = run_once(tiny(event("treaty", "\"AAA\", \"CCC\"")));
  EXPECT_NEAR(t.tie(1, 1), 0.8, 1e-12);
  SimRun s = run_once(tiny(event("sanction", "\"AAA\"", "\"BBB\"")));
  EXPECT_NEAR(s.tie(0, 1), -0.1, 1e-12);
}

TEST(Dynamics, ElectionSwitchesPositionsBeforeTheDecision) {
  std::string e = event("election", "\"CCC\"") + "positions = { deal = 20 }\n";
  SimRun r = run_once(tiny(e));
  EXPECT_NEAR(r.record[r.layout.issue(0)], 80.0 / 3, 1e-12);  // C now at 20: (20 + 40 + 20) / 3
  std::string never = event("election", "\"CCC\"") + "probability = 0\npositions = { deal = 20 }\n";
  SimRun n = run_once(tiny(never));
  EXPECT_NEAR(n.record[n.layout.issue(0)], 140.0 / 3, 1e-12);
}

TEST(Dynamics, TiesRelaxTowardTheirBaseline) {
  // One summit, then restoring_rate 0.1 with 4 Euler substeps a month: the excess over
  // the baseline (0) shrinks by (1 - 0.1/4)^4 each month.
  std::string toml = tiny(event("summit", "\"AAA\", \"BBB\""));
  toml.replace(toml.find("restoring_rate = 0"), 18, "restoring_rate = 0.1\nsubsteps = 4");
  SimRun r = run_once(toml);
  const double f = std::pow(1 - 0.1 / 4, 4);
  EXPECT_NEAR(r.tie(0, 1), 0.15 * f, 1e-12);
  EXPECT_NEAR(r.tie(0, 2), 0.15 * f * f, 1e-12);
}

TEST(Dynamics, BalanceForcePushesTowardBalance) {
  // A+B friends, both enemies of C: balanced; the balance term strengthens every tie.
  std::string rel = R"(
[[relation]]
a = "AAA"
b = "BBB"
kind = "alliance"
weight = 0.5
[[relation]]
a = "AAA"
b = "CCC"
kind = "rivalry"
weight = 0.5
[[relation]]
a = "BBB"
b = "CCC"
kind = "rivalry"
weight = 0.5
)";
  std::string toml = tiny(rel);
  toml.replace(toml.find("balance_gain = 0"), 16, "balance_gain = 1");
  SimRun r = run_once(toml);
  EXPECT_GT(r.tie(0, 2), 0.5);
  EXPECT_LT(r.tie(1, 2), -0.5);
  EXPECT_LT(r.tie(2, 2), -0.5);
  EXPECT_NEAR(r.record[r.layout.frustration(0)], 0.0, 1e-12);
}

TEST(Dynamics, PositionsArePulledTowardFriends) {
  std::string rel = "[[relation]]\na = \"AAA\"\nb = \"CCC\"\nkind = \"alliance\"\n";
  std::string toml = tiny(rel);
  toml.replace(toml.find("influence = 0"), 13, "influence = 0.5");
  SimRun r = run_once(toml);
  // A (20) moves halfway to its only friend C (80): 50; C moves halfway to A: 50; B stays.
  EXPECT_NEAR(r.record[r.layout.issue(0)], (50 + 40 + 50) / 3.0, 1e-9);
}

TEST(Ensemble, WithoutUncertaintyEveryRunIsIdentical) {
  std::string toml = tiny(event("summit", "\"AAA\", \"BBB\""));
  Scenario s = io::read_scenario(toml, "tiny.toml");
  SimModel m = compile(s, nullptr);
  auto records = run_records(m, {3, 1, {}}, 0, 50);
  const std::size_t w = RunLayout(m).width();
  for (std::size_t r = 1; r < 50; ++r)
    for (std::size_t c = 0; c < w; ++c) ASSERT_EQ(records[r * w + c], records[c]);
}

TEST(Ensemble, IdenticalForAnyThreadCountAndDependsOnTheSeed) {
  std::string toml = tiny(event("summit", "\"AAA\", \"BBB\"") + "probability = 0.5\n", "\n");
  toml.replace(toml.find("noise = 0"), 9, "noise = 0.05");
  Scenario s = io::read_scenario(toml, "tiny.toml");
  SimModel m = compile(s, nullptr);
  auto one = run_records(m, {11, 1, {}}, 0, 301);
  auto two = run_records(m, {11, 2, {}}, 0, 301);
  auto three = run_records(m, {11, 3, {}}, 0, 301);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, three);
  // Blocks computed separately (as MPI ranks do) concatenate to the same records.
  auto head = run_records(m, {11, 1, {}}, 0, 120), tail = run_records(m, {11, 2, {}}, 120, 301);
  head.insert(head.end(), tail.begin(), tail.end());
  EXPECT_EQ(one, head);
  auto other = run_records(m, {12, 1, {}}, 0, 301);
  EXPECT_NE(one, other);
  // The summit happens in about half of the runs.
  auto summary = summarise(tally_ensemble({m}, {11, 2, nullptr}, 301, 0, 301)).variants[0];
  EXPECT_GT(summary.dyad_series[0][2].q95, 0.1);
  EXPECT_LT(summary.dyad_series[0][2].q05, 0.1);
}

TEST(Ensemble, WilsonInterval) {
  auto [lo, hi] = wilson_interval(50, 100);
  EXPECT_NEAR(lo, 0.4038, 1e-4);
  EXPECT_NEAR(hi, 0.5962, 1e-4);
  auto [lo0, hi0] = wilson_interval(0, 10);
  EXPECT_EQ(lo0, 0);
  EXPECT_NEAR(hi0, 0.2775, 1e-4);
}

}  // namespace
}  // namespace detente::sim

namespace detente::sim {
namespace {

// The ziggurat's draws follow N(0, 1): moments and a Kolmogorov–Smirnov distance.
TEST(Stream, NormalDrawsAreStandardNormal) {
  Stream rng = Stream::for_run(42, 7, 3);
  const int n = 400000;
  std::vector<double> v(n);
  double sum = 0, sq = 0, tail = 0;
  for (double& x : v) {
    x = rng.normal();
    sum += x;
    sq += x * x;
    tail += std::abs(x) > 3.442619855899;
  }
  EXPECT_NEAR(sum / n, 0, 0.01);
  EXPECT_NEAR(sq / n, 1, 0.01);
  EXPECT_NEAR(tail / n, 2 * normal_cdf(-3.442619855899), 2e-4);
  std::sort(v.begin(), v.end());
  double ks = 0;
  for (int i = 0; i < n; ++i) {
    const double f = normal_cdf(v[i]);
    ks = std::max({ks, std::abs(f - static_cast<double>(i) / n),
                   std::abs(f - static_cast<double>(i + 1) / n)});
  }
  EXPECT_LT(ks, 1.63 / std::sqrt(static_cast<double>(n)));  // KS critical value at 1%
}

}  // namespace
}  // namespace detente::sim
