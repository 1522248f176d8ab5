#include "bargain/model_run.hpp"

#include "bargain/weighted_mean.hpp"
#include "bargain/weighted_median.hpp"

namespace detente::bargain {

RoundRecord make_round(const BargainingProblem& p, std::size_t issue, int round,
                       std::vector<double> positions) {
  std::vector<double> w(p.actor_count());
  for (std::size_t a = 0; a < w.size(); ++a) w[a] = p.weight(issue, a);
  RoundRecord r;
  r.round = round;
  r.median = weighted_median(positions, w);
  r.mean = weighted_mean(positions, w);
  r.positions = std::move(positions);
  return r;
}

}  // namespace detente::bargain
