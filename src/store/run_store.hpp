// detente/store/run_store.hpp
//
// The run store: one SQLite file that keeps every run made with `--store FILE` — when,
// with which detente, the full command line, every option and seed, the inputs (their
// SHA-256, and their contents when small), thread and rank counts, wall time — and its
// results, both as the command's JSON and in queryable tables (outcome probabilities,
// settlements, forecasts, trajectories, positions, frustration, every other number).
// Schema and queries: docs/run-store.md.
//
// Safe under concurrency and faults: the file is in WAL mode with a busy timeout, so
// several processes can write at once (each waits its turn for the write lock); a run is
// written in one transaction, so a process killed part-way leaves nothing of its run
// visible. A store of a newer schema is refused; a corrupt file is an InputError naming it.
//
// Example:
//   store::RunStore db("runs.db");
//   std::string id = db.save(record);
//   for (const auto& r : db.list()) fmt::print("{} {}\n", r.id, r.command);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/ktab_tables.hpp"
#include "store/schema.hpp"

namespace detente::store {

class Database;

struct StoredInput {
  std::string path;    // as given on the command line, or "<builtin:NAME>"
  std::string sha256;  // of the bytes
  std::int64_t bytes = 0;
  std::optional<std::string> content;  // kept when at most kMaxStoredContent bytes
};
inline constexpr std::int64_t kMaxStoredContent = std::int64_t{1} << 20;

struct StoredOption {
  std::string name;   // "--seed"
  std::string value;  // as given, or the default
  bool given = false;
};

struct RunRecord {
  std::string id;          // set by save() when empty: 32 hex digits
  std::string created_at;  // set by save() when empty: "2026-12-01T13:45:07.123Z"
  std::string command;     // "simulate", "bargain", "events aggregate", ...
  std::vector<std::string> command_line;
  std::string detente_version;
  std::string label;  // the scenario's id or the input's name
  std::optional<std::uint64_t> seed;
  int threads = 1;
  int ranks = 1;
  double wall_seconds = 0;
  std::vector<StoredOption> options;
  std::vector<StoredInput> inputs;
  nlohmann::json result = nlohmann::json::object();  // the command's JSON output
  std::optional<KtabSmpRun> ktab;                    // SMP runs: KTAB's own tables too
};

struct RunSummary {
  std::string id, created_at, command, label;
  std::optional<std::string> seed;
  double wall_seconds = 0;
  std::int64_t result_rows = 0;  // rows in result_values
};

// One number of a run's results, as the result_values view gives it.
struct ResultValue {
  std::string quantity;  // "outcome probability", "forecast", "value", ...
  std::string subject;   // "baseline / summit_2024", "eum / taiwan", a JSON path, ...
  double value = 0;
};

struct StoreOptions {
  bool create = true;                   // create the file if absent
  int schema_version = kSchemaVersion;  // migrate up to this version (tests: older stores)
  int busy_timeout_ms = 30000;          // how long a writer waits for another's lock
  // Called inside the run's transaction after every row is written, before COMMIT
  // (fault-injection tests kill the process here).
  std::function<void()> before_commit;
};

class RunStore {
 public:
  explicit RunStore(const std::string& path, StoreOptions options = {});
  ~RunStore();
  RunStore(RunStore&&) noexcept;

  const std::string& path() const;
  int schema_version() const;

  // Writes the run and its result tables in one transaction; returns its id.
  std::string save(RunRecord record);
  std::vector<RunSummary> list();
  // A run by its id or a unique prefix of it (InputError if none or ambiguous).
  std::string resolve(const std::string& id_or_prefix);
  RunRecord load(const std::string& id_or_prefix);
  std::vector<ResultValue> results(const std::string& id);
  // Every row of every result table of the run, table by table.
  nlohmann::ordered_json result_tables(const std::string& id);
  void remove(const std::string& id_or_prefix);

  Database& database();

 private:
  std::unique_ptr<Database> db_;
  StoreOptions options_;
  int version_ = 0;
};

// The version of this build ("0.1.0").
std::string detente_version();

// Writes the result tables of `record` (by its command) for run `id`; used by save().
void write_result_tables(Database& db, const std::string& id, const RunRecord& record);

}  // namespace detente::store
