// libFuzzer target: the scenario [tables] CSVs (positions before the first NUL, relations
// after it) under a fixed two-actor scenario.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "io/scenario_toml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  static constexpr std::string_view kScenario = R"(
[scenario]
id = "fuzz"
name = "Fuzz"

[[actor]]
id = "AAA"
name = "Alphaland"
capability = 0.5

[[actor]]
id = "BBB"
name = "Betaland"
capability = 0.3

[[issue]]
id = "summit"
name = "Summit"
low = "no"
high = "yes"

[tables]
positions = "positions.csv"
relations = "relations.csv"
)";
  // Not a structured binding: clang 14 cannot capture one in a lambda.
  const std::pair<std::string_view, std::string_view> parts = fuzz::split_two(bytes);
  const io::TableSource tables = [&parts](const std::string& path) {
    return std::string(path == "positions.csv" ? parts.first : parts.second);
  };
  fuzz::expect_result_or_input_error(
      [&] { io::read_scenario(kScenario, "fuzz.toml", {.tables = tables}); });
  return 0;
}
