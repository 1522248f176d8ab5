// Proper scores on hand-computed examples (worked out in the comments) and properties a
// wrong implementation would fail: propriety, point-mass CRPS, sample CRPS → closed form.
#include "sim/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

namespace detente::sim {
namespace {

TEST(Scoring, BrierBinaryHandExample) {
  // (0.9−1)² + (0.2−0)² + (0.7−0)² = 0.01 + 0.04 + 0.49 = 0.54; mean 0.18.
  std::vector<double> p = {0.9, 0.2, 0.7}, o = {1, 0, 0};
  EXPECT_NEAR(brier_score(p, o), 0.18, 1e-15);
  EXPECT_NEAR(brier(0.7, 0), 0.49, 1e-15);
  EXPECT_EQ(brier(1.0, 1), 0.0);
  EXPECT_EQ(brier(0.0, 1), 1.0);  // worst case of the 0–1 form
}

TEST(Scoring, BrierMultiCategoryIsTheZeroToTwoForm) {
  // {0.5, 0.3, 0.2}, outcome 0: 0.5² + 0.3² + 0.2² = 0.25 + 0.09 + 0.04 = 0.38.
  std::vector<double> p = {0.5, 0.3, 0.2};
  EXPECT_NEAR(brier_multi(p, 0), 0.38, 1e-15);
  // Worst case: all mass on a wrong category: 1² + 1² = 2.
  std::vector<double> wrong = {0.0, 1.0, 0.0};
  EXPECT_NEAR(brier_multi(wrong, 0), 2.0, 1e-15);
  // A binary question as two categories scores twice the binary form: 2·(0.3−1)² = 0.98.
  std::vector<double> two = {0.7, 0.3};
  EXPECT_NEAR(brier_multi(two, 1), 2 * brier(0.3, 1), 1e-15);
  EXPECT_NEAR(brier_multi(two, 1), 0.98, 1e-15);
}

TEST(Scoring, LogScoreIsNegativeLogLikelihoodLowerIsBetter) {
  EXPECT_NEAR(log_score(0.8, 1), 0.22314355131420976, 1e-15);  // −ln 0.8
  EXPECT_NEAR(log_score(0.8, 0), 1.6094379124341003, 1e-14);   // −ln 0.2
  // Clipping: a confident miss costs −ln ε, not infinity.
  EXPECT_NEAR(log_score(0.0, 1), -std::log(kLogScoreEpsilon), 1e-12);
  EXPECT_NEAR(log_score(1.0, 0, 1e-3), -std::log(1e-3), 1e-12);
  EXPECT_LT(log_score(0.9, 1), log_score(0.6, 1));  // better forecast, lower score
  std::vector<double> p = {0.2, 0.5, 0.3};
  EXPECT_NEAR(log_score_multi(p, 1), std::log(2.0), 1e-15);
  std::vector<double> q = {0.0, 1.0};
  EXPECT_NEAR(log_score_multi(q, 0), -std::log(kLogScoreEpsilon), 1e-12);
}

TEST(Scoring, RankedProbabilityScoreHandExample) {
  // p = {0.2, 0.5, 0.3}; cumulative P = {0.2, 0.7} (the last, 1, always matches).
  // Outcome 2: O = {0, 0}: 0.2² + 0.7² = 0.04 + 0.49 = 0.53.
  // Outcome 0: O = {1, 1}: 0.8² + 0.3² = 0.64 + 0.09 = 0.73.
  // Outcome 1: O = {0, 1}: 0.2² + 0.3² = 0.04 + 0.09 = 0.13.
  std::vector<double> p = {0.2, 0.5, 0.3};
  EXPECT_NEAR(ranked_probability_score(p, 2), 0.53, 1e-15);
  EXPECT_NEAR(ranked_probability_score(p, 0), 0.73, 1e-15);
  EXPECT_NEAR(ranked_probability_score(p, 1), 0.13, 1e-15);
  // Ordinal: mass next to the outcome scores better than the same mass far away.
  std::vector<double> near = {0.0, 0.5, 0.5}, far = {0.5, 0.0, 0.5};
  EXPECT_LT(ranked_probability_score(near, 2), ranked_probability_score(far, 2));
  // K = 2 reduces to the binary Brier score of the second category.
  std::vector<double> two = {0.3, 0.7};
  EXPECT_NEAR(ranked_probability_score(two, 1), brier(0.7, 1), 1e-15);
  EXPECT_NEAR(ranked_probability_score(two, 0), brier(0.7, 0), 1e-15);
}

TEST(Scoring, CrpsSampleHandExamples) {
  // Samples {1, 2, 3}, y = 2: E|X−y| = 2/3; E|X−X'| = (2·(1+2+1))/9 = 8/9;
  // CRPS = 2/3 − 4/9 = 2/9. Interval form: [1,2) F=1/3 → 1/9; [2,3) (1−2/3)² → 1/9.
  std::vector<double> s = {3, 1, 2};
  EXPECT_NEAR(crps_sample(s, 2), 2.0 / 9, 1e-15);
  // y = 0: [0,1) → 1; [1,2) (2/3)² = 4/9; [2,3) (1/3)² = 1/9: 14/9.
  EXPECT_NEAR(crps_sample(s, 0), 14.0 / 9, 1e-15);
  // Weighted {0 (w 3), 10 (w 1)}, y = 0: F = 3/4 on [0,10), 10·(1/4)² = 0.625.
  // Check: E|X| = 2.5, E|X−X'| = 2·(3/4)(1/4)·10 = 3.75, 2.5 − 1.875 = 0.625.
  std::vector<double> x = {10, 0}, w = {1, 3};
  EXPECT_NEAR(crps_sample(x, 0, w), 0.625, 1e-15);
  // Weights are frequencies: the same as {0, 0, 0, 10} unweighted.
  std::vector<double> rep = {0, 0, 0, 10};
  EXPECT_NEAR(crps_sample(rep, 0), 0.625, 1e-15);
  EXPECT_NEAR(crps_sample(rep, 4.2), crps_sample(x, 4.2, w), 1e-14);
}

TEST(Scoring, CrpsOfPointMassIsAbsoluteError) {
  for (double x : {-3.5, 0.0, 2.0})
    for (double y : {-10.0, -3.5, 0.25, 7.0}) {
      std::vector<double> one = {x};
      EXPECT_NEAR(crps_sample(one, y), std::abs(x - y), 1e-14);
      std::vector<double> many(5, x);
      EXPECT_NEAR(crps_sample(many, y), std::abs(x - y), 1e-14);
      EXPECT_NEAR(crps_normal(x, 0.0, y), std::abs(x - y), 1e-14);
    }
}

// The O(n²) kernel form E|X−y| − ½E|X−X'|, as an independent check of the sorted form.
double crps_kernel_form(const std::vector<double>& x, const std::vector<double>& w, double y) {
  double W = 0, a = 0, b = 0;
  for (double wi : w) W += wi;
  for (std::size_t i = 0; i < x.size(); ++i) {
    a += w[i] / W * std::abs(x[i] - y);
    for (std::size_t j = 0; j < x.size(); ++j) b += w[i] * w[j] / (W * W) * std::abs(x[i] - x[j]);
  }
  return a - 0.5 * b;
}

TEST(Scoring, CrpsSampleMatchesKernelFormWithTiesAndWeights) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> value(-5, 5);  // many ties
  std::uniform_real_distribution<double> weight(0.0, 2.0);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<double> x(1 + trial % 17), w(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = value(rng) * 0.5;
      w[i] = weight(rng);
    }
    w[0] += 0.1;  // the total weight is positive
    const double y = value(rng) * 0.3;
    EXPECT_NEAR(crps_sample(x, y, w), crps_kernel_form(x, w, y), 1e-12) << "trial " << trial;
    std::vector<double> ones(x.size(), 1.0);
    EXPECT_NEAR(crps_sample(x, y), crps_kernel_form(x, ones, y), 1e-12) << "trial " << trial;
  }
}

TEST(Scoring, CrpsNormalClosedFormHandValues) {
  // y = μ: σ(2φ(0) − 1/√π) = σ(0.7978845608 − 0.5641895835) = 0.2336949773 σ.
  EXPECT_NEAR(crps_normal(0, 1, 0), 0.23369497725510913, 1e-14);
  EXPECT_NEAR(crps_normal(5, 2, 5), 2 * 0.23369497725510913, 1e-14);
  // z = 1: (2Φ(1) − 1) + 2φ(1) − 1/√π = 0.6826894921 + 0.4839414490 − 0.5641895835.
  EXPECT_NEAR(crps_normal(0, 1, 1), 0.6024413576276163, 1e-13);
  // μ = 1, σ = 0.5, y = −0.5 (z = −3): 0.5·(2.9919 + 0.0088637 − 0.5641896) = 1.2182874.
  EXPECT_NEAR(crps_normal(1, 0.5, -0.5), 1.2182873625431698, 1e-13);
}

TEST(Scoring, CrpsOfLargeNormalSampleApproachesClosedForm) {
  // The sample CRPS fluctuates around the closed form by O(1/√n): ≈ 0.002 at n = 2·10^5.
  std::mt19937_64 rng(2026);
  std::normal_distribution<double> normal(1.5, 2.0);
  std::vector<double> x(200000);
  for (auto& v : x) v = normal(rng);
  for (double y : {-3.0, 0.0, 1.5, 4.0, 9.0})
    EXPECT_NEAR(crps_sample(x, y), crps_normal(1.5, 2.0, y), 0.01) << "y = " << y;
}

TEST(Scoring, ProperScoresArePerfectAtTheTruthAndMinimisedInExpectation) {
  std::vector<double> o = {1, 0, 0, 1, 1};
  EXPECT_EQ(brier_score(o, o), 0.0);
  EXPECT_NEAR(mean_log_score(o, o), -std::log(1 - kLogScoreEpsilon), 1e-12);
  // Propriety: with an event probability q, the expected score q·S(p,1) + (1−q)·S(p,0)
  // is smallest at p = q, for both Brier and log.
  for (double q : {0.1, 0.35, 0.5, 0.8}) {
    auto expected_brier = [&](double p) { return q * brier(p, 1) + (1 - q) * brier(p, 0); };
    auto expected_log = [&](double p) { return q * log_score(p, 1) + (1 - q) * log_score(p, 0); };
    for (int i = 1; i < 100; ++i) {
      const double p = i / 100.0;
      if (std::abs(p - q) < 1e-9) continue;
      EXPECT_GT(expected_brier(p), expected_brier(q));
      EXPECT_GT(expected_log(p), expected_log(q));
    }
  }
  // CRPS: a sample set centred on the observation beats a shifted one.
  std::vector<double> centred = {-1, 0, 1}, shifted = {0, 1, 2};
  EXPECT_LT(crps_sample(centred, 0), crps_sample(shifted, 0));
}

TEST(Scoring, ReliabilityTableAndMurphyDecompositionHandExample) {
  // Four forecasts of 0.25 with outcomes {0,0,0,1} (ō₁ = 1/4) and six of 0.75 with
  // outcomes {1,1,1,1,0,0} (ō₂ = 2/3); ō = 5/10 = 0.5.
  // BS  = [3·0.25² + 0.75² + 4·0.25² + 2·0.75²]/10 = (0.75 + 1.375)/10 = 0.2125.
  // REL = [4·(0.25−0.25)² + 6·(0.75−2/3)²]/10 = (6/144)/10 = 0.0041667.
  // RES = [4·(0.25−0.5)² + 6·(2/3−0.5)²]/10 = (0.25 + 1/6)/10 = 0.0416667.
  // UNC = 0.5·0.5 = 0.25;  REL − RES + UNC = 0.2125 = BS (one value per bin).
  std::vector<double> p = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75};
  std::vector<double> o = {0, 0, 0, 1, 1, 1, 1, 1, 0, 0};
  auto table = reliability_table(p, o, 10);
  ASSERT_EQ(table.size(), 10u);
  EXPECT_EQ(table[2].count, 4u);
  EXPECT_EQ(table[7].count, 6u);
  EXPECT_EQ(table[0].count + table[9].count, 0u);
  EXPECT_DOUBLE_EQ(table[2].lower, 0.2);
  EXPECT_DOUBLE_EQ(table[2].upper, 0.3);
  EXPECT_DOUBLE_EQ(table[2].mean_forecast, 0.25);
  EXPECT_DOUBLE_EQ(table[2].observed_frequency, 0.25);
  EXPECT_DOUBLE_EQ(table[7].observed_frequency, 4.0 / 6);
  auto m = murphy_decomposition(p, o, 10);
  EXPECT_NEAR(m.brier, 0.2125, 1e-15);
  EXPECT_NEAR(m.reliability, 6.0 / 144 / 10, 1e-15);
  EXPECT_NEAR(m.resolution, (0.25 + 1.0 / 6) / 10, 1e-15);
  EXPECT_NEAR(m.uncertainty, 0.25, 1e-15);
  EXPECT_NEAR(m.within_bin, 0.0, 1e-15);
  // Two bins: 0.25 → bin 0, 0.75 → bin 1, same decomposition.
  EXPECT_NEAR(murphy_decomposition(p, o, 2).reliability, m.reliability, 1e-15);

  // score_binary: Brier skill vs the base rate = 1 − 0.2125/0.25 = 0.15; log score
  // [7·(−ln 0.75) + 3·(−ln 0.25)]/10 = 0.6172658, base rate entropy ln 2, skill 0.1094738.
  auto s = score_binary(p, o, {.bins = 10});
  EXPECT_EQ(s.count, 10u);
  EXPECT_NEAR(s.brier_skill, 0.15, 1e-14);
  EXPECT_NEAR(s.log_score, 0.6172657590522138, 1e-14);
  EXPECT_NEAR(s.log_skill, 0.10947375050480934, 1e-13);
  EXPECT_DOUBLE_EQ(s.base_rate, 0.5);
}

TEST(Scoring, MurphyWithinBinTermIsTheExactRemainder) {
  // Different forecasts share a bin: REL − RES + UNC no longer equals BS, and within_bin
  // closes the gap exactly. Probabilities 0.1 and 0.3 both fall in bin 0 of 2.
  std::vector<double> p = {0.1, 0.3, 0.6, 0.9}, o = {0, 1, 1, 0};
  auto m = murphy_decomposition(p, o, 2);
  EXPECT_NEAR(m.reliability - m.resolution + m.uncertainty + m.within_bin, brier_score(p, o),
              1e-15);
  EXPECT_GT(std::abs(m.within_bin), 1e-3);
  // Probability 1 goes to the last bin.
  std::vector<double> one = {1.0}, hit = {1};
  EXPECT_EQ(reliability_table(one, hit, 4)[3].count, 1u);
}

TEST(Scoring, SkillScoresAndDegenerateBaseRate) {
  EXPECT_DOUBLE_EQ(skill_score(0.1, 0.25), 0.6);
  EXPECT_DOUBLE_EQ(skill_score(0.25, 0.25), 0.0);
  EXPECT_LT(skill_score(0.3, 0.25), 0.0);
  // All outcomes 1: the base-rate reference is perfect, skill is undefined (NaN).
  std::vector<double> p = {0.9, 0.8}, o = {1, 1};
  auto s = score_binary(p, o);
  EXPECT_TRUE(std::isnan(s.brier_skill));
  EXPECT_TRUE(std::isnan(s.log_skill));
  EXPECT_NEAR(s.brier, (0.01 + 0.04) / 2, 1e-15);
}

TEST(Scoring, PairedComparisonWithBootstrapIntervals) {
  // a = {0.1, 0.2, 0.3}, reference b = {0.2, 0.4, 0.3}: mean difference (−0.1 − 0.2 + 0)/3
  // = −0.1 (a is better); skill 1 − 0.6/0.9 = 1/3.
  std::vector<double> a = {0.1, 0.2, 0.3}, b = {0.2, 0.4, 0.3};
  auto c = compare_paired(a, b, {.resamples = 500, .seed = 3});
  EXPECT_EQ(c.count, 3u);
  EXPECT_NEAR(c.mean_difference, -0.1, 1e-15);
  EXPECT_NEAR(c.skill, 1.0 / 3, 1e-15);
  EXPECT_LE(c.difference_low, c.mean_difference);
  EXPECT_GE(c.difference_high, c.mean_difference);
  EXPECT_LE(c.difference_high, 0.0);          // every pair favours a or ties
  EXPECT_GE(c.difference_low, -0.2 - 1e-12);  // no resample exceeds the largest gap
  // Reproducible from the seed.
  auto again = compare_paired(a, b, {.resamples = 500, .seed = 3});
  EXPECT_EQ(c.difference_low, again.difference_low);
  EXPECT_EQ(c.skill_high, again.skill_high);
  // Identical forecasters: difference exactly 0, interval [0, 0], skill 0.
  auto same = compare_paired(a, a);
  EXPECT_EQ(same.difference_low, 0.0);
  EXPECT_EQ(same.difference_high, 0.0);
  EXPECT_EQ(same.skill, 0.0);
  // Interval width: differences ~ N(−0.05, 0.1²) on 400 questions have standard error
  // 0.005, so a 95% interval is about 2·1.96·0.005 = 0.0196 wide.
  std::mt19937_64 rng(99);
  std::normal_distribution<double> d(-0.05, 0.1);
  std::vector<double> x(400), ref(400, 1.0);
  for (auto& v : x) v = 1.0 + d(rng);
  auto wide = compare_paired(x, ref, {.resamples = 2000, .seed = 1});
  EXPECT_NEAR(wide.difference_high - wide.difference_low, 0.0196, 0.004);
  EXPECT_NEAR(wide.mean_difference, -0.05, 0.015);
  EXPECT_NEAR(wide.skill, -wide.mean_difference, 1e-12);  // reference mean is 1
  // Per-forecast scores match the single-forecast functions.
  std::vector<double> p = {0.9, 0.2}, o = {1, 0};
  EXPECT_EQ(brier_scores(p, o), (std::vector<double>{brier(0.9, 1), brier(0.2, 0)}));
  EXPECT_EQ(log_scores(p, o), (std::vector<double>{log_score(0.9, 1), log_score(0.2, 0)}));
  std::vector<double> zero = {0, 0, 0};
  EXPECT_TRUE(std::isnan(compare_paired(a, zero).skill));
  EXPECT_THROW(compare_paired(a, p), std::invalid_argument);
}

TEST(Scoring, RocAucHandExamplesWithTies) {
  // Events at 0.35 and 0.8, non-events at 0.1 and 0.4: of the 4 (event, non-event) pairs
  // the event is higher in 3 (0.35>0.1, 0.8>0.1, 0.8>0.4): AUC = 3/4.
  std::vector<double> p = {0.1, 0.4, 0.35, 0.8}, o = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(roc_auc(p, o), 0.75);
  // Ties count ½: events {0.5, 0.9}, non-events {0.5, 0.2}: 0.5 + 1 + 1 + 1 = 3.5/4.
  std::vector<double> pt = {0.5, 0.5, 0.9, 0.2}, ot = {1, 0, 1, 0};
  EXPECT_DOUBLE_EQ(roc_auc(pt, ot), 0.875);
  // Perfect ranking 1, reversed 0, constant forecast 0.5; invariant to monotone changes
  // of the forecasts (it only measures discrimination, unlike a proper score).
  std::vector<double> good = {0.1, 0.2, 0.7, 0.9}, bad = {0.9, 0.7, 0.2, 0.1},
                      flat = {0.3, 0.3, 0.3, 0.3}, squashed = {0.51, 0.52, 0.57, 0.59};
  std::vector<double> oo = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(roc_auc(good, oo), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc(bad, oo), 0.0);
  EXPECT_DOUBLE_EQ(roc_auc(flat, oo), 0.5);
  EXPECT_DOUBLE_EQ(roc_auc(squashed, oo), 1.0);
  EXPECT_GT(brier_score(squashed, oo), brier_score(good, oo));
  std::vector<double> all = {1, 1, 1, 1};
  EXPECT_TRUE(std::isnan(roc_auc(good, all)));
  EXPECT_DOUBLE_EQ(score_binary(p, o).roc_auc, 0.75);
}

TEST(Scoring, CategoricalScoresHandExample) {
  // Two sign forecasts over (−, 0, +):
  //  {0.2, 0.5, 0.3}, outcome + (2): Brier 0.04+0.25+0.49 = 0.78, RPS 0.53, log −ln 0.3.
  //  {0.6, 0.3, 0.1}, outcome − (0): Brier 0.16+0.09+0.01 = 0.26; cumulative {0.6, 0.9}
  //  vs {1, 1}: RPS 0.16 + 0.01 = 0.17; log −ln 0.6.
  std::vector<double> p = {0.2, 0.5, 0.3, 0.6, 0.3, 0.1};
  std::vector<std::size_t> o = {2, 0};
  auto s = score_categorical(p, 3, o);
  EXPECT_EQ(s.count, 2u);
  EXPECT_NEAR(s.brier, (0.78 + 0.26) / 2, 1e-15);
  EXPECT_NEAR(s.rps, (0.53 + 0.17) / 2, 1e-15);
  EXPECT_NEAR(s.log_score, (-std::log(0.3) - std::log(0.6)) / 2, 1e-15);
  std::vector<double> unnormalised = {0.2, 0.5, 0.2, 0.6, 0.3, 0.1};
  EXPECT_THROW(score_categorical(unnormalised, 3, o), std::invalid_argument);
  EXPECT_THROW(score_categorical(p, 2, o), std::invalid_argument);
}

TEST(Scoring, ContinuousScoresAverageCrps) {
  std::vector<SampleForecast> f = {{{1, 2, 3}, {}, 2}, {{0, 10}, {3, 1}, 0}};
  auto s = score_continuous(f);
  EXPECT_EQ(s.count, 2u);
  EXPECT_NEAR(s.crps, (2.0 / 9 + 0.625) / 2, 1e-15);
  // PITs: {1,2,3} at 2 → (1 + ½·1)/3 = 0.5; {0 (w 3), 10 (w 1)} at 0 → ½·3/4 = 0.375.
  EXPECT_EQ(s.pit_histogram.size(), 10u);
  EXPECT_EQ(s.pit_histogram[5], 1u);
  EXPECT_EQ(s.pit_histogram[3], 1u);
  EXPECT_DOUBLE_EQ(s.coverage_50, 1.0);
  EXPECT_DOUBLE_EQ(s.coverage_90, 1.0);
}

TEST(Scoring, PitHandValuesAndCalibrationDiagnostics) {
  std::vector<double> x = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(pit(x, 0), 0.0);
  EXPECT_DOUBLE_EQ(pit(x, 5), 1.0);
  EXPECT_DOUBLE_EQ(pit(x, 2.5), 0.5);
  EXPECT_DOUBLE_EQ(pit(x, 3), (2 + 0.5) / 4);
  std::vector<double> w = {1, 1, 1, 5};
  EXPECT_DOUBLE_EQ(pit(x, 3.5, w), 3.0 / 8);
  // Calibrated forecasts (observation from the same N(0,1) as the samples) give a flat
  // PIT histogram and nominal coverage; forecasts twice too narrow give a U shape and
  // low coverage. 2000 forecasts: binomial sd of a coverage ≈ 0.011, of a bin ≈ 13.
  std::mt19937_64 rng(5);
  std::normal_distribution<double> z(0, 1);
  std::vector<SampleForecast> calibrated, narrow;
  for (int i = 0; i < 2000; ++i) {
    SampleForecast c, n;
    for (int j = 0; j < 200; ++j) {
      const double v = z(rng);
      c.samples.push_back(v);
      n.samples.push_back(0.5 * v);
    }
    c.observation = n.observation = z(rng);
    calibrated.push_back(std::move(c));
    narrow.push_back(std::move(n));
  }
  auto good = score_continuous(calibrated);
  auto bad = score_continuous(narrow);
  EXPECT_NEAR(good.coverage_50, 0.5, 0.05);
  EXPECT_NEAR(good.coverage_90, 0.9, 0.04);
  for (auto count : good.pit_histogram) EXPECT_NEAR(static_cast<double>(count), 200.0, 60.0);
  // Too narrow: the central 50% of N(0, ¼) is ±0.337, covering 26% of N(0, 1).
  EXPECT_NEAR(bad.coverage_50, 0.26, 0.05);
  EXPECT_GT(bad.pit_histogram.front(), 2 * bad.pit_histogram[5]);
  EXPECT_GT(bad.pit_histogram.back(), 2 * bad.pit_histogram[4]);
  EXPECT_LT(good.crps, bad.crps);
  std::vector<double> none;
  EXPECT_THROW(pit(none, 0), std::invalid_argument);
}

TEST(Scoring, ProgrammerErrorsThrow) {
  std::vector<double> p = {0.5, 1.2}, o = {1, 0}, bad_o = {1, 0.5}, short_o = {1};
  EXPECT_THROW(brier_score(p, o), std::invalid_argument);
  std::vector<double> ok = {0.5, 0.2};
  EXPECT_THROW(brier_score(ok, bad_o), std::invalid_argument);
  EXPECT_THROW(brier_score(ok, short_o), std::invalid_argument);
  EXPECT_THROW(brier(std::numeric_limits<double>::quiet_NaN(), 1), std::invalid_argument);
  std::vector<double> none;
  EXPECT_THROW(crps_sample(none, 0), std::invalid_argument);
  std::vector<double> x = {1, 2}, zero_w = {0, 0};
  EXPECT_THROW(crps_sample(x, 0, zero_w), std::invalid_argument);
  EXPECT_THROW(crps_normal(0, -1, 0), std::invalid_argument);
  EXPECT_THROW(ranked_probability_score(ok, 2), std::invalid_argument);
  EXPECT_THROW(reliability_table(ok, o, 0), std::invalid_argument);
}

}  // namespace
}  // namespace detente::sim
