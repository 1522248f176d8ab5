// `detente validate FILE…`: check scenario files and report every problem.
#include <iostream>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "core/builtin.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/scenario_toml.hpp"

namespace detente::cli {
namespace {

int validate(const std::vector<std::string>& files, const std::string& as_of_text) {
  io::ReadOptions options;
  if (!as_of_text.empty()) {
    options.as_of = Date::parse(as_of_text);
    if (!options.as_of)
      fail({"--as-of"}, "bad date '{}': expected a real calendar date YYYY-MM-DD", as_of_text);
  }
  int bad = 0;
  for (const auto& f : files) {
    try {
      Scenario s = io::load_scenario(f, options);
      std::cout << fmt::format(
          "{}: ok ({} actors, {} issues, {} positions, {} relations, {} events, {} variants, {} "
          "outcomes)\n",
          io::input_name(f), s.actors.size(), s.issues.size(), s.positions.size(), s.relations.size(),
          s.events.size(), s.variants.size(), s.outcomes.size());
    } catch (const InputError& e) {
      ++bad;
      for (const auto& d : e.diagnostics())
        std::cerr << "detente: error: " << d.to_string() << '\n';
    }
  }
  if (bad > 0) {
    std::cerr << fmt::format("detente: {} of {} file(s) invalid\n", bad, files.size());
    return 1;
  }
  return 0;
}

}  // namespace

CommandSpec validate_command() {
  return {"validate", "Check scenario files: keys, fields, ids, references, ranges, dates",
          [](CLI::App& app) {
            auto files = std::make_shared<std::vector<std::string>>();
            app.add_option("FILE", *files, "Scenario files (TOML) or built-in scenario names")
                ->required();
            auto as_of = std::make_shared<std::string>();
            app.add_option("--as-of", *as_of,
                           "Check the as-of discipline against this date (YYYY-MM-DD) instead of "
                           "each scenario's as_of");
            return [files, as_of] { return validate(*files, *as_of); };
          }};
}

}  // namespace detente::cli
