// Every variant of the built-in case states what it moves (`moves = ["issue:…",
// "outcome:…"]`); this runs each against the baseline and checks that it does. A claimed
// movement counts when the difference is beyond four standard errors of the two
// independent ensembles (and beyond a floor: 2 probability points, 0.5 scale points), so a
// variant that changes nothing fails.
#include <gtest/gtest.h>

#include <cmath>

#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"

namespace detente::sim {
namespace {

struct Column {
  double mean = 0, var = 0;
};

Column column(const Records& records, std::size_t width, std::size_t col, std::size_t n) {
  Column c;
  for (std::size_t r = 0; r < n; ++r) c.mean += records[r * width + col];
  c.mean /= static_cast<double>(n);
  for (std::size_t r = 0; r < n; ++r) {
    const double d = records[r * width + col] - c.mean;
    c.var += d * d;
  }
  c.var /= static_cast<double>(n - 1);
  return c;
}

struct Ensemble {
  SimModel model;
  Records records;
};

Ensemble run(const Scenario& s, const Variant* v, std::size_t n) {
  Ensemble e{compile(s, v), {}};
  e.records = run_records(e.model, {2024, 2, {}}, 0, n);
  return e;
}

// The column of "issue:ID" or "outcome:ID" in the model's records.
std::size_t column_of(const SimModel& m, const std::string& what) {
  const RunLayout layout(m);
  const std::string id = what.substr(what.find(':') + 1);
  if (what.rfind("issue:", 0) == 0) {
    for (std::size_t k = 0; k < m.issues.size(); ++k)
      if (m.issues[k] == id) return layout.issue(k);
  } else {
    for (std::size_t o = 0; o < m.outcomes.size(); ++o)
      if (m.outcomes[o].id == id) return layout.outcome(o);
  }
  ADD_FAILURE() << "no column for " << what;
  return 0;
}

TEST(VariantsMove, EachBuiltInVariantMovesWhatItClaims) {
  const Scenario s = io::load_scenario("northeast-asia-2024");
  ASSERT_FALSE(s.variants.empty());
  const std::size_t n = 3000;
  const Ensemble base = run(s, nullptr, n);
  const std::size_t width = RunLayout(base.model).width();
  for (const Variant& v : s.variants) {
    EXPECT_FALSE(v.moves.empty()) << v.id << " states nothing it moves";
    const Ensemble alt = run(s, &v, n);
    for (const std::string& what : v.moves) {
      const bool outcome = what.rfind("outcome:", 0) == 0;
      const Column a = column(base.records, width, column_of(base.model, what), n);
      const Column b = column(alt.records, width, column_of(alt.model, what), n);
      const double se = std::sqrt(a.var / n + b.var / n);
      const double floor = outcome ? 0.02 : 0.5;
      EXPECT_GT(std::abs(b.mean - a.mean), std::max(4 * se, floor))
          << v.id << " claims to move " << what << ": baseline " << a.mean << ", variant " << b.mean
          << " (se " << se << ")";
    }
  }
}

TEST(VariantsMove, AVariantThatChangesNothingFails) {
  // The criterion above rejects a no-op variant: the baseline against itself (another
  // seed) never clears it.
  const Scenario s = io::load_scenario("northeast-asia-2024");
  const std::size_t n = 3000;
  const Ensemble a = run(s, nullptr, n);
  Ensemble b{compile(s, nullptr), {}};
  b.records = run_records(b.model, {99, 2, {}}, 0, n);
  const std::size_t width = RunLayout(a.model).width();
  for (std::size_t col = 0; col < a.model.outcomes.size() + a.model.issues.size(); ++col) {
    const Column x = column(a.records, width, col, n), y = column(b.records, width, col, n);
    const double se = std::sqrt(x.var / n + y.var / n);
    const double floor = col < a.model.outcomes.size() ? 0.02 : 0.5;
    EXPECT_LE(std::abs(x.mean - y.mean), std::max(4 * se, floor)) << col;
  }
}

}  // namespace
}  // namespace detente::sim
