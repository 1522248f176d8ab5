// Rolling-origin backtest of tie forecasts from event data; see event_backtest.hpp.
#include "sim/event_backtest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/distribution.hpp"
#include "core/error.hpp"
#include "sim/calibrate.hpp"
#include "core/parallel.hpp"
#include "sim/scoring.hpp"

namespace detente::sim {

namespace {

// Sums of one model's scores over the cases of one origin and horizon.
struct Sums {
  double crps = 0, brier = 0;
};

struct OriginCases {
  // [horizon][model]
  std::vector<std::array<Sums, kBacktestModelCount>> sums;
  std::vector<std::size_t> count;  // [horizon]
  OriginFit fit;
  bool fitted = false;
};

double share_positive(const std::vector<double>& samples) {
  double k = 0;
  for (double v : samples) k += v > 0;
  return samples.empty() ? 0.5 : k / static_cast<double>(samples.size());
}

void add(Sums& s, double crps, double p, double outcome) {
  s.crps += crps;
  s.brier += (p - outcome) * (p - outcome);
}

struct Ar1 {
  double c = 0, phi = 0, sd = 0;
  bool ok = false;
};

// Least squares on the measured consecutive pairs of [0, end).
Ar1 fit_ar1(const std::vector<double>& x, int end) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
  for (int t = 0; t + 1 < end; ++t)
    if (!std::isnan(x[t]) && !std::isnan(x[t + 1])) {
      sx += x[t];
      sy += x[t + 1];
      sxx += x[t] * x[t];
      sxy += x[t] * x[t + 1];
      ++n;
    }
  Ar1 a;
  if (n < 10) return a;
  const double vx = sxx - sx * sx / n;
  a.phi = vx > 0 ? std::clamp((sxy - sx * sy / n) / vx, -0.999, 0.999) : 0.0;
  a.c = (sy - a.phi * sx) / n;
  double rss = 0;
  for (int t = 0; t + 1 < end; ++t)
    if (!std::isnan(x[t]) && !std::isnan(x[t + 1])) {
      const double e = x[t + 1] - a.c - a.phi * x[t];
      rss += e * e;
    }
  a.sd = std::sqrt(rss / std::max(1.0, n - 2));
  a.ok = a.sd > 0;
  return a;
}

OriginCases run_origin(const events::TieSeries& s, int o, const EventBacktestOptions& opt,
                       int max_h) {
  OriginCases out;
  const std::size_t H = opt.horizons.size();
  out.sums.assign(H, {});
  out.count.assign(H, 0);
  out.fit.origin = s.month_label(o);

  // Which dyads can be forecast: enough measured months before o.
  std::vector<bool> usable(s.dyads.size(), false);
  bool any = false;
  for (std::size_t d = 0; d < s.dyads.size(); ++d) {
    int n = 0;
    for (int t = 0; t < o; ++t) n += s.observed(d, t);
    usable[d] = n >= opt.min_training;
    any = any || usable[d];
  }
  if (!any) return out;

  // The dynamics, fitted on [0, o).
  DynamicsFit fit;
  try {
    CalibrateOptions co;
    co.end = o;
    co.fit_balance = opt.fit_balance;
    fit = calibrate(s, co);
  } catch (const InputError&) {
    return out;  // too few transitions before this origin
  }
  out.fitted = true;
  out.fit.restoring_rate = fit.restoring_rate.value;
  out.fit.balance_gain = fit.balance_gain.value;
  out.fit.saturation = fit.saturation.value;
  out.fit.noise = fit.noise.value;
  out.fit.balance_supported = fit.balance_supported;
  const std::vector<double> x0 = tie_state(s, 0, o - 1, fit.baseline);
  const auto ensemble =
      simulate_fit(fit, x0, max_h, opt.paths, opt.seed, static_cast<std::uint64_t>(o), opt.shocks);

  std::vector<double> samples, sorted;
  for (std::size_t d = 0; d < s.dyads.size(); ++d) {
    if (!usable[d]) continue;
    const auto& x = s.score[d];
    int last = o - 1;
    while (last >= 0 && std::isnan(x[last])) --last;
    if (last < 0) continue;
    std::vector<double> climate;
    for (int t = 0; t < o; ++t)
      if (!std::isnan(x[t])) climate.push_back(x[t]);
    std::sort(climate.begin(), climate.end());
    const Ar1 ar = fit_ar1(x, o);
    const double mu = ar.c / (1 - ar.phi);
    for (std::size_t k = 0; k < H; ++k) {
      const int h = opt.horizons[k], target = o + h - 1;
      if (target >= s.months || std::isnan(x[target])) continue;
      // The training window's h-month changes (both ends before o).
      samples.clear();
      for (int t = 0; t + h < o; ++t)
        if (!std::isnan(x[t]) && !std::isnan(x[t + h]))
          samples.push_back(x[last] + x[t + h] - x[t]);
      if (samples.size() < 10 || !ar.ok) continue;
      const double y = x[target], outcome = y > 0 ? 1.0 : 0.0;
      auto& sums = out.sums[k];
      std::sort(samples.begin(), samples.end());
      add(sums[0], crps_sorted_sample(samples, y), share_positive(samples), outcome);
      add(sums[1], crps_sorted_sample(climate, y), share_positive(climate), outcome);
      // AR(1): steps from the last measured month to the target.
      const int steps = target - last;
      const double phik = std::pow(ar.phi, steps);
      const double mean = mu + phik * (x[last] - mu);
      const double var = ar.sd * ar.sd * (1 - phik * phik) / (1 - ar.phi * ar.phi);
      const double sd = std::sqrt(std::max(var, 1e-12));
      add(sums[2], crps_normal(mean, sd, y), 1 - normal_cdf(-mean / sd), outcome);
      sorted = ensemble[h - 1][d];
      std::sort(sorted.begin(), sorted.end());
      add(sums[3], crps_sorted_sample(sorted, y), share_positive(sorted), outcome);
      ++out.count[k];
    }
  }
  return out;
}

// Moving-block bootstrap over origins of the mean difference (model − persistence).
std::array<double, 2> block_interval(const std::vector<double>& diff_sum,
                                     const std::vector<double>& count, std::size_t block,
                                     std::size_t resamples, std::uint64_t seed) {
  const std::size_t n = diff_sum.size();
  if (n == 0) return {0, 0};
  block = std::clamp<std::size_t>(block, 1, n);
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, n - block);
  std::vector<double> means;
  for (std::size_t r = 0; r < resamples; ++r) {
    double sum = 0, c = 0;
    for (std::size_t taken = 0; taken < n; taken += block) {
      const std::size_t b = pick(rng);
      for (std::size_t i = b; i < b + block; ++i) {
        sum += diff_sum[i];
        c += count[i];
      }
    }
    if (c > 0) means.push_back(sum / c);
  }
  if (means.empty()) return {0, 0};
  std::sort(means.begin(), means.end());
  auto q = [&](double p) {
    const double pos = p * static_cast<double>(means.size() - 1);
    const std::size_t i = static_cast<std::size_t>(pos);
    const double f = pos - static_cast<double>(i);
    return i + 1 < means.size() ? means[i] * (1 - f) + means[i + 1] * f : means[i];
  };
  return {q(0.025), q(0.975)};
}

}  // namespace

EventBacktestResult backtest_events(const events::TieSeries& s, const EventBacktestOptions& opt) {
  if (opt.horizons.empty()) throw InputError({"", 0, "--horizons"}, "no horizons given");
  for (int h : opt.horizons)
    if (h < 1 || h > 120) fail({"", 0, "--horizons"}, "horizons must lie in 1 … 120, got {}", h);
  if (opt.step < 1) fail({"", 0, "--step"}, "the step must be at least one month");
  if (opt.paths < 2) fail({"", 0, "--paths"}, "the ensemble needs at least 2 paths");
  const int first = std::max(opt.first_origin, 1);
  const int last = opt.last_origin < 0 ? s.months - 1 : std::min(opt.last_origin, s.months - 1);
  if (last < first)
    fail({"", 0, "--from"}, "no origin between {} and {} inside the data ({} … {})",
         s.month_label(first), s.month_label(last), s.month_label(0), s.month_label(s.months - 1));
  const int max_h = *std::max_element(opt.horizons.begin(), opt.horizons.end());
  std::vector<int> origins;
  for (int o = first; o <= last; o += opt.step) origins.push_back(o);

  std::vector<OriginCases> cases(origins.size());
  parallel_chunks(origins.size(), thread_count(opt.threads, origins.size()),
                  [&](std::size_t begin, std::size_t end) {
                    for (std::size_t i = begin; i < end; ++i)
                      cases[i] = run_origin(s, origins[i], opt, max_h);
                  });

  EventBacktestResult r;
  r.actors = s.actors;
  r.step = opt.step;
  r.paths = opt.paths;
  r.first_origin = s.month_label(origins.front());
  r.last_origin = s.month_label(origins.back());
  for (const auto& c : cases)
    if (c.fitted) r.fits.push_back(c.fit);
  std::size_t total = 0;
  for (std::size_t k = 0; k < opt.horizons.size(); ++k) {
    HorizonResult hr;
    hr.h = opt.horizons[k];
    std::vector<double> count;
    for (const auto& c : cases) count.push_back(static_cast<double>(c.count[k]));
    double n = 0;
    for (double v : count) n += v;
    total += static_cast<std::size_t>(n);
    const std::size_t block = static_cast<std::size_t>((hr.h + opt.step - 1) / opt.step);
    double best = 1e300;
    for (int m = 0; m < kBacktestModelCount; ++m) {
      ModelScores& ms = hr.models[m];
      ms.n = static_cast<std::size_t>(n);
      std::vector<double> dc, db;
      for (const auto& c : cases) {
        ms.crps += c.sums[k][m].crps;
        ms.brier_sign += c.sums[k][m].brier;
        dc.push_back(c.sums[k][m].crps - c.sums[k][0].crps);
        db.push_back(c.sums[k][m].brier - c.sums[k][0].brier);
      }
      if (n > 0) {
        ms.crps /= n;
        ms.brier_sign /= n;
        double sc = 0, sb = 0;
        for (std::size_t i = 0; i < dc.size(); ++i) {
          sc += dc[i];
          sb += db[i];
        }
        ms.crps_difference = sc / n;
        ms.brier_difference = sb / n;
        if (m > 0) {
          const std::uint64_t seed = opt.seed * 1000003u + static_cast<std::uint64_t>(k * 8 + m);
          auto ci = block_interval(dc, count, block, opt.resamples, seed);
          ms.crps_low = ci[0];
          ms.crps_high = ci[1];
          ci = block_interval(db, count, block, opt.resamples, seed);
          ms.brier_low = ci[0];
          ms.brier_high = ci[1];
        }
      }
      if (ms.crps < best) {
        best = ms.crps;
        hr.best_crps = kBacktestModels[m];
      }
    }
    for (int m = 0; m < kBacktestModelCount; ++m) {
      std::vector<double> dc;
      double sum = 0;
      for (const auto& c : cases) {
        dc.push_back(c.sums[k][3].crps - c.sums[k][m].crps);
        sum += dc.back();
      }
      if (n <= 0 || m == 3) continue;
      auto ci = block_interval(dc, count, block, opt.resamples,
                               opt.seed * 7919u + static_cast<std::uint64_t>(k * 8 + m));
      hr.dynamics_vs[m][0] = sum / n;
      hr.dynamics_vs[m][1] = ci[0];
      hr.dynamics_vs[m][2] = ci[1];
    }
    r.horizons.push_back(hr);
  }
  if (total == 0)
    fail({"", 0, "--from"},
         "no dyad could be forecast and scored from the origins {} … {} (each needs {} measured "
         "months before its origin)",
         r.first_origin, r.last_origin, opt.min_training);
  return r;
}

nlohmann::json to_json(const EventBacktestResult& r) {
  nlohmann::json horizons = nlohmann::json::array();
  for (const auto& h : r.horizons) {
    nlohmann::json models = nlohmann::json::object();
    for (int m = 0; m < kBacktestModelCount; ++m) {
      const auto& s = h.models[m];
      nlohmann::json j = {{"crps", s.crps}, {"brier_sign", s.brier_sign}, {"n", s.n}};
      if (m > 0) {
        j["crps_minus_persistence"] = {{"mean", s.crps_difference},
                                       {"ci95", {s.crps_low, s.crps_high}}};
        j["brier_sign_minus_persistence"] = {{"mean", s.brier_difference},
                                             {"ci95", {s.brier_low, s.brier_high}}};
      }
      models[kBacktestModels[m]] = j;
    }
    nlohmann::json vs = nlohmann::json::object();
    for (int m = 0; m < 3; ++m)
      vs[kBacktestModels[m]] = {{"mean", h.dynamics_vs[m][0]},
                                {"ci95", {h.dynamics_vs[m][1], h.dynamics_vs[m][2]}}};
    horizons.push_back(
        {{"h", h.h}, {"models", models}, {"best_crps", h.best_crps}, {"dynamics_crps_minus", vs}});
  }
  nlohmann::json fits = nlohmann::json::array();
  for (const auto& f : r.fits)
    fits.push_back({{"origin", f.origin},
                    {"restoring_rate", f.restoring_rate},
                    {"balance_gain", f.balance_gain},
                    {"saturation", f.saturation},
                    {"noise", f.noise},
                    {"balance_supported", f.balance_supported}});
  return {{"horizons", horizons},
          {"origins", {{"first", r.first_origin}, {"last", r.last_origin}, {"step", r.step}}},
          {"actors", r.actors},
          {"paths", r.paths},
          {"fits", fits}};
}

std::string to_text(const EventBacktestResult& r) {
  std::string out = fmt::format(
      "Rolling-origin backtest, origins {} … {} every {} month(s), actors {}\n"
      "CRPS and sign Brier per horizon; Δ = model − persistence with 95% block-bootstrap "
      "intervals (negative: better than persistence)\n\n",
      r.first_origin, r.last_origin, r.step, fmt::join(r.actors, ","));
  for (const auto& h : r.horizons) {
    out += fmt::format("h = {:>2} months ({} cases), best CRPS: {}\n", h.h, h.models[0].n,
                       h.best_crps);
    out += fmt::format("  {:<12} {:>8} {:>26} {:>8} {:>26}\n", "model", "CRPS", "ΔCRPS [95%]",
                       "Brier", "ΔBrier [95%]");
    for (int m = 0; m < kBacktestModelCount; ++m) {
      const auto& s = h.models[m];
      std::string dc = m == 0 ? ""
                              : fmt::format("{:+.4f} [{:+.4f}, {:+.4f}]", s.crps_difference,
                                            s.crps_low, s.crps_high);
      std::string db = m == 0 ? ""
                              : fmt::format("{:+.4f} [{:+.4f}, {:+.4f}]", s.brier_difference,
                                            s.brier_low, s.brier_high);
      out += fmt::format("  {:<12} {:>8.4f} {:>26} {:>8.4f} {:>26}\n", kBacktestModels[m], s.crps,
                         dc, s.brier_sign, db);
    }
    out += fmt::format(
        "  dynamics − climatology CRPS {:+.4f} [{:+.4f}, {:+.4f}]; dynamics − ar1 {:+.4f} "
        "[{:+.4f}, {:+.4f}]\n",
        h.dynamics_vs[1][0], h.dynamics_vs[1][1], h.dynamics_vs[1][2], h.dynamics_vs[2][0],
        h.dynamics_vs[2][1], h.dynamics_vs[2][2]);
  }
  if (!r.fits.empty()) {
    const auto& f = r.fits.back();
    out += fmt::format(
        "\nDynamics fitted at the last origin ({}): restoring_rate {:.4f}, balance_gain {:.4f}, "
        "saturation {:.4f}, noise {:.4f}; balance term {}supported\n",
        f.origin, f.restoring_rate, f.balance_gain, f.saturation, f.noise,
        f.balance_supported ? "" : "not ");
  }
  return out;
}

}  // namespace detente::sim
