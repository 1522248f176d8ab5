// detente/io/graph/graph_reader.hpp
//
// Readers of signed networks: CSV edge lists (`from,to,sign[,weight]`), Pajek networks
// (.net/.paj, arcs and edges, several networks and time stamps) and UCINET DL full
// matrices (.dat/.dl), each producing an align::SignedGraph and failing with InputError
// naming file, line and field. A pair of nodes has at most one tie; readers that meet
// several ties of a pair combine them as documented in docs/models/relation-network.md.
// Each reader also takes a stream, `name` standing for the path in diagnostics.
// Each reader is O(size of the file + nodes + ties · log ties).
//
// Example:
//   detente::align::SignedGraph g =
//       detente::align::read_signed_graph("tribes_gahuku_gama_signed.csv");
//   for (const auto& e : g.edges) fmt::print("{} {} {}\n", g.names[e.u], g.names[e.v], e.sign);
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "align/signed_graph.hpp"
#include "core/date.hpp"
#include "io/limits.hpp"

namespace detente::align {

// CSV edge list with columns from,to,sign[,weight]; a header row is optional (it is
// recognised by its column names, e.g. from,to,sign). Signs: 1, +1, -1, +, -. A pair listed
// twice (e.g. once in each direction) must agree in sign and weight. Errors name file,
// line and field: unknown sign, bad weight, self-loop, conflicting duplicate, empty file.
SignedGraph read_signed_csv(const std::string& path);
SignedGraph read_signed_csv(std::istream& in, const std::string& name);

struct PajekOptions {
  std::string network;      // name after *Network; empty = the first network in the file
  std::optional<int> time;  // keep only ties whose [t1-t2] stamp contains this time point
  // Most vertices *Vertices may declare (an error above it). Reading is O(declared
  // vertices): unlabelled vertices still get a name. The fuzz target lowers it so that one
  // execution stays in microseconds; users keep the documented limit.
  long max_vertices = io::limits::kMaxVertices;
};

// Pajek .net / .paj: *Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist, *Matrix;
// *Partition / *Vector / *Permutation blocks are skipped. Values of a pair combine into
// net: arcs are summed per direction (repeated lines, time points) and a pair with arcs
// both ways takes the mean of the two directions; undirected edges add. The tie's sign
// is sign(net), its weight |net|; pairs whose values cancel have no tie. Loops are ignored.
SignedGraph read_pajek(const std::string& path, const PajekOptions& options = {});
SignedGraph read_pajek(std::istream& in, const std::string& name, const PajekOptions& options = {});

struct DlOptions {
  int matrix = 0;  // which of the NM matrices (0-based)
  // Receives what the reader chose that the user should know: for a file of several
  // matrices, which one was read and how to choose another (the CLI prints it).
  std::vector<std::string>* notes = nullptr;
};

// UCINET DL, FORMAT = FULLMATRIX (labels from LABELS / ROW LABELS): entries (i,j) and
// (j,i) combine as Pajek arcs do.
SignedGraph read_dl(const std::string& path, const DlOptions& options = {});
SignedGraph read_dl(std::istream& in, const std::string& name, const DlOptions& options = {});

// Chooses the reader by extension: .csv; .net/.paj (Pajek); .dat/.dl (UCINET DL).
SignedGraph read_signed_graph(const std::string& path, const DlOptions& dl = {});

// What a command's INPUT names: a graph file (.csv, .net, .paj, .dat, .dl) is read as
// such; anything else is a scenario (built-in name or .toml path) whose relation network
// on its reference date (or `date`, when given) is returned.
SignedGraph load_signed_network(const std::string& input, std::optional<Date> date = {},
                                const DlOptions& dl = {});

}  // namespace detente::align
