// Calibration of the tie dynamics (sim/calibrate.hpp): recovery of known parameters from
// series simulated by the dynamics themselves, and the test of the balance term.
#include "sim/calibrate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/parameters.hpp"
#include "test_support.hpp"

namespace detente::sim {
namespace {

// A fit carrying the "true" parameters, to simulate from.
DynamicsFit truth(int n, double beta, double alpha, double cap, double sigma, std::uint64_t seed) {
  DynamicsFit f;
  for (int i = 0; i < n; ++i) f.actors.push_back(std::string(1, static_cast<char>('A' + i)) + "XX");
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) f.dyads.emplace_back(i, j);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  for (std::size_t d = 0; d < f.dyads.size(); ++d) f.baseline.push_back(u(rng));
  f.restoring_rate = {beta, 0};
  f.balance_gain = {alpha, 0};
  f.saturation = {cap, 0};
  f.noise = {sigma, 0};
  return f;
}

// One simulated path of `months` months as a tie series; a share `missing` of the months
// of each dyad has no events.
events::TieSeries simulated(const DynamicsFit& f, int months, double missing, std::uint64_t seed) {
  const int n = static_cast<int>(f.actors.size());
  std::vector<double> x0(static_cast<std::size_t>(n) * n, 0.0);
  for (std::size_t d = 0; d < f.dyads.size(); ++d) {
    const auto [i, j] = f.dyads[d];
    x0[i * n + j] = x0[j * n + i] = f.baseline[d];
  }
  auto path = simulate_fit(f, x0, months, 1, seed);
  events::TieSeries s;
  s.actors = f.actors;
  s.dyads = f.dyads;
  s.first_month = 2000 * 12;
  s.months = months;
  std::mt19937_64 rng(seed + 7);
  std::uniform_real_distribution<double> u(0, 1);
  s.score.assign(f.dyads.size(), std::vector<double>(months));
  s.events.assign(f.dyads.size(), std::vector<std::int32_t>(months, 10));
  for (std::size_t d = 0; d < f.dyads.size(); ++d)
    for (int t = 0; t < months; ++t) {
      s.score[d][t] = u(rng) < missing ? std::nan("") : path[t][d][0];
      if (std::isnan(s.score[d][t])) s.events[d][t] = 0;
    }
  return s;
}

// Tolerances: β within 0.03 (absolute), α and L within 30%, σ within 5%, and each within
// four standard errors of the truth.
TEST(Calibrate, RecoversKnownParametersFromSimulatedSeries) {
  const double beta = 0.2, alpha = 1.0, cap = 0.05, sigma = 0.05;
  auto f = truth(6, beta, alpha, cap, sigma, 11);
  auto s = simulated(f, 600, 0.0, 5);
  DynamicsFit fit = calibrate(s);
  EXPECT_NEAR(fit.restoring_rate.value, beta, 0.03);
  EXPECT_NEAR(fit.balance_gain.value, alpha, 0.3 * alpha);
  EXPECT_NEAR(fit.saturation.value, cap, 0.3 * cap);
  EXPECT_NEAR(fit.noise.value, sigma, 0.05 * sigma);
  for (auto [e, v] : {std::pair{fit.restoring_rate, beta},
                      {fit.balance_gain, alpha},
                      {fit.saturation, cap},
                      {fit.noise, sigma}}) {
    ASSERT_TRUE(std::isfinite(e.se) && e.se > 0);
    EXPECT_LT(std::abs(e.value - v), 4 * e.se) << e.value << " vs " << v << " se " << e.se;
  }
  EXPECT_TRUE(fit.balance_supported);
  EXPECT_LT(fit.lr_p_value, 1e-6);
  for (std::size_t d = 0; d < f.dyads.size(); ++d)
    EXPECT_NEAR(fit.baseline[d], f.baseline[d], 0.1) << d;
  EXPECT_NEAR(fit.residuals.sd, 1.0, 1e-9);
  EXPECT_LT(std::abs(fit.residuals.lag1_autocorrelation), 0.05);
}

TEST(Calibrate, RecoversRelaxationWithMissingMonthsAndFindsNoBalance) {
  const double beta = 0.3, sigma = 0.08;
  auto f = truth(5, beta, 0.0, 0.05, sigma, 3);
  auto s = simulated(f, 500, 0.2, 9);
  DynamicsFit fit = calibrate(s);
  EXPECT_NEAR(fit.restoring_rate.value, beta, 0.04);
  EXPECT_NEAR(fit.noise.value, sigma, 0.05 * sigma);
  EXPECT_FALSE(fit.balance_supported);
  EXPECT_GT(fit.lr_p_value, 0.05);
  // The block written for a scenario carries distributions and the window as source.
  const std::string toml = dynamics_toml(fit);
  EXPECT_NE(toml.find("[dynamics]"), std::string::npos);
  EXPECT_NE(toml.find("restoring_rate = { value = "), std::string::npos);
  EXPECT_NE(toml.find("dist = \"normal\""), std::string::npos);
  EXPECT_NE(toml.find("2000-01 to 2041-08"), std::string::npos);
}

TEST(Calibrate, WindowUsesOnlyItsMonths) {
  auto f = truth(4, 0.25, 0.0, 0.05, 0.05, 2);
  auto s = simulated(f, 200, 0.0, 4);
  CalibrateOptions o;
  o.end = 120;
  DynamicsFit a = calibrate(s, o);
  auto cut = events::truncate(s, 120);
  for (auto& row : s.score)
    for (int t = 120; t < 200; ++t) row[t] = 0.9;  // later data must not matter
  DynamicsFit b = calibrate(s, o), c = calibrate(cut);
  EXPECT_EQ(a.restoring_rate.value, b.restoring_rate.value);
  EXPECT_EQ(a.restoring_rate.value, c.restoring_rate.value);
  EXPECT_EQ(a.noise.value, c.noise.value);
}

TEST(Calibrate, TooFewTransitionsIsAnInputError) {
  auto f = truth(3, 0.25, 0.0, 0.05, 0.05, 2);
  auto s = simulated(f, 6, 0.0, 4);
  EXPECT_THROW(calibrate(s), InputError);
}

// The simulation's default tie dynamics are the Levant calibration they cite
// (docs/models/calibration.md, "The simulation's defaults"): refitting gives them back, so
// a hand edit of a default fails here. Every default names its source.
TEST(Calibrate, DefaultsAreTheLevantCalibration) {
  for (const auto& spec : parameter_specs()) EXPECT_FALSE(spec.source.empty()) << spec.name;
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (!keds) GTEST_SKIP() << test::missing_data_message();
  events::TieSeriesOptions o;
  o.actors = {"EGY", "ISR", "JOR", "LBN", "PAL", "SYR", "USA"};
  o.to = Date{2011, 12, 31};
  DynamicsFit fit = calibrate(events::read_tie_series({*keds}, o), {});
  auto value = [](const char* name) { return find_parameter(name)->default_value; };
  EXPECT_EQ(fit.transitions, 3950u);
  EXPECT_NEAR(value("restoring_rate"), fit.restoring_rate.value, 0.005);
  EXPECT_NEAR(value("noise"), fit.process_noise, 0.005);
  EXPECT_NEAR(value("saturation"), fit.saturation.value, 0.0005);
  EXPECT_FALSE(fit.balance_supported);
  EXPECT_EQ(value("balance_gain"), 0.0);  // not supported: no balance force by default
  EXPECT_EQ(value("substeps"), 1.0);      // the step the likelihood is written for
  for (const char* name : {"restoring_rate", "balance_gain", "saturation", "noise"})
    EXPECT_NE(find_parameter(name)->source.find("KEDS Levant"), std::string::npos) << name;
}

}  // namespace
}  // namespace detente::sim
