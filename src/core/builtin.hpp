// detente/core/builtin.hpp
//
// Scenarios compiled into the binary from data/scenarios/*.toml (see
// cmake/embed_scenarios.cmake), so `detente run` works with no files beside it.
//
// Example:
//   if (auto text = detente::find_builtin_scenario("northeast-asia-2024")) { ... }
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace detente {

struct BuiltinScenario {
  std::string_view name;  // file name without .toml
  std::string_view toml;  // the file's text
};

const std::vector<BuiltinScenario>& builtin_scenarios();

inline std::optional<std::string_view> find_builtin_scenario(std::string_view name) {
  for (const auto& s : builtin_scenarios())
    if (s.name == name) return s.toml;
  return std::nullopt;
}

}  // namespace detente
