#include "align/landscape.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>

#include "align/relocation.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/parallel.hpp"
#include "core/splitmix.hpp"

namespace detente::align {

namespace {

// Couplings J_ij = s_i s_j p_ij with a zero diagonal, row-major.
struct Couplings {
  int n = 0;
  std::vector<double> J;
  double tol = 1e-9;
  const double* row(int k) const { return J.data() + static_cast<std::size_t>(k) * n; }
};

Couplings couplings(const LandscapeInput& in) {
  Couplings c;
  c.n = static_cast<int>(in.actors.size());
  c.J.assign(static_cast<std::size_t>(c.n) * c.n, 0.0);
  double scale = 0;
  for (int i = 0; i < c.n; ++i)
    for (int j = 0; j < c.n; ++j)
      if (i != j) {
        c.J[static_cast<std::size_t>(i) * c.n + j] = in.size[i] * in.size[j] * in.propensity[i][j];
        scale = std::max(scale, std::abs(c.J[static_cast<std::size_t>(i) * c.n + j]));
      }
  c.tol = 1e-9 * std::max(1.0, scale) * c.n;
  return c;
}

// Side of actor i (i ≥ 1) in configuration `config`; actor 0 is always on side 0.
inline int side_of(std::uint64_t config, int i) {
  return i == 0 ? 0 : static_cast<int>((config >> (i - 1)) & 1);
}

std::vector<int> sides(std::uint64_t config, int n) {
  std::vector<int> s(n);
  for (int i = 0; i < n; ++i) s[i] = side_of(config, i);
  return s;
}

// Local fields h_k = σ_k Σ_j J_kj σ_j: switching k changes E by 2·h_k.
struct State {
  std::vector<double> sigma, h;
  void init(const Couplings& c, std::uint64_t config) {
    sigma.assign(c.n, 1.0);
    for (int i = 0; i < c.n; ++i) sigma[i] = side_of(config, i) ? -1.0 : 1.0;
    init_fields(c);
  }
  void init_fields(const Couplings& c) {
    h.assign(c.n, 0.0);
    for (int k = 0; k < c.n; ++k) {
      const double* r = c.row(k);
      double s = 0;
      for (int j = 0; j < c.n; ++j) s += r[j] * sigma[j];
      h[k] = sigma[k] * s;
    }
  }
  // Switches actor k; returns the index of the smallest field afterwards.
  int flip(const Couplings& c, int k) {
    const double* r = c.row(k);
    double f = 2 * sigma[k];
    double hk = h[k];
    int n = c.n;
    double* hp = h.data();
    const double* sp = sigma.data();
    for (int j = 0; j < n; ++j) hp[j] -= f * sp[j] * r[j];
    h[k] = -hk;
    sigma[k] = -sigma[k];
    return argmin();
  }
  // Switches actor k; returns the smallest field afterwards (one fused pass).
  double flip_min(const Couplings& c, int k) {
    const double* r = c.row(k);
    double f = 2 * sigma[k];
    double hk = h[k];
    int n = c.n;
    double* hp = h.data();
    const double* sp = sigma.data();
    // J_kk = 0 leaves h[k] alone in the loop, so set it first; two running minima let
    // the compiler overlap the comparisons.
    hp[k] = -hk;
    double lo0 = std::numeric_limits<double>::infinity(), lo1 = lo0;
    int j = 0;
    for (; j + 1 < n; j += 2) {
      double v0 = hp[j] - f * sp[j] * r[j];
      double v1 = hp[j + 1] - f * sp[j + 1] * r[j + 1];
      hp[j] = v0;
      hp[j + 1] = v1;
      lo0 = v0 < lo0 ? v0 : lo0;
      lo1 = v1 < lo1 ? v1 : lo1;
    }
    for (; j < n; ++j) {
      double v = hp[j] - f * sp[j] * r[j];
      hp[j] = v;
      lo0 = v < lo0 ? v : lo0;
    }
    sigma[k] = -sigma[k];
    return lo0 < lo1 ? lo0 : lo1;
  }
  int argmin() const { return static_cast<int>(std::min_element(h.begin(), h.end()) - h.begin()); }
};

// The configuration one steepest-descent step from `config` (itself at a minimum).
inline std::uint64_t descend_step(std::uint64_t config, int k, std::uint64_t all) {
  return k == 0 ? (config ^ all) : (config ^ (std::uint64_t{1} << (k - 1)));
}

LandscapeMinimum make_minimum(const LandscapeInput& in, std::uint64_t config) {
  LandscapeMinimum m;
  m.side = sides(config, static_cast<int>(in.actors.size()));
  m.energy = landscape_energy(in, m.side, &m.frustration);
  return m;
}

void check_input(const LandscapeInput& in) {
  std::size_t n = in.actors.size();
  if (n < 2 || in.size.size() != n || in.propensity.size() != n)
    throw std::invalid_argument("landscape: need at least two actors with sizes and propensities");
}

// Seeded steepest descents; returns the terminal configuration of each sample.
// Seeded steepest descents from random configurations; returns each sample's end as a
// side vector with actor 0 on side 0. Works for any number of actors.
std::vector<std::vector<int>> sampled_descents(const Couplings& c, const LandscapeOptions& o) {
  int n = c.n;
  int samples = std::max(1, o.samples);
  std::vector<std::vector<int>> out(samples);
  int threads = std::max(1, o.threads);
  ProgressTask task(o.progress, "landscape: sampled descents", static_cast<std::size_t>(samples),
                    "descents");
  auto work = [&](int t) {
    State st;
    for (int s = t; s < samples; s += threads, task.advance()) {
      std::mt19937_64 rng(mix_seed(o.seed, s));
      st.sigma.assign(n, 1.0);
      for (int i = 1; i < n; ++i) st.sigma[i] = (rng() & 1) ? -1.0 : 1.0;
      st.init_fields(c);
      int k = st.argmin();
      while (st.h[k] < -c.tol) k = st.flip(c, k);
      std::vector<int> side(n);
      for (int i = 0; i < n; ++i) side[i] = (st.sigma[i] < 0) != (st.sigma[0] < 0) ? 1 : 0;
      out[s] = std::move(side);
    }
  };
  parallel_workers(threads, work);
  return out;
}

std::uint64_t config_of(const std::vector<int>& side) {
  std::uint64_t c = 0;
  for (std::size_t i = 1; i < side.size(); ++i)
    if (side[i] != side[0]) c |= std::uint64_t{1} << (i - 1);
  return c;
}

void sort_minima(LandscapeResult& r) {
  std::stable_sort(r.minima.begin(), r.minima.end(),
                   [](const LandscapeMinimum& a, const LandscapeMinimum& b) {
                     if (a.energy != b.energy) return a.energy < b.energy;
                     return a.side < b.side;
                   });
}

}  // namespace

double landscape_energy(const LandscapeInput& in, const std::vector<int>& side,
                        std::vector<double>* frustration) {
  std::size_t n = in.actors.size();
  if (frustration) frustration->assign(n, 0.0);
  double e = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double f = 0;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i && side[i] != side[j]) f += in.size[j] * in.propensity[i][j];
    if (frustration) (*frustration)[i] = in.size[i] * f;
    e += in.size[i] * f;
  }
  return e;
}

LandscapeResult exhaustive_landscape(const LandscapeInput& in, const LandscapeOptions& options) {
  check_input(in);
  Couplings c = couplings(in);
  int n = c.n;
  if (n > limits::kLandscapeExhaustiveMaxActors)
    throw std::invalid_argument(
        "landscape: exhaustive search beyond limits::kLandscapeExhaustiveMaxActors");
  int free_bits = n - 1;
  std::uint64_t total = std::uint64_t{1} << free_bits;
  std::uint64_t all = total - 1;
  int prefix = std::min(free_bits, 6);
  int low = free_bits - prefix;
  int chunks = 1 << prefix;
  bool exact_basins = n <= options.exact_basin_limit;
  std::vector<std::uint32_t> next;
  if (exact_basins) next.resize(total);
  std::vector<std::vector<std::uint64_t>> found(chunks);
  int threads = std::max(1, options.threads);
  auto walk = std::make_unique<ProgressTask>(options.progress, "landscape: exhaustive walk",
                                             static_cast<std::size_t>(total), "configurations");
  constexpr std::uint64_t kReportEvery = std::uint64_t{1} << 16;  // configurations per advance
  auto work = [&](int t) {
    State st;
    for (int chunk = t; chunk < chunks; chunk += threads) {
      std::uint64_t config = static_cast<std::uint64_t>(chunk) << low;
      st.init(c, config);
      int k = st.argmin();
      for (std::uint64_t i = 0;; ++i) {
        if (st.h[k] >= -c.tol) found[chunk].push_back(config);
        if (exact_basins)
          next[config] =
              static_cast<std::uint32_t>(st.h[k] >= -c.tol ? config : descend_step(config, k, all));
        if ((i + 1) % kReportEvery == 0) walk->advance(kReportEvery);
        if (i + 1 == (std::uint64_t{1} << low)) {
          walk->advance((i + 1) % kReportEvery);
          break;
        }
        int bit = std::countr_zero(i + 1);  // Gray code: switch actor bit+1
        config ^= std::uint64_t{1} << bit;
        k = st.flip(c, bit + 1);
      }
    }
  };
  parallel_workers(threads, work);
  walk.reset();  // its last line before the basins' (sampled descents report their own)

  LandscapeResult r;
  r.exhaustive = true;
  r.configurations = static_cast<double>(total);
  std::map<std::uint64_t, std::size_t> index;
  for (const auto& list : found)
    for (std::uint64_t config : list) {
      index.emplace(config, r.minima.size());
      r.minima.push_back(make_minimum(in, config));
    }
  if (exact_basins) {
    // Follow each configuration's descent; `next` is overwritten with its terminal.
    std::vector<std::uint64_t> path;
    std::vector<char> done(total, 0);
    for (std::uint64_t s = 0; s < total; ++s) {
      std::uint64_t x = s;
      path.clear();
      while (!done[x] && next[x] != x) {
        path.push_back(x);
        x = next[x];
      }
      done[x] = 1;
      std::uint32_t terminal = next[x];
      for (std::uint64_t p : path) next[p] = terminal, done[p] = 1;
      r.minima[index.at(terminal)].basin += 1;
    }
    r.basins_exact = true;
  } else {
    for (const auto& side : sampled_descents(c, options))
      if (auto it = index.find(config_of(side)); it != index.end()) r.minima[it->second].basin += 1;
  }
  double denom = r.basins_exact ? r.configurations : std::max(1, options.samples);
  for (auto& m : r.minima) m.basin_share = m.basin / denom;
  sort_minima(r);
  return r;
}

LandscapeResult heuristic_landscape(const LandscapeInput& in, const LandscapeOptions& options) {
  check_input(in);
  Couplings c = couplings(in);
  auto ends = sampled_descents(c, options);
  std::map<std::vector<int>, double> count;
  for (const auto& side : ends) count[side] += 1;
  LandscapeResult r;
  for (const auto& [side, k] : count) {
    LandscapeMinimum m;
    m.side = side;
    m.energy = landscape_energy(in, m.side, &m.frustration);
    m.basin = k;
    m.basin_share = k / static_cast<double>(ends.size());
    r.minima.push_back(std::move(m));
  }
  r.configurations = std::ldexp(1.0, c.n - 1);
  sort_minima(r);
  return r;
}

}  // namespace detente::align
