// libFuzzer target: forecast scoring CSVs: forecasts before the first NUL, resolutions after it
// (io::read_forecasts, io::read_resolutions).
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "fuzz_support.hpp"
#include "io/score/forecast_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  // Not a structured binding: clang 14 cannot capture one in a lambda.
  const auto parts = fuzz::split_two(bytes);
  const std::string_view forecasts = parts.first, resolutions = parts.second;
  Diagnostics diags;
  fuzz::expect_result_or_input_error([&] {
    std::istringstream f{std::string(forecasts)};
    io::read_forecasts(io::CsvTable::read(f, "forecasts.csv"), diags);
  });
  fuzz::expect_result_or_input_error([&] {
    std::istringstream r{std::string(resolutions)};
    io::read_resolutions(io::CsvTable::read(r, "resolutions.csv"), diags);
  });
  return 0;
}
