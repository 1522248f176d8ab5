// libFuzzer target: decide #A/#P/#M/#D files (bargain::read_decide_text).
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "io/bargain/read_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  fuzz::expect_result_or_input_error([&] { bargain::read_decide_text(bytes, "fuzz.txt"); });
  return 0;
}
