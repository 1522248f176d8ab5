// detente/core/parameters.hpp
//
// The named parameters of the scenario dynamics (docs/models/dynamics.md), with their
// defaults and admissible ranges. A scenario sets them under [dynamics] (a variant under
// [variant.dynamics]); any of them may carry a distribution. The scenario reader rejects
// names that are not listed here.
//
// Where each default comes from is its `source`. The tie dynamics (restoring_rate,
// balance_gain, saturation, noise, substeps) are the maximum-likelihood calibration on KEDS
// Levant (docs/models/calibration.md, "The simulation's defaults"), chosen by the
// out-of-sample backtest: climatology wins beyond one month and the balance term earns
// nothing, so the default dynamics are reversion to the baseline at the fitted monthly rate
// without a balance force. The event effects remain judgements and say so.
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
  std::string_view source;  // the data, window and method of the default, or "judgement: …"
};

const std::vector<ParameterSpec>& parameter_specs();
const ParameterSpec* find_parameter(std::string_view name);

}  // namespace detente
