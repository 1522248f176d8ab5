// Rolling-origin backtest on tie series (sim/event_backtest.hpp): a random-walk truth
// makes persistence win, a mean-reverting one makes it lose, no look-ahead, the JSON.
#include "sim/event_backtest.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "io/csv.hpp"
#include "test_support.hpp"

namespace detente::sim {
namespace {

// n actors, every month measured; x(t+1) = x(t) + φ-reversion toward 0 + N(0, sd²).
events::TieSeries series(int n, int months, double reversion, double sd, std::uint64_t seed) {
  events::TieSeries s;
  for (int i = 0; i < n; ++i) s.actors.push_back(std::string(1, static_cast<char>('A' + i)) + "XX");
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) s.dyads.emplace_back(i, j);
  s.first_month = 1990 * 12;
  s.months = months;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0, 1);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  for (std::size_t d = 0; d < s.dyads.size(); ++d) {
    std::vector<double> row(months);
    double x = u(rng);
    for (int t = 0; t < months; ++t) {
      row[t] = x;
      x = std::clamp(x - reversion * x + sd * z(rng), -1.0, 1.0);
    }
    s.score.push_back(row);
    s.events.emplace_back(months, 5);
  }
  return s;
}

EventBacktestOptions options(int first) {
  EventBacktestOptions o;
  o.first_origin = first;
  o.step = 3;
  o.paths = 100;
  o.resamples = 400;
  o.threads = 2;
  return o;
}

TEST(EventBacktest, RandomWalkTruthMakesPersistenceWin) {
  auto s = series(5, 240, 0.0, 0.04, 1);
  auto r = backtest_events(s, options(96));
  ASSERT_EQ(r.horizons.size(), 4u);
  for (const auto& h : r.horizons) {
    EXPECT_GT(h.models[0].n, 100u);
    // Climatology loses clearly; nothing beats persistence beyond its interval.
    EXPECT_GT(h.models[1].crps_low, 0) << "h=" << h.h;
    for (int m = 1; m < kBacktestModelCount; ++m) {
      EXPECT_GT(h.models[m].crps_high, 0) << kBacktestModels[m] << " h=" << h.h;
      EXPECT_LE(h.models[m].crps_low, h.models[m].crps_difference);
      EXPECT_GE(h.models[m].crps_high, h.models[m].crps_difference);
    }
  }
  EXPECT_EQ(r.horizons.back().h, 12);
  EXPECT_NE(r.horizons.back().best_crps, "climatology");
}

TEST(EventBacktest, MeanRevertingTruthMakesPersistenceLose) {
  auto s = series(5, 240, 0.6, 0.1, 2);
  auto r = backtest_events(s, options(96));
  for (const auto& h : r.horizons) {
    EXPECT_LT(h.models[2].crps_high, 0) << "ar1 h=" << h.h;
    EXPECT_LT(h.models[3].crps_high, 0) << "dynamics h=" << h.h;
    EXPECT_NE(h.best_crps, "persistence");
  }
}

TEST(EventBacktest, NoLookAheadAndThreadCountDoesNotMatter) {
  auto s = series(4, 200, 0.3, 0.05, 3);
  auto o = options(100);
  o.last_origin = 130;
  const auto full = to_json(backtest_events(s, o));
  // Data after the last target month (130 + 12 − 1) cannot change anything.
  auto cut = events::truncate(s, 142);
  EXPECT_EQ(full, to_json(backtest_events(cut, o)));
  o.threads = 1;
  EXPECT_EQ(full, to_json(backtest_events(s, o)));
}

TEST(EventBacktest, JsonHasTheDocumentedShape) {
  auto s = series(4, 120, 0.3, 0.05, 4);
  auto j = to_json(backtest_events(s, options(60)));
  ASSERT_TRUE(j["horizons"].is_array());
  ASSERT_EQ(j["horizons"].size(), 4u);
  std::vector<int> hs;
  for (const auto& h : j["horizons"]) {
    hs.push_back(h["h"].get<int>());
    for (const char* m : {"persistence", "climatology", "ar1", "dynamics"}) {
      const auto& x = h["models"][m];
      EXPECT_TRUE(x["crps"].is_number()) << m;
      EXPECT_TRUE(x["brier_sign"].is_number()) << m;
      EXPECT_GT(x["n"].get<int>(), 0) << m;
      EXPECT_GE(x["brier_sign"].get<double>(), 0);
      EXPECT_LE(x["brier_sign"].get<double>(), 1);
    }
    EXPECT_TRUE(h["models"]["ar1"]["crps_minus_persistence"]["ci95"].is_array());
  }
  EXPECT_EQ(hs, (std::vector<int>{1, 3, 6, 12}));
}

TEST(EventBacktest, OriginsOutsideTheDataAreAnInputError) {
  auto s = series(3, 60, 0.3, 0.05, 5);
  auto o = options(100);
  EXPECT_THROW(backtest_events(s, o), InputError);
  o = options(1);  // no dyad has 24 measured months before early origins; later ones do
  o.last_origin = 10;
  EXPECT_THROW(backtest_events(s, o), InputError);
}

TEST(EventBacktest, LevantCliJson) {
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (!keds) GTEST_SKIP() << test::missing_data_message();
  auto r = test::run_cli({"backtest", "--events", *keds, "--actors", "ISR,SYR,LBN,JOR,EGY",
                          "--from", "2000-01-01", "--to", "2005-12-31", "--step", "12", "--paths",
                          "40", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["horizons"][0]["h"], 1);
  EXPECT_GT(j["horizons"][0]["models"]["dynamics"]["n"].get<int>(), 0);
  auto bad = test::run_cli({"backtest"});
  EXPECT_EQ(bad.exit_code, 1);
  auto cal = test::run_cli({"calibrate", "--events", *keds, "--actors", "ISR,SYR,LBN,JOR,EGY",
                            "--to", "1995-12-31", "--format", "json"});
  ASSERT_EQ(cal.exit_code, 0) << cal.err;
  auto c = nlohmann::json::parse(cal.out);
  EXPECT_GT(c["parameters"]["restoring_rate"]["value"].get<double>(), 0);
  EXPECT_EQ(c["window"]["to"], "1995-12");
  // The same results as CSV: the JSON's numbers, one row per horizon and model / parameter.
  auto csv = test::run_cli({"backtest", "--events", *keds, "--actors", "ISR,SYR,LBN,JOR,EGY",
                            "--from", "2000-01-01", "--to", "2005-12-31", "--step", "12", "--paths",
                            "40", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::istringstream rows(csv.out);
  const auto t = io::CsvTable::read(rows, "backtest.csv");
  ASSERT_EQ(t.rows().size(), j["horizons"].size() * kBacktestModelCount);
  EXPECT_EQ(t.text(t.rows()[3], "model"), "dynamics");
  EXPECT_DOUBLE_EQ(t.number(t.rows()[3], "crps"),
                   j["horizons"][0]["models"]["dynamics"]["crps"].get<double>());
  auto cal_csv = test::run_cli({"calibrate", "--events", *keds, "--actors", "ISR,SYR,LBN,JOR,EGY",
                                "--to", "1995-12-31", "--format", "csv"});
  ASSERT_EQ(cal_csv.exit_code, 0) << cal_csv.err;
  std::istringstream params(cal_csv.out);
  const auto p = io::CsvTable::read(params, "calibrate.csv");
  EXPECT_EQ(p.text(p.rows()[0], "parameter"), "restoring_rate");
  EXPECT_DOUBLE_EQ(p.number(p.rows()[0], "estimate"),
                   c["parameters"]["restoring_rate"]["value"].get<double>());
}

}  // namespace
}  // namespace detente::sim
