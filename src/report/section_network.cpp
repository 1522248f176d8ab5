#include "report/section_network.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/ties.hpp"
#include "report/svg.hpp"

namespace detente::report {

namespace {

std::string network_svg(const Scenario& s, const TieMatrix& t) {
  const std::size_t n = s.actors.size();
  const double size = 460, c = size / 2, radius = size / 2 - 60;
  double cmax = 0;
  for (const auto& a : s.actors) cmax = std::max(cmax, a.capability.value);
  std::vector<double> px(n), py(n);
  for (std::size_t i = 0; i < n; ++i) {
    double angle = -std::numbers::pi / 2 +
                   2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
    px[i] = c + radius * std::cos(angle);
    py[i] = c + radius * std::sin(angle);
  }
  std::string out = fmt::format(
      "<svg class=chart viewBox='0 0 {0} {0}' width='{0}' height='{0}' role='img' "
      "aria-label='relation network'>\n",
      size);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      double w = t(i, j);
      if (w == 0) continue;
      out += fmt::format(
          "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='{}' stroke-width='{}' "
          "stroke-opacity='0.8'{}><title>{}–{}: {}</title></line>\n",
          svg::num(px[i]), svg::num(py[i]), svg::num(px[j]), svg::num(py[j]),
          w > 0 ? svg::kPositive : svg::kNegative, svg::num(1 + 4 * std::abs(w)),
          w < 0 ? " stroke-dasharray='6 4'" : "", s.actors[i].id, s.actors[j].id, svg::num(w));
    }
  for (std::size_t i = 0; i < n; ++i) {
    double r = 8 + 22 * std::sqrt(cmax > 0 ? s.actors[i].capability.value / cmax : 0);
    out += fmt::format(
        "<circle cx='{}' cy='{}' r='{}' fill='#f4f1e8' stroke='#333'><title>{} (capability {})"
        "</title></circle><text x='{}' y='{}' class=node>{}</text>\n",
        svg::num(px[i]), svg::num(py[i]), svg::num(r), svg::escape(s.actors[i].name),
        svg::num(s.actors[i].capability.value, 4), svg::num(px[i]), svg::num(py[i] + 4),
        svg::escape(s.actors[i].id));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace

Section build_network_section(const Scenario& s, const RunOptions& /*options*/) {
  Section out{"network", "Relation network"};
  const Date date = s.reference_date();
  const TieMatrix t = tie_matrix(s, date);
  const std::size_t n = s.actors.size();

  int positive = 0, negative = 0;
  struct Tie {
    std::size_t i, j;
    double w;
  };
  std::vector<Tie> ties;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      if (t(i, j) > 0) ++positive;
      if (t(i, j) < 0) ++negative;
      if (t(i, j) != 0) ties.push_back({i, j, t(i, j)});
    }
  int triangles = 0, balanced = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      for (std::size_t k = j + 1; k < n; ++k) {
        double product = t(i, j) * t(j, k) * t(i, k);
        if (product == 0) continue;
        ++triangles;
        if (product > 0) ++balanced;
      }
  std::stable_sort(ties.begin(), ties.end(),
                   [](const Tie& a, const Tie& b) { return std::abs(a.w) > std::abs(b.w); });

  nlohmann::json tie_list = nlohmann::json::array();
  for (const Tie& e : ties)
    tie_list.push_back({{"a", s.actors[e.i].id}, {"b", s.actors[e.j].id}, {"tie", e.w}});
  const double ratio = triangles > 0 ? static_cast<double>(balanced) / triangles : 1.0;
  out.json = {{"date", date.iso()},
              {"actors", n},
              {"positive_ties", positive},
              {"negative_ties", negative},
              {"triangles", triangles},
              {"balanced_triangles", balanced},
              {"triangle_balance_ratio", ratio},
              {"ties", tie_list}};

  out.text += fmt::format(
      "  on {}: {} actors, {} positive and {} negative ties; {} of {} triangles balanced "
      "({:.0f}%)\n",
      date.iso(), n, positive, negative, balanced, triangles, 100 * ratio);
  std::string strongest;
  for (std::size_t k = 0; k < std::min<std::size_t>(6, ties.size()); ++k)
    strongest += fmt::format("{}{}–{} {:+.2f}", k ? ", " : "", s.actors[ties[k].i].id,
                             s.actors[ties[k].j].id, ties[k].w);
  if (!strongest.empty()) out.text += "  strongest: " + strongest + "\n";

  out.html = fmt::format(
      "<p class=note>Ties active on {} (relations of a pair summed and clamped to [−1, 1]); "
      "green solid = cooperative, red dashed = conflictual, width = strength, node size = "
      "capability. {} positive, {} negative ties; {} of {} triangles balanced.</p>\n{}",
      date.iso(), positive, negative, balanced, triangles, network_svg(s, t));
  return out;
}

}  // namespace detente::report
