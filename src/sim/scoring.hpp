// detente/sim/scoring.hpp
//
// Strictly proper scores for probabilistic forecasts and the calibration diagnostics
// that go with them: Brier (binary 0–1 and multi-category 0–2 forms), the logarithmic
// score, the ranked probability score for ordinal categories, the CRPS of a sample set
// (exact, from sorted samples, optional weights) and of a normal forecast (closed form),
// the reliability table, the Murphy decomposition, PIT histogram and interval coverage
// for sample forecasts, ROC AUC (discrimination, reported alongside), skill scores
// against the base rate, and paired comparisons with any baseline (e.g. persistence)
// with seeded bootstrap intervals. docs/scoring.md has the equations.
//
// Sign convention: every score here is a LOSS, oriented so that LOWER IS BETTER and a
// perfect forecast scores 0 — including the log score, which is reported as the negative
// log-likelihood (the "ignorance" in nats). Skill scores are 1 − S/S_ref: higher is
// better, 1 is perfect, 0 is no better than the reference, negative is worse.
//
// The functions are pure; they throw std::invalid_argument on programmer errors (sizes
// that do not match, probabilities outside [0, 1]); readers of user files check their
// input first and report it with file, line and field (see src/cli/cmd_score.cpp).
//
// Example:
//   std::vector<double> p = {0.9, 0.2, 0.7}, o = {1, 0, 0};
//   double bs = detente::sim::brier_score(p, o);                // (0.01+0.04+0.49)/3 = 0.18
//   auto s = detente::sim::score_binary(p, o, {.bins = 10});    // + log score, table, Murphy
//   double c = detente::sim::crps_sample(samples, observed);     // continuous outcome
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace detente::sim {

// ---- Single forecasts -------------------------------------------------------------

// Binary Brier score (p − o)², o ∈ {0, 1}: range 0 (perfect) … 1. Brier (1950).
double brier(double probability, double outcome);

// Original multi-category Brier score Σ_k (p_k − 1{k = outcome})²: range 0 … 2. For a
// binary question written as two categories it is twice the binary form.
double brier_multi(std::span<const double> probabilities, std::size_t outcome);

// The default clipping of the log score: probabilities are clipped to [ε, 1 − ε], so that
// a confident miss costs at most −ln ε = 13.8 nats instead of infinity.
inline constexpr double kLogScoreEpsilon = 1e-6;

// Logarithmic score of a binary forecast, as a loss: −ln(p) if the event happened,
// −ln(1 − p) otherwise, with p clipped to [ε, 1 − ε]. In nats; divide by ln 2 for bits.
double log_score(double probability, double outcome, double epsilon = kLogScoreEpsilon);

// Logarithmic score of a categorical forecast: −ln(max(p_outcome, ε)).
double log_score_multi(std::span<const double> probabilities, std::size_t outcome,
                       double epsilon = kLogScoreEpsilon);

// Ranked probability score for K ordered categories (Epstein 1969; Murphy 1971):
// Σ_{k=1}^{K−1} (P_k − O_k)² with P, O the cumulative forecast and outcome. Range 0 … K−1
// (not divided by K−1; divide to get the 0–1 normalised form). K = 2 gives binary Brier.
double ranked_probability_score(std::span<const double> probabilities, std::size_t outcome);

// CRPS(F, y) = ∫ (F(z) − 1{y ≤ z})² dz of the empirical distribution of `samples`
// (Hersbach 2000; Gneiting & Raftery 2007), with optional non-negative `weights` (empty =
// equal weights; normalised internally). Exact; computed from the sorted samples as a sum
// of non-negative interval terms, O(n log n). A single sample x gives |x − y|. This is the
// "edf" form of scoringRules::crps_sample, equal to E|X − y| − ½ E|X − X'|.
double crps_sample(std::span<const double> samples, double observation,
                   std::span<const double> weights = {});
// The same for samples that are already sorted ascending (weights in the same order): O(n).
double crps_sorted_sample(std::span<const double> sorted_samples, double observation,
                          std::span<const double> weights = {});

// CRPS of a normal forecast N(μ, σ²), closed form (Gneiting et al. 2005):
// σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π], z = (y − μ)/σ. σ = 0 gives |y − μ|.
double crps_normal(double mean, double sd, double observation);

// ---- Sets of binary forecasts -------------------------------------------------------

// Mean binary Brier score and mean log score over paired forecasts and 0/1 outcomes.
double brier_score(std::span<const double> probabilities, std::span<const double> outcomes);
double mean_log_score(std::span<const double> probabilities, std::span<const double> outcomes,
                      double epsilon = kLogScoreEpsilon);

// One bin of the reliability (calibration) table.
struct ReliabilityBin {
  double lower = 0, upper = 0;    // bin [lower, upper); the last bin includes 1
  std::size_t count = 0;          // forecasts in the bin
  double mean_forecast = 0;       // mean issued probability in the bin (0 if empty)
  double observed_frequency = 0;  // share of the bin's events that happened (0 if empty)
};

// Reliability-diagram data: `bins` equal-width bins on [0, 1]; a probability p goes to bin
// min(⌊p·bins⌋, bins − 1). Empty bins are kept (count 0) so that tables line up.
std::vector<ReliabilityBin> reliability_table(std::span<const double> probabilities,
                                              std::span<const double> outcomes,
                                              std::size_t bins = 10);

// Murphy (1973) decomposition of the Brier score over the reliability table's bins:
//   BS = reliability − resolution + uncertainty (+ within_bin),
//   reliability = Σ n_k (p̄_k − ō_k)² / N      (0 is perfectly calibrated; lower is better)
//   resolution  = Σ n_k (ō_k − ō)² / N         (higher is better)
//   uncertainty = ō (1 − ō)                    (the Brier score of the base rate)
// within_bin = BS − (reliability − resolution + uncertainty) is the exact remainder from
// forecasts that differ inside a bin (Stephenson et al. 2008); it is 0 (to rounding) when
// every bin holds one distinct probability, e.g. ensemble frequencies k/R with R ≤ bins.
struct MurphyDecomposition {
  double brier = 0;
  double reliability = 0;
  double resolution = 0;
  double uncertainty = 0;
  double within_bin = 0;
  double base_rate = 0;  // ō
};
MurphyDecomposition murphy_decomposition(std::span<const double> probabilities,
                                         std::span<const double> outcomes, std::size_t bins = 10);

// Area under the ROC curve: the probability that a random event got a higher forecast
// than a random non-event, ties counting ½ (Mann–Whitney U / (n₁ n₀), with mid-ranks).
// A discrimination measure, not a proper score: report it alongside, never instead.
// 0.5 is no discrimination; NaN (undefined) when all outcomes are equal. O(n log n).
double roc_auc(std::span<const double> probabilities, std::span<const double> outcomes);

// Skill score 1 − score/reference for a negatively oriented score (Brier, log, CRPS).
// Undefined when the reference is 0 (a perfect baseline, e.g. the base rate when every
// outcome is the same): returns NaN, which JSON output writes as null.
double skill_score(double score, double reference);

// ---- Comparing a forecaster with a baseline on the same questions --------------------

// Per-forecast scores, for paired comparisons (same checks as brier_score).
std::vector<double> brier_scores(std::span<const double> probabilities,
                                 std::span<const double> outcomes);
std::vector<double> log_scores(std::span<const double> probabilities,
                               std::span<const double> outcomes, double epsilon = kLogScoreEpsilon);

struct BootstrapOptions {
  std::size_t resamples = 2000;  // bootstrap resamples over questions
  double confidence = 0.95;      // level of the percentile intervals
  std::uint64_t seed = 1;        // std::mt19937_64 seed: the intervals are reproducible
};

// A forecaster's per-question scores against a reference's on the same questions (pairs
// in the same order): the mean difference S − S_ref (negative: the forecaster is better,
// the scores being losses) and the skill 1 − mean(S)/mean(S_ref), each with a bootstrap
// percentile interval from resampling the questions with replacement. The skill and its
// bounds are NaN when the reference's mean score is 0 (in a resample, that draw is dropped).
struct PairedComparison {
  std::size_t count = 0;
  double mean_difference = 0, difference_low = 0, difference_high = 0;
  double skill = 0, skill_low = 0, skill_high = 0;
};
PairedComparison compare_paired(std::span<const double> scores,
                                std::span<const double> reference_scores,
                                const BootstrapOptions& options = {});

// ---- Scoring whole forecast sets (what `detente score` and the ensembles call) ------

struct ScoringOptions {
  std::size_t bins = 10;                  // reliability-table bins on [0, 1]
  double log_epsilon = kLogScoreEpsilon;  // clipping of the log score
};

struct BinaryScores {
  std::size_t count = 0;
  double brier = 0;      // mean binary Brier, 0–1, lower is better
  double log_score = 0;  // mean −ln p(outcome) in nats, clipped at ε; lower is better
  double base_rate = 0;  // share of outcomes that are 1
  // Skill against the in-sample base rate (climatology) ō used as a constant forecast:
  // its Brier is ō(1 − ō), its log score the entropy −ō ln ō − (1 − ō) ln(1 − ō).
  double brier_skill = 0;
  double log_skill = 0;
  double roc_auc = 0;  // discrimination, alongside the scores (NaN if all outcomes equal)
  std::vector<ReliabilityBin> calibration;
  MurphyDecomposition murphy;
};

// Scores binary forecasts against 0/1 outcomes. Throws std::invalid_argument on empty or
// mismatched input, probabilities outside [0, 1] or outcomes other than 0 and 1.
BinaryScores score_binary(std::span<const double> probabilities, std::span<const double> outcomes,
                          const ScoringOptions& options = {});

// Forecasts over K categories (e.g. a tie's sign −/0/+), ordered if the RPS is to mean
// anything: `probabilities` is row-major, one row of K per forecast, each row summing to 1
// (within 1e-6); `outcomes` holds the index of the category that happened.
struct CategoricalScores {
  std::size_t count = 0;
  double brier = 0;      // mean multi-category Brier, 0–2
  double rps = 0;        // mean ranked probability score, 0 … K−1 (not normalised)
  double log_score = 0;  // mean −ln max(p_outcome, ε)
};
CategoricalScores score_categorical(std::span<const double> probabilities, std::size_t categories,
                                    std::span<const std::size_t> outcomes,
                                    const ScoringOptions& options = {});

// One continuous forecast: a (weighted) sample set and the value that resolved it.
struct SampleForecast {
  std::vector<double> samples;
  std::vector<double> weights;  // empty = equal weights
  double observation = 0;
};

// Probability integral transform of an observation under a (weighted) sample set, in its
// mid form F(y−) + ½(F(y) − F(y−)), so that ties with samples count half (no randomness).
// Uniform on [0, 1] for a calibrated forecaster: a U-shaped histogram means too narrow
// (under-dispersed), a hump too wide, a slope biased. O(n), no sorting.
double pit(std::span<const double> samples, double observation,
           std::span<const double> weights = {});

struct ContinuousScores {
  std::size_t count = 0;
  double crps = 0;  // mean CRPS, in the outcome's units; lower is better
  // Share of observations inside the central 50% and 90% intervals of their sample sets
  // (PIT in [0.25, 0.75] and [0.05, 0.95]); calibrated forecasts give about 0.5 and 0.9.
  double coverage_50 = 0, coverage_90 = 0;
  std::vector<std::size_t> pit_histogram;  // counts of PIT values in `bins` equal bins
};

ContinuousScores score_continuous(std::span<const SampleForecast> forecasts, std::size_t bins = 10);

}  // namespace detente::sim
