// detente/cli/commands.hpp
//
// The one list of detente's subcommands, in the order `detente --help` shows them. Each
// command is a file src/cli/cmd_NAME.cpp defining `CommandSpec NAME_command()`; adding a
// command means writing that file and naming it here and in commands.cpp.
#pragma once

#include <vector>

#include "cli/command.hpp"

namespace detente::cli {

CommandSpec run_command();
CommandSpec validate_command();
CommandSpec draft_command();
CommandSpec balance_command();
CommandSpec bargain_command();
CommandSpec landscape_command();
CommandSpec network_command();
CommandSpec simulate_command();
CommandSpec merge_command();
CommandSpec events_command();
CommandSpec score_command();
CommandSpec backtest_command();
CommandSpec calibrate_command();
CommandSpec runs_command();
CommandSpec scenarios_command();
CommandSpec serve_command();

// Every subcommand, in help order.
std::vector<CommandSpec> all_commands();

}  // namespace detente::cli
