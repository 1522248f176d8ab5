#include "cli/command.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "io/atomic_file.hpp"

namespace detente::cli {

namespace {
std::vector<CommandSpec>& registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}

std::string_view name_of(Format f) {
  switch (f) {
    case Format::text:
      return "text";
    case Format::json:
      return "json";
    case Format::csv:
      return "csv";
  }
  return "text";
}
}  // namespace

bool register_command(CommandSpec spec) {
  registry().push_back(std::move(spec));
  return true;
}

const std::vector<CommandSpec>& registered_commands() { return registry(); }

std::vector<std::pair<CLI::App*, Runner>> add_registered_commands(CLI::App& app) {
  auto commands = registered_commands();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const auto& spec : commands) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.description);
    runners.emplace_back(sub, spec.setup(*sub));
  }
  return runners;
}

void add_format_option(CLI::App& app, Format& format, std::vector<Format> allowed) {
  std::map<std::string, Format> choices;
  std::string names;
  for (Format f : allowed) {
    choices.emplace(std::string(name_of(f)), f);
    names += (names.empty() ? "" : "|") + std::string(name_of(f));
  }
  format = allowed.front();
  app.add_option("--format", format, "Output format: " + names)
      ->transform(CLI::CheckedTransformer(choices, CLI::ignore_case))
      ->default_str(std::string(name_of(allowed.front())));
}

void emit(const std::string& content, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << content;
    std::cout.flush();
  } else {
    io::write_file_atomic(path, content);
  }
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) != 0; }

}  // namespace detente::cli
