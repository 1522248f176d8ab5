// detente/cli/command.hpp
//
// Subcommand registration and the conventions every subcommand follows: `--help`,
// `--format text|json|csv` where output is tabular, outputs written atomically, exit
// status 0 on success, 1 on bad input (InputError), 2 on an internal error.
//
// A subcommand is one file src/cli/cmd_NAME.cpp defining its spec, named in the one list
// of commands (cli/commands.hpp):
//
//   CommandSpec validate_command() {
//     return {"validate", "Check scenario files", [](CLI::App& app) {
//               auto files = std::make_shared<std::vector<std::string>>();
//               app.add_option("FILE", *files)->required();
//               return [files] { return validate(*files); };
//             }};
//   }
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace detente::cli {

using Runner = std::function<int()>;

struct CommandSpec {
  std::string name;
  std::string description;
  std::function<Runner(CLI::App&)> setup;  // adds the options; returns what runs the command
};

// Adds every command of cli/commands.hpp to `app` as a subcommand, in help order; returns
// each with the runner to call when it was parsed (main.cpp, and the Python module's
// in-process CLI). With `quiet`, every command without its own -q/--quiet gets one, bound
// to *quiet.
std::vector<std::pair<CLI::App*, Runner>> add_commands(CLI::App& app, bool* quiet = nullptr);

enum class Format { text, json, csv };

// Adds --format with the given choices; the first is the default. An unknown name is a
// usage error listing the choices.
void add_format_option(CLI::App& app, Format& format, std::vector<Format> allowed);

// Adds -o/--output FILE: where the command's output goes (atomically); standard output when
// absent or "-".
CLI::Option* add_output_option(CLI::App& app, std::string& path);

// Adds --threads N with the one default of every command: all cores (default_threads()).
CLI::Option* add_threads_option(CLI::App& app, int& threads,
                                const std::string& what = "Worker threads");
int default_threads();

// -q/--quiet, accepted by every command (main.cpp adds it): no notes, warnings or progress on
// stderr and no "wrote …" lines; errors are still reported.
bool quiet();
void set_quiet(bool on);

// Reads a whole input named on the command line: the file, or standard input for "-".
std::string read_input_text(const std::string& path);

// Writes `content` to `path` atomically, or to stdout when path is empty or "-".
void emit(const std::string& content, const std::string& path);

// True when stderr is a terminal (progress output is shown only then).
bool stderr_is_terminal();

}  // namespace detente::cli
