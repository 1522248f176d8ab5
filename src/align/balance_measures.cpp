#include "align/balance_measures.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "align/frustration.hpp"

namespace detente::align {

std::vector<double> node_frustration(const SignedGraph& g, const std::vector<int>& side,
                                     bool weighted) {
  std::vector<double> out(g.size(), 0.0);
  for (const auto& e : g.edges)
    if (is_frustrated(e, side)) {
      out[e.u] += weighted ? e.weight : 1.0;
      out[e.v] += weighted ? e.weight : 1.0;
    }
  return out;
}

BalanceMeasures balance_measures(const SignedGraph& g, const std::vector<int>& side, bool weighted,
                                 const std::vector<double>& size, int walk_limit) {
  BalanceMeasures m;
  int n = g.size();
  auto adj = adjacency(g);
  auto w = [&](int e) { return weighted ? g.edges[e].weight : 1.0; };
  // Triangles: orient each tie from lower to higher (degree, index) rank and intersect.
  std::vector<int> rank(n);
  {
    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return adj[a].size() != adj[b].size() ? adj[a].size() < adj[b].size() : a < b;
    });
    for (int i = 0; i < n; ++i) rank[order[i]] = i;
  }
  std::vector<std::vector<std::pair<int, int>>> out(n);
  for (int v = 0; v < n; ++v)
    for (auto [u, e] : adj[v])
      if (rank[u] > rank[v]) out[v].push_back({u, e});
  std::vector<int> mark(n, -1);
  long long balanced = 0;
  double wb = 0, wall = 0;
  for (int v = 0; v < n; ++v) {
    for (auto [u, e] : out[v]) mark[u] = e;
    for (auto [u, e1] : out[v])
      for (auto [x, e2] : out[u])
        if (mark[x] >= 0) {
          int e3 = mark[x];
          ++m.triangles;
          int s = g.edges[e1].sign * g.edges[e2].sign * g.edges[e3].sign;
          double p = w(e1) * w(e2) * w(e3);
          wall += p;
          if (s > 0) ++balanced, wb += p;
        }
    for (auto [u, e] : out[v]) mark[u] = -1;
  }
  if (m.triangles > 0) {
    m.triangle_ratio = static_cast<double>(balanced) / m.triangles;
    m.triangle_ratio_weighted = wb / wall;
  }
  if (n <= walk_limit && n > 0) {
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n), b = Eigen::MatrixXd::Zero(n, n);
    for (int e = 0; e < static_cast<int>(g.edges.size()); ++e) {
      const auto& ed = g.edges[e];
      a(ed.u, ed.v) = a(ed.v, ed.u) = ed.sign * w(e);
      b(ed.u, ed.v) = b(ed.v, ed.u) = w(e);
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ea(a, Eigen::EigenvaluesOnly),
        eb(b, Eigen::EigenvaluesOnly);
    // Shift by the largest |A| eigenvalue so the exponentials cannot overflow.
    double shift = eb.eigenvalues().maxCoeff();
    double num = (ea.eigenvalues().array() - shift).exp().sum();
    double den = (eb.eigenvalues().array() - shift).exp().sum();
    m.walk_balance = num / den;
  } else if (n > walk_limit) {
    m.walk_balance = std::numeric_limits<double>::quiet_NaN();
  }
  double total = 0;
  for (int e = 0; e < static_cast<int>(g.edges.size()); ++e) total += w(e);
  if (!side.empty()) m.frustration = frustration_of(g, side, weighted);
  if (total > 0) {
    m.normalised_frustration = 1 - m.frustration / (total / 2);
    double s[2] = {0, 0};
    for (int i = 0; i < n; ++i) s[side.empty() ? 0 : side[i]] += size.empty() ? 1.0 : size[i];
    double all = s[0] + s[1];
    if (all > 0)
      m.polarization =
          4 * (s[0] / all) * (s[1] / all) * std::max(0.0, 1 - 2 * m.frustration / total);
  }
  return m;
}

}  // namespace detente::align
