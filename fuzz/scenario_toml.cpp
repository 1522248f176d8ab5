// libFuzzer target: the scenario TOML reader (io::read_scenario), [tables] CSVs absent.
#include "io/scenario_toml.hpp"

#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  const io::TableSource no_tables = [](const std::string& path) -> std::string {
    fail({path}, "no such table");
  };
  fuzz::expect_result_or_input_error([&] { io::read_scenario(bytes, "fuzz.toml", {.tables = no_tables}); });
  return 0;
}
