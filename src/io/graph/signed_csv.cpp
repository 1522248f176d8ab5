// CSV edge lists from,to,sign[,weight] (see graph_reader.hpp).
#include <algorithm>
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

std::optional<int> parse_sign(const std::string& raw) {
  std::string t = trim(raw);
  if (t == "1" || t == "+1" || t == "+" || t == "1.0") return +1;
  if (t == "-1" || t == "-" || t == "-1.0") return -1;
  return std::nullopt;
}

SignedGraph read_signed_csv(const std::string& path) {
  std::istringstream in(io::read_file(path));
  return read_signed_csv(in, io::input_name(path));
}

SignedGraph read_signed_csv(std::istream& in, const std::string& path) {
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
      const double w =
          io::parse_input_number(rec.fields[3], {path, rec.line, "weight"}, "a weight > 0");
      if (w <= 0)
        fail({path, rec.line, "weight"}, "expected a weight > 0, got '{}'", trim(rec.fields[3]));
      weight = w;
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

}  // namespace detente::align
