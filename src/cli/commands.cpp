#include "cli/commands.hpp"

namespace detente::cli {

std::vector<CommandSpec> all_commands() {
  return {run_command(),       validate_command(),  draft_command(),     balance_command(),
          bargain_command(),   landscape_command(), network_command(),   simulate_command(),
          merge_command(),     events_command(),    score_command(),     backtest_command(),
          calibrate_command(), runs_command(),      scenarios_command(), serve_command()};
}

}  // namespace detente::cli
