// detente/io/graph/graph_text.hpp (internal to the graph readers)
//
// Text helpers and the tie-combination rule shared by the signed-network readers.
#pragma once

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "align/signed_graph.hpp"

namespace detente::align::detail {

inline std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

inline std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline std::optional<long> parse_long(const std::string& t) {
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(t.c_str(), &end, 10);
  if (*end != '\0') return std::nullopt;
  return v;
}

inline std::uint64_t pair_key(int u, int v) {
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

}  // namespace detente::align::detail
