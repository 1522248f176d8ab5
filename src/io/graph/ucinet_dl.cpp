// UCINET DL full matrices (see graph_reader.hpp).
#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "io/csv.hpp"
#include "io/graph/graph_reader.hpp"
#include "io/graph/graph_text.hpp"

namespace detente::align {

using namespace detail;

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

}  // namespace detente::align
