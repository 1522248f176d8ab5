#include "sim/synthetic.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"
#include "sim/ensemble_summary.hpp"
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
  EXPECT_FALSE(split_search_for(m).exact());
  const RunLayout layout(m);
  const Records one = run_records(m, {5, 1, nullptr}, 0, 12);
  const Records two = run_records(m, {5, 2, nullptr}, 0, 12);
  EXPECT_EQ(one, two);
  // A run does not depend on the runs its worker did before (shards start anywhere).
  const Records tail = run_records(m, {5, 1, nullptr}, 5, 12);
  EXPECT_TRUE(std::equal(tail.begin(), tail.end(), one.begin() + 5 * layout.width()));
  double largest = 0;
  for (std::size_t r = 0; r < 12; ++r) {
    const double* row = one.data() + r * layout.width();
    const double gap = row[layout.frustration_gap()];
    EXPECT_GE(gap, 0.0);
    largest = std::max(largest, gap);
    for (std::size_t t = 0; t < layout.months; ++t)
      EXPECT_GT(row[layout.frustration(t)], 0.0) << "no placeholder 0";
  }
  const EnsembleReport report = summarise(tally_ensemble({m}, {5, 2, nullptr}, 12, 0, 12));
  const auto& summary = report.variants.front();
  for (const auto& q : summary.frustration_series) EXPECT_GT(q.q05, 0.0);
  // The summary's gap bounds every run's (one histogram bin above at most).
  EXPECT_GE(summary.frustration_max_gap, largest);
  EXPECT_LE(summary.frustration_max_gap, largest + 70 * 69 / 2.0 / kBins + 1e-9);
  EXPECT_EQ(to_json(summary)["frustration_method"]["exact"], largest == 0);
}

TEST(Synthetic, SmallSystemsStayExact) {
  const Scenario s = io::read_scenario(synthetic_scenario(8, 3), "synthetic.toml");
  const SimModel m = compile(s, nullptr);
  EXPECT_TRUE(split_search_for(m).exact());
  const EnsembleReport report = summarise(tally_ensemble({m}, {5, 1, nullptr}, 20, 0, 20));
  EXPECT_EQ(report.variants.front().frustration_max_gap, 0.0);
  EXPECT_EQ(to_json(report.variants.front())["frustration_method"]["exact"], true);
}

}  // namespace
}  // namespace detente::sim
