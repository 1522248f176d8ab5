#include "align/signed_graph.hpp"

#include "core/ties.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "io/csv.hpp"
#include "io/scenario_toml.hpp"

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

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<int> parse_sign(const std::string& raw) {
  std::string t = trim(raw);
  if (t == "1" || t == "+1" || t == "+" || t == "1.0") return +1;
  if (t == "-1" || t == "-" || t == "-1.0") return -1;
  return std::nullopt;
}

std::uint64_t pair_key(int u, int v) {
  if (u > v) std::swap(u, v);
  return (static_cast<std::uint64_t>(u) << 32) | static_cast<std::uint32_t>(v);
}

// Combines the values given for a pair into one tie. Arcs are summed per direction; a
// pair with arcs both ways takes the mean of the two directions (so a symmetric arc list
// equals the undirected graph); undirected edges add their values.
class TieAccumulator {
 public:
  void add_arc(int u, int v, double value) { arcs_[directed_key(u, v)] += value; }
  void add_edge(int u, int v, double value) { pairs_[pair_key(u, v)] += value; }
  void into(SignedGraph& g) {
    std::map<std::uint64_t, double> total = pairs_;
    for (const auto& [key, value] : arcs_) {
      int u = static_cast<int>(key >> 32), v = static_cast<int>(key & 0xffffffffu);
      auto back = arcs_.find(directed_key(v, u));
      if (back == arcs_.end()) {
        total[pair_key(u, v)] += value;
      } else if (u < v) {
        total[pair_key(u, v)] += (value + back->second) / 2;
      }
    }
    for (const auto& [key, sum] : total) {
      if (std::abs(sum) < 1e-12) continue;
      g.add_edge(static_cast<int>(key >> 32), static_cast<int>(key & 0xffffffffu),
                 sum > 0 ? +1 : -1, std::abs(sum));
    }
  }

 private:
  static std::uint64_t directed_key(int u, int v) {
    return (static_cast<std::uint64_t>(u) << 32) | static_cast<std::uint32_t>(v);
  }
  // Ordered maps, so edge order is reproducible.
  std::map<std::uint64_t, double> arcs_, pairs_;
};

}  // namespace

SignedGraph read_signed_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail({path}, "cannot open file");
  io::CsvReader reader(in, path);
  io::CsvRecord rec;
  SignedGraph g;
  struct Seen {
    int sign;
    double weight;
    int line;
  };
  std::unordered_map<std::uint64_t, Seen> seen;
  bool first = true;
  while (reader.next(rec)) {
    if (rec.fields.empty() || (rec.fields.size() == 1 && trim(rec.fields[0]).empty())) continue;
    if (first) {
      first = false;
      // A header names its columns; a first row with a bad sign is data (and an error).
      static const std::vector<std::string> third{"sign", "signs", "polarity", "value", "tie"};
      static const std::vector<std::string> first_names{"from",  "source", "src",
                                                        "node1", "ego",    "actor1"};
      if (rec.fields.size() >= 3 && !parse_sign(rec.fields[2])) {
        std::string h3 = lower(trim(rec.fields[2])), h1 = lower(trim(rec.fields[0]));
        if (std::find(third.begin(), third.end(), h3) != third.end() ||
            std::find(first_names.begin(), first_names.end(), h1) != first_names.end())
          continue;
      }
    }
    if (rec.fields.size() < 3)
      fail({path, rec.line, rec.fields.size() < 2 ? "to" : "sign"},
           "expected from,to,sign[,weight]: got {} field(s)", rec.fields.size());
    if (rec.fields.size() > 4)
      fail({path, rec.line}, "expected from,to,sign[,weight]: got {} fields", rec.fields.size());
    std::string from = trim(rec.fields[0]), to = trim(rec.fields[1]);
    if (from.empty()) fail({path, rec.line, "from"}, "empty node name");
    if (to.empty()) fail({path, rec.line, "to"}, "empty node name");
    auto sign = parse_sign(rec.fields[2]);
    if (!sign)
      fail({path, rec.line, "sign"}, "unknown sign '{}': expected 1, +1, -1, + or -",
           trim(rec.fields[2]));
    double weight = 1.0;
    if (rec.fields.size() == 4) {
      auto w = io::parse_double(rec.fields[3]);
      if (!w || *w <= 0)
        fail({path, rec.line, "weight"}, "expected a weight > 0, got '{}'", trim(rec.fields[3]));
      weight = *w;
    }
    if (from == to) fail({path, rec.line, "to"}, "self-loop on '{}'", from);
    int u = g.add_node(from), v = g.add_node(to);
    auto [it, inserted] = seen.emplace(pair_key(u, v), Seen{*sign, weight, rec.line});
    if (!inserted) {
      if (it->second.sign != *sign)
        fail({path, rec.line, "sign"},
             "duplicate edge {}–{} with conflicting sign ({:+d} here, {:+d} on line {})", from, to,
             *sign, it->second.sign, it->second.line);
      if (it->second.weight != weight)
        fail({path, rec.line, "weight"},
             "duplicate edge {}–{} with conflicting weight ({} here, {} on line {})", from, to,
             weight, it->second.weight, it->second.line);
      continue;  // the same tie listed again (e.g. in both directions)
    }
    g.add_edge(u, v, *sign, weight);
  }
  if (g.edges.empty()) fail({path, 1}, "empty file: no edges (expected from,to,sign[,weight])");
  return g;
}

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

std::optional<long> parse_long(const std::string& t) {
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(t.c_str(), &end, 10);
  if (*end != '\0') return std::nullopt;
  return v;
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

}  // namespace

SignedGraph read_pajek(const std::string& path, const PajekOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail({path}, "cannot open file");
  enum class Mode { none, vertices, ties, arcslist, matrix, skip };
  Mode mode = Mode::none;
  bool arcs = true;  // *Arcs/*Arcslist/*Matrix are directed, *Edges/*Edgeslist not
  // The chosen network: the first one, or the one named in the options.
  bool chosen = false, found = false, finished = false, any_network_header = false;
  int n = -1, vertex_lines = 0, matrix_row = 0;
  std::vector<std::string> labels;
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
        if (toks.size() < 2 || !parse_long(toks[1]) || *parse_long(toks[1]) < 0)
          fail({path, line_no, "*Vertices"}, "expected the number of vertices");
        n = static_cast<int>(*parse_long(toks[1]));
        labels.assign(n, "");
        for (int i = 0; i < n; ++i) labels[i] = std::to_string(i + 1);
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
      if (toks.size() > 1) labels[v] = toks[1];
      ++vertex_lines;
    } else if (mode == Mode::ties) {
      if (toks.size() < 2) fail({path, line_no, "to"}, "expected 'from to [value]'");
      int u = vertex_index(toks[0], line_no, "from");
      int v = vertex_index(toks[1], line_no, "to");
      double value = 1.0;
      std::size_t next = 2;
      if (toks.size() > 2 && toks[2][0] != '[' &&
          std::isalpha(static_cast<unsigned char>(toks[2][0])) == 0) {
        auto w = io::parse_double(toks[2]);
        if (!w) fail({path, line_no, "value"}, "expected a tie value, got '{}'", toks[2]);
        value = *w;
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
        auto w = io::parse_double(toks[j]);
        if (!w) fail({path, line_no, "*Matrix"}, "expected a number, got '{}'", toks[j]);
        if (j != matrix_row && *w != 0) ties.add_arc(matrix_row, j, *w);
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
  for (int i = 0; i < n; ++i) {
    std::string name = labels[i];
    if (g.find_node(name)) name += "#" + std::to_string(i + 1);  // keep duplicate labels apart
    g.add_node(name);
  }
  ties.into(g);
  return g;
}

SignedGraph read_dl(const std::string& path, const DlOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail({path}, "cannot open file");
  std::string raw;
  int line_no = 0;
  int n = -1, nm = 1;
  std::vector<std::string> labels;
  enum class Mode { header, labels, other_labels, data } mode = Mode::header;
  std::vector<double> values;
  std::vector<int> value_lines;
  bool seen_dl = false;
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string line = trim(raw);
    if (line.empty()) continue;
    std::string up = lower(line);
    if (!seen_dl) {
      if (up.rfind("dl", 0) != 0) fail({path, line_no}, "not a UCINET DL file: expected 'DL'");
      seen_dl = true;
      line = trim(line.substr(2));
      up = lower(line);
      if (line.empty()) continue;
    }
    if (mode != Mode::data) {
      if (up.rfind("n=", 0) == 0 || up.rfind("n =", 0) == 0 ||
          up.find("nm=") != std::string::npos) {
        std::stringstream ss(up);
        std::string tok;
        while (ss >> tok) {
          auto eq = tok.find('=');
          if (eq == std::string::npos) continue;
          std::string name = tok.substr(0, eq);
          if (name != "n" && name != "nm") continue;  // e.g. format=fullmatrix on this line
          auto v = parse_long(tok.substr(eq + 1));
          if (!v || *v <= 0) fail({path, line_no, name}, "expected a positive count");
          if (tok.substr(0, eq) == "n") n = static_cast<int>(*v);
          if (tok.substr(0, eq) == "nm") nm = static_cast<int>(*v);
        }
        continue;
      }
      if (up.rfind("format", 0) == 0) {
        if (up.find("fullmatrix") == std::string::npos)
          fail({path, line_no, "FORMAT"}, "only FORMAT = FULLMATRIX is supported");
        continue;
      }
      if (up == "labels:" || up == "row labels:") {
        mode = Mode::labels;
        continue;
      }
      if (up == "column labels:" || up == "level labels:" || up == "matrix labels:") {
        mode = Mode::other_labels;
        continue;
      }
      if (up == "data:") {
        mode = Mode::data;
        continue;
      }
      if (mode == Mode::labels) {
        labels.push_back(line);
        continue;
      }
      if (mode == Mode::other_labels) continue;
      fail({path, line_no}, "unexpected line in the DL header: '{}'", line);
    }
    std::stringstream ss(line);
    std::string tok;
    while (ss >> tok) {
      auto v = io::parse_double(tok);
      if (!v) fail({path, line_no, "DATA"}, "expected a number, got '{}'", tok);
      values.push_back(*v);
      value_lines.push_back(line_no);
    }
  }
  if (!seen_dl) fail({path, 1}, "empty file: expected a UCINET DL header");
  if (n < 0) fail({path, 0, "N"}, "missing N= in the DL header");
  if (options.matrix < 0 || options.matrix >= nm)
    fail({path, 0, "NM"}, "matrix {} requested, the file has {}", options.matrix + 1, nm);
  std::size_t need = static_cast<std::size_t>(n) * n * nm;
  if (values.size() != need)
    fail({path, value_lines.empty() ? line_no : value_lines.back(), "DATA"},
         "expected {} values ({} matrices of {}×{}), got {}", need, nm, n, n, values.size());
  SignedGraph g;
  for (int i = 0; i < n; ++i)
    g.add_node(i < static_cast<int>(labels.size()) ? labels[i] : std::to_string(i + 1));
  TieAccumulator ties;
  std::size_t base = static_cast<std::size_t>(options.matrix) * n * n;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (i != j && values[base + i * n + j] != 0) ties.add_arc(i, j, values[base + i * n + j]);
  ties.into(g);
  return g;
}

SignedGraph read_signed_graph(const std::string& path) {
  std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".net" || ext == ".paj") return read_pajek(path);
  if (ext == ".dat" || ext == ".dl") return read_dl(path);
  return read_signed_csv(path);
}

SignedGraph load_signed_network(const std::string& input, std::optional<Date> date) {
  std::string ext = lower(std::filesystem::path(input).extension().string());
  if (ext == ".csv" || ext == ".net" || ext == ".paj" || ext == ".dat" || ext == ".dl")
    return read_signed_graph(input);
  Scenario s = io::load_scenario(input);
  return relation_network(s, date ? *date : s.reference_date());
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
