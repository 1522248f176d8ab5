#include "store/ktab_tables.hpp"

#include <algorithm>

#include "store/sqlite.hpp"

namespace detente::store {

const std::vector<KtabEnum>& ktab_enums() {
  static const std::vector<KtabEnum> list = {
      {"VictoryProbModel",
       "VictoryProbModel",
       {"Linear", "Square", "Quartic", "Octic", "Binary"},
       {"Linear", "Square", "Quartic", "Octic", "Binary"}},
      {"ProbCondorcetElection",
       "PCEModel",
       {"Conditional", "MarkovIncentive", "MarkovUniform"},
       {"Conditional", "MarkovIncentive", "MarkovUniform"}},
      {"StateTransition",
       "StateTransitions",
       {"Deterministic", "Stochastic"},
       {"Deterministic", "Stochastic"}},
      {"VotingRule",
       "VotingRule",
       {"Binary", "PropBin", "Proportional", "PropCbc", "Cubic", "ASymProsp"},
       {"Binary", "PropBin", "Proportional", "PropCbc", "Cubic", "ASymProsp"}},
      {"BigRAdjust",
       "BigRAdjust",
       {"None", "OneThirdRA", "HalfRA", "TwoThirdsRA", "FullRA"},
       {"No", "OneThird", "Half", "TwoThirds", "Full"}},
      {"BigRRange", "BigRRange", {"Min", "Mid", "Max"}, {"Min", "Mid", "Max"}},
      {"ThirdPartyCommit",
       "ThirdPartyCommit",
       {"NoCommit", "SemiCommit", "FullCommit"},
       {"NoCommit", "SemiCommit", "FullCommit"}},
      {"IntervecBargn", "InterVecBrgn", {"S1P1", "S2P2", "S2PMax"}, {"S1P1", "S2P2", "S2PMax"}},
      {"BargnModel",
       "BargnModel",
       {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"},
       {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"}},
  };
  return list;
}

std::optional<KtabSmpRun> ktab_smp_run(const bargain::BargainingProblem& p,
                                       const bargain::ModelRun& run) {
  if (run.model != "smp" || run.issues.size() != p.issue_count() || run.issues.empty())
    return std::nullopt;
  if (run.options.value("dimensions", std::string("joint")) != "joint") return std::nullopt;
  const std::size_t n = p.actor_count(), d = p.issue_count();
  const std::size_t turns = run.issues.front().rounds.size();
  for (const auto& is : run.issues)
    if (is.rounds.size() != turns) return std::nullopt;

  KtabSmpRun k;
  k.scenario = p.name;
  k.description = p.name;
  if (run.options.contains("prngSeed")) {
    const auto& s = run.options["prngSeed"];
    k.seed = s.is_string() ? s.get<std::string>() : s.dump();
  }
  for (const auto& e : ktab_enums()) {
    std::string value = run.options.value(e.option, std::string());
    auto it = std::find(e.detente_values.begin(), e.detente_values.end(), value);
    k.enum_indices.push_back(
        it == e.detente_values.end() ? -1 : static_cast<int>(it - e.detente_values.begin()));
  }
  k.actors = p.actors;
  k.actor_descriptions = p.actors;
  for (const auto& dim : p.issues) k.dimensions.push_back(dim.name);
  k.capability = p.capability;
  // As the SMP uses them: an actor's saliences total at most 1 (larger totals rescaled).
  k.salience.assign(n, std::vector<double>(d, 0.0));
  for (std::size_t a = 0; a < n; ++a) {
    double total = 0;
    for (std::size_t j = 0; j < d; ++j) total += p.salience[j][a];
    for (std::size_t j = 0; j < d; ++j)
      k.salience[a][j] = p.salience[j][a] * (total > 1 ? 1 / total : 1);
  }
  // A = identity unless the input sets ideal adjustments (docs/models/smp.md).
  k.accommodation.assign(n, std::vector<double>(n, 0.0));
  if (p.ideal_adjustments.empty()) {
    for (std::size_t a = 0; a < n; ++a) k.accommodation[a][a] = 1;
  } else {
    for (const auto& adj : p.ideal_adjustments) {
      auto i = std::find(p.actors.begin(), p.actors.end(), adj.adjusting);
      auto j = std::find(p.actors.begin(), p.actors.end(), adj.reference);
      if (i != p.actors.end() && j != p.actors.end())
        k.accommodation[static_cast<std::size_t>(i - p.actors.begin())]
                       [static_cast<std::size_t>(j - p.actors.begin())] =
            std::clamp(adj.rate, 0.0, 1.0);
    }
  }
  auto unit = [&](std::size_t dim, double x) {
    const auto& s = p.issues[dim];
    return s.scale_max > s.scale_min ? (x - s.scale_min) / (s.scale_max - s.scale_min) : x;
  };
  for (std::size_t t = 0; t < turns; ++t) {
    std::vector<std::vector<double>> pos(n, std::vector<double>(d));
    for (std::size_t j = 0; j < d; ++j)
      for (std::size_t a = 0; a < n; ++a) pos[a][j] = unit(j, run.issues[j].rounds[t].positions[a]);
    // Ideals drift as the SMP moves them: ideal_i ← Σ_j A_ij x_j + (1 − Σ_j A_ij) ideal_i.
    std::vector<std::vector<double>> ideal = pos;
    if (t > 0) {
      const auto& before = k.ideal.back();
      for (std::size_t a = 0; a < n; ++a) {
        double row = 0;
        std::vector<double> v(d, 0.0);
        for (std::size_t b = 0; b < n; ++b) {
          row += k.accommodation[a][b];
          for (std::size_t j = 0; j < d; ++j) v[j] += k.accommodation[a][b] * pos[b][j];
        }
        row = std::min(row, 1.0);
        for (std::size_t j = 0; j < d; ++j) ideal[a][j] = v[j] + (1 - row) * before[a][j];
      }
    }
    k.position.push_back(std::move(pos));
    k.ideal.push_back(std::move(ideal));
  }
  return k;
}

void write_ktab_tables(Database& db, const std::string& id, const KtabSmpRun& k) {
  {
    Statement q(db,
                "INSERT INTO ScenarioDesc (Scenario, \"Desc\", ScenarioId, RNGSeed, "
                "VictoryProbModel, ProbCondorcetElection, StateTransition, VotingRule, "
                "BigRAdjust, BigRRange, ThirdPartyCommit, IntervecBargn, BargnModel) VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, k.scenario).bind(2, k.description).bind(3, id).bind(4, k.seed);
    for (std::size_t e = 0; e < k.enum_indices.size() && e < 9; ++e)
      q.bind(static_cast<int>(5 + e), k.enum_indices[e]);
    q.run();
  }
  Statement actor(db, "INSERT INTO ActorDescription VALUES (?,?,?,?)");
  for (std::size_t a = 0; a < k.actors.size(); ++a)
    actor.bind(1, id)
        .bind(2, static_cast<int>(a))
        .bind(3, k.actors[a].substr(0, 25))
        .bind(4, k.actor_descriptions[a])
        .run();
  Statement dim(db, "INSERT INTO DimensionDescription VALUES (?,?,?)");
  for (std::size_t j = 0; j < k.dimensions.size(); ++j)
    dim.bind(1, id).bind(2, static_cast<int>(j)).bind(3, k.dimensions[j]).run();
  Statement acc(db, "INSERT INTO Accomodation VALUES (?,?,?,?)");
  for (std::size_t a = 0; a < k.actors.size(); ++a)
    for (std::size_t b = 0; b < k.actors.size(); ++b)
      acc.bind(1, id)
          .bind(2, static_cast<int>(a))
          .bind(3, static_cast<int>(b))
          .bind(4, k.accommodation[a][b])
          .run();
  Statement cap(db, "INSERT INTO SpatialCapability VALUES (?,?,?,?)");
  Statement sal(db, "INSERT INTO SpatialSalience VALUES (?,?,?,?,?)");
  Statement vec(db, "INSERT INTO VectorPosition VALUES (?,?,?,?,?,?,NULL)");
  for (std::size_t t = 0; t < k.position.size(); ++t)
    for (std::size_t a = 0; a < k.actors.size(); ++a) {
      const int ti = static_cast<int>(t), ai = static_cast<int>(a);
      cap.bind(1, id).bind(2, ti).bind(3, ai).bind(4, k.capability[a]).run();
      for (std::size_t j = 0; j < k.dimensions.size(); ++j) {
        const int ji = static_cast<int>(j);
        sal.bind(1, id).bind(2, ti).bind(3, ai).bind(4, ji).bind(5, k.salience[a][j]).run();
        vec.bind(1, id)
            .bind(2, ti)
            .bind(3, ai)
            .bind(4, ji)
            .bind(5, k.position[t][a][j])
            .bind(6, k.ideal[t][a][j])
            .run();
      }
    }
}

}  // namespace detente::store
