#include "core/ties.hpp"

#include <algorithm>

namespace detente {

TieMatrix tie_matrix(const Scenario& s, const Date& date) {
  TieMatrix t(s.actors.size());
  for (const Relation& r : s.relations) {
    if (!r.active_on(date)) continue;
    std::size_t i = s.actor_index(r.a), j = s.actor_index(r.b);
    t(i, j) += r.signed_weight();
    t(j, i) = t(i, j);
  }
  for (std::size_t i = 0; i < t.size(); ++i)
    for (std::size_t j = 0; j < t.size(); ++j) t(i, j) = std::clamp(t(i, j), -1.0, 1.0);
  return t;
}

}  // namespace detente
