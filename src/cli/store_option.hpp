// detente/cli/store_option.hpp
//
// `--store FILE` (or DETENTE_STORE) for the commands whose runs can be kept in a run store
// (docs/run-store.md). A command adds it with one line and saves with one more; the
// command line, every option of the subcommand with its value (defaults included), the
// seed and thread count, the positional inputs (SHA-256, and the content when small or a
// built-in scenario) and the wall time since the process started are recorded for it.
//
//   struct Args { ...; StoreOption store; };
//   args->store.add(app);                        // in the command's setup
//   args->store.save(json_result);               // before writing the output
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "store/run_store.hpp"

namespace detente::cli {

class StoreOption {
 public:
  void add(CLI::App& app);
  bool enabled() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  // Saves the run if --store was given; `fill` may add to the record (ranks, KTAB tables).
  // Returns the run id, or "" when there is no store.
  std::string save(const nlohmann::json& result,
                   const std::function<void(store::RunRecord&)>& fill = {}) const;

 private:
  CLI::App* app_ = nullptr;
  std::string path_;
};

// The record save() writes, for `app` as parsed (exposed for tests and for `runs`).
store::RunRecord run_record(const CLI::App& app, const nlohmann::json& result);

// The store path from --store or DETENTE_STORE; InputError when neither is set.
std::string require_store_path(const std::string& option);

}  // namespace detente::cli
