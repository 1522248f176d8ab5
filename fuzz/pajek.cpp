// libFuzzer target: Pajek .net/.paj networks (align::read_pajek).
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "fuzz_support.hpp"
#include "io/graph/graph_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  std::istringstream in{std::string(bytes)};
  // A 20-byte file may declare a million unlabelled vertices, each named at O(1): legal, but
  // 10 ms an execution under ASan. A lower limit keeps the limit check itself in reach.
  align::PajekOptions options;
  options.max_vertices = 10'000;
  fuzz::expect_result_or_input_error([&] { align::read_pajek(in, "fuzz.net", options); });
  return 0;
}
