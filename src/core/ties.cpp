#include "core/ties.hpp"

namespace detente {

TieMatrix tie_matrix(const Scenario& s, const Date& date) {
  const std::size_t n = s.actors.size();
  std::vector<StackedTie> stack(n * n);
  for (const Relation& r : s.relations) {
    if (!r.active_on(date)) continue;
    std::size_t i = s.actor_index(r.a), j = s.actor_index(r.b);
    stack[std::min(i, j) * n + std::max(i, j)].add(r.signed_weight());
  }
  TieMatrix t(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) t(i, j) = t(j, i) = stack[i * n + j].value();
  return t;
}

}  // namespace detente
