// detente/core/distribution.hpp
//
// Uncertainty on a scenario number: uniform, normal (optionally truncated), triangular,
// beta (scaled to [min, max]) or a discrete choice. Every distribution is sampled through
// its inverse CDF from one uniform u in (0, 1), so that a run's draws are a pure function
// of its random stream, and so that sensitivity analysis can drive inputs directly.
//
// Example:
//   detente::Distribution d = detente::Distribution::triangular(0.3, 0.5, 0.9);
//   double x = d.quantile(0.25);     // inverse CDF
//   double m = d.mean();
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace detente {

class Distribution {
 public:
  enum class Kind { uniform, normal, triangular, beta, choice };

  static Distribution uniform(double min, double max);
  // Normal(mean, sd), truncated to [min, max] when bounds are given.
  static Distribution normal(double mean, double sd, std::optional<double> min = std::nullopt,
                             std::optional<double> max = std::nullopt);
  static Distribution triangular(double min, double mode, double max);
  // Beta(alpha, beta) scaled from [0, 1] onto [min, max].
  static Distribution beta(double alpha, double beta, double min = 0, double max = 1);
  // One of `values` with probabilities proportional to `weights` (equal when empty).
  static Distribution choice(std::vector<double> values, std::vector<double> weights = {});

  // Returns an error message if the parameters are invalid, nullopt if they are valid.
  std::optional<std::string> check() const;

  Kind kind() const { return kind_; }
  double quantile(double u) const;  // inverse CDF, u in (0, 1)
  double mean() const;
  double lower() const;  // smallest value in the support (may be -inf)
  double upper() const;
  std::string describe() const;  // "normal(0.2, 0.05) on [0, 1]"

  // The parameters under the scenario format's names (docs/scenario-format.md,
  // "Uncertainty"), for writers: `dist` is "uniform", "normal", …; `numbers` the scalar
  // keys in the format's order ("mean", "sd", "min", "max" for a bounded normal);
  // `values` and `weights` a choice's. Reading them back gives the same distribution.
  struct Named {
    std::string dist;
    std::vector<std::pair<std::string, double>> numbers;
    std::vector<double> values, weights;
  };
  Named named() const;

 private:
  void prepare();  // derives the constants quantile() needs, once the parameters are valid

  Kind kind_ = Kind::uniform;
  double a_ = 0, b_ = 1, c_ = 0;  // parameters, by kind
  std::optional<double> lo_, hi_;
  std::vector<double> values_, cumulative_;
  // Derived by prepare(): triangular: the mode's CDF and the two sides' squared scales;
  // truncated normal: the bounds' CDFs; beta: log B(α, β) and `guide_`, the quantiles at
  // u = i / (guide_.size() − 1), which bracket and start each inversion.
  double k0_ = 0, k1_ = 0, k2_ = 0;
  std::vector<double> guide_;
};

// Standard normal CDF and its inverse (Wichura's AS 241, relative error about 1e-16).
double normal_cdf(double z);
double normal_quantile(double p);
// Regularised incomplete beta I_x(a, b) and its inverse in x.
double incomplete_beta(double a, double b, double x);
double incomplete_beta_inverse(double a, double b, double p);

}  // namespace detente
