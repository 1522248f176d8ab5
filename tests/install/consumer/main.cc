// Uses the installed library: loads the built-in scenario, runs the weighted-mean and EUM
// bargaining models on it, and stores the run in a run store given on the command line.
#include <fmt/format.h>

#include "io/bargain/read_input.hpp"
#include "bargain/registry.hpp"
#include "store/run_store.hpp"

int main(int argc, char** argv) {
  using namespace detente;
  auto problem = bargain::read_bargaining_input("northeast-asia-2024");
  const auto* mean = bargain::find_model("mean");
  auto run = mean->run(problem, {});
  for (const auto& is : run.issues) fmt::print("{} {:.4f}\n", is.issue, is.forecast);
  if (argc > 1) {
    store::RunStore db(argv[1]);
    store::RunRecord r;
    r.command = "bargain";
    r.command_line = {"consumer"};
    r.detente_version = store::detente_version();
    r.label = problem.name;
    r.result = nlohmann::json::parse(bargain::to_json(problem, run).dump());
    fmt::print("stored {}\n", db.save(r));
  }
  return 0;
}
