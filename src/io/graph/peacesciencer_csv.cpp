// Streaming reader of peacesciencer dyad-year CSVs (see peacesciencer_csv.hpp).
#include "io/graph/peacesciencer_csv.hpp"

#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv.hpp"
#include "io/limits.hpp"

namespace detente::align {

void scan_peacesciencer_csv(const std::string& path, const std::vector<std::string>& columns,
                            const PeacesciencerRow& row, std::size_t required) {
  std::istringstream in(io::read_file(path));
  scan_peacesciencer_csv(in, io::input_name(path), columns, row, required);
}

void scan_peacesciencer_csv(std::istream& in, const std::string& path,
                            const std::vector<std::string>& columns, const PeacesciencerRow& row,
                            std::size_t required) {
  io::CsvReader reader(in, path);
  io::CsvRecord rec;
  if (!reader.next(rec)) fail({path, 1}, "empty file: expected a header row");
  std::vector<std::size_t> idx;
  for (const auto& c : columns) {
    auto it = std::find(rec.fields.begin(), rec.fields.end(), c);
    if (it == rec.fields.end())
      fail({path, rec.line, c}, "missing column '{}' in the header{}", c,
           io::other_separator_hint(rec.fields, ','));
    idx.push_back(static_cast<std::size_t>(it - rec.fields.begin()));
  }
  std::vector<double> values(columns.size());
  long long rows = 0;  // rows with their codes and year
  const int header_line = rec.line;
  while (reader.next(rec)) {
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    bool skip = false;
    for (std::size_t k = 0; k < idx.size(); ++k) {
      const std::string& t = idx[k] < rec.fields.size() ? rec.fields[idx[k]] : std::string();
      if (t.empty() || t == "NA") {  // missing: NaN fails every comparison below
        values[k] = std::nan("");
        if (k < required) skip = true;  // ccodes and year must be present
        continue;
      }
      values[k] = io::parse_input_number(t, {path, rec.line, columns[k]});
    }
    if (!skip) {
      ++rows;
      row(values);
    }
  }
  // A data set without a usable row would read as "no alliances, no disputes": refuse it.
  if (rows == 0)
    fail(
        {path, header_line, columns.empty() ? "" : columns[0]},
        "no data rows: the file has only a header, or no row has its {} filled in",
        fmt::join(columns.begin(),
                  columns.begin() + static_cast<std::ptrdiff_t>(std::min(required, columns.size())),
                  ", "));
}

}  // namespace detente::align
