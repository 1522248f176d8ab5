#include "report/section_simulation.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>

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
std::string sensitivity_html(const sim::SimModel& model, const sim::SensitivityResult& r,
                             std::uint64_t seed, nlohmann::json& json, std::string& text) {
  json = sim::sobol_to_json(r.sobol, r.outputs, {kSensitivitySamples, seed});
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


// The effects of each variant against the baseline, as a table: outcomes in probability
// points, issues as settlement shifts, each with its 95% interval.
std::string effects_html(const sim::EnsembleReport& r) {
  if (r.effects.empty()) return "";
  std::string head = "<tr><th>effect on</th>";
  for (const auto& e : r.effects) head += "<th>" + svg::escape(e.variant_name) + "</th>";
  head += "</tr>";
  auto cell = [](double v, double lo, double hi, double scale, const char* unit) {
    const bool clear = lo > 0 || hi < 0;  // the interval excludes 0
    return fmt::format("<td class=num>{}{:+.1f}{}{} <span class=src>[{:+.1f}, {:+.1f}]</span></td>",
                       clear ? "<b>" : "", scale * v, unit, clear ? "</b>" : "", scale * lo,
                       scale * hi);
  };
  std::string rows;
  for (std::size_t o = 0; o < r.effects.front().outcomes.size(); ++o) {
    rows += "<tr><td>" + svg::escape(r.effects.front().outcomes[o].name) + "</td>";
    for (const auto& e : r.effects)
      rows += cell(e.outcomes[o].difference, e.outcomes[o].low, e.outcomes[o].high, 100, " pt");
    rows += "</tr>\n";
  }
  for (std::size_t k = 0; k < r.effects.front().settlements.size(); ++k) {
    rows +=
        "<tr><td>settlement of " + svg::escape(r.effects.front().settlements[k].issue) + "</td>";
    for (const auto& e : r.effects)
      rows += cell(e.settlements[k].shift, e.settlements[k].low, e.settlements[k].high, 1, "");
    rows += "</tr>\n";
  }
  return fmt::format(
      "<h3>Effects of the variants</h3><p class=note>Each variant against the baseline on the "
      "same {} runs (common random numbers: run r of every variant shares its draws): the "
      "paired difference in probability points (Agresti–Min 95% interval) and the mean shift of "
      "each settlement on its issue's scale (95% interval); bold where the interval excludes "
      "0.</p>\n<table><thead>{}</thead><tbody>{}</tbody></table>\n",
      r.header.runs, head, rows);
}

// The outcomes pinned below 1% or above 99% in every variant, with what pins them.
std::string pinned_html(const sim::EnsembleReport& r, std::string& text) {
  if (r.pinned.empty()) return "";
  std::string items;
  for (const auto& p : r.pinned) {
    const std::string why = p.by_construction ? "by construction: no uncertain input moves it"
                            : p.inputs.empty()
                                ? "no input group has a total Sobol index ≥ 0.05"
                                : fmt::format("moved only by {}", fmt::join(p.inputs, ", "));
    items +=
        fmt::format("<li><b>{}</b> ({}–{}% over the variants): {}</li>", svg::escape(p.name),
                    svg::num(100 * p.lowest, 1), svg::num(100 * p.highest, 1), svg::escape(why));
    text += fmt::format("  pinned: {} ({:.1f}–{:.1f}%): {}\n", p.name, 100 * p.lowest,
                        100 * p.highest, why);
  }
  return "<h3>Pinned outcomes</h3><p class=note>Below 1% or above 99% in every variant: a "
         "forecast that cannot be wrong says little. What pins each (from the sensitivity "
         "analysis of the baseline):</p><ul>" +
         items + "</ul>\n";
}

}  // namespace

Section build_simulation_section(const Scenario& s, const RunOptions& options) {
  Section out{"simulation", "Simulated futures"};
  std::vector<const Variant*> variants{nullptr};
  for (const auto& v : s.variants) variants.push_back(&v);

  std::vector<sim::SimModel> models;
  for (const Variant* v : variants) models.push_back(sim::compile(s, v));
  const std::size_t runs = options.simulation_runs;
  sim::EnsembleTally tally;
  {
    ProgressTask task(options.progress, fmt::format("simulating {} variants", models.size()),
                      runs * models.size(), "runs");
    tally = sim::tally_ensemble(models, {options.seed, options.threads, &task}, runs, 0, runs);
  }
  sim::EnsembleReport report = sim::summarise(tally);
  std::optional<sim::SensitivityResult> sens;
  if (!models.front().inputs.empty()) {
    ProgressTask task(options.progress, "sensitivity", 1, "analyses");
    sens = sim::sensitivity(models.front(), {kSensitivitySamples, kSensitivityReplicates,
                                             options.seed, options.threads, 200});
    task.advance();
    sim::attach_pinning(report, *sens);
  } else {
    for (auto& p : report.pinned) p.analysed = p.by_construction = true;  // nothing is uncertain
  }
  const std::vector<sim::EnsembleSummary>& results = report.variants;

  out.json["runs"] = runs;
  out.json["seed"] = options.seed;
  out.json["effects"] = sim::effects_json(report);
  out.json["pinned"] = sim::pinned_json(report);
  out.json["quantiles"] = {{"method", "histogram"}, {"bins", sim::kBins}};
  out.json["variants"] = nlohmann::json::array();
  for (const auto& r : results) out.json["variants"].push_back(sim::to_json(r));

  // Terminal: the effects first, then the outcomes by variant.
  out.text += fmt::format("  {} runs per variant, seed {}, {} months from {}\n", runs, options.seed,
                          models.front().months, models.front().start.iso());
  if (!report.effects.empty()) {
    std::string header = fmt::format("  {:<40}", "effect vs baseline (points)");
    for (const auto& e : report.effects)
      header += fmt::format(" {:>12}", e.variant_id.substr(0, 12));
    out.text += header + "\n";
    for (std::size_t o = 0; o < report.effects.front().outcomes.size(); ++o) {
      const std::string& name = report.effects.front().outcomes[o].name;
      std::string row = fmt::format("  {:<40}", name.size() > 40 ? name.substr(0, 39) + "…" : name);
      for (const auto& e : report.effects)
        row += fmt::format(" {:>+12.1f}", 100 * e.outcomes[o].difference);
      out.text += row + "\n";
    }
  }
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
  const std::string pinned = pinned_html(report, out.text);
  out.html = effects_html(report) + pinned;
  out.html += fmt::format(
      "<h3>Probabilities</h3><p class=note>{} runs per variant (seed {}), monthly steps from {} "
      "for {} months; the "
      "model is described in docs/models/dynamics.md. Probabilities with 95% Wilson "
      "intervals.</p>\n"
      "<table><thead>{}</thead><tbody>{}</tbody></table>\n"
      "<h3>Issue settlements: median [5%, "
      "95%]</h3><table><thead>{}</thead><tbody>{}</tbody></table>\n"
      "<h3>Key ties over time (baseline): median, 25–75% and 5–95% bands; dashed lines are "
      "timeline events</h3>\n{}",
      runs, options.seed, models.front().start.iso(), models.front().months, head, rows,
      std::string(head).replace(head.find("outcome"), 7, "issue"), issues,
      bands_svg(s, models.front(), results.front()));
  nlohmann::json sensitivity_json;
  if (sens)
    out.html += sensitivity_html(models.front(), *sens, options.seed, sensitivity_json, out.text);
  else
    out.html += "<p class=note>No uncertain inputs: no sensitivity analysis.</p>\n";
  out.json["sensitivity"] = sensitivity_json;
  return out;
}

}  // namespace detente::report
