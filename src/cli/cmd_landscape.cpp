// `detente landscape ACTORS.csv PROPENSITIES.csv`: Axelrod–Bennett landscape theory —
// every local minimum of the coalition energy, lowest first, with per-actor frustration
// and basin of attraction.
//
//   detente landscape Actor_data.csv Pairwise_propensity_Feb_20.csv --offset 3 --format json
#include <cmath>
#include <nlohmann/json.hpp>

#include "align/landscape.hpp"
#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/progress.hpp"
#include "io/csv.hpp"
#include "io/graph/landscape_csv.hpp"

namespace detente::cli {
namespace {

struct LandscapeArgs {
  std::string actors, propensities;
  double offset = 0;
  std::string method = "auto";
  int threads = 2;
  int samples = 20000;
  std::uint64_t seed = 1;
  std::string output;
  Format format = Format::text;
  StoreOption store;
};

nlohmann::ordered_json number(double v) {
  if (std::floor(v) == v && std::abs(v) < 1e15) return static_cast<long long>(v);
  return v;
}

int run_landscape(const LandscapeArgs& a) {
  auto in = align::read_landscape_csv(a.actors, a.propensities, a.offset);
  int n = static_cast<int>(in.actors.size());
  bool exhaustive = a.method == "exhaustive" ||
                    (a.method == "auto" && n <= limits::kLandscapeAutoExhaustiveActors);
  if (exhaustive && n > limits::kLandscapeExhaustiveMaxActors)
    fail({a.actors, 0}, "{} actors: the exhaustive search handles up to {} (core/limits.hpp)", n,
         limits::kLandscapeExhaustiveMaxActors);
  const auto bar = terminal_progress(quiet());  // a bar on a terminal unless --quiet
  align::LandscapeOptions o{
      .threads = a.threads, .samples = a.samples, .seed = a.seed, .progress = bar.get()};
  auto r = exhaustive ? align::exhaustive_landscape(in, o) : align::heuristic_landscape(in, o);
  nlohmann::ordered_json j;
  j["actors"] = n;
  j["method"] = exhaustive ? "exhaustive" : "heuristic";
  j["configurations"] = number(r.configurations);
  j["basins"] = r.basins_exact ? "exact" : "sampled";
  auto list = nlohmann::ordered_json::array();
  for (const auto& m : r.minima) {
    nlohmann::ordered_json x, part, fr;
    x["energy"] = number(m.energy);
    for (int i = 0; i < n; ++i) part[in.actors[i]] = m.side[i];
    for (int i = 0; i < n; ++i) fr[in.actors[i]] = number(m.frustration[i]);
    x["partition"] = part;
    x["frustration"] = fr;
    x["basin"] = number(m.basin);
    x["basin_share"] = m.basin_share;
    list.push_back(x);
  }
  j["minima"] = list;
  a.store.save(j);
  std::string out;
  if (a.format == Format::json) {
    out = j.dump(2) + "\n";
  } else if (a.format == Format::csv) {  // one row per minimum and actor
    out = "minimum,energy,basin,basin_share,actor,coalition\n";
    for (std::size_t k = 0; k < r.minima.size(); ++k) {
      const auto& m = r.minima[k];
      for (int i = 0; i < n; ++i)
        out += fmt::format("{},{},{},{},{},{}\n", k + 1, m.energy, m.basin, m.basin_share,
                           io::csv_quote(in.actors[i]), m.side[i]);
    }
  } else {
    out += fmt::format("{} actors, {} configurations searched ({}), {} local minim{}\n", n,
                       r.configurations, exhaustive ? "exhaustive" : "sampled descents",
                       r.minima.size(), r.minima.size() == 1 ? "um" : "a");
    for (std::size_t k = 0; k < r.minima.size(); ++k) {
      const auto& m = r.minima[k];
      std::string s0, s1;
      for (int i = 0; i < n; ++i) (m.side[i] == 0 ? s0 : s1) += " " + in.actors[i];
      out += fmt::format("#{} energy {} basin {} ({:.1f}%)\n  {{{} }} vs {{{} }}\n", k + 1,
                         m.energy, m.basin, 100 * m.basin_share, s0, s1);
    }
  }
  emit(out, a.output);
  return 0;
}

}  // namespace

CommandSpec landscape_command() {
  return {"landscape", "Axelrod–Bennett landscape theory: predicted two-coalition configurations",
          [](CLI::App& app) {
            auto a = std::make_shared<LandscapeArgs>();
            app.add_option("ACTORS", a->actors,
                           "CSV with columns actor (or name), strength (or size)")
                ->required();
            app.add_option("PROPENSITIES", a->propensities,
                           "Square CSV of pairwise propensities, actors in the same order")
                ->required();
            app.add_option("--offset", a->offset,
                           "Subtracted from every propensity (3 for a 1–5 scale)")
                ->default_str("0");
            app.add_option("--method", a->method,
                           "auto (exhaustive up to 30 actors), exhaustive or heuristic")
                ->check(CLI::IsMember({"auto", "exhaustive", "heuristic"}));
            add_threads_option(app, a->threads);
            app.add_option("--samples", a->samples, "Descents for sampled basins and the heuristic")
                ->check(CLI::PositiveNumber);
            app.add_option("--seed", a->seed, "Seed of sampled descents");
            add_output_option(app, a->output);
            add_format_option(app, a->format, {Format::text, Format::json, Format::csv});
            a->store.add(app);
            return [a] { return run_landscape(*a); };
          }};
}

}  // namespace detente::cli
