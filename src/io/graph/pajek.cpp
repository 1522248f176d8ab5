// Pajek .net / .paj networks (see graph_reader.hpp).
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv.hpp"
#include "io/graph/graph_reader.hpp"
#include "io/graph/graph_text.hpp"
#include "io/limits.hpp"

namespace detente::align {

using namespace detail;

namespace {

// Splits a Pajek line into tokens; a double-quoted token keeps its spaces.
std::vector<std::string> pajek_tokens(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i >= line.size()) break;
    if (line[i] == '"') {
      std::size_t j = line.find('"', i + 1);
      if (j == std::string::npos) j = line.size();
      out.push_back(line.substr(i + 1, j - i - 1));
      i = j + 1;
    } else {
      std::size_t j = i;
      while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
      out.push_back(line.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

// A Pajek time stamp "[3]", "[2-4]", "[1-*]" or "[1-3,5-*]": does it contain t?
bool stamp_contains(const std::string& stamp, int t) {
  std::string body = stamp.substr(1, stamp.size() - 2);
  std::stringstream parts(body);
  std::string part;
  while (std::getline(parts, part, ',')) {
    auto dash = part.find('-');
    std::string a = trim(part.substr(0, dash));
    std::string b = dash == std::string::npos ? a : trim(part.substr(dash + 1));
    long lo = a == "*" ? -1000000000L : parse_long(a).value_or(0);
    long hi = b == "*" ? 1000000000L : parse_long(b).value_or(0);
    if (lo <= t && t <= hi) return true;
  }
  return false;
}

// "nan", "inf", "-infinity", … (any case): numbers strtod reads as non-finite.
bool spells_non_finite(const std::string& t) {
  std::string s = lower(t);
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.erase(0, 1);
  return s == "nan" || s == "inf" || s == "infinity" || s.rfind("nan(", 0) == 0;
}

}  // namespace

SignedGraph read_pajek(const std::string& path, const PajekOptions& options) {
  std::istringstream in(io::read_file(path));
  return read_pajek(in, io::input_name(path), options);
}

SignedGraph read_pajek(std::istream& in, const std::string& path, const PajekOptions& options) {
  enum class Mode { none, vertices, ties, arcslist, matrix, skip };
  Mode mode = Mode::none;
  bool arcs = true;  // *Arcs/*Arcslist/*Matrix are directed, *Edges/*Edgeslist not
  // The chosen network: the first one, or the one named in the options.
  bool chosen = false, found = false, finished = false, any_network_header = false;
  int n = -1, vertex_lines = 0, matrix_row = 0;
  // Only the vertices given a line are stored: a large *Vertices count with few vertex
  // lines costs nothing (unlisted vertices are named by their number).
  std::unordered_map<int, std::string> labels;
  std::unordered_map<int, int> vertex_line;
  TieAccumulator ties;
  std::string raw;
  int line_no = 0;
  auto vertex_index = [&](const std::string& tok, int line, const char* field) {
    auto v = parse_long(tok);
    if (!v) fail({path, line, field}, "expected a vertex number, got '{}'", tok);
    if (*v < 1 || *v > n) fail({path, line, field}, "vertex {} out of range 1..{}", *v, n);
    return static_cast<int>(*v - 1);
  };
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (line_no == 1 && raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.erase(0, 3);
    std::string line = trim(raw);
    if (line.empty() || line[0] == '%') continue;
    if (line[0] == '*') {
      auto toks = pajek_tokens(line);
      std::string key = lower(toks[0]);
      if (finished) continue;
      if (key == "*network") {
        if (found) {
          finished = true;
          continue;
        }
        std::string name = toks.size() > 1 ? trim(line.substr(line.find_first_of(" \t") + 1)) : "";
        any_network_header = true;
        chosen = options.network.empty() || name == options.network;
        found = chosen;
        mode = Mode::none;
        continue;
      }
      if (key == "*partition" || key == "*vector" || key == "*permutation" || key == "*cluster" ||
          key == "*hierarchy") {
        if (found) finished = true;
        chosen = false;
        mode = Mode::skip;
        continue;
      }
      if (key == "*vertices" && !found && !any_network_header) found = chosen = true;
      if (!chosen) {
        mode = Mode::skip;
        continue;
      }
      if (key == "*vertices") {
        if (n >= 0) {  // a second network in a file without *Network lines
          finished = true;
          continue;
        }
        auto count = toks.size() < 2 ? std::nullopt : parse_long(toks[1]);
        if (!count || *count < 0)
          fail({path, line_no, "*Vertices"}, "expected the number of vertices");
        if (*count == 0)
          fail({path, line_no, "*Vertices"}, "0 vertices declared: a network without vertices");
        if (*count > options.max_vertices)
          fail({path, line_no, "*Vertices"},
               "{} vertices declared: the limit is {} (io/limits.hpp)", toks[1],
               options.max_vertices);
        n = static_cast<int>(*count);
        vertex_lines = 0;
        mode = Mode::vertices;
      } else if (key == "*arcs" || key == "*edges") {
        if (n < 0) fail({path, line_no, toks[0]}, "ties before *Vertices");
        mode = Mode::ties;
        arcs = key == "*arcs";
      } else if (key == "*arcslist" || key == "*edgeslist") {
        if (n < 0) fail({path, line_no, toks[0]}, "ties before *Vertices");
        mode = Mode::arcslist;
        arcs = key == "*arcslist";
      } else if (key == "*matrix") {
        if (n < 0) fail({path, line_no, toks[0]}, "matrix before *Vertices");
        mode = Mode::matrix;
        matrix_row = 0;
      } else {
        fail({path, line_no, toks[0]}, "unknown Pajek section '{}'", toks[0]);
      }
      continue;
    }
    if (finished || !chosen || mode == Mode::skip || mode == Mode::none) continue;
    auto toks = pajek_tokens(line);
    if (mode == Mode::vertices) {
      int v = vertex_index(toks[0], line_no, "vertex");
      if (auto [it, added] = vertex_line.try_emplace(v, line_no); !added)
        fail({path, line_no, "vertex"}, "vertex {} listed twice (first on line {})", v + 1,
             it->second);
      if (toks.size() > 1) labels[v] = toks[1];
      ++vertex_lines;
    } else if (mode == Mode::ties) {
      if (toks.size() < 2) fail({path, line_no, "to"}, "expected 'from to [value]'");
      int u = vertex_index(toks[0], line_no, "from");
      int v = vertex_index(toks[1], line_no, "to");
      double value = 1.0;
      std::size_t next = 2;
      // A third token that is not a time stamp and not an attribute keyword (c, w, p, …)
      // is the value; "nan"/"inf" spell numbers and are refused, not taken for keywords.
      if (toks.size() > 2 && toks[2][0] != '[' &&
          (std::isalpha(static_cast<unsigned char>(toks[2][0])) == 0 ||
           spells_non_finite(toks[2]))) {
        value = io::parse_input_number(toks[2], {path, line_no, "value"}, "a tie value");
        next = 3;
      }
      if (options.time) {
        bool keep = true;
        for (std::size_t i = next; i < toks.size(); ++i)
          if (toks[i].size() >= 2 && toks[i].front() == '[' && toks[i].back() == ']')
            keep = stamp_contains(toks[i], *options.time);
        if (!keep) continue;
      }
      if (u != v && value != 0) arcs ? ties.add_arc(u, v, value) : ties.add_edge(u, v, value);
    } else if (mode == Mode::arcslist) {
      int u = vertex_index(toks[0], line_no, "from");
      for (std::size_t i = 1; i < toks.size(); ++i) {
        int v = vertex_index(toks[i], line_no, "to");
        if (u != v) arcs ? ties.add_arc(u, v, 1.0) : ties.add_edge(u, v, 1.0);
      }
    } else if (mode == Mode::matrix) {
      if (matrix_row >= n) fail({path, line_no, "*Matrix"}, "more than {} matrix rows", n);
      if (static_cast<int>(toks.size()) != n)
        fail({path, line_no, "*Matrix"}, "expected {} values in row {}, got {}", n, matrix_row + 1,
             toks.size());
      for (int j = 0; j < n; ++j) {
        const double w = io::parse_input_number(toks[j], {path, line_no, "*Matrix"});
        if (j != matrix_row && w != 0) ties.add_arc(matrix_row, j, w);
      }
      ++matrix_row;
    }
  }
  if (n < 0) {
    if (!options.network.empty())
      fail({path, 0, "*Network"}, "no network named '{}' in the file", options.network);
    fail({path, line_no, "*Vertices"}, "empty or not a Pajek file: no *Vertices section");
  }
  SignedGraph g;
  g.names.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    auto label = labels.find(i);
    std::string name = label != labels.end() ? label->second : std::to_string(i + 1);
    // add_node returns the existing index for a name seen before (O(1), unlike find_node):
    // duplicate labels are kept apart as "name#i".
    if (g.add_node(name) != i) {
      std::string alt = name + "#" + std::to_string(i + 1);
      while (g.add_node(alt) != i) alt += "'";  // "A#3" may itself be a label
    }
  }
  ties.into(g);
  return g;
}

}  // namespace detente::align
