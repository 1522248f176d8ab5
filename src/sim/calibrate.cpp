// Maximum-likelihood calibration of the tie dynamics; see calibrate.hpp.
#include "sim/calibrate.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/parameters.hpp"
#include "sim/dynamics.hpp"
#include "sim/kernels.hpp"
#include "sim/model.hpp"
#include "sim/rng.hpp"

namespace detente::sim {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One measured month-to-month change of one dyad.
struct Transition {
  int dyad;
  double x0, x1;      // score in months t and t+1
  double s;           // (X(t)²)_ij / (n − 2): mean product of the ties through third parties
  double inv_events;  // 1 / events of month t+1
};

struct Data {
  std::vector<Transition> tr;
  int dyads = 0;
};

// The balance force of the model for (α, L) at mean third-party product s.
double balance_force(double alpha, double cap, double s) {
  return alpha == 0 ? 0.0 : cap * std::tanh(alpha * s / cap);
}

// Dyad means of the window (the fallback of the state, and the baseline of unfitted dyads).
std::vector<double> window_means(const events::TieSeries& s, int start, int end) {
  std::vector<double> out(s.dyads.size(), 0.0);
  for (std::size_t d = 0; d < s.dyads.size(); ++d) {
    double sum = 0;
    int n = 0;
    for (int t = start; t < end; ++t)
      if (s.observed(d, t)) {
        sum += s.score[d][t];
        ++n;
      }
    out[d] = n ? sum / n : 0.0;
  }
  return out;
}

// Profile of the likelihood over the baselines for fixed (β, α, L): per-dyad intercepts
// a_d = mean(y + β x0) with y = x1 − x0 − f. Returns the residual sum of squares.
double rss_for(const Data& data, double beta, double alpha, double cap,
               std::vector<double>* intercepts = nullptr,
               std::vector<double>* residuals = nullptr) {
  std::vector<double> sum(static_cast<std::size_t>(data.dyads), 0.0),
      count(static_cast<std::size_t>(data.dyads), 0.0);
  for (const auto& t : data.tr) {
    const double y = t.x1 - t.x0 - balance_force(alpha, cap, t.s) + beta * t.x0;
    sum[t.dyad] += y;
    count[t.dyad] += 1;
  }
  for (int d = 0; d < data.dyads; ++d) sum[d] = count[d] > 0 ? sum[d] / count[d] : 0.0;
  double rss = 0;
  if (residuals) residuals->clear();
  for (const auto& t : data.tr) {
    const double e = t.x1 - t.x0 - balance_force(alpha, cap, t.s) + beta * t.x0 - sum[t.dyad];
    rss += e * e;
    if (residuals) residuals->push_back(e);
  }
  if (intercepts) *intercepts = sum;
  return rss;
}

// For fixed (α, L): β by the within (fixed-effects) regression, clamped to [0, 10].
double best_beta(const Data& data, double alpha, double cap) {
  std::vector<double> mx(static_cast<std::size_t>(data.dyads), 0.0), my(mx.size(), 0.0),
      n(mx.size(), 0.0);
  for (const auto& t : data.tr) {
    mx[t.dyad] += t.x0;
    my[t.dyad] += t.x1 - t.x0 - balance_force(alpha, cap, t.s);
    n[t.dyad] += 1;
  }
  for (std::size_t d = 0; d < mx.size(); ++d)
    if (n[d] > 0) {
      mx[d] /= n[d];
      my[d] /= n[d];
    }
  double sxy = 0, sxx = 0;
  for (const auto& t : data.tr) {
    const double dx = t.x0 - mx[t.dyad];
    sxy += dx * (t.x1 - t.x0 - balance_force(alpha, cap, t.s) - my[t.dyad]);
    sxx += dx * dx;
  }
  return sxx > 0 ? std::clamp(-sxy / sxx, 0.0, 10.0) : 0.0;
}

double log_likelihood(double rss, double sigma, std::size_t n) {
  const double N = static_cast<double>(n);
  return -0.5 * N * std::log(2 * kPi * sigma * sigma) - rss / (2 * sigma * sigma);
}

// The profile log-likelihood of (α, L): β and σ at their conditional maxima.
double profile(const Data& data, double alpha, double cap, double* beta_out = nullptr) {
  const double beta = best_beta(data, alpha, cap);
  const double rss = rss_for(data, beta, alpha, cap);
  if (beta_out) *beta_out = beta;
  const double sigma = std::sqrt(std::max(rss / static_cast<double>(data.tr.size()), 1e-300));
  return log_likelihood(rss, sigma, data.tr.size());
}

// Nelder–Mead on (α, log L), α kept non-negative by reflection at 0.
std::array<double, 2> maximise(const Data& data, std::array<double, 2> start) {
  auto value = [&](const std::array<double, 2>& p) {
    const double alpha = std::min(std::abs(p[0]), 10.0);
    const double cap = std::exp(std::clamp(p[1], std::log(1e-4), std::log(10.0)));
    return -profile(data, alpha, cap);
  };
  std::array<std::array<double, 2>, 3> v = {start, std::array<double, 2>{start[0] + 0.1, start[1]},
                                            std::array<double, 2>{start[0], start[1] + 0.5}};
  std::array<double, 3> f;
  for (int i = 0; i < 3; ++i) f[i] = value(v[i]);
  for (int iter = 0; iter < 400; ++iter) {
    std::array<int, 3> order = {0, 1, 2};
    std::sort(order.begin(), order.end(), [&](int a, int b) { return f[a] < f[b]; });
    const int best = order[0], mid = order[1], worst = order[2];
    if (std::abs(f[worst] - f[best]) < 1e-10 * (1 + std::abs(f[best]))) break;
    std::array<double, 2> c = {(v[best][0] + v[mid][0]) / 2, (v[best][1] + v[mid][1]) / 2};
    auto along = [&](double k) {
      return std::array<double, 2>{c[0] + k * (v[worst][0] - c[0]),
                                   c[1] + k * (v[worst][1] - c[1])};
    };
    auto r = along(-1);
    const double fr = value(r);
    if (fr < f[best]) {
      auto e = along(-2);
      const double fe = value(e);
      if (fe < fr) {
        v[worst] = e;
        f[worst] = fe;
      } else {
        v[worst] = r;
        f[worst] = fr;
      }
    } else if (fr < f[mid]) {
      v[worst] = r;
      f[worst] = fr;
    } else {
      auto k = along(0.5);
      const double fk = value(k);
      if (fk < f[worst]) {
        v[worst] = k;
        f[worst] = fk;
      } else {
        for (int i : {mid, worst}) {
          v[i] = {(v[i][0] + v[best][0]) / 2, (v[i][1] + v[best][1]) / 2};
          f[i] = value(v[i]);
        }
      }
    }
  }
  const int best = static_cast<int>(std::min_element(f.begin(), f.end()) - f.begin());
  return {std::min(std::abs(v[best][0]), 10.0),
          std::exp(std::clamp(v[best][1], std::log(1e-4), std::log(10.0)))};
}

// Standard errors from the observed information of ℓ(β, α, L, σ) with the baselines
// profiled out; `free` marks the parameters the Hessian is taken over.
std::array<double, 4> standard_errors(const Data& data, const std::array<double, 4>& theta,
                                      const std::array<bool, 4>& free) {
  auto ll = [&](std::array<double, 4> p) {
    return log_likelihood(rss_for(data, p[0], p[1], p[2]), p[3], data.tr.size());
  };
  std::vector<int> idx;
  for (int i = 0; i < 4; ++i)
    if (free[i]) idx.push_back(i);
  const int k = static_cast<int>(idx.size());
  Eigen::MatrixXd H(k, k);
  std::array<double, 4> h;
  for (int i = 0; i < 4; ++i) h[i] = 1e-4 * std::max(std::abs(theta[i]), 1e-2);
  for (int a = 0; a < k; ++a)
    for (int b = a; b < k; ++b) {
      const int i = idx[a], j = idx[b];
      auto at = [&](double si, double sj) {
        std::array<double, 4> p = theta;
        p[i] += si * h[i];
        p[j] += sj * h[j];
        return ll(p);
      };
      double v;
      if (i == j)
        v = (at(1, 0) - 2 * ll(theta) + at(-1, 0)) / (h[i] * h[i]);
      else
        v = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i] * h[j]);
      H(a, b) = H(b, a) = -v;
    }
  std::array<double, 4> se = {kNaN, kNaN, kNaN, kNaN};
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(H);
  if (eig.info() != Eigen::Success || eig.eigenvalues().minCoeff() <= 0) return se;
  const Eigen::MatrixXd cov = H.inverse();
  for (int a = 0; a < k; ++a) se[idx[a]] = std::sqrt(cov(a, a));
  return se;
}

ResidualDiagnostics diagnose(const Data& data, const std::vector<double>& e, double sigma) {
  ResidualDiagnostics r;
  const double n = static_cast<double>(e.size());
  std::vector<double> z(e.size());
  for (std::size_t i = 0; i < e.size(); ++i) z[i] = e[i] / sigma;
  double m = 0;
  for (double v : z) m += v;
  m /= n;
  double m2 = 0, m3 = 0, m4 = 0, beyond = 0;
  for (double v : z) {
    const double d = v - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
    beyond += std::abs(v) > 2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  r.mean = m;
  r.sd = std::sqrt(m2);
  r.skewness = m2 > 0 ? m3 / std::pow(m2, 1.5) : 0;
  r.excess_kurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : 0;
  r.share_beyond_2sd = beyond / n;
  // Lag-1 autocorrelation over consecutive transitions of the same dyad (t+1 → t+2 after t → t+1).
  double num = 0, den = 0;
  for (std::size_t i = 0; i + 1 < z.size(); ++i)
    if (data.tr[i].dyad == data.tr[i + 1].dyad && data.tr[i].x1 == data.tr[i + 1].x0)
      num += (z[i] - m) * (z[i + 1] - m);
  for (double v : z) den += (v - m) * (v - m);
  r.lag1_autocorrelation = den > 0 ? num / den : 0;
  // Correlation of z² with 1/events.
  double a = 0, b = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    a += z[i] * z[i];
    b += data.tr[i].inv_events;
  }
  a /= n;
  b /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double da = z[i] * z[i] - a, db = data.tr[i].inv_events - b;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  r.sampling_noise_correlation = saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
  return r;
}

}  // namespace

std::vector<double> tie_state(const events::TieSeries& series, int start, int t,
                              const std::vector<double>& fallback) {
  const int n = static_cast<int>(series.actors.size());
  std::vector<double> x(static_cast<std::size_t>(n) * n, 0.0);
  for (std::size_t d = 0; d < series.dyads.size(); ++d) {
    double v = fallback[d];
    for (int u = std::min(t, series.months - 1); u >= start; --u)
      if (series.observed(d, u)) {
        v = series.score[d][u];
        break;
      }
    const auto [i, j] = series.dyads[d];
    x[i * n + j] = x[j * n + i] = v;
  }
  return x;
}

DynamicsFit calibrate(const events::TieSeries& series, const CalibrateOptions& options) {
  const int start = std::max(0, options.start);
  const int end = options.end < 0 ? series.months : std::min(options.end, series.months);
  const int n = static_cast<int>(series.actors.size());
  const std::vector<double> means = window_means(series, start, end);

  Data data;
  data.dyads = static_cast<int>(series.dyads.size());
  // The carried-forward state, advanced month by month: O(M · n³).
  std::vector<double> x(static_cast<std::size_t>(n) * n, 0.0);
  for (std::size_t d = 0; d < series.dyads.size(); ++d) {
    const auto [i, j] = series.dyads[d];
    x[i * n + j] = x[j * n + i] = means[d];
  }
  std::vector<std::vector<Transition>> per_dyad(series.dyads.size());
  for (int t = start; t + 1 < end; ++t) {
    for (std::size_t d = 0; d < series.dyads.size(); ++d)
      if (series.observed(d, t)) {
        const auto [i, j] = series.dyads[d];
        x[i * n + j] = x[j * n + i] = series.score[d][t];
      }
    for (std::size_t d = 0; d < series.dyads.size(); ++d) {
      if (!series.observed(d, t) || !series.observed(d, t + 1)) continue;
      const auto [i, j] = series.dyads[d];
      double s = 0;
      for (int k = 0; k < n; ++k) s += x[i * n + k] * x[k * n + j];
      per_dyad[d].push_back({static_cast<int>(d), series.score[d][t], series.score[d][t + 1],
                             s / std::max(1, n - 2), 1.0 / series.events[d][t + 1]});
    }
  }
  for (auto& v : per_dyad) data.tr.insert(data.tr.end(), v.begin(), v.end());
  if (data.tr.size() < 20)
    throw InputError({"", 0, "events"},
                     fmt::format("only {} measured month-to-month changes in {} … {}: too few "
                                 "to calibrate (need 20)",
                                 data.tr.size(), series.month_label(start),
                                 series.month_label(std::max(start, end - 1))));

  DynamicsFit fit;
  fit.actors = series.actors;
  fit.dyads = series.dyads;
  fit.transitions = data.tr.size();
  fit.window_from = series.month_label(start);
  fit.window_to = series.month_label(end - 1);

  // α = 0: closed form.
  const double ll0 = profile(data, 0.0, 1.0);
  double alpha = 0, cap = find_parameter("saturation")->default_value;
  double best = ll0;
  if (options.fit_balance) {
    std::array<double, 2> start_point = {0.0, std::log(cap)};
    for (double a : {0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2})
      for (double l : {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0})
        if (double v = profile(data, a, l); v > best) {
          best = v;
          start_point = {a, std::log(l)};
        }
    if (start_point[0] > 0) {
      auto p = maximise(data, start_point);
      if (double v = profile(data, p[0], p[1]); v >= best) {
        best = v;
        alpha = p[0];
        cap = p[1];
      } else {
        alpha = start_point[0];
        cap = std::exp(start_point[1]);
      }
    }
  }
  double beta = 0;
  profile(data, alpha, cap, &beta);
  std::vector<double> intercepts, residuals;
  const double rss = rss_for(data, beta, alpha, cap, &intercepts, &residuals);
  const double sigma = std::sqrt(rss / static_cast<double>(data.tr.size()));

  // At α = 0 the saturation does not enter the likelihood; at the bound α = 10 (with a
  // small L the force is L·sign(X²)) the curvature in α vanishes: no standard errors there.
  const bool identified = alpha > 1e-6 && alpha < 10 - 1e-6;
  const auto se =
      standard_errors(data, {beta, alpha, cap, sigma}, {true, identified, identified, true});
  fit.restoring_rate = {beta, se[0]};
  fit.balance_gain = {alpha, identified ? se[1] : kNaN};
  fit.saturation = {cap, identified ? se[2] : kNaN};
  fit.noise = {sigma, se[3]};
  fit.log_likelihood = log_likelihood(rss, sigma, data.tr.size());
  fit.log_likelihood_no_balance = ll0;
  fit.lr_statistic = std::max(0.0, 2 * (fit.log_likelihood - ll0));
  fit.lr_p_value = std::exp(-fit.lr_statistic / 2);  // χ²(2) survival function
  fit.aic_difference = 2 * 2 - fit.lr_statistic;
  fit.balance_supported = alpha > 1e-6 && fit.lr_p_value < 0.05;
  fit.residuals = diagnose(data, residuals, sigma);
  {
    // E[e²] = a + b / events, by least squares.
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double N = static_cast<double>(data.tr.size());
    for (std::size_t k = 0; k < data.tr.size(); ++k) {
      const double xv = data.tr[k].inv_events, yv = residuals[k] * residuals[k];
      sx += xv;
      sy += yv;
      sxx += xv * xv;
      sxy += xv * yv;
    }
    const double vx = sxx - sx * sx / N;
    const double b = vx > 0 ? (sxy - sx * sy / N) / vx : 0.0;
    const double a = (sy - b * sx) / N;
    fit.sampling_variance = b;
    fit.process_noise = std::sqrt(std::max(a, 0.0));
  }
  fit.dyad_residuals.assign(series.dyads.size(), {});
  for (std::size_t k = 0; k < data.tr.size(); ++k)
    fit.dyad_residuals[data.tr[k].dyad].push_back(residuals[k]);

  fit.baseline = means;
  std::vector<bool> seen(series.dyads.size(), false);
  for (const auto& t : data.tr) seen[t.dyad] = true;
  for (std::size_t d = 0; d < series.dyads.size(); ++d)
    if (seen[d] && beta > 1e-6) fit.baseline[d] = std::clamp(intercepts[d] / beta, -1.0, 1.0);
  fit.source = fmt::format(
      "detente calibrate: maximum likelihood on the monthly tie scores of {} "
      "({} dyads, {} measured transitions), {} to {}",
      options.source.empty() ? fmt::format("{}", fmt::join(series.actors, ",")) : options.source,
      series.dyads.size(), data.tr.size(), fit.window_from, fit.window_to);
  return fit;
}

std::vector<double> fitted_dynamics(const DynamicsFit& fit) {
  std::vector<double> p = default_dynamics();
  p[kRestoringRate] = fit.restoring_rate.value;
  p[kBalanceGain] = fit.balance_gain.value;
  p[kSaturation] = std::max(fit.saturation.value, 1e-6);
  p[kNoise] = fit.noise.value;
  p[kSubsteps] = 1;
  return p;
}

std::vector<std::vector<std::vector<double>>> simulate_fit(const DynamicsFit& fit,
                                                           const std::vector<double>& x0,
                                                           int months, int paths,
                                                           std::uint64_t seed, std::uint64_t key,
                                                           Shocks shocks) {
  const int n = static_cast<int>(fit.actors.size());
  const std::vector<double> dyn = fitted_dynamics(fit);
  std::vector<double> baseline(static_cast<std::size_t>(n) * n, 0.0);
  for (std::size_t d = 0; d < fit.dyads.size(); ++d) {
    const auto [i, j] = fit.dyads[d];
    baseline[i * n + j] = baseline[j * n + i] = fit.baseline[d];
  }
  std::vector<std::vector<std::vector<double>>> out(
      static_cast<std::size_t>(months),
      std::vector<std::vector<double>>(fit.dyads.size(),
                                       std::vector<double>(static_cast<std::size_t>(paths))));
  std::vector<double> x, scratch(integrate_scratch_size(n));
  for (int p = 0; p < paths; ++p) {
    Stream rng = Stream::for_run(seed, key, static_cast<std::uint64_t>(p));
    x = x0;
    for (int m = 0; m < months; ++m) {
      integrate_month(n, dyn, x, baseline, scratch);
      for (std::size_t d = 0; d < fit.dyads.size(); ++d) {
        const auto [i, j] = fit.dyads[d];
        const auto& pool = fit.dyad_residuals;
        double shock;
        if (shocks == Shocks::residuals && d < pool.size() && pool[d].size() >= 10) {
          const auto pick =
              static_cast<std::size_t>(rng.uniform() * static_cast<double>(pool[d].size()));
          shock = pool[d][std::min(pick, pool[d].size() - 1)];
        } else {
          shock = fit.noise.value * rng.normal();
        }
        const double v = clamp_value(x[i * n + j] + shock, -1.0, 1.0);
        x[i * n + j] = x[j * n + i] = v;
        out[m][d][p] = v;
      }
    }
  }
  return out;
}

namespace {

std::string distribution_entry(std::string_view name, const Estimate& e,
                               const std::string& source) {
  const ParameterSpec* spec = find_parameter(name);
  const double lo = spec->min, hi = spec->max;
  const double value = std::clamp(e.value, lo, hi);
  std::string src = source;
  std::replace(src.begin(), src.end(), '"', '\'');
  if (!(e.se > 0) || !std::isfinite(e.se))
    return fmt::format(
        "{} = {{ value = {:.6g}, source = \"{} (no standard error: not identified "
        "at this estimate)\" }}\n",
        name, value, src);
  return fmt::format(
      "{} = {{ value = {:.6g}, dist = \"normal\", mean = {:.6g}, sd = {:.6g}, min = {:.6g}, max = "
      "{:.6g}, source = \"{}\" }}\n",
      name, value, value, e.se, lo, hi, src);
}

}  // namespace

std::string dynamics_toml(const DynamicsFit& fit) {
  std::string out = fmt::format(
      "# Dynamics calibrated on event data by detente calibrate (docs/models/calibration.md).\n"
      "# Window {} to {}, {} actors ({}), {} measured monthly transitions.\n"
      "# Log-likelihood {:.2f}; without the balance term {:.2f}; likelihood ratio {:.2f} "
      "(p = {:.3g}, chi-square 2 df): the balance term is {}supported by these data.\n"
      "# Standardised residuals: sd {:.3f}, skewness {:.2f}, excess kurtosis {:.2f}, lag-1 "
      "autocorrelation {:.3f}, share beyond 2 sd {:.3f} (normal: 0.046).\n"
      "# Noise: of the monthly score {:.4f}; of the relation itself (without the sampling error "
      "of the score, E[e^2] = a + b/events) {:.4f}.\n"
      "# Values are normal distributions: mean = estimate, sd = standard error (observed "
      "information). substeps = 1 is the step the likelihood is written for.\n"
      "[dynamics]\n",
      fit.window_from, fit.window_to, fit.actors.size(), fmt::join(fit.actors, ","),
      fit.transitions, fit.log_likelihood, fit.log_likelihood_no_balance, fit.lr_statistic,
      fit.lr_p_value, fit.balance_supported ? "" : "not ", fit.residuals.sd, fit.residuals.skewness,
      fit.residuals.excess_kurtosis, fit.residuals.lag1_autocorrelation,
      fit.residuals.share_beyond_2sd, fit.noise.value, fit.process_noise);
  out += distribution_entry("restoring_rate", fit.restoring_rate, fit.source);
  out += distribution_entry("balance_gain", fit.balance_gain, fit.source);
  out += distribution_entry("saturation", fit.saturation, fit.source);
  out += distribution_entry("noise", fit.noise, fit.source);
  out += fmt::format("substeps = {{ value = 1, source = \"{}\" }}\n", fit.source);
  return out;
}

void apply_fit(const DynamicsFit& fit, std::map<std::string, Sourced<double>>& parameters) {
  auto set = [&](std::string_view name, const Estimate& e) {
    const ParameterSpec* spec = find_parameter(name);
    Sourced<double> v;
    v.value = std::clamp(e.value, spec->min, spec->max);
    v.source = fit.source;
    if (e.se > 0 && std::isfinite(e.se))
      v.uncertainty = Distribution::normal(v.value, e.se, spec->min, spec->max);
    parameters[std::string(name)] = v;
  };
  set("restoring_rate", fit.restoring_rate);
  set("balance_gain", fit.balance_gain);
  set("saturation", fit.saturation);
  set("noise", fit.noise);
  Sourced<double> steps;
  steps.value = 1;
  steps.source = fit.source;
  parameters["substeps"] = steps;
}

DynamicsFit calibrate_scenario(const Scenario& scenario, int threads) {
  events::TieSeriesOptions o;
  for (const auto& a : scenario.actors) o.actors.push_back(a.id);
  auto format = events::input_format_from_string(scenario.data.events_format);
  if (!format)
    fail({scenario.file, scenario.data.line, "data.events_format"},
         "unknown event-data format '{}'", scenario.data.events_format);
  o.read.format = *format;
  o.read.threads = std::max(1, threads);
  if (scenario.as_of) {
    // The last whole month before as_of: nothing dated on or after it enters.
    const Date d = *scenario.as_of;
    o.to = Date::from_days(Date{d.year, d.month, 1}.days_since_epoch() - 1);
  }
  events::TieSeries series = events::read_tie_series(scenario.data.event_files, o);
  CalibrateOptions co;
  co.source = fmt::format("{} events of [data] in {}", fmt::join(scenario.data.event_files, " "),
                          scenario.file.empty() ? scenario.id : scenario.file);
  return calibrate(series, co);
}

nlohmann::json to_json(const DynamicsFit& fit) {
  auto est = [](const Estimate& e) {
    nlohmann::json j = {{"value", e.value}};
    j["se"] = std::isfinite(e.se) ? nlohmann::json(e.se) : nlohmann::json(nullptr);
    return j;
  };
  nlohmann::json baselines = nlohmann::json::object();
  for (std::size_t d = 0; d < fit.dyads.size(); ++d)
    baselines[fit.actors[fit.dyads[d].first] + "-" + fit.actors[fit.dyads[d].second]] =
        fit.baseline[d];
  const auto& r = fit.residuals;
  return {{"window", {{"from", fit.window_from}, {"to", fit.window_to}}},
          {"actors", fit.actors},
          {"transitions", fit.transitions},
          {"parameters",
           {{"restoring_rate", est(fit.restoring_rate)},
            {"balance_gain", est(fit.balance_gain)},
            {"saturation", est(fit.saturation)},
            {"noise", est(fit.noise)},
            {"substeps", {{"value", 1}}}}},
          {"baselines", baselines},
          {"noise_decomposition",
           {{"process_noise", fit.process_noise},
            {"sampling_variance_per_event", fit.sampling_variance}}},
          {"log_likelihood", fit.log_likelihood},
          {"log_likelihood_no_balance", fit.log_likelihood_no_balance},
          {"balance_test",
           {{"lr_statistic", fit.lr_statistic},
            {"p_value", fit.lr_p_value},
            {"aic_difference", fit.aic_difference},
            {"supported", fit.balance_supported}}},
          {"residuals",
           {{"mean", r.mean},
            {"sd", r.sd},
            {"skewness", r.skewness},
            {"excess_kurtosis", r.excess_kurtosis},
            {"lag1_autocorrelation", r.lag1_autocorrelation},
            {"share_beyond_2sd", r.share_beyond_2sd},
            {"sampling_noise_correlation", r.sampling_noise_correlation}}},
          {"source", fit.source}};
}

}  // namespace detente::sim
