// libFuzzer target: peacesciencer dyad-year CSVs (align::scan_peacesciencer_csv) with the column
// sets of COW alliances, ATOP, MID disputes and NMC; the first byte picks the set.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <vector>

#include "fuzz_support.hpp"
#include "io/graph/peacesciencer_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  if (bytes.empty()) return 0;
  static const std::vector<std::vector<std::string>> kColumns = {
      {"ccode1", "ccode2", "year", "cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"},
      {"ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg",
       "atop_consul"},
      {"ccode1", "ccode2", "year", "hostlev"},
      {"ccode", "year", "year", "cinc"}};
  const auto& columns = kColumns[static_cast<unsigned char>(bytes[0]) % kColumns.size()];
  std::istringstream in{std::string(bytes.substr(1))};
  double sum = 0;
  fuzz::expect_result_or_input_error([&] {
    align::scan_peacesciencer_csv(in, "fuzz.csv", columns, [&](const std::vector<double>& v) {
      for (double x : v) sum += x;
    });
  });
  return 0;
}
