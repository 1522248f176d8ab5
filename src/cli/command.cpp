#include "cli/command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "io/atomic_file.hpp"

namespace detente::cli {

namespace {
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

std::vector<std::pair<CLI::App*, Runner>> add_commands(CLI::App& app, bool* quiet) {
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const auto& spec : all_commands()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.description);
    runners.emplace_back(sub, spec.setup(*sub));
    if (!quiet) continue;
    // Every command (and each of its own subcommands) takes -q/--quiet.
    std::vector<CLI::App*> apps{sub};
    for (CLI::App* nested : sub->get_subcommands([](CLI::App*) { return true; }))
      apps.push_back(nested);
    for (CLI::App* each : apps)
      if (!each->get_option_no_throw("--quiet"))
        each->add_flag("-q,--quiet", *quiet, "No notes, warnings or progress on stderr");
  }
  return runners;
}

void add_format_option(CLI::App& app, Format& format, std::vector<Format> allowed) {
  std::string names;
  for (Format f : allowed) names += (names.empty() ? "" : "|") + std::string(name_of(f));
  format = allowed.front();
  // The validator turns the name into the enum's number (which CLI11 then converts), and
  // words its own error: no CLI11 class names or maps in the message.
  CLI::Validator choice(
      [allowed, names](std::string& text) -> std::string {
        std::string lower = text;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (Format f : allowed)
          if (lower == name_of(f)) {
            text = std::to_string(static_cast<int>(f));
            return "";
          }
        return "expected " + names + ", got '" + text + "'";
      },
      names);
  app.add_option("--format", format, "Output format: " + names)
      ->transform(choice)
      ->option_text("FORMAT")
      ->default_str(std::string(name_of(allowed.front())));
}

CLI::Option* add_output_option(CLI::App& app, std::string& path) {
  return app
      .add_option("-o,--output", path,
                  "Write the output to FILE (atomically) instead of standard output")
      ->option_text("FILE");
}

int default_threads() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

CLI::Option* add_threads_option(CLI::App& app, int& threads, const std::string& what) {
  threads = default_threads();
  return app
      .add_option("--threads", threads, what + " (default: all cores; results never depend on it)")
      ->check(CLI::Range(1, 1024))
      ->default_str("all cores");
}

namespace {
bool quiet_flag = false;
}  // namespace

bool quiet() { return quiet_flag; }
void set_quiet(bool on) { quiet_flag = on; }

std::string read_input_text(const std::string& path) { return io::read_file(path); }

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
