// UCINET DL full matrices (see graph_reader.hpp).
#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv.hpp"
#include "io/graph/graph_reader.hpp"
#include "io/graph/graph_text.hpp"
#include "io/limits.hpp"

namespace detente::align {

using namespace detail;

SignedGraph read_dl(const std::string& path, const DlOptions& options) {
  std::istringstream in(io::read_file(path));
  return read_dl(in, io::input_name(path), options);
}

SignedGraph read_dl(std::istream& in, const std::string& path, const DlOptions& options) {
  std::string raw;
  int line_no = 0;
  long n = -1, nm = 1;
  std::vector<std::string> labels, matrix_labels;
  enum class Mode { header, labels, matrix_labels, other_labels, data } mode = Mode::header;
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
          const long limit = name == "n" ? io::limits::kMaxVertices : io::limits::kMaxMatrices;
          if (*v > limit)
            fail({path, line_no, name == "n" ? "N" : "NM"},
                 "{} declared: the limit is {} (io/limits.hpp)", *v, limit);
          if (name == "n") n = *v;
          if (name == "nm") nm = *v;
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
      if (up == "matrix labels:" || up == "level labels:") {
        mode = Mode::matrix_labels;
        continue;
      }
      if (up == "column labels:") {
        mode = Mode::other_labels;
        continue;
      }
      if (up == "data:") {
        // Declared sizes are checked before any value is stored.
        if (n < 0) fail({path, line_no, "N"}, "DATA: before N= in the DL header");
        if (static_cast<double>(n) * n * nm > static_cast<double>(io::limits::kMaxMatrixValues))
          fail({path, line_no, "N"}, "{} matrices of {}×{} declared: the limit is {} values", nm, n,
               n, io::limits::kMaxMatrixValues);
        mode = Mode::data;
        continue;
      }
      if (mode == Mode::labels) {
        for (const auto& l : labels)
          if (l == line) fail({path, line_no, "LABELS"}, "duplicate label '{}'", line);
        labels.push_back(line);
        continue;
      }
      if (mode == Mode::matrix_labels) {
        matrix_labels.push_back(line);
        continue;
      }
      if (mode == Mode::other_labels) continue;
      fail({path, line_no}, "unexpected line in the DL header: '{}'", line);
    }
    std::stringstream ss(line);
    std::string tok;
    while (ss >> tok) {
      if (values.size() == static_cast<std::size_t>(n * n * nm))
        fail({path, line_no, "DATA"}, "more than the {} values declared ({} matrices of {}×{})",
             values.size(), nm, n, n);
      values.push_back(io::parse_input_number(tok, {path, line_no, "DATA"}));
      value_lines.push_back(line_no);
    }
  }
  if (!seen_dl) fail({path, 1}, "empty file: expected a UCINET DL header");
  if (n < 0) fail({path, 0, "N"}, "missing N= in the DL header");
  if (options.matrix < 0 || options.matrix >= nm)
    fail({path, 0, "NM"}, "matrix {} requested, the file has {}", options.matrix + 1, nm);
  if (static_cast<long>(labels.size()) > n)
    fail({path, 0, "LABELS"}, "{} labels for N={} vertices", labels.size(), n);
  std::size_t need = static_cast<std::size_t>(n) * n * nm;
  if (values.size() != need)
    fail({path, value_lines.empty() ? line_no : value_lines.back(), "DATA"},
         "expected {} values ({} matrices of {}×{}), got {}", need, nm, n, n, values.size());
  SignedGraph g;
  for (int i = 0; i < n; ++i) {
    std::string name = i < static_cast<int>(labels.size()) ? labels[i] : std::to_string(i + 1);
    if (g.add_node(name) != i) fail({path, 0, "LABELS"}, "label '{}' names two vertices", name);
  }
  if (nm > 1 && options.notes) {
    const auto k = static_cast<std::size_t>(options.matrix);
    options.notes->push_back(fmt::format(
        "{} holds {} matrices (NM={}): read matrix {}{}; choose another with --matrix K", path, nm,
        nm, k + 1, k < matrix_labels.size() ? " '" + matrix_labels[k] + "'" : std::string()));
  }
  TieAccumulator ties;
  std::size_t base = static_cast<std::size_t>(options.matrix) * n * n;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (i != j && values[base + i * n + j] != 0) ties.add_arc(i, j, values[base + i * n + j]);
  ties.into(g);
  return g;
}

}  // namespace detente::align
