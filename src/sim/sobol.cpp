#include "sim/sobol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>
#include <numbers>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

#include "core/parallel.hpp"
#include "core/splitmix.hpp"

namespace detente::sim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Keeps design points strictly inside (0, 1) so that unbounded quantiles stay finite.
double open_unit(double u) {
  constexpr double lo = 0x1p-54, hi = 1.0 - 0x1p-53;
  return std::clamp(u, lo, hi);
}

__extension__ typedef unsigned __int128 uint128;

// A uniform integer in [0, n) by multiply-shift (Lemire); bias ≤ n/2⁶⁴, negligible.
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  return static_cast<std::uint64_t>((static_cast<uint128>(rng()) * n) >> 64);
}

// 53 random bits in (0, 1): the same on every standard library (unlike
// std::uniform_real_distribution, whose algorithm is unspecified).
double unit_double(std::mt19937_64& rng) {
  return (static_cast<double>(rng() >> 11) + 0.5) * 0x1p-53;
}

std::vector<std::uint32_t> first_primes(std::size_t count) {
  std::vector<std::uint32_t> primes;
  for (std::uint32_t c = 2; primes.size() < count; ++c) {
    bool prime = true;
    for (auto p : primes) {
      if (p * p > c) break;
      if (c % p == 0) {
        prime = false;
        break;
      }
    }
    if (prime) primes.push_back(c);
  }
  return primes;
}

// Row j of the 2k-dimensional base sample: columns 0…k−1 go to A, k…2k−1 to B.
std::vector<double> base_sample(std::size_t k, const SobolOptions& o) {
  const std::size_t n = o.base_samples, dims = 2 * k;
  std::vector<double> u(n * dims);
  std::mt19937_64 rng(o.seed);
  if (o.sampling == SobolSampling::monte_carlo) {
    for (auto& v : u) v = unit_double(rng);
    return u;
  }
  // Scrambled Halton: x = Σ_j π_{d,j}(a_j) b^−(j+1) over enough digits j for 53 bits; the
  // permutations also act on the leading zero digits, so each point is uniform on (0, 1).
  const auto primes = first_primes(dims);
  for (std::size_t d = 0; d < dims; ++d) {
    const std::uint32_t b = primes[d];
    const auto digits =
        static_cast<std::size_t>(std::ceil(53.0 * std::numbers::ln2 / std::log(double(b))));
    std::vector<std::uint32_t> perm(digits * b);
    for (std::size_t j = 0; j < digits; ++j) {
      auto* p = &perm[j * b];
      for (std::uint32_t t = 0; t < b; ++t) p[t] = t;
      for (std::uint32_t t = b - 1; t > 0; --t) std::swap(p[t], p[below(rng, t + 1)]);
    }
    // Digits past the index's own are 0; their scrambled contribution is a constant tail
    // per starting position, summed once (smallest terms first).
    std::vector<double> tail(digits + 1, 0.0), scale(digits, 0.0);
    for (std::size_t j = 0; j < digits; ++j) scale[j] = std::pow(double(b), -double(j + 1));
    for (std::size_t j = digits; j-- > 0;) tail[j] = tail[j + 1] + perm[j * b] * scale[j];
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t index = i;
      double x = 0;
      std::size_t j = 0;
      for (; index > 0 && j < digits; ++j, index /= b) x += perm[j * b + index % b] * scale[j];
      u[i * dims + d] = x + tail[j];
    }
  }
  return u;
}

// The estimators for one output from its N rows (the sample, or a bootstrap resample).
// f(block, row) is the output on row `row` of block 0 = A, 1 = B, 2 + i = A_B^i.
struct Estimate {
  double mean = 0, variance = 0;
  std::vector<double> s1, st;
};

template <typename Value>
Estimate estimate(std::size_t k, std::size_t n, Value f) {
  Estimate e;
  e.s1.assign(k, kNaN);
  e.st.assign(k, kNaN);
  double sum = 0;
  for (std::size_t j = 0; j < n; ++j) sum += f(0, j) + f(1, j);
  e.mean = sum / (2.0 * n);
  double ss = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double a = f(0, j) - e.mean, b = f(1, j) - e.mean;
    ss += a * a + b * b;
  }
  e.variance = ss / (2.0 * n);
  if (!(e.variance > 0)) return e;  // constant output: indices undefined
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0, total = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double fa = f(0, j), fb = f(1, j), fab = f(2 + i, j);
      // Saltelli et al. (2010): V_i ≈ (1/N) Σ f(B)(f(A_B^i) − f(A)). f(B) is centred on
      // the mean, which keeps the expectation (E[f(A_B^i) − f(A)] = 0) and avoids
      // cancellation when the mean is large against the spread.
      first += (fb - e.mean) * (fab - fa);
      // Jansen (1999): V_Ti ≈ (1/2N) Σ (f(A) − f(A_B^i))².
      total += (fa - fab) * (fa - fab);
    }
    e.s1[i] = first / n / e.variance;
    e.st[i] = total / (2.0 * n) / e.variance;
  }
  return e;
}

// Type-7 (linear interpolation) sample quantile of sorted values.
double quantile_sorted(const std::vector<double>& x, double q) {
  const double h = (static_cast<double>(x.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

void check_options(const SobolOptions& o) {
  if (o.base_samples < 2) throw std::invalid_argument("Sobol analysis needs base_samples >= 2");
  if (o.base_samples > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("Sobol base_samples must be < 2^32");
  if (!(o.confidence > 0.0 && o.confidence < 1.0))
    throw std::invalid_argument(fmt::format("confidence {} is not in (0, 1)", o.confidence));
}

}  // namespace

Quantile quantile_of(const Distribution& distribution) {
  return [distribution](double u) { return distribution.quantile(u); };
}

std::vector<double> saltelli_unit_design(std::size_t k, const SobolOptions& o) {
  check_options(o);
  if (k == 0) throw std::invalid_argument("Sobol analysis needs at least one input");
  const std::size_t n = o.base_samples;
  const auto base = base_sample(k, o);
  std::vector<double> design(n * (k + 2) * k);
  auto at = [&](std::size_t block, std::size_t j) { return &design[(block * n + j) * k]; };
  for (std::size_t j = 0; j < n; ++j) {
    const double* a = &base[j * 2 * k];
    const double* b = a + k;
    for (std::size_t c = 0; c < k; ++c) {
      at(0, j)[c] = open_unit(a[c]);
      at(1, j)[c] = open_unit(b[c]);
    }
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t c = 0; c < k; ++c) at(2 + i, j)[c] = open_unit(c == i ? b[c] : a[c]);
  }
  return design;
}

SobolResult sobol_analyze(std::size_t k, std::size_t m, std::span<const double> values,
                          const SobolOptions& o) {
  check_options(o);
  const std::size_t n = o.base_samples;
  if (k == 0 || m == 0) throw std::invalid_argument("Sobol analysis needs inputs and outputs");
  if (values.size() != n * (k + 2) * m)
    throw std::invalid_argument(fmt::format("{} values for a design of {} rows and {} outputs",
                                            values.size(), n * (k + 2), m));
  SobolResult result;
  result.base_samples = n;
  result.evaluations = n * (k + 2);
  result.outputs.resize(m);

  // Bootstrap resample r uses stream mix_seed(seed', r) alone: any thread can draw it.
  const std::size_t reps = o.bootstrap;
  std::vector<Estimate> boot(reps * m);
  const std::uint64_t boot_seed = mix_seed(o.seed, 0xB0075742ULL);
  parallel_chunks(reps, thread_count(o.threads, reps), [&](std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t> rows(n);
    std::vector<double> gathered(n * (k + 2));
    for (std::size_t r = begin; r < end; ++r) {
      std::mt19937_64 rng(mix_seed(boot_seed, r));
      for (auto& j : rows) j = static_cast<std::uint32_t>(below(rng, n));
      // Gathered once per output so that the estimator reads contiguous memory.
      for (std::size_t out = 0; out < m; ++out) {
        for (std::size_t block = 0; block < k + 2; ++block)
          for (std::size_t j = 0; j < n; ++j)
            gathered[block * n + j] = values[(block * n + rows[j]) * m + out];
        boot[r * m + out] = estimate(
            k, n, [&](std::size_t block, std::size_t j) { return gathered[block * n + j]; });
      }
    }
  });

  const double alpha = (1.0 - o.confidence) / 2.0;
  for (std::size_t out = 0; out < m; ++out) {
    const Estimate e = estimate(
        k, n, [&](std::size_t block, std::size_t j) { return values[(block * n + j) * m + out]; });
    auto& r = result.outputs[out];
    r.mean = e.mean;
    r.variance = e.variance;
    r.inputs.resize(k);
    for (std::size_t i = 0; i < k; ++i) {
      auto& idx = r.inputs[i];
      idx.first_order = idx.first_order_low = idx.first_order_high = e.s1[i];
      idx.total_order = idx.total_order_low = idx.total_order_high = e.st[i];
      if (reps == 0 || std::isnan(e.s1[i])) continue;
      std::vector<double> s1, st;
      for (std::size_t b = 0; b < reps; ++b) {
        const auto& be = boot[b * m + out];
        // A resample can be constant even if the sample is not: such draws are dropped.
        if (!std::isnan(be.s1[i])) s1.push_back(be.s1[i]);
        if (!std::isnan(be.st[i])) st.push_back(be.st[i]);
      }
      if (s1.empty()) continue;
      std::sort(s1.begin(), s1.end());
      std::sort(st.begin(), st.end());
      idx.first_order_low = quantile_sorted(s1, alpha);
      idx.first_order_high = quantile_sorted(s1, 1.0 - alpha);
      idx.total_order_low = quantile_sorted(st, alpha);
      idx.total_order_high = quantile_sorted(st, 1.0 - alpha);
    }
  }
  return result;
}

SobolResult sobol_indices(const std::vector<SobolInput>& inputs, std::size_t m,
                          const SobolModel& model, const SobolOptions& o) {
  const std::size_t k = inputs.size();
  for (const auto& in : inputs)
    if (!in.quantile)
      throw std::invalid_argument(fmt::format("input '{}' has no quantile function", in.name));
  const auto design = saltelli_unit_design(k, o);
  const std::size_t rows = design.size() / k;
  std::vector<double> values(rows * m);
  parallel_chunks(rows, thread_count(o.threads, rows), [&](std::size_t begin, std::size_t end) {
    std::vector<double> x(k);
    for (std::size_t r = begin; r < end; ++r) {
      for (std::size_t c = 0; c < k; ++c) x[c] = inputs[c].quantile(design[r * k + c]);
      model(x, std::span<double>(&values[r * m], m));
    }
  });
  SobolResult result = sobol_analyze(k, m, values, o);
  for (const auto& in : inputs) result.input_names.push_back(in.name);
  return result;
}

std::vector<std::size_t> ranked_inputs(const SobolResult& result, std::size_t output) {
  const auto& in = result.outputs.at(output).inputs;
  std::vector<std::size_t> order(in.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double ta = in[a].total_order, tb = in[b].total_order;
    if (std::isnan(ta) != std::isnan(tb)) return std::isnan(tb);
    return ta > tb;
  });
  return order;
}

namespace {

nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

void check_names(const SobolResult& result, std::span<const std::string> output_names) {
  if (output_names.size() != result.outputs.size())
    throw std::invalid_argument(
        fmt::format("{} output names for {} outputs", output_names.size(), result.outputs.size()));
}

std::string input_name(const SobolResult& result, std::size_t i) {
  return i < result.input_names.size() ? result.input_names[i] : fmt::format("x{}", i + 1);
}

}  // namespace

nlohmann::json sobol_to_json(const SobolResult& result, std::span<const std::string> output_names,
                             const SobolOptions& options) {
  check_names(result, output_names);
  nlohmann::json j = {
      {"base_samples", result.base_samples},
      {"evaluations", result.evaluations},
      {"seed", options.seed},
      {"sampling",
       options.sampling == SobolSampling::scrambled_halton ? "scrambled_halton" : "monte_carlo"},
      {"bootstrap", options.bootstrap},
      {"confidence", options.confidence},
      {"estimators", "S1: Saltelli et al. (2010); ST: Jansen (1999)"},
      {"outputs", nlohmann::json::array()}};
  for (std::size_t o = 0; o < result.outputs.size(); ++o) {
    const auto& out = result.outputs[o];
    nlohmann::json inputs = nlohmann::json::array();
    for (std::size_t i : ranked_inputs(result, o)) {
      const auto& x = out.inputs[i];
      inputs.push_back({{"name", input_name(result, i)},
                        {"first_order", number_or_null(x.first_order)},
                        {"first_order_low", number_or_null(x.first_order_low)},
                        {"first_order_high", number_or_null(x.first_order_high)},
                        {"total_order", number_or_null(x.total_order)},
                        {"total_order_low", number_or_null(x.total_order_low)},
                        {"total_order_high", number_or_null(x.total_order_high)}});
    }
    j["outputs"].push_back({{"name", output_names[o]},
                            {"mean", number_or_null(out.mean)},
                            {"variance", number_or_null(out.variance)},
                            {"inputs", inputs}});
  }
  return j;
}

std::string sobol_table_text(const SobolResult& result, std::span<const std::string> output_names,
                             double confidence) {
  check_names(result, output_names);
  auto v = [](double x) { return std::isnan(x) ? std::string("n/a") : fmt::format("{:.3f}", x); };
  std::string s;
  for (std::size_t o = 0; o < result.outputs.size(); ++o) {
    const auto& out = result.outputs[o];
    s += fmt::format("{} (mean {}, variance {}, {} model runs)\n", output_names[o], v(out.mean),
                     v(out.variance), result.evaluations);
    if (!(out.variance > 0)) {
      s += "  constant output: sensitivity undefined\n";
      continue;
    }
    const std::string ci = fmt::format("{:g}% interval", 100 * confidence);
    s += fmt::format("  {:<28} {:>7}  {:<16}  {:>7}  {:<16}\n", "input", "S1", ci, "ST", ci);
    for (std::size_t i : ranked_inputs(result, o)) {
      const auto& x = out.inputs[i];
      std::string name = input_name(result, i);
      if (name.size() > 28) name = name.substr(0, 27) + "~";
      s += fmt::format("  {:<28} {:>7}  [{}, {}]  {:>7}  [{}, {}]\n", name, v(x.first_order),
                       v(x.first_order_low), v(x.first_order_high), v(x.total_order),
                       v(x.total_order_low), v(x.total_order_high));
    }
  }
  return s;
}

}  // namespace detente::sim
