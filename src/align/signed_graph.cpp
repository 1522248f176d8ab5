#include "align/signed_graph.hpp"

#include <algorithm>
#include <cmath>

#include "core/ties.hpp"

namespace detente::align {

int SignedGraph::add_node(const std::string& name) {
  if (index_.size() != names.size()) {  // names edited directly: rebuild the index
    index_.clear();
    for (int i = 0; i < size(); ++i) index_.emplace(names[i], i);
  }
  auto [it, inserted] = index_.emplace(name, size());
  if (inserted) names.push_back(name);
  return it->second;
}

std::optional<int> SignedGraph::find_node(std::string_view name) const {
  for (int i = 0; i < size(); ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

void SignedGraph::add_edge(int u, int v, int sign, double weight) {
  edges.push_back({u, v, sign, weight});
}

int SignedGraph::positive_edges() const {
  return static_cast<int>(
      std::count_if(edges.begin(), edges.end(), [](const SignedEdge& e) { return e.sign > 0; }));
}
int SignedGraph::negative_edges() const {
  return static_cast<int>(edges.size()) - positive_edges();
}
bool SignedGraph::has_weights() const {
  return std::any_of(edges.begin(), edges.end(),
                     [](const SignedEdge& e) { return e.weight != 1.0; });
}

std::vector<std::vector<std::pair<int, int>>> adjacency(const SignedGraph& g) {
  std::vector<std::vector<std::pair<int, int>>> adj(g.size());
  for (int i = 0; i < static_cast<int>(g.edges.size()); ++i) {
    adj[g.edges[i].u].push_back({g.edges[i].v, i});
    adj[g.edges[i].v].push_back({g.edges[i].u, i});
  }
  return adj;
}

SignedGraph relation_network(const Scenario& scenario, const Date& date) {
  SignedGraph g;
  for (const auto& a : scenario.actors) g.add_node(a.id);
  // One combination rule for every analysis: core/ties.hpp.
  const TieMatrix t = tie_matrix(scenario, date);
  for (std::size_t i = 0; i < t.size(); ++i)
    for (std::size_t j = i + 1; j < t.size(); ++j) {
      const double tie = t(i, j);
      if (std::abs(tie) < 1e-12) continue;
      g.add_edge(static_cast<int>(i), static_cast<int>(j), tie > 0 ? 1 : -1, std::abs(tie));
    }
  return g;
}

}  // namespace detente::align
