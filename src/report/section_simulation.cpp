#include "report/section_simulation.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>

#include "sim/ensemble.hpp"
#include "sim/sensitivity.hpp"

namespace detente::report {

namespace {

// Design of the section's sensitivity analysis: small, so that the main job stays quick;
// `detente simulate --sensitivity` takes larger designs.
constexpr std::size_t kSensitivitySamples = 128;
constexpr std::size_t kSensitivityReplicates = 4;
constexpr std::size_t kMostInfluential = 4;  // outcomes named in the terminal summary

// The Sobol indices as JSON; for the outcomes with the most variance, the most influential
// input group in the terminal summary.
nlohmann::json sensitivity_summary(const sim::SimModel& model, const sim::SensitivityResult& r,
                                   std::uint64_t seed, std::string& text) {
  nlohmann::json json = sim::sobol_to_json(r.sobol, r.outputs, {kSensitivitySamples, seed});
  std::vector<std::size_t> order(r.outputs.size());
  for (std::size_t o = 0; o < order.size(); ++o) order[o] = o;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return r.sobol.outputs[a].variance > r.sobol.outputs[b].variance;
  });
  std::size_t shown = 0;
  for (std::size_t o : order) {
    if (shown == kMostInfluential || !(r.sobol.outputs[o].variance > 0)) break;
    if (r.outputs[o].rfind("settlement:", 0) == 0) continue;  // outcomes first
    const auto ranked = sim::ranked_inputs(r.sobol, o);
    if (!ranked.empty())
      text += fmt::format("  most influential on '{}': {} (total index {:.2f})\n",
                          model.outcomes[o].name, r.sobol.input_names[ranked.front()],
                          r.sobol.outputs[o].inputs[ranked.front()].total_order);
    ++shown;
  }
  return json;
}

// The outcomes pinned below 1% or above 99% in every variant, with what pins them.
void pinned_text(const sim::EnsembleReport& r, std::string& text) {
  for (const auto& p : r.pinned) {
    const std::string why = p.by_construction ? "by construction: no uncertain input moves it"
                            : p.inputs.empty()
                                ? "no input group has a total Sobol index ≥ 0.05"
                                : fmt::format("moved only by {}", fmt::join(p.inputs, ", "));
    text += fmt::format("  pinned: {} ({:.1f}–{:.1f}%): {}\n", p.name, 100 * p.lowest,
                        100 * p.highest, why);
  }
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
  // Sensitivity needs uncertain inputs and something to explain (outcomes or issues; a
  // scenario drafted from data has neither until the analyst adds them).
  const bool analysable = !models.front().inputs.empty() &&
                          (!models.front().outcomes.empty() || !models.front().issues.empty());
  if (analysable) {
    sim::SensitivityOptions so{kSensitivitySamples, kSensitivityReplicates, options.seed,
                               options.threads, 200};
    so.progress = options.progress;
    sens = sim::sensitivity(models.front(), so);
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

  pinned_text(report, out.text);
  nlohmann::json sensitivity_json;
  if (sens) sensitivity_json = sensitivity_summary(models.front(), *sens, options.seed, out.text);
  out.json["sensitivity"] = sensitivity_json;
  return out;
}

}  // namespace detente::report
