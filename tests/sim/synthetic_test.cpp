#include "sim/synthetic.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"
#include "sim/model.hpp"

namespace detente::sim {
namespace {

TEST(Synthetic, IsAValidScenarioWithEveryOutcomeKind) {
  for (int n : {4, 9, 50, 193}) {
    const Scenario s = io::read_scenario(synthetic_scenario(n, 7), "synthetic.toml");
    EXPECT_EQ(static_cast<int>(s.actors.size()), n);
    EXPECT_EQ(s.issues.size(), 3u);
    EXPECT_GE(s.relations.size(), static_cast<std::size_t>(n));
    EXPECT_FALSE(s.events.empty());
    EXPECT_EQ(s.stochastic_events.size(), 2u);
    EXPECT_EQ(s.variants.size(), 1u);
    std::set<OutcomeKind> kinds;
    for (const auto& o : s.outcomes) kinds.insert(o.kind);
    EXPECT_EQ(kinds.size(), 5u) << "one outcome of every kind";
    EXPECT_NO_THROW(compile(s, nullptr));
    EXPECT_NO_THROW(compile(s, &s.variants[0]));
  }
}

TEST(Synthetic, IsAPureFunctionOfSizeAndSeed) {
  EXPECT_EQ(synthetic_scenario(30, 1), synthetic_scenario(30, 1));
  EXPECT_NE(synthetic_scenario(30, 1), synthetic_scenario(30, 2));
  EXPECT_THROW(synthetic_scenario(3, 1), InputError);
  EXPECT_THROW(synthetic_scenario(100000, 1), InputError);
}

// Past the exact split search's budget the frustration series is a heuristic's value with a
// proven gap: never the placeholder 0, never above the sum of |ties|, the same on any
// number of threads; bloc_split outcomes are evaluated at any size (no 62-actor refusal).
TEST(Synthetic, FrustrationAtScaleIsAHeuristicWithAGap) {
  const Scenario s = io::read_scenario(synthetic_scenario(70, 3), "synthetic.toml");
  const SimModel m = compile(s, nullptr);
  const RunLayout layout(m);
  const Records one = run_records(m, {5, 1, {}}, 0, 12);
  const Records two = run_records(m, {5, 2, {}}, 0, 12);
  EXPECT_EQ(one, two);
  const EnsembleSummary summary = summarise(m, one, 12);
  EXPECT_FALSE(summary.frustration_exact);
  EXPECT_GE(summary.frustration_gap, 0.0);
  for (const auto& q : summary.frustration_series) EXPECT_GT(q.q05, 0.0);
  for (std::size_t r = 0; r < 12; ++r) {
    const double gap = one[r * layout.width() + layout.frustration_gap()];
    EXPECT_GE(gap, 0.0);
    EXPECT_LT(gap, one[r * layout.width() + layout.frustration(0)] + 50.0);
  }
  const auto json = to_json(summary);
  EXPECT_EQ(json["frustration_method"]["exact"], false);
}

TEST(Synthetic, SmallSystemsStayExact) {
  const Scenario s = io::read_scenario(synthetic_scenario(8, 3), "synthetic.toml");
  const SimModel m = compile(s, nullptr);
  const Records rec = run_records(m, {5, 1, {}}, 0, 20);
  const EnsembleSummary summary = summarise(m, rec, 20);
  EXPECT_TRUE(summary.frustration_exact);
  EXPECT_EQ(summary.frustration_gap, 0.0);
}

}  // namespace
}  // namespace detente::sim
