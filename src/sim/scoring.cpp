#include "sim/scoring.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <random>
#include <stdexcept>
#include <utility>

namespace detente::sim {

namespace {

void check_probability(double p) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument(fmt::format("probability {} is outside [0, 1]", p));
}

void check_binary_outcome(double o) {
  if (o != 0.0 && o != 1.0)
    throw std::invalid_argument(fmt::format("binary outcome {} is neither 0 nor 1", o));
}

void check_categories(std::span<const double> probabilities, std::size_t outcome) {
  if (probabilities.empty()) throw std::invalid_argument("no categories");
  if (outcome >= probabilities.size())
    throw std::invalid_argument(
        fmt::format("outcome category {} of {}", outcome, probabilities.size()));
  for (double p : probabilities) check_probability(p);
}

void check_pairs(std::span<const double> probabilities, std::span<const double> outcomes) {
  if (probabilities.size() != outcomes.size())
    throw std::invalid_argument(
        fmt::format("{} forecasts but {} outcomes", probabilities.size(), outcomes.size()));
  if (probabilities.empty()) throw std::invalid_argument("no forecasts to score");
  for (double p : probabilities) check_probability(p);
  for (double o : outcomes) check_binary_outcome(o);
}

double clip(double p, double epsilon) { return std::clamp(p, epsilon, 1.0 - epsilon); }

}  // namespace

double brier(double probability, double outcome) {
  check_probability(probability);
  check_binary_outcome(outcome);
  const double d = probability - outcome;
  return d * d;
}

double brier_multi(std::span<const double> probabilities, std::size_t outcome) {
  check_categories(probabilities, outcome);
  double s = 0;
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    const double d = probabilities[k] - (k == outcome ? 1.0 : 0.0);
    s += d * d;
  }
  return s;
}

double log_score(double probability, double outcome, double epsilon) {
  check_probability(probability);
  check_binary_outcome(outcome);
  const double p = clip(probability, epsilon);
  return -std::log(outcome == 1.0 ? p : 1.0 - p);
}

double log_score_multi(std::span<const double> probabilities, std::size_t outcome, double epsilon) {
  check_categories(probabilities, outcome);
  return -std::log(std::max(probabilities[outcome], epsilon));
}

double ranked_probability_score(std::span<const double> probabilities, std::size_t outcome) {
  check_categories(probabilities, outcome);
  double cumulative = 0, s = 0;
  // The last cumulative pair is always (1, 1) for a normalised forecast: left out.
  for (std::size_t k = 0; k + 1 < probabilities.size(); ++k) {
    cumulative += probabilities[k];
    const double d = cumulative - (k >= outcome ? 1.0 : 0.0);
    s += d * d;
  }
  return s;
}

double crps_sorted_sample(std::span<const double> x, double y, std::span<const double> weights) {
  const std::size_t n = x.size();
  if (n == 0) throw std::invalid_argument("CRPS of an empty sample set");
  if (!std::isfinite(y))
    throw std::invalid_argument(fmt::format("observation {} is not finite", y));
  if (!weights.empty() && weights.size() != n)
    throw std::invalid_argument(fmt::format("{} samples but {} weights", n, weights.size()));
  double total_weight = static_cast<double>(n);
  if (!weights.empty()) {
    total_weight = 0;
    for (double w : weights) {
      if (!(w >= 0.0) || !std::isfinite(w))
        throw std::invalid_argument(fmt::format("sample weight {} is not >= 0", w));
      total_weight += w;
    }
    if (!(total_weight > 0.0)) throw std::invalid_argument("sample weights sum to 0");
  }
  // ∫ (F(z) − 1{y ≤ z})² dz, split at the samples: F is constant on [x_i, x_{i+1}).
  // Every term is a non-negative length times a square, so there is no cancellation
  // (unlike the E|X−y| − ½E|X−X'| form on large, far-off samples).
  double crps = 0;
  if (y < x[0]) crps += x[0] - y;  // F = 0 below the first sample, indicator 1
  double cdf = 0;
  for (std::size_t i = 0; i < n; ++i) {
    cdf += weights.empty() ? 1.0 : weights[i];
    const bool last = i + 1 == n;
    const double F = last ? 1.0 : cdf / total_weight;
    const double lo = x[i];
    const double hi = last ? std::max(y, lo) : x[i + 1];
    if (!(hi > lo)) continue;
    if (y <= lo) {
      crps += (hi - lo) * (1.0 - F) * (1.0 - F);
    } else if (y >= hi) {
      crps += (hi - lo) * F * F;
    } else {
      crps += (y - lo) * F * F + (hi - y) * (1.0 - F) * (1.0 - F);
    }
  }
  return crps;
}

double crps_sample(std::span<const double> samples, double y, std::span<const double> weights) {
  if (!weights.empty() && weights.size() != samples.size())
    throw std::invalid_argument(
        fmt::format("{} samples but {} weights", samples.size(), weights.size()));
  for (double v : samples)
    if (!std::isfinite(v)) throw std::invalid_argument("non-finite sample");
  if (weights.empty()) {
    std::vector<double> sorted(samples.begin(), samples.end());
    std::sort(sorted.begin(), sorted.end());
    return crps_sorted_sample(sorted, y);
  }
  // Sorting (value, weight) pairs in place is about twice as fast as an index sort.
  std::vector<std::pair<double, double>> pairs(samples.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) pairs[i] = {samples[i], weights[i]};
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<double> xs(pairs.size()), ws(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    xs[i] = pairs[i].first;
    ws[i] = pairs[i].second;
  }
  return crps_sorted_sample(xs, y, ws);
}

double crps_normal(double mean, double sd, double y) {
  if (!(sd >= 0.0) || !std::isfinite(sd))
    throw std::invalid_argument(fmt::format("normal sd {} is not a finite number >= 0", sd));
  if (!std::isfinite(mean) || !std::isfinite(y))
    throw std::invalid_argument("normal CRPS needs a finite mean and observation");
  if (sd == 0.0) return std::abs(y - mean);
  const double z = (y - mean) / sd;
  const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
  const double cdf = 0.5 * std::erfc(-z / std::numbers::sqrt2);
  return sd * (z * (2.0 * cdf - 1.0) + 2.0 * pdf - 1.0 / std::sqrt(std::numbers::pi));
}

double brier_score(std::span<const double> probabilities, std::span<const double> outcomes) {
  check_pairs(probabilities, outcomes);
  double s = 0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const double d = probabilities[i] - outcomes[i];
    s += d * d;
  }
  return s / static_cast<double>(probabilities.size());
}

double mean_log_score(std::span<const double> probabilities, std::span<const double> outcomes,
                      double epsilon) {
  check_pairs(probabilities, outcomes);
  double s = 0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const double p = clip(probabilities[i], epsilon);
    s -= std::log(outcomes[i] == 1.0 ? p : 1.0 - p);
  }
  return s / static_cast<double>(probabilities.size());
}

std::vector<ReliabilityBin> reliability_table(std::span<const double> probabilities,
                                              std::span<const double> outcomes, std::size_t bins) {
  check_pairs(probabilities, outcomes);
  if (bins == 0) throw std::invalid_argument("reliability table needs at least one bin");
  std::vector<ReliabilityBin> table(bins);
  std::vector<double> sum_p(bins, 0.0), sum_o(bins, 0.0);
  const double b = static_cast<double>(bins);
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const auto k = std::min(static_cast<std::size_t>(probabilities[i] * b), bins - 1);
    ++table[k].count;
    sum_p[k] += probabilities[i];
    sum_o[k] += outcomes[i];
  }
  for (std::size_t k = 0; k < bins; ++k) {
    table[k].lower = static_cast<double>(k) / b;
    table[k].upper = static_cast<double>(k + 1) / b;
    if (table[k].count > 0) {
      const auto n = static_cast<double>(table[k].count);
      table[k].mean_forecast = sum_p[k] / n;
      table[k].observed_frequency = sum_o[k] / n;
    }
  }
  return table;
}

namespace {

MurphyDecomposition murphy_from_table(const std::vector<ReliabilityBin>& table, double brier,
                                      std::span<const double> outcomes) {
  MurphyDecomposition m;
  m.brier = brier;
  const auto n = static_cast<double>(outcomes.size());
  m.base_rate = std::accumulate(outcomes.begin(), outcomes.end(), 0.0) / n;
  for (const auto& bin : table) {
    if (bin.count == 0) continue;
    const auto nk = static_cast<double>(bin.count);
    m.reliability += nk * (bin.mean_forecast - bin.observed_frequency) *
                     (bin.mean_forecast - bin.observed_frequency);
    m.resolution +=
        nk * (bin.observed_frequency - m.base_rate) * (bin.observed_frequency - m.base_rate);
  }
  m.reliability /= n;
  m.resolution /= n;
  m.uncertainty = m.base_rate * (1.0 - m.base_rate);
  m.within_bin = m.brier - (m.reliability - m.resolution + m.uncertainty);
  return m;
}

}  // namespace

MurphyDecomposition murphy_decomposition(std::span<const double> probabilities,
                                         std::span<const double> outcomes, std::size_t bins) {
  const auto table = reliability_table(probabilities, outcomes, bins);
  return murphy_from_table(table, brier_score(probabilities, outcomes), outcomes);
}

double roc_auc(std::span<const double> probabilities, std::span<const double> outcomes) {
  check_pairs(probabilities, outcomes);
  const std::size_t n = probabilities.size();
  // (forecast, outcome) pairs sorted in place: contiguous, faster than an index sort.
  std::vector<std::pair<double, bool>> pairs(n);
  for (std::size_t i = 0; i < n; ++i) pairs[i] = {probabilities[i], outcomes[i] == 1.0};
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  double rank_sum = 0, events = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;  // [i, j) is a run of tied forecasts: each gets the mid-rank
    while (j < n && pairs[j].first == pairs[i].first) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t t = i; t < j; ++t)
      if (pairs[t].second) {
        rank_sum += mid_rank;
        events += 1;
      }
    i = j;
  }
  const double non_events = static_cast<double>(n) - events;
  if (events == 0 || non_events == 0) return std::numeric_limits<double>::quiet_NaN();
  return (rank_sum - events * (events + 1) / 2.0) / (events * non_events);
}

double skill_score(double score, double reference) {
  if (reference == 0.0) return std::numeric_limits<double>::quiet_NaN();
  return 1.0 - score / reference;
}

std::vector<double> brier_scores(std::span<const double> probabilities,
                                 std::span<const double> outcomes) {
  check_pairs(probabilities, outcomes);
  std::vector<double> out(probabilities.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double d = probabilities[i] - outcomes[i];
    out[i] = d * d;
  }
  return out;
}

std::vector<double> log_scores(std::span<const double> probabilities,
                               std::span<const double> outcomes, double epsilon) {
  check_pairs(probabilities, outcomes);
  std::vector<double> out(probabilities.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double p = clip(probabilities[i], epsilon);
    out[i] = -std::log(outcomes[i] == 1.0 ? p : 1.0 - p);
  }
  return out;
}

namespace {

__extension__ typedef unsigned __int128 uint128;

// Type-7 (linear interpolation) sample quantile of sorted values.
double quantile_sorted(const std::vector<double>& x, double q) {
  const double h = (static_cast<double>(x.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

}  // namespace

PairedComparison compare_paired(std::span<const double> a, std::span<const double> b,
                                const BootstrapOptions& options) {
  if (a.size() != b.size())
    throw std::invalid_argument(
        fmt::format("{} scores but {} reference scores", a.size(), b.size()));
  if (a.empty()) throw std::invalid_argument("no paired scores to compare");
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw std::invalid_argument(fmt::format("confidence {} is not in (0, 1)", options.confidence));
  const std::size_t n = a.size();
  auto summary = [&](auto index, double& diff, double& skill) {
    double sa = 0, sb = 0;
    for (std::size_t j = 0; j < n; ++j) {
      sa += a[index(j)];
      sb += b[index(j)];
    }
    diff = (sa - sb) / static_cast<double>(n);
    skill = skill_score(sa, sb);  // the ratio of sums equals the ratio of means
  };
  PairedComparison c;
  c.count = n;
  summary([](std::size_t j) { return j; }, c.mean_difference, c.skill);
  c.difference_low = c.difference_high = c.mean_difference;
  c.skill_low = c.skill_high = c.skill;
  if (options.resamples == 0) return c;
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> rows(n);
  std::vector<double> diffs, skills;
  diffs.reserve(options.resamples);
  skills.reserve(options.resamples);
  for (std::size_t r = 0; r < options.resamples; ++r) {
    // Uniform in [0, n) by multiply-shift (Lemire): the same on every standard library.
    for (auto& j : rows) j = static_cast<std::size_t>((static_cast<uint128>(rng()) * n) >> 64);
    double d = 0, k = 0;
    summary([&](std::size_t j) { return rows[j]; }, d, k);
    diffs.push_back(d);
    if (!std::isnan(k)) skills.push_back(k);
  }
  const double alpha = (1.0 - options.confidence) / 2.0;
  std::sort(diffs.begin(), diffs.end());
  c.difference_low = quantile_sorted(diffs, alpha);
  c.difference_high = quantile_sorted(diffs, 1.0 - alpha);
  if (!std::isnan(c.skill) && !skills.empty()) {
    std::sort(skills.begin(), skills.end());
    c.skill_low = quantile_sorted(skills, alpha);
    c.skill_high = quantile_sorted(skills, 1.0 - alpha);
  }
  return c;
}

BinaryScores score_binary(std::span<const double> probabilities, std::span<const double> outcomes,
                          const ScoringOptions& options) {
  BinaryScores s;
  s.count = probabilities.size();
  s.brier = brier_score(probabilities, outcomes);
  s.log_score = mean_log_score(probabilities, outcomes, options.log_epsilon);
  s.calibration = reliability_table(probabilities, outcomes, options.bins);
  s.murphy = murphy_from_table(s.calibration, s.brier, outcomes);
  s.base_rate = s.murphy.base_rate;
  const double o = s.base_rate;
  // The base rate as a constant forecast; its log score is the outcomes' entropy (no
  // clipping needed: a term with o = 0 or 1 has weight 0).
  const double base_log =
      (o > 0 ? -o * std::log(o) : 0.0) + (o < 1 ? -(1.0 - o) * std::log(1.0 - o) : 0.0);
  s.brier_skill = skill_score(s.brier, s.murphy.uncertainty);
  s.log_skill = skill_score(s.log_score, base_log);
  s.roc_auc = roc_auc(probabilities, outcomes);
  return s;
}

CategoricalScores score_categorical(std::span<const double> probabilities, std::size_t k,
                                    std::span<const std::size_t> outcomes,
                                    const ScoringOptions& options) {
  if (k == 0 || probabilities.size() != outcomes.size() * k)
    throw std::invalid_argument(fmt::format("{} probabilities for {} forecasts of {} categories",
                                            probabilities.size(), outcomes.size(), k));
  if (outcomes.empty()) throw std::invalid_argument("no forecasts to score");
  CategoricalScores s;
  s.count = outcomes.size();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto row = probabilities.subspan(i * k, k);
    const double total = std::accumulate(row.begin(), row.end(), 0.0);
    if (std::abs(total - 1.0) > 1e-6)
      throw std::invalid_argument(
          fmt::format("forecast {}: category probabilities sum to {}, not 1", i, total));
    s.brier += brier_multi(row, outcomes[i]);
    s.rps += ranked_probability_score(row, outcomes[i]);
    s.log_score += log_score_multi(row, outcomes[i], options.log_epsilon);
  }
  const auto n = static_cast<double>(s.count);
  s.brier /= n;
  s.rps /= n;
  s.log_score /= n;
  return s;
}

double pit(std::span<const double> samples, double y, std::span<const double> weights) {
  if (samples.empty()) throw std::invalid_argument("PIT of an empty sample set");
  if (!weights.empty() && weights.size() != samples.size())
    throw std::invalid_argument(
        fmt::format("{} samples but {} weights", samples.size(), weights.size()));
  if (!std::isfinite(y))
    throw std::invalid_argument(fmt::format("observation {} is not finite", y));
  double below = 0, equal = 0, total = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const double w = weights.empty() ? 1.0 : weights[i];
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument(fmt::format("sample weight {} is not >= 0", w));
    total += w;
    if (samples[i] < y) below += w;
    if (samples[i] == y) equal += w;
  }
  if (!(total > 0.0)) throw std::invalid_argument("sample weights sum to 0");
  return (below + 0.5 * equal) / total;
}

ContinuousScores score_continuous(std::span<const SampleForecast> forecasts, std::size_t bins) {
  if (forecasts.empty()) throw std::invalid_argument("no forecasts to score");
  if (bins == 0) throw std::invalid_argument("PIT histogram needs at least one bin");
  ContinuousScores s;
  s.count = forecasts.size();
  s.pit_histogram.assign(bins, 0);
  for (const auto& f : forecasts) {
    s.crps += crps_sample(f.samples, f.observation, f.weights);
    const double u = pit(f.samples, f.observation, f.weights);
    ++s.pit_histogram[std::min(static_cast<std::size_t>(u * static_cast<double>(bins)), bins - 1)];
    if (u >= 0.25 && u <= 0.75) s.coverage_50 += 1;
    if (u >= 0.05 && u <= 0.95) s.coverage_90 += 1;
  }
  const auto n = static_cast<double>(forecasts.size());
  s.crps /= n;
  s.coverage_50 /= n;
  s.coverage_90 /= n;
  return s;
}

}  // namespace detente::sim
