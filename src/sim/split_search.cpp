#include "sim/split_search.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/limits.hpp"
#include "sim/kernels.hpp"
#include "sim/rng.hpp"

namespace detente::sim {

namespace {

constexpr double kTolerance = 1e-12;  // a move must lower F by more than this
constexpr int kKicks = 4;             // perturbations after the starts (restart months)
constexpr int kRestartEvery = 6;      // months between full restarts

// field = X s as a sum of rows s_j · x_j (X is symmetric): axpy loops vectorise where a
// dot product's reduction would not (no reassociation is allowed).
#if defined(__x86_64__)
[[gnu::target_clones("avx2", "default")]]
#endif
void field_of(const double* x, int n, const double* s, double* field) {
  std::fill_n(field, n, 0.0);
  for (int j = 0; j < n; ++j) {
    const double sj = s[j];
    const double* row = x + static_cast<std::ptrdiff_t>(j) * n;
    for (int i = 0; i < n; ++i) field[i] += sj * row[i];
  }
}

// Σ_{i<j} |x_ij| in eight running sums (a fixed order, so deterministic) that vectorise.
double upper_abs_sum(const double* x, int n) {
  double total = 0;
  for (int i = 0; i < n; ++i) {
    const double* row = x + static_cast<std::ptrdiff_t>(i) * n;
    double acc[8] = {};
    int j = i + 1;
    for (; j + 8 <= n; j += 8)
      for (int k = 0; k < 8; ++k) acc[k] += std::abs(row[j + k]);
    for (; j < n; ++j) acc[0] += std::abs(row[j]);
    for (double a : acc) total += a;
  }
  return total;
}

// Single-actor moves in sweeps over the actors (first improvement) until a sweep moves no
// one; field f_i = Σ_j x_ij s_j, and moving i changes F by s_i f_i, so i moves when
// s_i f_i < −kTolerance. Each move strictly lowers F; at most 2n sweeps bound the work on
// near-ties. Sides are ±1.0 so that the field's dot products vectorise.
void local_search(const double* x, int n, double* s, double* field) {
  field_of(x, n, s, field);
  for (int sweep = 0; sweep < 2 * n; ++sweep) {
    bool moved = false;
    for (int i = 0; i < n; ++i) {
      if (!(s[i] * field[i] < -kTolerance)) continue;
      s[i] = -s[i];
      const double* row = x + static_cast<std::ptrdiff_t>(i) * n;
      const double step = 2.0 * s[i];
      for (int j = 0; j < n; ++j) field[j] += step * row[j];
      moved = true;
    }
    if (!moved) return;
  }
}

// F(s) from the field of a local optimum: Σ_{i<j} x_ij s_i s_j = ½ Σ_i s_i f_i, so
// F = ½ (Σ_{i<j} |x_ij| − ½ Σ_i s_i f_i), O(n) (the field carries the moves' updates; their
// rounding is far below the tolerance of a move).
double frustration_from_field(int n, const double* s, const double* field, double total_abs) {
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += s[i] * field[i];
  return std::max(0.0, 0.5 * (total_abs - 0.5 * sum));
}

// Signs of the leading eigenvector of X (largest algebraic eigenvalue), by power iteration
// on X + cI with c the largest absolute row sum (so that X + cI is positive semidefinite).
void spectral_start(const double* x, int n, std::span<double> v, std::span<double> next,
                    double* s) {
  double c = 0;
  for (int i = 0; i < n; ++i) {
    double r = 0;
    for (int j = 0; j < n; ++j) r += std::abs(x[static_cast<std::ptrdiff_t>(i) * n + j]);
    c = std::max(c, r);
  }
  for (int i = 0; i < n; ++i) v[i] = 1.0 + 0.01 * i / n;  // not orthogonal to the leader
  for (int it = 0; it < 8; ++it) {
    field_of(x, n, v.data(), next.data());
    double norm = 0;
    for (int i = 0; i < n; ++i) {
      next[i] += c * v[i];
      norm += next[i] * next[i];
    }
    norm = norm > 0 ? 1 / std::sqrt(norm) : 1;
    for (int i = 0; i < n; ++i) v[i] = next[i] * norm;
  }
  for (int i = 0; i < n; ++i) s[i] = v[i] < 0 ? -1.0 : 1.0;
}

// Colours the maximum-|x| spanning tree (Prim, O(n²)): a positive tie joins sides, a
// negative one separates them; actors without ties join side +1.
void tree_start(const double* x, int n, std::span<double> key, std::span<double> parent_tie,
                double* s, std::span<std::int8_t> done, std::span<int> parent) {
  std::fill(done.begin(), done.end(), 0);
  std::fill(key.begin(), key.end(), -1.0);
  std::fill(parent.begin(), parent.end(), -1);
  for (int step = 0; step < n; ++step) {
    int u = -1;
    for (int i = 0; i < n; ++i)
      if (!done[i] && (u < 0 || key[i] > key[u])) u = i;
    done[u] = 1;
    s[u] = parent[u] < 0 ? 1.0 : parent_tie[u] < 0 ? -s[parent[u]] : s[parent[u]];
    const double* row = x + static_cast<std::ptrdiff_t>(u) * n;
    for (int j = 0; j < n; ++j)
      if (!done[j] && std::abs(row[j]) > key[j] && row[j] != 0) {
        key[j] = std::abs(row[j]);
        parent[j] = u;
        parent_tie[j] = row[j];
      }
  }
}

}  // namespace

namespace {

// The greedy packing on the ties that the split s (±1.0) frustrates, heaviest `wanted` of
// them first; appends the packed triangles (a, b, c, y) to `packed` when given.
double pack_triangles(const double* x, int n, const double* s, double max_visits, double* r,
                      std::vector<std::pair<double, int>>& ties, std::vector<double>& room,
                      std::vector<PackedTriangle>* packed) {
  ties.clear();
  for (int a = 0; a < n; ++a) {
    const double* row = x + static_cast<std::ptrdiff_t>(a) * n;
    for (int b = a + 1; b < n; ++b)
      if (row[b] * s[a] * s[b] < 0) ties.emplace_back(-std::abs(row[b]), a * n + b);
  }
  const double limit = std::floor(max_visits / std::max(1, n));
  const std::size_t wanted = limit < static_cast<double>(ties.size())
                                 ? static_cast<std::size_t>(std::max(0.0, limit))
                                 : ties.size();
  if (wanted < ties.size())
    std::nth_element(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(wanted), ties.end());
  std::sort(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(wanted));
  for (std::size_t k = 0; k < static_cast<std::size_t>(n) * n; ++k) r[k] = std::abs(x[k]);
  room.resize(static_cast<std::size_t>(n));
  double bound = 0;
  for (std::size_t t = 0; t < wanted; ++t) {
    const int a = ties[t].second / n, b = ties[t].second % n;
    const double* xa = x + static_cast<std::ptrdiff_t>(a) * n;
    const double* xb = x + static_cast<std::ptrdiff_t>(b) * n;
    double* res_a = r + static_cast<std::ptrdiff_t>(a) * n;
    double* res_b = r + static_cast<std::ptrdiff_t>(b) * n;
    // Pass 1 (vectorises): the room of triangle (a, b, c) on its other two ties when it is
    // unbalanced (an odd number of negative ties; c = a or b has a zero diagonal), else 0.
    const double x_ab = xa[b];
    for (int c = 0; c < n; ++c) {
      const double m = res_a[c] < res_b[c] ? res_a[c] : res_b[c];
      room[c] = x_ab * xa[c] * xb[c] < 0 ? m : 0.0;
    }
    // Pass 2: share the room left on (a, b) among them in order of c. The triangles on
    // (a, b) share no other tie, so this is the sequential greedy packing.
    double left = res_a[b];
    for (int c = 0; c < n && left > 0; ++c) {
      if (!(room[c] > 0)) continue;
      const double amount = room[c] < left ? room[c] : left;
      bound += amount;
      left -= amount;
      double* res_c = r + static_cast<std::ptrdiff_t>(c) * n;
      res_a[c] -= amount, res_c[a] -= amount;
      res_b[c] -= amount, res_c[b] -= amount;
      if (packed) packed->push_back({a, b, c, amount});
    }
    res_a[b] = res_b[a] = left;
  }
  return bound;
}

// The packing's total on each triangle's three ties (ab, ac, bc), computed once per
// packing: the loads do not change until the next fresh packing.
void packing_loads(int n, const std::vector<PackedTriangle>& packed, double* load,
                   std::vector<std::array<double, 3>>& loads) {
  std::fill_n(load, static_cast<std::size_t>(n) * n, 0.0);
  auto at = [n](int i, int j) { return static_cast<std::ptrdiff_t>(i) * n + j; };
  for (const PackedTriangle& t : packed) {
    load[at(t.a, t.b)] += t.y;
    load[at(t.a, t.c)] += t.y;
    load[at(t.b, t.c)] += t.y;
  }
  loads.clear();
  for (const PackedTriangle& t : packed)
    loads.push_back({load[at(t.a, t.b)], load[at(t.a, t.c)], load[at(t.b, t.c)]});
}

// A packing found on earlier ties, made valid for x: a triangle no longer unbalanced is
// dropped, and each keeps the share min over its ties of min(1, |x_e| / load_e), load_e the
// packing's total on e, so that every tie carries at most |x_e|. O(packed triangles).
double rescale_packing(const double* x, int n, const std::vector<PackedTriangle>& packed,
                       const std::vector<std::array<double, 3>>& loads) {
  auto at = [n](int i, int j) { return static_cast<std::ptrdiff_t>(i) * n + j; };
  double bound = 0;
  for (std::size_t k = 0; k < packed.size(); ++k) {
    const PackedTriangle& t = packed[k];
    const double ab = x[at(t.a, t.b)], ac = x[at(t.a, t.c)], bc = x[at(t.b, t.c)];
    if (!(ab * ac * bc < 0)) continue;
    const double share = std::min(
        {1.0, std::abs(ab) / loads[k][0], std::abs(ac) / loads[k][1], std::abs(bc) / loads[k][2]});
    bound += t.y * share;
  }
  return bound;
}

}  // namespace

double triangle_packing_bound(std::span<const double> x, int n, std::span<const std::int8_t> side,
                              double max_visits, std::span<double> residual) {
  std::vector<double> s(side.begin(), side.end()), room;
  std::vector<std::pair<double, int>> ties;
  return pack_triangles(x.data(), n, s.data(), max_visits, residual.data(), ties, room, nullptr);
}

double rescaled_packing_bound(std::span<const double> x, int n,
                              const std::vector<PackedTriangle>& packed) {
  std::vector<double> load(static_cast<std::size_t>(n) * n);
  std::vector<std::array<double, 3>> loads;
  packing_loads(n, packed, load.data(), loads);
  return rescale_packing(x.data(), n, packed, loads);
}

SplitSearch::SplitSearch(int n, int substeps) : n_(n) {
  const double month_work = std::max(1, substeps) * 0.5 * n * n * std::max(n - 1, 0);
  exact_ = n <= limits::kExactSplitMaxActors &&
           std::ldexp(1.0, std::max(n - 1, 0)) <= limits::kExactSplitBudget * month_work;
  if (n < 3) exact_ = n <= limits::kExactSplitMaxActors;  // nothing to search
  if (!exact_) {
    const auto size = static_cast<std::size_t>(n);
    field_.resize(size);
    vec_.resize(size);
    next_.resize(size);
    residual_.resize(size * size);
    trial_.resize(size);
    best_.resize(size);
    marks_.resize(size);
    parent_.resize(size);
  }
}

std::string_view SplitSearch::method() const {
  return exact_ ? "exact (meet in the middle)"
                : "local search from 3 starts and 4 kicks, triangle-packing lower bound";
}

SplitValue SplitSearch::run(std::span<const double> x, std::span<std::int8_t> side, int month) {
  const int n = n_;
  if (exact_) {
    std::uint64_t split = 0;
    const double f = min_frustration(x, n, &split);
    for (int i = 0; i < n; ++i) side[i] = (split >> i) & 1 ? -1 : 1;
    return {f, f};
  }
  const double* xp = x.data();
  const double total_abs = upper_abs_sum(xp, n);
  double best = HUGE_VAL;
  auto consider = [&] {
    local_search(xp, n, trial_.data(), field_.data());
    const double f = frustration_from_field(n, trial_.data(), field_.data(), total_abs);
    if (f < best - kTolerance) {
      best = f;
      std::copy(trial_.begin(), trial_.end(), best_.begin());
    }
  };
  // Start 1: the previous month's split (ties move little in a month).
  for (int i = 0; i < n; ++i) trial_[i] = side[i] < 0 ? -1.0 : 1.0;
  consider();
  // In the first month (and every kRestartEvery months) two more starts: the leading
  // eigenvector's signs and the maximum spanning tree's colouring.
  const bool restart = month % kRestartEvery == 0;
  if (restart) {
    spectral_start(xp, n, vec_, next_, trial_.data());
    consider();
    tree_start(xp, n, vec_, next_, trial_.data(), marks_, parent_);
    consider();
  }
  // Kicks: flip ~n/10 actors of the best split at random (seeded by n and the month, not
  // by the run's stream) and descend again.
  std::uint64_t state =
      0x5eed5eedULL ^ (static_cast<std::uint64_t>(n) << 32) ^ static_cast<std::uint64_t>(month);
  const int flips = std::max(2, n / 10);
  for (int k = 0; k < (restart ? kKicks : 0); ++k) {
    std::copy(best_.begin(), best_.end(), trial_.begin());
    for (int f = 0; f < flips; ++f) {
      const auto i = static_cast<std::size_t>(splitmix64(state) % static_cast<std::uint64_t>(n));
      trial_[i] = -trial_[i];
    }
    consider();
  }
  const double sign0 = best_[0] < 0 ? -1.0 : 1.0;  // actor 0 on side +1
  for (int i = 0; i < n; ++i) side[i] = best_[i] * sign0 < 0 ? -1 : 1;
  // The bound: a fresh packing in the restart months, kept and rescaled in between.
  double bound;
  if (restart) {
    packed_.clear();
    bound = pack_triangles(xp, n, best_.data(), limits::kSplitBoundWork * n * n * n,
                           residual_.data(), ties_, room_, &packed_);
    packing_loads(n, packed_, residual_.data(), loads_);
  } else {
    bound = rescale_packing(xp, n, packed_, loads_);
  }
  return {best, std::min(bound, best)};
}

}  // namespace detente::sim
