#include "report/section_alignment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "align/balance_dynamics.hpp"
#include "align/balance_measures.hpp"
#include "align/frustration.hpp"
#include "align/landscape.hpp"
#include "align/signed_graph.hpp"
#include "core/limits.hpp"

namespace detente::report {
namespace {

// How a split search ended, in the terms of the simulation's `frustration_method`.
nlohmann::json split_method_json(const align::FrustrationResult& r, long long budget) {
  const char* stopped = r.stopped == align::FrustrationStop::finished      ? "finished"
                        : r.stopped == align::FrustrationStop::node_budget ? "node budget"
                                                                           : "time limit";
  return {{"exact", r.optimal},
          {"method", "branch and bound"},
          {"gap", r.frustration - r.lower_bound},
          {"lower_bound", r.lower_bound},
          {"search_nodes", r.search_nodes},
          {"node_budget", budget},
          {"stopped", stopped}};
}

}  // namespace

Section build_alignment_section(const Scenario& scenario, const RunOptions& options) {
  return build_alignment_section(scenario, options, limits::kAlignmentSplitNodeBudget);
}

Section build_alignment_section(const Scenario& scenario, const RunOptions& options,
                                long long split_node_budget) {
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
    return out;
  }

  // Best two-bloc split, weighted by tie strength: exact where the branch and bound finishes
  // within its node budget (a count, so the result is the same on every machine), else the
  // best split found with its proven lower bound.
  auto fr = align::frustration_exact(
      g, {.weighted = true, .seed = options.seed, .node_budget = split_node_budget});
  auto count = align::frustration_exact(g, {.weighted = false, .node_budget = split_node_budget});
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
  out.json["frustration_method"] = split_method_json(fr, split_node_budget);
  out.json["frustration_count"] = count.frustration;
  out.json["frustration_count_method"] = split_method_json(count, split_node_budget);
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
  auto land = n <= limits::kLandscapeReportExhaustiveActors
                  ? align::exhaustive_landscape(
                        li, {.threads = options.threads, .progress = options.progress})
                  : align::heuristic_landscape(li, {.threads = options.threads,
                                                    .seed = options.seed,
                                                    .progress = options.progress});
  nlohmann::json minima = nlohmann::json::array();
  std::string land_text;
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
  }
  out.json["landscape"] = {{"method", land.exhaustive ? "exhaustive" : "sampled descents"},
                           {"local_minima", land.minima.size()},
                           {"minima", minima}};

  std::string a, b;
  for (int i = 0; i < n; ++i) (fr.side[i] == 0 ? a : b) += " " + g.names[i];
  // Exact branch and bound; at its node budget, the best split found and the proven gap.
  const std::string method =
      fr.optimal ? "exact, proven optimal"
                 : fmt::format(
                       "branch and bound stopped at its budget of {} search nodes: not proven "
                       "optimal, within {:.3g} of the optimum",
                       split_node_budget, fr.frustration - fr.lower_bound);
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
      date.iso(), n, g.edges.size(), g.positive_edges(), g.negative_edges(), method, a, b,
      fr.frustration, fr.frustrated.size(), tie_list.empty() ? " none" : tie_list,
      pressure_text.empty() ? " none" : pressure_text, m.triangle_ratio, m.walk_balance,
      m.polarization, land.minima.size(), land.minima.size() == 1 ? "um" : "a", land_text);

  return out;
}

}  // namespace detente::report
