// detente/align/signed_graph.hpp
//
// The signed, weighted, undirected graph every alignment analysis works on (frustration,
// blockmodels, balance measures, landscape theory), and its readers: CSV edge lists
// (`from,to,sign[,weight]`), Pajek networks (.net/.paj, arcs and edges, several networks
// and time stamps), UCINET DL full matrices (.dat/.dl) and a scenario's relations on a date.
// A pair of nodes has at most one tie; readers that meet several ties of a pair combine them
// as documented in docs/models/relation-network.md.
//
// Example:
//   detente::align::SignedGraph g =
//       detente::align::read_signed_graph("tribes_gahuku_gama_signed.csv");
//   for (const auto& e : g.edges) fmt::print("{} {} {}\n", g.names[e.u], g.names[e.v], e.sign);
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

// CSV edge list with columns from,to,sign[,weight]; a header row is optional (it is
// recognised by its column names, e.g. from,to,sign). Signs: 1, +1, -1, +, -. A pair listed
// twice (e.g. once in each direction) must agree in sign and weight. Errors name file,
// line and field: unknown sign, bad weight, self-loop, conflicting duplicate, empty file.
SignedGraph read_signed_csv(const std::string& path);

struct PajekOptions {
  std::string network;      // name after *Network; empty = the first network in the file
  std::optional<int> time;  // keep only ties whose [t1-t2] stamp contains this time point
};

// Pajek .net / .paj: *Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist, *Matrix;
// *Partition / *Vector / *Permutation blocks are skipped. Values of a pair combine into
// net: arcs are summed per direction (repeated lines, time points) and a pair with arcs
// both ways takes the mean of the two directions; undirected edges add. The tie's sign
// is sign(net), its weight |net|; pairs whose values cancel have no tie. Loops are ignored.
SignedGraph read_pajek(const std::string& path, const PajekOptions& options = {});

struct DlOptions {
  int matrix = 0;  // which of the NM matrices (0-based)
};

// UCINET DL, FORMAT = FULLMATRIX (labels from LABELS / ROW LABELS): entries (i,j) and
// (j,i) combine as Pajek arcs do.
SignedGraph read_dl(const std::string& path, const DlOptions& options = {});

// Chooses the reader by extension: .csv; .net/.paj (Pajek); .dat/.dl (UCINET DL).
SignedGraph read_signed_graph(const std::string& path);

// The scenario's relation network on `date`: every actor is a node; for each pair the
// active relations combine into one tie, net = clamp(Σ sign·weight, -1, 1); a zero net
// means no tie. Directed relations count for the pair like undirected ones.
SignedGraph relation_network(const Scenario& scenario, const Date& date);

// What a command's INPUT names: a graph file (.csv, .net, .paj, .dat, .dl) is read as
// such; anything else is a scenario (built-in name or .toml path) whose relation network
// on its reference date (or `date`, when given) is returned.
SignedGraph load_signed_network(const std::string& input, std::optional<Date> date = {});

}  // namespace detente::align
