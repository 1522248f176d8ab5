// `detente scenarios`: list the built-in scenarios.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/builtin.hpp"
#include "core/error.hpp"
#include "io/scenario_toml.hpp"

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
  std::string table;
  for (const auto& b : builtin_scenarios()) {
    Scenario s = io::load_scenario(std::string(b.name));
    out.push_back({{"id", s.id},
                   {"name", s.name},
                   {"actors", s.actors.size()},
                   {"issues", s.issues.size()},
                   {"events", s.events.size()}});
    table += fmt::format("{:<24} {:>3} actors {:>3} issues {:>3} events  {}\n", s.id,
                         s.actors.size(), s.issues.size(), s.events.size(), s.name);
  }
  std::cout << (format == Format::json ? out.dump(2) + "\n" : table);
  return 0;
}

const bool registered = register_command(
    {"scenarios", "List the built-in scenarios (or print one's TOML with --show NAME)", 90,
     [](CLI::App& app) {
       auto format = std::make_shared<Format>();
       auto show = std::make_shared<std::string>();
       add_format_option(app, *format, {Format::text, Format::json});
       app.add_option("--show", *show, "Print the TOML of this built-in scenario");
       return [format, show] { return list_scenarios(*format, !show->empty(), *show); };
     }});

}  // namespace
}  // namespace detente::cli
