#include "report/tornado.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "report/svg.hpp"

namespace detente::report {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Row {
  std::string name;
  double first = kNaN, total = kNaN;
};

// Code points in a UTF-8 string (for label widths; multi-byte names are common here).
std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// At most `limit` code points, with an ellipsis when cut (never inside a UTF-8 sequence).
std::string shorten(const std::string& s, std::size_t limit) {
  if (code_points(s) <= limit) return s;
  std::size_t seen = 0, i = 0;
  for (; i < s.size(); ++i)
    if ((s[i] & 0xC0) != 0x80 && seen++ == limit - 1) break;
  return s.substr(0, i) + "…";
}

std::string value_label(double v) { return std::isnan(v) ? "n/a" : svg::num(v, 2); }

}  // namespace

std::string tornado_svg(const std::vector<std::pair<std::string, double>>& first_order,
                        const std::vector<std::pair<std::string, double>>& total_order,
                        std::string title) {
  std::vector<Row> rows;
  std::map<std::string, std::size_t> index;
  auto row_of = [&](const std::string& name) -> Row& {
    auto [it, added] = index.try_emplace(name, rows.size());
    if (added) rows.push_back({name});
    return rows[it->second];
  };
  for (const auto& [name, v] : total_order) row_of(name).total = v;
  for (const auto& [name, v] : first_order) row_of(name).first = v;
  // Largest total effect on top; undefined ones last; ties keep the given order.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (std::isnan(a.total) != std::isnan(b.total)) return std::isnan(b.total);
    return a.total > b.total;
  });

  double top_value = 0;
  for (const auto& r : rows)
    for (double v : {r.first, r.total})
      if (std::isfinite(v)) top_value = std::max(top_value, v);
  const double domain = std::max(0.1, std::ceil(top_value * 10.0 - 1e-9) / 10.0);

  std::size_t longest = 0;
  for (const auto& r : rows) longest = std::max(longest, code_points(shorten(r.name, 36)));
  const double width = 720, row_h = 24, top = 52;
  const double left = std::clamp(16.0 + 6.5 * static_cast<double>(longest), 70.0, 260.0);
  const double right = width - 130;
  const double height =
      top + row_h * static_cast<double>(std::max<std::size_t>(rows.size(), 1)) + 34;
  const svg::Scale x{0, domain, left, right};
  const std::string st_colour = "#9cc7e6", s1_colour = std::string(svg::colour(0));

  std::string s = fmt::format(
      "<svg class=chart viewBox='0 0 {0} {1}' width='{0}' height='{1}' role='img' "
      "aria-label='{2}'>\n<text x='{3}' y='18' font-weight='bold'>{2}</text>\n",
      width, svg::num(height), svg::escape(title), svg::num(left));
  // Legend.
  s += fmt::format(
      "<rect x='{0}' y='28' width='14' height='10' fill='{1}'/><text x='{2}' y='37'>total "
      "order S<tspan baseline-shift='sub' font-size='8'>T</tspan></text>"
      "<rect x='{3}' y='30' width='14' height='6' fill='{4}'/><text x='{5}' y='37'>first "
      "order S<tspan baseline-shift='sub' font-size='8'>1</tspan></text>\n",
      svg::num(left), st_colour, svg::num(left + 18), svg::num(left + 120), s1_colour,
      svg::num(left + 138));
  const double axis_y = top + row_h * static_cast<double>(std::max<std::size_t>(rows.size(), 1));
  for (int t = 0; t <= 4; ++t) {
    const double v = domain * t / 4.0;
    s += fmt::format(
        "<line x1='{0}' y1='{1}' x2='{0}' y2='{2}' stroke='#ddd'/><text x='{0}' y='{3}' "
        "class=tick>{4}</text>\n",
        svg::num(x(v)), svg::num(top - 4), svg::num(axis_y), svg::num(axis_y + 14), svg::num(v));
  }
  s += fmt::format("<line x1='{0}' y1='{1}' x2='{2}' y2='{1}' stroke='#444'/>\n", svg::num(left),
                   svg::num(axis_y), svg::num(right));
  s += fmt::format(
      "<text x='{}' y='{}' class=tick>Sobol index (share of the outcome's variance)</text>\n",
      svg::num((left + right) / 2), svg::num(axis_y + 30));
  if (rows.empty())
    s += fmt::format("<text x='{}' y='{}'>no uncertain inputs</text>\n", svg::num(left + 8),
                     svg::num(top + 16));
  auto bar_width = [&](double v) { return std::isfinite(v) ? x(std::max(v, 0.0)) - left : 0.0; };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const double y = top + row_h * static_cast<double>(i);
    const std::string name = svg::escape(r.name);
    s += fmt::format("<g><title>{}: S1 = {}, ST = {}</title>", name, value_label(r.first),
                     value_label(r.total));
    s += fmt::format("<text x='{}' y='{}' class=lab>{}</text>", svg::num(left - 6),
                     svg::num(y + 16), svg::escape(shorten(r.name, 36)));
    s += fmt::format("<rect class=st x='{}' y='{}' width='{}' height='16' fill='{}'/>",
                     svg::num(left), svg::num(y + 4), svg::num(bar_width(r.total)), st_colour);
    s += fmt::format("<rect class=s1 x='{}' y='{}' width='{}' height='8' fill='{}'/>",
                     svg::num(left), svg::num(y + 8), svg::num(bar_width(r.first)), s1_colour);
    s += fmt::format("<text x='{}' y='{}'>S1 {} · ST {}</text></g>\n", svg::num(right + 8),
                     svg::num(y + 16), value_label(r.first), value_label(r.total));
  }
  s += "</svg>\n";
  return s;
}

std::string sobol_tornado_svg(const sim::SobolResult& result, std::size_t output,
                              std::string title) {
  std::vector<std::pair<std::string, double>> first, total;
  const auto& in = result.outputs.at(output).inputs;
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::string name =
        i < result.input_names.size() ? result.input_names[i] : fmt::format("x{}", i + 1);
    first.emplace_back(name, in[i].first_order);
    total.emplace_back(std::move(name), in[i].total_order);
  }
  return tornado_svg(first, total, std::move(title));
}

}  // namespace detente::report
