#include "bargain/problem.hpp"

#include <algorithm>
#include <numeric>

#include "core/error.hpp"

namespace detente::bargain {

std::vector<std::size_t> name_order(const BargainingProblem& p) {
  std::vector<std::size_t> order(p.actor_count());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p.actors[a] < p.actors[b]; });
  return order;
}

BargainingProblem reordered(const BargainingProblem& p, const std::vector<std::size_t>& order) {
  BargainingProblem q = p;
  const std::size_t n = order.size();
  q.actors.resize(n);
  q.capability.resize(n);
  for (std::size_t k = 0; k < p.issue_count(); ++k) {
    q.position[k].resize(n);
    q.salience[k].resize(n);
    if (!p.issue_capability.empty()) q.issue_capability[k].resize(n);
  }
  for (std::size_t a = 0; a < n; ++a) {
    q.actors[a] = p.actors[order[a]];
    q.capability[a] = p.capability[order[a]];
    for (std::size_t k = 0; k < p.issue_count(); ++k) {
      q.position[k][a] = p.position[k][order[a]];
      q.salience[k][a] = p.salience[k][order[a]];
      if (!p.issue_capability.empty()) q.issue_capability[k][a] = p.issue_capability[k][order[a]];
    }
  }
  return q;
}

BargainingProblem from_scenario(const Scenario& s) {
  BargainingProblem p;
  p.name = s.id;
  // A scenario's issues are separate questions, not dimensions of one policy space.
  p.options["dimensions"] = "separate";
  for (const auto& a : s.actors) {
    p.actors.push_back(a.id);
    p.capability.push_back(a.capability.value);
  }
  const std::size_t n = p.actors.size();
  for (const auto& is : s.issues) {
    Dimension d{is.id, is.scale_min, is.scale_max, std::nullopt};
    if (is.status_quo) d.status_quo = is.status_quo->value;
    const double rest = d.status_quo.value_or((is.scale_min + is.scale_max) / 2);
    std::vector<double> pos(n, rest), sal(n, 0.0);
    for (const Position* q : s.positions_on(is.id)) {
      std::size_t a = s.actor_index(q->actor);
      pos[a] = q->position.value;
      // Only the issue's deciders settle it; the others keep their stated position but
      // weigh nothing (the simulation lets them act through their ties instead).
      sal[a] = s.decides(is, q->actor) ? q->salience.value : 0.0;
    }
    p.issues.push_back(std::move(d));
    p.position.push_back(std::move(pos));
    p.salience.push_back(std::move(sal));
  }
  return p;
}

BargainingProblem select_issue(const BargainingProblem& p, const std::string& issue) {
  auto k = p.find_issue(issue);
  if (!k) {
    std::string known;
    for (const auto& d : p.issues) known += (known.empty() ? "" : ", ") + d.name;
    fail({"", 0, "--issue"}, "no issue '{}' in the input (its issues: {})", issue, known);
  }
  BargainingProblem q = p;
  q.issues = {p.issues[*k]};
  q.position = {p.position[*k]};
  q.salience = {p.salience[*k]};
  if (!p.issue_capability.empty()) q.issue_capability = {p.issue_capability[*k]};
  return q;
}

}  // namespace detente::bargain
