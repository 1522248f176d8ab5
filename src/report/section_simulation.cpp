#include "report/section_simulation.hpp"

#include <fmt/format.h>

#include "report/svg.hpp"
#include "report/tornado.hpp"
#include "sim/ensemble.hpp"
#include "sim/sensitivity.hpp"

namespace detente::report {

namespace {

// One panel per key dyad: the 5–95% and 25–75% bands and the median of the tie over the
// months, for the baseline, with scheduled and held events marked.
std::string bands_svg(const Scenario& s, const sim::SimModel& model,
                      const sim::EnsembleSummary& summary) {
  const double width = 900, panel = 150, left = 50, right = 880, gap = 30;
  const std::size_t dyads = summary.dyad_names.size();
  const double height = static_cast<double>(dyads) * (panel + gap) + 20;
  const std::size_t months = summary.month_labels.size();
  svg::Scale x{0, static_cast<double>(std::max<std::size_t>(months, 2) - 1), left, right};
  std::string out = fmt::format(
      "<svg class=chart viewBox='0 0 {0} {1}' width='{0}' height='{1}' role='img' "
      "aria-label='relation bands over time'>\n",
      width, svg::num(height));
  for (std::size_t d = 0; d < dyads; ++d) {
    const double top = 10 + static_cast<double>(d) * (panel + gap);
    svg::Scale y{-1, 1, top + panel, top};
    const auto& series = summary.dyad_series[d];
    auto band = [&](auto lo, auto hi, std::string_view fill) {
      std::string pts;
      for (std::size_t t = 0; t < months; ++t)
        pts +=
            fmt::format("{},{} ", svg::num(x(static_cast<double>(t))), svg::num(y(hi(series[t]))));
      for (std::size_t t = months; t-- > 0;)
        pts +=
            fmt::format("{},{} ", svg::num(x(static_cast<double>(t))), svg::num(y(lo(series[t]))));
      out += fmt::format("<polygon points='{}' fill='{}' stroke='none'/>\n", pts, fill);
    };
    out +=
        fmt::format("<rect x='{}' y='{}' width='{}' height='{}' fill='#fbfbfb' stroke='#ddd'/>\n",
                    left, svg::num(top), right - left, panel);
    for (double v : {-1.0, -0.5, 0.0, 0.5, 1.0})
      out += fmt::format(
          "<line x1='{0}' y1='{1}' x2='{2}' y2='{1}' stroke='{3}'/><text x='{4}' y='{5}' "
          "class=lab>{6}</text>\n",
          left, svg::num(y(v)), right, v == 0 ? "#999" : "#eee", left - 4, svg::num(y(v) + 4),
          svg::num(v, 1));
    // Events inside the horizon, as thin vertical lines labelled on hover.
    for (const Event& e : s.events) {
      int t = sim::months_between(model.start, e.date);
      if (t < 0 || t >= static_cast<int>(months)) continue;
      out += fmt::format(
          "<line x1='{0}' y1='{1}' x2='{0}' y2='{2}' stroke='#bbb' stroke-dasharray='3 3'>"
          "<title>{3} {4} ({5})</title></line>\n",
          svg::num(x(t)), svg::num(top), svg::num(top + panel), e.date.iso(), svg::escape(e.title),
          to_string(e.status));
    }
    band([](const sim::Quantiles& q) { return q.q05; },
         [](const sim::Quantiles& q) { return q.q95; }, "#cfe0f1");
    band([](const sim::Quantiles& q) { return q.q25; },
         [](const sim::Quantiles& q) { return q.q75; }, "#8fb8de");
    std::string line;
    for (std::size_t t = 0; t < months; ++t)
      line +=
          fmt::format("{},{} ", svg::num(x(static_cast<double>(t))), svg::num(y(series[t].q50)));
    out += fmt::format("<polyline points='{}' fill='none' stroke='#0b3c5d' stroke-width='2'/>\n",
                       line);
    out += fmt::format(
        "<text x='{}' y='{}' class=mark style='text-anchor:start;font-weight:600'>{}</text>\n",
        left + 6, svg::num(top + 14), svg::escape(summary.dyad_names[d]));
    for (std::size_t t = 0; t < months; t += 6)
      out += fmt::format("<text x='{}' y='{}' class=tick>{}</text>\n",
                         svg::num(x(static_cast<double>(t))), svg::num(top + panel + 13),
                         summary.month_labels[t]);
  }
  out += "</svg>\n";
  return out;
}

// Design of the section's sensitivity analysis: small, so that the main job stays quick;
// `detente simulate --sensitivity` takes larger designs.
constexpr std::size_t kSensitivitySamples = 128;
constexpr std::size_t kSensitivityReplicates = 4;
constexpr std::size_t kTornadoes = 4;

// Tornado charts for the outcomes with the most variance, and the indices as JSON.
std::string sensitivity_html(const sim::SimModel& model, const RunOptions& options,
                             nlohmann::json& json, std::string& text) {
  if (model.inputs.empty())
    return "<p class=note>No uncertain inputs: no sensitivity analysis.</p>\n";
  sim::SensitivityResult r = sim::sensitivity(
      model, {kSensitivitySamples, kSensitivityReplicates, options.seed, options.threads, 200});
  json = sim::sobol_to_json(r.sobol, r.outputs, {kSensitivitySamples, options.seed});
  std::vector<std::size_t> order(r.outputs.size());
  for (std::size_t o = 0; o < order.size(); ++o) order[o] = o;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return r.sobol.outputs[a].variance > r.sobol.outputs[b].variance;
  });
  std::string html = fmt::format(
      "<h3>Sensitivity (baseline)</h3><p class=note>Sobol indices of each outcome with respect "
      "to each group of uncertain inputs (Saltelli design, N = {}, {} runs per row; total order "
      "light, first order dark). Outcomes with the most variance:</p>\n",
      kSensitivitySamples, kSensitivityReplicates);
  std::size_t shown = 0;
  for (std::size_t o : order) {
    if (shown == kTornadoes || !(r.sobol.outputs[o].variance > 0)) break;
    if (r.outputs[o].rfind("settlement:", 0) == 0) continue;  // outcomes first
    const auto& outcome = model.outcomes[o];
    html += sobol_tornado_svg(r.sobol, o, outcome.name);
    const auto ranked = sim::ranked_inputs(r.sobol, o);
    if (!ranked.empty())
      text += fmt::format("  most influential on '{}': {} (total index {:.2f})\n", outcome.name,
                          r.sobol.input_names[ranked.front()],
                          r.sobol.outputs[o].inputs[ranked.front()].total_order);
    ++shown;
  }
  return html;
}

}  // namespace

Section build_simulation_section(const Scenario& s, const RunOptions& options) {
  Section out{"simulation", "Simulated futures"};
  std::vector<const Variant*> variants{nullptr};
  for (const auto& v : s.variants) variants.push_back(&v);

  std::vector<sim::EnsembleSummary> results;
  std::vector<sim::SimModel> models;
  for (const Variant* v : variants) {
    models.push_back(sim::compile(s, v));
    auto records = sim::run_records(models.back(), {options.seed, options.threads, {}}, 0,
                                    options.simulation_runs);
    results.push_back(
        sim::summarise(models.back(), records, options.simulation_runs, options.threads));
  }

  out.json["runs"] = options.simulation_runs;
  out.json["seed"] = options.seed;
  out.json["variants"] = nlohmann::json::array();
  for (const auto& r : results) out.json["variants"].push_back(sim::to_json(r));

  // Terminal: outcomes by variant.
  out.text +=
      fmt::format("  {} runs per variant, seed {}, {} months from {}\n", options.simulation_runs,
                  options.seed, models.front().months, models.front().start.iso());
  std::string header = fmt::format("  {:<40}", "outcome");
  for (const auto& r : results) header += fmt::format(" {:>12}", r.variant_id.substr(0, 12));
  out.text += header + "\n";
  for (std::size_t o = 0; o < results.front().outcomes.size(); ++o) {
    const std::string& name = results.front().outcomes[o].name;
    std::string row = fmt::format("  {:<40}", name.size() > 40 ? name.substr(0, 39) + "…" : name);
    for (const auto& r : results)
      row += fmt::format(" {:>11.1f}%", 100 * r.outcomes[o].probability);
    out.text += row + "\n";
  }

  // Report: the outcome table, the variants' descriptions, the bands.
  std::string head = "<tr><th>outcome</th>";
  for (std::size_t v = 0; v < results.size(); ++v)
    head +=
        fmt::format("<th title='{}'>{}</th>",
                    svg::escape(variants[v] ? variants[v]->description : "the scenario as given"),
                    svg::escape(results[v].variant_name));
  head += "</tr>";
  std::string rows;
  for (std::size_t o = 0; o < results.front().outcomes.size(); ++o) {
    rows += "<tr><td>" + svg::escape(results.front().outcomes[o].name) + "</td>";
    for (const auto& r : results) {
      const auto& oc = r.outcomes[o];
      rows += fmt::format("<td class=num><b>{}%</b> <span class=src>[{}, {}]</span></td>",
                          svg::num(100 * oc.probability, 1), svg::num(100 * oc.low, 1),
                          svg::num(100 * oc.high, 1));
    }
    rows += "</tr>\n";
  }
  std::string issues;
  for (std::size_t k = 0; k < results.front().issues.size(); ++k) {
    issues += "<tr><td>" + svg::escape(results.front().issues[k].first) + "</td>";
    for (const auto& r : results) {
      const auto& q = r.issues[k].second;
      issues += fmt::format("<td class=num>{} <span class=src>[{}, {}]</span></td>",
                            svg::num(q.q50, 1), svg::num(q.q05, 1), svg::num(q.q95, 1));
    }
    issues += "</tr>\n";
  }
  out.html = fmt::format(
      "<p class=note>{} runs per variant (seed {}), monthly steps from {} for {} months; the "
      "model is described in docs/models/dynamics.md. Probabilities with 95% Wilson "
      "intervals.</p>\n"
      "<table><thead>{}</thead><tbody>{}</tbody></table>\n"
      "<h3>Issue settlements: median [5%, "
      "95%]</h3><table><thead>{}</thead><tbody>{}</tbody></table>\n"
      "<h3>Key ties over time (baseline): median, 25–75% and 5–95% bands; dashed lines are "
      "timeline events</h3>\n{}",
      options.simulation_runs, options.seed, models.front().start.iso(), models.front().months,
      head, rows, std::string(head).replace(head.find("outcome"), 7, "issue"), issues,
      bands_svg(s, models.front(), results.front()));
  nlohmann::json sensitivity_json;
  out.html += sensitivity_html(models.front(), options, sensitivity_json, out.text);
  out.json["sensitivity"] = sensitivity_json;
  return out;
}

}  // namespace detente::report
