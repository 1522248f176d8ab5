// `detente scenarios`: list the built-in scenarios, print one's TOML, or print a synthetic
// scenario of any size for benchmarks and tests (sim/synthetic.hpp).
//
//   detente scenarios --synthetic 50 --seed 7 > synthetic-50.toml
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "core/builtin.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"
#include "io/scenario_toml.hpp"
#include "sim/synthetic.hpp"

namespace detente::cli {
namespace {

int list_scenarios(Format format, bool print_toml, const std::string& name) {
  if (print_toml) {
    auto text = find_builtin_scenario(name);
    if (!text) throw InputError({name}, "no built-in scenario of that name");
    std::cout << *text;
    return 0;
  }
  nlohmann::json out = nlohmann::json::array();
  std::string table, csv = "id,name,actors,issues,events\n";
  for (const auto& b : builtin_scenarios()) {
    Scenario s = io::load_scenario(std::string(b.name));
    out.push_back({{"id", s.id},
                   {"name", s.name},
                   {"actors", s.actors.size()},
                   {"issues", s.issues.size()},
                   {"events", s.events.size()}});
    csv += fmt::format("{},{},{},{},{}\n", io::csv_quote(s.id), io::csv_quote(s.name),
                       s.actors.size(), s.issues.size(), s.events.size());
    table += fmt::format("{:<24} {:>3} actors {:>3} issues {:>3} events  {}\n", s.id,
                         s.actors.size(), s.issues.size(), s.events.size(), s.name);
  }
  std::cout << (format == Format::json ? out.dump(2) + "\n" : format == Format::csv ? csv : table);
  return 0;
}

}  // namespace

CommandSpec scenarios_command() {
  return {
      "scenarios", "List the built-in scenarios (or print one's TOML with --show NAME)",
      [](CLI::App& app) {
        auto format = std::make_shared<Format>();
        auto show = std::make_shared<std::string>();
        auto synthetic = std::make_shared<int>(0);
        auto seed = std::make_shared<std::uint64_t>(1);
        add_format_option(app, *format, {Format::text, Format::json, Format::csv});
        auto* show_option =
            app.add_option("--show", *show, "Print the TOML of this built-in scenario");
        app.add_option("--synthetic", *synthetic,
                       "Print a synthetic scenario with this many actors (benchmarks, tests)")
            ->excludes(show_option);
        app.add_option("--seed", *seed, "Seed of the synthetic scenario")->capture_default_str();
        return [format, show, synthetic, seed] {
          if (*synthetic != 0) {
            std::cout << sim::synthetic_scenario(*synthetic, *seed);
            return 0;
          }
          return list_scenarios(*format, !show->empty(), *show);
        };
      }};
}

}  // namespace detente::cli
