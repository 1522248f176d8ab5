// detente/store/ktab_tables.hpp
//
// KTAB's own SQLite tables for an SMP run, as KTAB's `--logmin` writes them
// (KTAB_SMP_Tables.md): ScenarioDesc (seed and model options as KTAB's enum indices),
// ActorDescription, DimensionDescription, SpatialCapability and SpatialSalience per turn,
// Accomodation, and VectorPosition (position and ideal of every actor on every dimension
// at every turn, on KTAB's [0, 1] scale). The ScenarioId is the detente run's id, so KTAB's
// viewers and detente's own tables describe the same run. O(T·n·D) rows for T turns,
// n actors and D dimensions.
//
// Example:
//   auto k = ktab_smp_run(problem, run);  // run = bargain::run_smp_model(problem, settings)
//   write_ktab_tables(db, run_id, *k);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bargain/model_run.hpp"
#include "bargain/problem.hpp"

namespace detente::store {

class Database;

struct KtabSmpRun {
  std::string scenario, description;
  std::string seed;               // RNGSeed, decimal
  std::vector<int> enum_indices;  // ScenarioDesc's nine enum columns, in KTAB's order
  std::vector<std::string> actors, actor_descriptions, dimensions;
  std::vector<double> capability;                          // [actor]
  std::vector<std::vector<double>> salience;               // [actor][dim], as the SMP uses them
  std::vector<std::vector<double>> accommodation;          // [actor][actor]
  std::vector<std::vector<std::vector<double>>> position;  // [turn][actor][dim] on [0, 1]
  std::vector<std::vector<std::vector<double>>> ideal;     // [turn][actor][dim] on [0, 1]
};

// The enum names of ScenarioDesc's columns, in KTAB's order and with KTAB's spelling.
struct KtabEnum {
  std::string column;                       // "VictoryProbModel"
  std::string option;                       // detente's option name: "VictoryProbModel"
  std::vector<std::string> values;          // KTAB's names, index = stored value
  std::vector<std::string> detente_values;  // detente's names for the same, same order
};
const std::vector<KtabEnum>& ktab_enums();

// The KTAB view of an SMP run over all the problem's issues as joint dimensions; nullopt
// when `run` is not an SMP run or treated the issues separately.
std::optional<KtabSmpRun> ktab_smp_run(const bargain::BargainingProblem& problem,
                                       const bargain::ModelRun& run);

void write_ktab_tables(Database& db, const std::string& scenario_id, const KtabSmpRun& run);

}  // namespace detente::store
