// detente/core/parameters.hpp
//
// The named parameters of the scenario dynamics (docs/models/dynamics.md), with their
// defaults and admissible ranges. A scenario sets them under [dynamics] (a variant under
// [variant.dynamics]); any of them may carry a distribution. The scenario reader rejects
// names that are not listed here.
//
// Example:
//   const detente::ParameterSpec* p = detente::find_parameter("balance_gain");
//   double alpha = p->default_value;
#pragma once

#include <string_view>
#include <vector>

namespace detente {

struct ParameterSpec {
  std::string_view name;
  double default_value;
  double min;
  double max;
  std::string_view meaning;
};

const std::vector<ParameterSpec>& parameter_specs();
const ParameterSpec* find_parameter(std::string_view name);

}  // namespace detente
