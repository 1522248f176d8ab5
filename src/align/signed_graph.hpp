// detente/align/signed_graph.hpp
//
// The signed, weighted, undirected graph every alignment analysis works on (frustration,
// blockmodels, balance measures, landscape theory), and a scenario's relations on a date.
// A pair of nodes has at most one tie. The file readers (CSV, Pajek, UCINET DL) are in
// io/graph/graph_reader.hpp.
//
// Example:
//   auto nea = detente::align::relation_network(scenario, scenario.reference_date());
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/scenario.hpp"

namespace detente::align {

struct SignedEdge {
  int u = 0;  // node indices, u != v
  int v = 0;
  int sign = +1;        // +1 positive tie, -1 negative tie
  double weight = 1.0;  // > 0
};

struct SignedGraph {
  std::vector<std::string> names;
  std::vector<SignedEdge> edges;

  int size() const { return static_cast<int>(names.size()); }
  // Index of `name`, adding the node if it is new.
  int add_node(const std::string& name);
  std::optional<int> find_node(std::string_view name) const;
  // Adds a tie; the caller guarantees u != v, sign = ±1, weight > 0 and no existing tie.
  void add_edge(int u, int v, int sign, double weight = 1.0);
  int positive_edges() const;
  int negative_edges() const;
  bool has_weights() const;  // any weight other than 1

 private:
  std::unordered_map<std::string, int> index_;
};

// Adjacency lists (neighbour, edge index) for a graph.
std::vector<std::vector<std::pair<int, int>>> adjacency(const SignedGraph& g);

// The scenario's relation network on `date`: every actor is a node; for each pair the
// active relations combine into one tie, net = clamp(Σ sign·weight, -1, 1); a zero net
// means no tie. Directed relations count for the pair like undirected ones.
SignedGraph relation_network(const Scenario& scenario, const Date& date);

}  // namespace detente::align
