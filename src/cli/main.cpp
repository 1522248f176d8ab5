// detente: the command-line interface. Each subcommand lives in src/cli/cmd_*.cpp.
//
// Usage errors are reported in detente's own style, one line and a hint, with exit status 1:
//   detente: error: unknown command 'nosuch'
//   detente: hint: commands: run, validate, …; see `detente --help`
#include <algorithm>
#include <iostream>
#include <string_view>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "sim/kernels.hpp"

namespace {

// CLI11's message without its decorations (it may start with the error class name).
std::string usage_message(const CLI::ParseError& e) {
  std::string m = e.what();
  for (std::string_view prefix : {"ERROR: ", "ValidationError: ", "ConversionError: "})
    if (m.rfind(prefix, 0) == 0) m.erase(0, prefix.size());
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

int usage_error(const std::string& message, const std::string& hint) {
  std::cerr << "detente: error: " << message << '\n' << "detente: hint: " << hint << '\n';
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace detente;
  CLI::App app{
      "detente: measure, explain, forecast and simulate regional international systems.\n"
      "Run `detente run` for the built-in Northeast Asia 2024 case, or `detente COMMAND --help`."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "detente 0.1.0");

  bool quiet = false;
  auto runners = cli::add_commands(app, &quiet);
  std::string names;
  for (const auto& [sub, run] : runners) names += (names.empty() ? "" : ", ") + sub->get_name();

  // A first word that is no command and no option: name it (CLI11 would only say that a
  // subcommand is required).
  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    if (std::none_of(runners.begin(), runners.end(),
                     [&](const auto& r) { return r.first->get_name() == first; }))
      return usage_error("unknown command '" + first + "'",
                         "commands: " + names + "; see `detente --help`");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string command = "detente";
    for (const auto& [sub, run] : runners)
      if (sub->parsed() || (argc > 1 && sub->get_name() == argv[1])) {
        command += " " + sub->get_name();
        // A command's own subcommand ("events aggregate") has the help that applies.
        if (argc > 2 && argv[2][0] != '-') {
          const std::string second = argv[2];
          for (CLI::App* inner :
               sub->get_subcommands([&](CLI::App* a) { return a->check_name(second); }))
            command += " " + inner->get_name();
        }
      }
    if (command == "detente" && argc <= 1)
      return usage_error("no command given", "commands: " + names + "; see `detente --help`");
    return usage_error(usage_message(e), "see `" + command + " --help`");
  }
  cli::set_quiet(cli::quiet() || quiet);

  try {
    sim::check_simd_request();
    for (auto& [sub, run] : runners)
      if (sub->parsed()) return run();
    return 0;
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << "detente: error: " << d.to_string() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "detente: internal error: " << e.what() << '\n';
    return 2;
  }
}
