// detente: the command-line interface. Each subcommand lives in src/cli/cmd_*.cpp.
#include <algorithm>
#include <iostream>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "sim/kernels.hpp"

int main(int argc, char** argv) {
  using namespace detente;
  CLI::App app{
      "detente: measure, explain, forecast and simulate regional international systems.\n"
      "Run `detente run` for the built-in Northeast Asia 2024 case, or `detente COMMAND --help`."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "detente 0.1.0");
  app.failure_message(CLI::FailureMessage::help);

  auto runners = cli::add_registered_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }

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
