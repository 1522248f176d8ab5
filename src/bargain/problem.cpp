#include "bargain/problem.hpp"

namespace detente::bargain {

BargainingProblem from_scenario(const Scenario& s) {
  BargainingProblem p;
  p.name = s.id;
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
      sal[a] = q->salience.value;
    }
    p.issues.push_back(std::move(d));
    p.position.push_back(std::move(pos));
    p.salience.push_back(std::move(sal));
  }
  return p;
}

}  // namespace detente::bargain
