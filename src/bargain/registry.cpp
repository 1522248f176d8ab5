#include "bargain/registry.hpp"

#include "bargain/eum.hpp"
#include "bargain/exchange.hpp"
#include "bargain/nash.hpp"
#include "bargain/smp.hpp"
#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"
#include "core/error.hpp"

namespace detente::bargain {

const std::vector<ModelSpec>& bargaining_models() {
  static const std::vector<ModelSpec> models = {
      {"mean", "Weighted mean (compromise model)", false, run_mean_model},
      {"median", "Weighted median (median voter)", false, run_median_model},
      {"nash", "Nash bargaining (asymmetric, status quo)", false, run_nash_model},
      {"eum", "Expected utility (Bueno de Mesquita, Scholz 2011)", true, run_eum_model,
       ModelSpec::Trajectory::median},
      {"smp", "Spatial model of politics (KTAB SMP)", true, run_smp_model,
       ModelSpec::Trajectory::mean},
      {"exchange", "Exchange model (Stokman, Equal Gain)", true, run_exchange_model},
  };
  return models;
}

const ModelSpec* find_model(std::string_view name) {
  for (const auto& m : bargaining_models())
    if (m.name == name) return &m;
  return nullptr;
}

nlohmann::ordered_json to_json(const BargainingProblem& p, const ModelRun& run) {
  nlohmann::ordered_json out;
  out["model"] = run.model;
  out["options"] = run.options;
  out["issues"] = nlohmann::ordered_json::array();
  for (const auto& is : run.issues) {
    nlohmann::ordered_json j;
    j["issue"] = is.issue;
    j["rounds"] = nlohmann::ordered_json::array();
    for (const auto& r : is.rounds) {
      nlohmann::ordered_json positions = nlohmann::ordered_json::object();
      for (std::size_t a = 0; a < r.positions.size() && a < p.actors.size(); ++a)
        positions[p.actors[a]] = r.positions[a];
      j["rounds"].push_back(
          {{"round", r.round}, {"median", r.median}, {"mean", r.mean}, {"positions", positions}});
    }
    j["forecast"] = is.forecast;
    if (!is.details.empty()) j["details"] = is.details;
    out["issues"].push_back(std::move(j));
  }
  if (!run.details.empty()) out["details"] = run.details;
  return out;
}

}  // namespace detente::bargain
