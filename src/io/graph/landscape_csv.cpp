// Axelrod–Bennett landscape inputs: actors and pairwise propensities (see landscape_csv.hpp).
#include "io/graph/landscape_csv.hpp"

#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv.hpp"
#include "io/limits.hpp"

namespace detente::align {

LandscapeInput read_landscape_csv(const std::string& actors_path,
                                  const std::string& propensities_path, double offset) {
  if (actors_path == "-" && propensities_path == "-")
    fail({"-"}, "standard input can be only one of the two tables");
  std::istringstream actors(io::read_file(actors_path));
  std::istringstream propensities(io::read_file(propensities_path));
  return read_landscape_csv(actors, io::input_name(actors_path), propensities,
                            io::input_name(propensities_path), offset);
}

LandscapeInput read_landscape_csv(std::istream& actors_in, const std::string& actors_path,
                                  std::istream& file, const std::string& propensities_path,
                                  double offset) {
  LandscapeInput in;
  auto actors = io::CsvTable::read(actors_in, actors_path);
  std::string name_col = actors.column("actor") ? "actor" : "name";
  std::string size_col = actors.column("strength") ? "strength" : "size";
  for (const auto& row : actors.rows()) {
    std::string name = actors.text(row, name_col);
    if (name.empty()) fail(actors.where(row, name_col), "empty actor name");
    for (std::size_t k = 0; k < in.actors.size(); ++k)
      if (in.actors[k] == name)
        fail(actors.where(row, name_col), "duplicate actor '{}' (first on line {})", name,
             actors.rows()[k].line);
    double s = actors.number(row, size_col);
    if (s <= 0) fail(actors.where(row, size_col), "expected a size > 0, got {}", s);
    in.actors.push_back(name);
    in.size.push_back(s);
  }
  int n = static_cast<int>(in.actors.size());
  if (n < 2) fail({actors_path, actors.header_line()}, "need at least two actors, got {}", n);

  io::CsvReader reader(file, propensities_path);
  io::CsvRecord rec;
  std::vector<io::CsvRecord> rows;
  while (reader.next(rec))
    if (!(rec.fields.size() == 1 && rec.fields[0].empty())) rows.push_back(rec);
  if (rows.empty()) fail({propensities_path, 1}, "empty file: expected a square matrix");
  if (static_cast<int>(rows[0].fields.size()) != n + 1)
    fail({propensities_path, rows[0].line}, "header names {} actors, {} has {}",
         rows[0].fields.size() - 1, actors_path, n);
  if (static_cast<int>(rows.size()) != n + 1)
    fail({propensities_path, rows.back().line}, "expected {} matrix rows, got {}", n,
         rows.size() - 1);
  in.propensity.assign(n, std::vector<double>(n, 0.0));
  for (int i = 0; i < n; ++i) {
    const auto& r = rows[i + 1];
    if (static_cast<int>(r.fields.size()) != n + 1)
      fail({propensities_path, r.line}, "expected {} fields, got {}", n + 1, r.fields.size());
    for (int j = 0; j < n; ++j) {
      const std::string& t = r.fields[j + 1];
      std::string field = rows[0].fields[j + 1];
      if (i == j) continue;  // the diagonal is unused (often blank)
      in.propensity[i][j] =
          io::parse_input_number(t, {propensities_path, r.line, field}, "a propensity") - offset;
    }
  }
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      if (in.propensity[i][j] != in.propensity[j][i])
        fail({propensities_path, rows[j + 1].line, rows[0].fields[i + 1]},
             "propensities must be symmetric: p({},{}) = {} but p({},{}) = {}", in.actors[i],
             in.actors[j], in.propensity[i][j] + offset, in.actors[j], in.actors[i],
             in.propensity[j][i] + offset);
  return in;
}

}  // namespace detente::align
