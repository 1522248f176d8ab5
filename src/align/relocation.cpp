#include "align/relocation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "core/parallel.hpp"
#include "core/splitmix.hpp"

namespace detente::align {

namespace {

// Runs job(i) for i in [0, count) on `threads` threads; each job writes its own slot.
template <typename Job>
void run_parallel(int count, int threads, Job job) {
  threads = std::max(1, std::min(threads, count));
  if (threads == 1) {
    for (int i = 0; i < count; ++i) job(i);
    return;
  }
  parallel_workers(threads, [&](int t) {
    for (int i = t; i < count; i += threads) job(i);
  });
}

// Node-to-cluster tie sums for the relocation moves.
class Relocator {
 public:
  Relocator(const SignedGraph& g, int k, double alpha, bool weighted)
      : g_(g), adj_(adjacency(g)), k_(k), alpha_(alpha), weighted_(weighted) {}

  double weight(int e) const { return weighted_ ? g_.edges[e].weight : 1.0; }

  // Local optimum from `cluster` (in place); returns the criterion.
  double descend(std::vector<int>& cluster, std::mt19937_64& rng) {
    int n = g_.size();
    pos_.assign(static_cast<std::size_t>(n) * k_, 0.0);
    neg_.assign(static_cast<std::size_t>(n) * k_, 0.0);
    pos_total_.assign(n, 0.0);
    for (int e = 0; e < static_cast<int>(g_.edges.size()); ++e) {
      const auto& ed = g_.edges[e];
      auto& m = ed.sign > 0 ? pos_ : neg_;
      m[idx(ed.u, cluster[ed.v])] += weight(e);
      m[idx(ed.v, cluster[ed.u])] += weight(e);
      if (ed.sign > 0) pos_total_[ed.u] += weight(e), pos_total_[ed.v] += weight(e);
    }
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    bool moved = true;
    while (moved) {
      moved = false;
      std::shuffle(order.begin(), order.end(), rng);
      for (int v : order) {
        int from = cluster[v], best = from;
        double best_cost = node_cost(v, from);
        for (int c = 0; c < k_; ++c) {
          double cost = node_cost(v, c);
          if (cost < best_cost - 1e-12) best = c, best_cost = cost;
        }
        if (best == from) continue;
        cluster[v] = best;
        for (auto [u, e] : adj_[v]) {
          auto& m = g_.edges[e].sign > 0 ? pos_ : neg_;
          m[idx(u, from)] -= weight(e);
          m[idx(u, best)] += weight(e);
        }
        moved = true;
      }
    }
    return blockmodel_criterion(g_, cluster, alpha_, weighted_).criterion;
  }

 private:
  std::size_t idx(int v, int c) const { return static_cast<std::size_t>(v) * k_ + c; }
  // v's share of the criterion if it sat in cluster c (each tie counted at both ends).
  double node_cost(int v, int c) const {
    return alpha_ * neg_[idx(v, c)] + (1 - alpha_) * (pos_total_[v] - pos_[idx(v, c)]);
  }

  const SignedGraph& g_;
  std::vector<std::vector<std::pair<int, int>>> adj_;
  int k_;
  double alpha_;
  bool weighted_;
  std::vector<double> pos_, neg_, pos_total_;
};

}  // namespace

BlockmodelResult blockmodel_criterion(const SignedGraph& g, const std::vector<int>& cluster,
                                      double alpha, bool weighted) {
  BlockmodelResult r;
  r.cluster = cluster;
  for (const auto& e : g.edges) {
    double w = weighted ? e.weight : 1.0;
    bool same = cluster[e.u] == cluster[e.v];
    if (e.sign < 0 && same) r.negative_within += w;
    if (e.sign > 0 && !same) r.positive_between += w;
  }
  r.criterion = alpha * r.negative_within + (1 - alpha) * r.positive_between;
  return r;
}

BlockmodelResult signed_blockmodel(const SignedGraph& g, const BlockmodelOptions& options) {
  int k = std::max(1, options.clusters);
  int starts = std::max(1, options.starts);
  std::vector<std::vector<int>> found(starts);
  std::vector<double> value(starts);
  run_parallel(starts, options.threads, [&](int s) {
    std::mt19937_64 rng(mix_seed(options.seed, s));
    std::uniform_int_distribution<int> pick(0, k - 1);
    std::vector<int> cluster(g.size());
    for (auto& c : cluster) c = pick(rng);
    Relocator reloc(g, k, options.alpha, options.weighted);
    value[s] = reloc.descend(cluster, rng);
    found[s] = std::move(cluster);
  });
  int best = static_cast<int>(std::min_element(value.begin(), value.end()) - value.begin());
  BlockmodelResult r = blockmodel_criterion(g, found[best], options.alpha, options.weighted);
  for (double v : value)
    if (std::abs(v - value[best]) < 1e-9) ++r.starts_reaching_best;
  return r;
}

FrustrationHeuristicResult frustration_heuristic(const SignedGraph& g,
                                                 const FrustrationHeuristicOptions& options) {
  auto start_time = std::chrono::steady_clock::now();
  int starts = std::max(1, options.starts);
  int n = g.size();
  auto adj = adjacency(g);
  std::vector<std::vector<int>> found(starts);
  std::vector<double> value(starts);
  run_parallel(starts, options.threads, [&](int s) {
    std::mt19937_64 rng(mix_seed(options.seed, s));
    std::vector<int> side(n, 0);
    if (s % 2 == 0) {
      // A random spanning forest coloured consistently (balanced on its own ties).
      std::vector<char> keep(g.edges.size(), 1);
      std::vector<int> seen(n, 0), order(n), queue;
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), rng);
      std::vector<char> in_tree(g.edges.size(), 0);
      for (int root : order) {
        if (seen[root]) continue;
        seen[root] = 1;
        queue.assign(1, root);
        for (std::size_t q = 0; q < queue.size(); ++q) {
          int v = queue[q];
          auto nb = adj[v];
          std::shuffle(nb.begin(), nb.end(), rng);
          for (auto [u, e] : nb)
            if (!seen[u]) seen[u] = 1, in_tree[e] = 1, queue.push_back(u);
        }
      }
      for (std::size_t e = 0; e < keep.size(); ++e) keep[e] = in_tree[e] ? 0 : 1;
      side = balanced_sides(g, keep);
    } else {
      std::bernoulli_distribution coin(0.5);
      for (auto& x : side) x = coin(rng) ? 1 : 0;
    }
    double best = improve_by_moves(g, side, options.weighted);
    // Iterated local search: switch a small connected patch, descend, keep if better.
    std::uniform_int_distribution<int> node(0, std::max(0, n - 1));
    int patch = std::max(2, std::min(n / 10, 30));
    std::vector<int> trial;
    for (int kick = 0; kick < options.kicks && n > 1; ++kick) {
      trial = side;
      int v = node(rng);
      std::vector<int> queue{v};
      std::vector<char> mark(n, 0);
      mark[v] = 1;
      for (std::size_t q = 0; q < queue.size() && static_cast<int>(queue.size()) < patch; ++q)
        for (auto [u, e] : adj[queue[q]])
          if (!mark[u] && static_cast<int>(queue.size()) < patch) mark[u] = 1, queue.push_back(u);
      for (int u : queue) trial[u] ^= 1;
      double value_trial = improve_by_moves(g, trial, options.weighted);
      if (value_trial < best - 1e-12) best = value_trial, side.swap(trial);
    }
    if (n > 0 && side[0] == 1)
      for (auto& x : side) x ^= 1;
    value[s] = best;
    found[s] = std::move(side);
  });
  int best = static_cast<int>(std::min_element(value.begin(), value.end()) - value.begin());
  FrustrationHeuristicResult out;
  auto& r = out.result;
  r.side = found[best];
  r.frustration = frustration_of(g, r.side, options.weighted);
  r.frustrated = frustrated_edges(g, r.side);
  r.lower_bound = 0;
  r.optimal = r.frustration == 0;
  for (double v : value)
    if (std::abs(v - value[best]) < 1e-9) ++out.starts_reaching_best;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
  return out;
}

}  // namespace detente::align
