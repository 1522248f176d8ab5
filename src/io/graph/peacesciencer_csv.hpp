// detente/io/graph/peacesciencer_csv.hpp
//
// Reader of the dyad-year and state-year CSVs peacesciencer exports (COW Formal Alliances,
// ATOP, COW MID / Gibler–Miller–Little dyadic disputes, COW NMC): the named columns are
// found in the header and each data row is handed on as numbers in the order asked for.
// Empty and "NA" cells are NaN; a row missing one of its first `required` columns (the
// codes and the year) is skipped; a file with no row left is an error (InputError naming the
// file). O(size of the file); one row in memory at a time.
//
// Example:
//   detente::align::scan_peacesciencer_csv("cow_mid_ddydisps.csv",
//       {"ccode1", "ccode2", "year", "hostlev"}, [](const std::vector<double>& v) { ... });
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace detente::align {

using PeacesciencerRow = std::function<void(const std::vector<double>& values)>;

void scan_peacesciencer_csv(const std::string& path, const std::vector<std::string>& columns,
                            const PeacesciencerRow& row, std::size_t required = 3);
void scan_peacesciencer_csv(std::istream& in, const std::string& name,
                            const std::vector<std::string>& columns, const PeacesciencerRow& row,
                            std::size_t required = 3);

}  // namespace detente::align
