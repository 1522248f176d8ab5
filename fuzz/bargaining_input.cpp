// libFuzzer target: bargaining-input detection and dispatch (bargain::read_bargaining_text),
// as `detente bargain FILE` reads a file whose extension does not name the format.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "io/bargain/read_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  fuzz::expect_result_or_input_error([&] { bargain::read_bargaining_text(bytes, "fuzz.txt"); });
  return 0;
}
