// libFuzzer target: landscape inputs: actors CSV before the first NUL, propensities after it
// (align::read_landscape_csv).
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "fuzz_support.hpp"
#include "io/graph/landscape_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  const auto [actors, propensities] = fuzz::split_two(bytes);
  std::istringstream a{std::string(actors)}, p{std::string(propensities)};
  fuzz::expect_result_or_input_error(
      [&] { align::read_landscape_csv(a, "actors.csv", p, "propensities.csv", 3.0); });
  return 0;
}
