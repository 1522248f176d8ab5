#include "report/section_alignment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "align/balance_dynamics.hpp"
#include "align/balance_measures.hpp"
#include "align/frustration.hpp"
#include "align/landscape.hpp"
#include "align/signed_graph.hpp"
#include "core/limits.hpp"
#include "report/svg.hpp"

namespace detente::report {

namespace {

struct Point {
  double x = 0, y = 0;
};

// Fruchterman–Reingold with an extra pull of each bloc toward its half of the canvas, so
// the split reads left against right. Deterministic for a given seed.
std::vector<Point> layout(const align::SignedGraph& g, const std::vector<int>& side,
                          std::uint64_t seed) {
  int n = g.size();
  std::vector<Point> p(n);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  for (int i = 0; i < n; ++i) p[i] = {(side[i] == 0 ? -0.5 : 0.5) + 0.3 * u(rng), u(rng)};
  if (n <= 1) return p;
  double k = 1.0 / std::sqrt(static_cast<double>(n));
  double temp = 0.2;
  for (int it = 0; it < 300; ++it) {
    std::vector<Point> d(n);
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        double dx = p[i].x - p[j].x, dy = p[i].y - p[j].y;
        double dist = std::max(1e-4, std::hypot(dx, dy));
        double f = k * k / dist;  // repulsion
        d[i].x += dx / dist * f, d[i].y += dy / dist * f;
        d[j].x -= dx / dist * f, d[j].y -= dy / dist * f;
      }
    for (const auto& e : g.edges) {
      double dx = p[e.u].x - p[e.v].x, dy = p[e.u].y - p[e.v].y;
      double dist = std::max(1e-4, std::hypot(dx, dy));
      double f = dist * dist / k * (e.sign > 0 ? 1.0 : 0.2) * e.weight;
      d[e.u].x -= dx / dist * f, d[e.u].y -= dy / dist * f;
      d[e.v].x += dx / dist * f, d[e.v].y += dy / dist * f;
    }
    for (int i = 0; i < n; ++i) {
      d[i].x += ((side[i] == 0 ? -0.6 : 0.6) - p[i].x) * 0.15;  // bloc pull
      d[i].y += -p[i].y * 0.1;                                  // gravity
      double len = std::max(1e-9, std::hypot(d[i].x, d[i].y));
      double step = std::min(len, temp);
      p[i].x += d[i].x / len * step;
      p[i].y += d[i].y / len * step;
    }
    temp *= 0.985;
  }
  return p;
}

std::string draw_svg(const align::SignedGraph& g, const std::vector<int>& side,
                     const std::vector<double>& capability, const std::vector<char>& frustrated,
                     std::uint64_t seed) {
  const double W = 640, H = 420, margin = 48;
  auto p = layout(g, side, seed);
  double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
  for (const auto& q : p)
    minx = std::min(minx, q.x), maxx = std::max(maxx, q.x), miny = std::min(miny, q.y),
    maxy = std::max(maxy, q.y);
  auto X = [&](double x) {
    return maxx - minx < 1e-9 ? W / 2 : margin + (x - minx) / (maxx - minx) * (W - 2 * margin);
  };
  auto Y = [&](double y) {
    return maxy - miny < 1e-9 ? H / 2 : margin + (y - miny) / (maxy - miny) * (H - 2 * margin);
  };
  double capmax = 0;
  for (double c : capability) capmax = std::max(capmax, c);
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-label=\"Relation network with the best two-bloc split\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#fcfcfa\"/>\n",
      W, H, W, H);
  for (int e = 0; e < static_cast<int>(g.edges.size()); ++e) {
    const auto& ed = g.edges[e];
    std::string colour = ed.sign > 0 ? "#4a7f4a" : "#b03a2e";
    std::string dash = ed.sign > 0 ? "" : " stroke-dasharray=\"6 4\"";
    double width = 1 + 2.5 * ed.weight;
    std::string title =
        fmt::format("{} {} {} (weight {:.2f}){}", g.names[ed.u], ed.sign > 0 ? "+" : "−",
                    g.names[ed.v], ed.weight, frustrated[e] ? " — frustrated" : "");
    if (frustrated[e])  // a wide amber halo under the tie marks it
      s += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#f0b429\" "
          "stroke-width=\"{:.1f}\" stroke-opacity=\"0.8\" class=\"frustrated\"/>\n",
          X(p[ed.u].x), Y(p[ed.u].y), X(p[ed.v].x), Y(p[ed.v].y), width + 6);
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"{:.1f}\"{}><title>{}</title></line>\n",
        X(p[ed.u].x), Y(p[ed.u].y), X(p[ed.v].x), Y(p[ed.v].y), colour, width, dash,
        svg::escape(title));
  }
  const char* fill[2] = {"#2b6cb0", "#c05621"};
  for (int i = 0; i < g.size(); ++i) {
    double c = i < static_cast<int>(capability.size()) ? capability[i] : 0;
    double r = 7 + (capmax > 0 ? 18 * std::sqrt(c / capmax) : 0);
    s += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\" fill-opacity=\"0.85\" "
        "stroke=\"#222\" stroke-width=\"1\"><title>{} — bloc {}, capability {:.3f}</title>"
        "</circle>\n<text x=\"{:.1f}\" y=\"{:.1f}\" font-family=\"sans-serif\" font-size=\"12\" "
        "text-anchor=\"middle\" fill=\"#111\">{}</text>\n",
        X(p[i].x), Y(p[i].y), r, fill[side[i]], svg::escape(g.names[i]), side[i] == 0 ? "A" : "B",
        c, X(p[i].x), Y(p[i].y) - r - 4, svg::escape(g.names[i]));
  }
  s += fmt::format(
      "<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#333\">"
      "<circle cx=\"16\" cy=\"{0}\" r=\"6\" fill=\"{1}\"/><text x=\"26\" y=\"{2}\">bloc A</text>"
      "<circle cx=\"86\" cy=\"{0}\" r=\"6\" fill=\"{3}\"/><text x=\"96\" y=\"{2}\">bloc B</text>"
      "<line x1=\"156\" y1=\"{0}\" x2=\"180\" y2=\"{0}\" stroke=\"#4a7f4a\" stroke-width=\"2\"/>"
      "<text x=\"184\" y=\"{2}\">positive</text>"
      "<line x1=\"240\" y1=\"{0}\" x2=\"264\" y2=\"{0}\" stroke=\"#b03a2e\" stroke-width=\"2\" "
      "stroke-dasharray=\"6 4\"/><text x=\"268\" y=\"{2}\">negative</text>"
      "<line x1=\"330\" y1=\"{0}\" x2=\"354\" y2=\"{0}\" stroke=\"#f0b429\" stroke-width=\"8\"/>"
      "<text x=\"358\" y=\"{2}\">frustrated (against the split)</text></g>\n</svg>\n",
      H - 14, fill[0], H - 10, fill[1]);
  return s;
}

}  // namespace

Section build_alignment_section(const Scenario& scenario, const RunOptions& options) {
  Section out{"alignment", "Alignment structure"};
  Date date = scenario.reference_date();
  align::SignedGraph g = align::relation_network(scenario, date);
  int n = g.size();
  std::vector<double> capability;
  for (const auto& a : scenario.actors) capability.push_back(a.capability.value);
  out.json["date"] = date.iso();
  out.json["nodes"] = n;
  out.json["edges"] = g.edges.size();
  out.json["positive_edges"] = g.positive_edges();
  out.json["negative_edges"] = g.negative_edges();
  if (g.edges.empty() || n < 2) {
    out.text = fmt::format("no relations active on {}: nothing to split\n", date.iso());
    out.html = "<p>No relations are active on " + date.iso() + ".</p>\n";
    return out;
  }

  // Best two-bloc split: exact, weighted by tie strength (state-system sizes solve in ms).
  auto fr = align::frustration_exact(
      g, {.weighted = true, .time_limit_seconds = 10, .seed = options.seed});
  std::vector<char> frustrated(g.edges.size(), 0);
  for (int e : fr.frustrated) frustrated[e] = 1;
  auto count = align::frustration_exact(g, {.weighted = false, .time_limit_seconds = 10});
  auto m = align::balance_measures(g, fr.side, true, capability);
  auto marvel = align::marvel_dynamics(align::relation_matrix(g));

  nlohmann::json blocs = nlohmann::json::array({nlohmann::json::array(), nlohmann::json::array()});
  for (int i = 0; i < n; ++i) blocs[fr.side[i]].push_back(g.names[i]);
  nlohmann::json ties = nlohmann::json::array();
  for (int e : fr.frustrated)
    ties.push_back({{"a", g.names[g.edges[e].u]},
                    {"b", g.names[g.edges[e].v]},
                    {"sign", g.edges[e].sign},
                    {"weight", g.edges[e].weight}});
  out.json["frustration"] = fr.frustration;
  out.json["optimal"] = fr.optimal;
  out.json["lower_bound"] = fr.lower_bound;
  out.json["frustration_count"] = count.frustration;
  out.json["blocs"] = blocs;
  out.json["frustrated_ties"] = ties;
  // Cross-pressure: each actor's weight of ties against the split, largest first.
  auto pressure = align::node_frustration(g, fr.side, true);
  std::vector<int> by_pressure;
  for (int i = 0; i < n; ++i)
    if (pressure[i] > 0) by_pressure.push_back(i);
  std::stable_sort(by_pressure.begin(), by_pressure.end(),
                   [&](int x, int y) { return pressure[x] > pressure[y]; });
  nlohmann::json pj = nlohmann::json::object();
  std::string pressure_text;
  for (int i : by_pressure) {
    pj[g.names[i]] = pressure[i];
    pressure_text += fmt::format(" {} {:.2g}", g.names[i], pressure[i]);
  }
  out.json["actor_frustration"] = pj;
  out.json["balance"] = {{"triangles", m.triangles},
                         {"triangle_ratio", m.triangle_ratio},
                         {"triangle_ratio_weighted", m.triangle_ratio_weighted},
                         {"walk_balance", m.walk_balance},
                         {"normalised_frustration", m.normalised_frustration},
                         {"polarization_capability_weighted", m.polarization}};
  nlohmann::json mf = nlohmann::json::object();
  for (int i = 0; i < n; ++i) mf[g.names[i]] = marvel.faction[i];
  out.json["marvel"] = {
      {"lambda1", marvel.lambda1},
      {"blowup_time", std::isfinite(marvel.blowup_time) ? nlohmann::json(marvel.blowup_time)
                                                        : nlohmann::json(nullptr)},
      {"polarised", marvel.polarised},
      {"faction", mf}};

  // Landscape theory: sizes = capabilities, propensities = net ties.
  align::LandscapeInput li;
  li.actors = g.names;
  li.size = capability;
  for (auto& s : li.size) s = std::max(s, 1e-6);  // A&B sizes must be positive
  li.propensity.assign(n, std::vector<double>(n, 0.0));
  for (const auto& e : g.edges)
    li.propensity[e.u][e.v] = li.propensity[e.v][e.u] = e.sign * e.weight;
  auto land =
      n <= limits::kLandscapeReportExhaustiveActors
          ? align::exhaustive_landscape(li, {.threads = options.threads})
          : align::heuristic_landscape(li, {.threads = options.threads, .seed = options.seed});
  nlohmann::json minima = nlohmann::json::array();
  std::string land_text, land_html;
  for (std::size_t k = 0; k < land.minima.size() && k < 5; ++k) {
    const auto& lm = land.minima[k];
    nlohmann::json part = nlohmann::json::object();
    std::string c[2];
    double cap[2] = {0, 0};
    for (int i = 0; i < n; ++i) {
      part[g.names[i]] = lm.side[i];
      c[lm.side[i]] += (c[lm.side[i]].empty() ? "" : " ") + g.names[i];
      cap[lm.side[i]] += capability[i];
    }
    minima.push_back({{"energy", lm.energy},
                      {"partition", part},
                      {"basin_share", lm.basin_share},
                      {"capability", {cap[0], cap[1]}}});
    land_text += fmt::format(
        "  #{} E = {:.4g}, basin {:.0f}%: {{{}}} (capability {:.3f}) vs "
        "{{{}}} ({:.3f})\n",
        k + 1, lm.energy, 100 * lm.basin_share, c[0], cap[0], c[1], cap[1]);
    land_html += fmt::format(
        "<tr><td>{}</td><td>{:.4g}</td><td>{:.0f}%</td><td>{} <small>({:.3f})</small></td>"
        "<td>{} <small>({:.3f})</small></td></tr>\n",
        k + 1, lm.energy, 100 * lm.basin_share, svg::escape(c[0]), cap[0], svg::escape(c[1]),
        cap[1]);
  }
  out.json["landscape"] = {{"method", land.exhaustive ? "exhaustive" : "sampled descents"},
                           {"local_minima", land.minima.size()},
                           {"minima", minima}};

  std::string a, b;
  for (int i = 0; i < n; ++i) (fr.side[i] == 0 ? a : b) += " " + g.names[i];
  // Exact branch and bound; at its time limit, the best split found and the proven gap.
  const std::string method =
      fr.optimal ? "exact, proven optimal"
                 : fmt::format("branch and bound stopped at its time limit: not proven optimal, "
                               "within {:.3g} of the optimum",
                               fr.frustration - fr.lower_bound);
  std::string tie_list;
  for (int e : fr.frustrated)
    tie_list += fmt::format(" {}{}{}", g.names[g.edges[e].u], g.edges[e].sign > 0 ? "+" : "−",
                            g.names[g.edges[e].v]);
  out.text = fmt::format(
      "relation network on {}: {} actors, {} ties ({} positive, {} negative)\n"
      "best two-bloc split ({}): A{{{} }} vs B{{{} }}\n"
      "frustration {:.3g} (weighted), {} ties against the split:{}\n"
      "cross-pressured actors (weight of their ties against the split):{}\n"
      "triangle balance {:.2f}, walk balance {:.2f}, polarization {:.2f} (capability-weighted)\n"
      "landscape theory ({} local minim{}):\n{}",
      date.iso(), n, g.edges.size(), g.positive_edges(), g.negative_edges(),
      method, a, b, fr.frustration,
      fr.frustrated.size(), tie_list.empty() ? " none" : tie_list,
      pressure_text.empty() ? " none" : pressure_text, m.triangle_ratio, m.walk_balance,
      m.polarization, land.minima.size(), land.minima.size() == 1 ? "um" : "a", land_text);

  out.html = "<div class=\"alignment\">\n" +
             draw_svg(g, fr.side, capability, frustrated, options.seed) +
             fmt::format(
                 "<p>Best two-bloc split on {} ({}): frustration <b>{:.3g}</b> (weight of ties "
                 "against the split; {} ties). Triangle balance {:.2f}, walk balance {:.2f}, "
                 "capability-weighted polarization {:.2f}. Cross-pressured actors (weight of their "
                 "ties against the split):{}.</p>\n",
                 date.iso(), method,
                 fr.frustration, fr.frustrated.size(), m.triangle_ratio, m.walk_balance,
                 m.polarization, svg::escape(pressure_text.empty() ? " none" : pressure_text)) +
             "<table><caption>Landscape theory: predicted coalitions (sizes = capability, "
             "propensities = net ties)</caption>\n<tr><th>#</th><th>energy</th><th>basin</th>"
             "<th>coalition A</th><th>coalition B</th></tr>\n" +
             land_html + "</table>\n</div>\n";
  return out;
}

}  // namespace detente::report
