#include "core/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace detente {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
double log_beta_function(double a, double b);
double beta_inverse_in(double a, double b, double p, double log_beta, double lo, double hi,
                       double x);
}  // namespace

Distribution Distribution::uniform(double min, double max) {
  Distribution d;
  d.kind_ = Kind::uniform;
  d.a_ = min;
  d.b_ = max;
  return d;
}

Distribution Distribution::normal(double mean, double sd, std::optional<double> min,
                                  std::optional<double> max) {
  Distribution d;
  d.kind_ = Kind::normal;
  d.a_ = mean;
  d.b_ = sd;
  d.lo_ = min;
  d.hi_ = max;
  d.prepare();
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  Distribution d;
  d.kind_ = Kind::triangular;
  d.a_ = min;
  d.c_ = mode;
  d.b_ = max;
  d.prepare();
  return d;
}

Distribution Distribution::beta(double alpha, double beta, double min, double max) {
  Distribution d;
  d.kind_ = Kind::beta;
  d.a_ = alpha;
  d.b_ = beta;
  d.lo_ = min;
  d.hi_ = max;
  d.prepare();
  return d;
}

Distribution Distribution::choice(std::vector<double> values, std::vector<double> weights) {
  Distribution d;
  d.kind_ = Kind::choice;
  if (weights.empty()) weights.assign(values.size(), 1.0);
  d.values_ = std::move(values);
  d.cumulative_.resize(weights.size());
  std::partial_sum(weights.begin(), weights.end(), d.cumulative_.begin());
  d.c_ = weights.empty() ? 0 : d.cumulative_.back();
  // Keep the raw weights' validity visible to check(): a negative weight makes the
  // cumulative sum non-monotone.
  for (double w : weights)
    if (!(w >= 0)) d.c_ = -1;
  return d;
}

void Distribution::prepare() {
  if (check()) return;  // quantile() is never called on invalid parameters
  switch (kind_) {
    case Kind::normal:
      k0_ = lo_ ? normal_cdf((*lo_ - a_) / b_) : 0.0;
      k1_ = hi_ ? normal_cdf((*hi_ - a_) / b_) : 1.0;
      break;
    case Kind::triangular:
      k0_ = (c_ - a_) / (b_ - a_);
      k1_ = (b_ - a_) * (c_ - a_);
      k2_ = (b_ - a_) * (b_ - c_);
      break;
    case Kind::beta: {
      constexpr int kGuide = 256;
      k0_ = log_beta_function(a_, b_);
      guide_.assign(kGuide + 1, 0.0);
      guide_[kGuide] = 1;
      for (int i = 1; i < kGuide; ++i)
        guide_[i] = beta_inverse_in(a_, b_, static_cast<double>(i) / kGuide, k0_, guide_[i - 1],
                                    1.0, a_ / (a_ + b_));
      break;
    }
    default:
      break;
  }
}

std::optional<std::string> Distribution::check() const {
  auto finite = [](double x) { return std::isfinite(x); };
  switch (kind_) {
    case Kind::uniform:
      if (!finite(a_) || !finite(b_) || !(a_ < b_))
        return fmt::format("uniform needs min < max, got min = {}, max = {}", a_, b_);
      break;
    case Kind::normal:
      if (!finite(a_) || !finite(b_) || !(b_ > 0))
        return fmt::format("normal needs a finite mean and sd > 0, got sd = {}", b_);
      if (lo_ && hi_ && !(*lo_ < *hi_))
        return fmt::format("normal bounds need min < max, got [{}, {}]", *lo_, *hi_);
      if (lo_ && hi_ && (normal_cdf((*hi_ - a_) / b_) - normal_cdf((*lo_ - a_) / b_)) < 1e-12)
        return fmt::format("normal({}, {}) has no mass on [{}, {}]", a_, b_, *lo_, *hi_);
      break;
    case Kind::triangular:
      if (!(a_ < b_) || !(a_ <= c_ && c_ <= b_))
        return fmt::format("triangular needs min <= mode <= max and min < max, got {}, {}, {}", a_,
                           c_, b_);
      break;
    case Kind::beta:
      if (!(a_ > 0) || !(b_ > 0) || !std::isfinite(a_) || !std::isfinite(b_))
        return fmt::format("beta needs alpha > 0 and beta > 0, got {}, {}", a_, b_);
      if (!(*lo_ < *hi_)) return fmt::format("beta needs min < max, got [{}, {}]", *lo_, *hi_);
      break;
    case Kind::choice:
      if (values_.empty()) return "choice needs at least one value";
      if (cumulative_.size() != values_.size())
        return fmt::format("choice has {} values but {} weights", values_.size(),
                           cumulative_.size());
      if (!(c_ > 0)) return "choice weights must be >= 0 with a positive sum";
      break;
  }
  return std::nullopt;
}

double Distribution::quantile(double u) const {
  u = std::clamp(u, 1e-15, 1 - 1e-15);
  switch (kind_) {
    case Kind::uniform:
      return a_ + u * (b_ - a_);
    case Kind::normal: {
      double x = a_ + b_ * normal_quantile(k0_ + u * (k1_ - k0_));
      if (lo_) x = std::max(x, *lo_);
      if (hi_) x = std::min(x, *hi_);
      return x;
    }
    case Kind::triangular:
      return u < k0_ ? a_ + std::sqrt(u * k1_) : b_ - std::sqrt((1 - u) * k2_);
    case Kind::beta: {
      if (guide_.size() < 2) return *lo_ + (*hi_ - *lo_) * incomplete_beta_inverse(a_, b_, u);
      // The guide brackets u's quantile; Newton starts from linear interpolation in it.
      const double pos = u * static_cast<double>(guide_.size() - 1);
      const std::size_t i = std::min(static_cast<std::size_t>(pos), guide_.size() - 2);
      const double lo = guide_[i], hi = guide_[i + 1];
      const double start = lo + (pos - static_cast<double>(i)) * (hi - lo);
      return *lo_ + (*hi_ - *lo_) * beta_inverse_in(a_, b_, u, k0_, lo, hi, start);
    }
    case Kind::choice: {
      double target = u * c_;
      auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
      std::size_t i = std::min<std::size_t>(it - cumulative_.begin(), values_.size() - 1);
      return values_[i];
    }
  }
  return a_;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::uniform:
      return (a_ + b_) / 2;
    case Kind::normal: {
      if (!lo_ && !hi_) return a_;
      // Truncated normal mean: mu + sd (phi(alpha) - phi(beta)) / (Phi(beta) - Phi(alpha)).
      auto pdf = [](double z) { return std::exp(-z * z / 2) / std::sqrt(2 * M_PI); };
      double al = lo_ ? (*lo_ - a_) / b_ : -kInf, be = hi_ ? (*hi_ - a_) / b_ : kInf;
      double z = normal_cdf(be) - normal_cdf(al);
      double num = (std::isfinite(al) ? pdf(al) : 0) - (std::isfinite(be) ? pdf(be) : 0);
      return a_ + b_ * num / z;
    }
    case Kind::triangular:
      return (a_ + b_ + c_) / 3;
    case Kind::beta:
      return *lo_ + (*hi_ - *lo_) * a_ / (a_ + b_);
    case Kind::choice: {
      double m = 0, prev = 0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        m += values_[i] * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return m / c_;
    }
  }
  return a_;
}

double Distribution::lower() const {
  switch (kind_) {
    case Kind::uniform:
    case Kind::triangular:
      return a_;
    case Kind::normal:
      return lo_.value_or(-kInf);
    case Kind::beta:
      return *lo_;
    case Kind::choice:
      return *std::min_element(values_.begin(), values_.end());
  }
  return a_;
}

double Distribution::upper() const {
  switch (kind_) {
    case Kind::uniform:
    case Kind::triangular:
      return b_;
    case Kind::normal:
      return hi_.value_or(kInf);
    case Kind::beta:
      return *hi_;
    case Kind::choice:
      return *std::max_element(values_.begin(), values_.end());
  }
  return b_;
}

std::string Distribution::describe() const {
  switch (kind_) {
    case Kind::uniform:
      return fmt::format("uniform({}, {})", a_, b_);
    case Kind::normal:
      return lo_ || hi_ ? fmt::format("normal({}, {}) on [{}, {}]", a_, b_, lower(), upper())
                        : fmt::format("normal({}, {})", a_, b_);
    case Kind::triangular:
      return fmt::format("triangular({}, {}, {})", a_, c_, b_);
    case Kind::beta:
      return fmt::format("beta({}, {}) on [{}, {}]", a_, b_, *lo_, *hi_);
    case Kind::choice:
      return fmt::format("choice of {} values", values_.size());
  }
  return "?";
}

Distribution::Named Distribution::named() const {
  Named n;
  switch (kind_) {
    case Kind::uniform:
      n.dist = "uniform";
      n.numbers = {{"min", a_}, {"max", b_}};
      break;
    case Kind::normal:
      n.dist = "normal";
      n.numbers = {{"mean", a_}, {"sd", b_}};
      if (lo_) n.numbers.emplace_back("min", *lo_);
      if (hi_) n.numbers.emplace_back("max", *hi_);
      break;
    case Kind::triangular:
      n.dist = "triangular";
      n.numbers = {{"min", a_}, {"mode", c_}, {"max", b_}};
      break;
    case Kind::beta:
      n.dist = "beta";
      n.numbers = {{"alpha", a_}, {"beta", b_}, {"min", lo_.value_or(0)}, {"max", hi_.value_or(1)}};
      break;
    case Kind::choice:
      n.dist = "choice";
      n.values = values_;
      for (std::size_t i = 0; i < cumulative_.size(); ++i)
        n.weights.push_back(cumulative_[i] - (i == 0 ? 0.0 : cumulative_[i - 1]));
      break;
  }
  return n;
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Wichura (1988), Algorithm AS 241, PPND16.
double normal_quantile(double p) {
  if (p <= 0) return -kInf;
  if (p >= 1) return kInf;
  const double q = p - 0.5;
  if (std::abs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) *
                    r +
                45921.953931549871457) *
                   r +
               13731.693765509461125) *
                  r +
              1971.5909503065514427) *
                 r +
             133.14166789178437745) *
                r +
            3.387132872796366608) /
           (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) *
                    r +
                21213.794301586595867) *
                   r +
               5394.1960214247511077) *
                  r +
              687.1870074920579083) *
                 r +
             42.313330701600911252) *
                r +
            1.0);
  }
  double r = q < 0 ? p : 1 - p;
  r = std::sqrt(-std::log(r));
  double x;
  if (r <= 5) {
    r -= 1.6;
    x = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r +
              0.24178072517745061177) *
                 r +
             1.27045825245236838258) *
                r +
            3.64784832476320460504) *
               r +
           5.7694972214606914055) *
              r +
          4.6303378461565452959) *
             r +
         1.42343711074968357734) /
        (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r +
              0.0151986665636164571966) *
                 r +
             0.14810397642748007459) *
                r +
            0.68976733498510000455) *
               r +
           1.6763848301838038494) *
              r +
          2.05319162663775882187) *
             r +
         1.0);
  } else {
    r -= 5;
    x = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r +
              0.0012426609473880784386) *
                 r +
             0.026532189526576123093) *
                r +
            0.29656057182850489123) *
               r +
           1.7848265399172913358) *
              r +
          5.4637849111641143699) *
             r +
         6.6579046435011037772) /
        (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r +
              1.8463183175100546818e-5) *
                 r +
             7.868691311456132591e-4) *
                r +
            0.0148753612908506148525) *
               r +
           0.13692988092273580531) *
              r +
          0.59983220655588793769) *
             r +
         1.0);
  }
  return q < 0 ? -x : x;
}

namespace {
// Continued fraction for the incomplete beta function (modified Lentz's method).
double beta_continued_fraction(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::abs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (std::abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (std::abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::abs(step - 1) < 1e-15) break;
  }
  return h;
}
}  // namespace

namespace {
// I_x(a, b) given log B(a, b), so that an inversion computes the lgammas once.
double incomplete_beta_with(double a, double b, double x, double log_beta) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front = a * std::log(x) + b * std::log1p(-x) - log_beta;
  if (x < (a + 1) / (a + b + 2)) return std::exp(log_front) * beta_continued_fraction(a, b, x) / a;
  return 1 - std::exp(log_front) * beta_continued_fraction(b, a, 1 - x) / b;
}
double log_beta_function(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}
}  // namespace

double incomplete_beta(double a, double b, double x) {
  return incomplete_beta_with(a, b, x, log_beta_function(a, b));
}

double incomplete_beta_inverse(double a, double b, double p) {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return beta_inverse_in(a, b, p, log_beta_function(a, b), 0, 1, a / (a + b));
}

namespace {
// Newton's method on I_x(a, b) = p from x inside the bracket [lo, hi] that holds the root,
// shrinking it; a step that would leave the bracket is replaced by bisection, so
// convergence is guaranteed for every (a, b).
double beta_inverse_in(double a, double b, double p, double log_beta, double lo, double hi,
                       double x) {
  for (int i = 0; i < 100; ++i) {
    const double f = incomplete_beta_with(a, b, x, log_beta) - p;
    if (f < 0)
      lo = x;
    else
      hi = x;
    const double density = std::exp((a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - log_beta);
    double next = density > 0 ? x - f / density : (lo + hi) / 2;
    const bool newton = next > lo && next < hi;
    if (!newton) next = (lo + hi) / 2;
    if (std::abs(next - x) < 1e-15 || hi - lo < 1e-15) return next;
    // Newton converges quadratically: after a step below 1e-9 of the distance to the
    // nearer end, the error left is of order 1e-18 relative; another evaluation would
    // only confirm it.
    if (newton && std::abs(next - x) < 1e-9 * std::min(next, 1 - next)) return next;
    x = next;
  }
  return x;
}
}  // namespace

}  // namespace detente
