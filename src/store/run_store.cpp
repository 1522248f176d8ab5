#include "store/run_store.hpp"

#include <chrono>
#include <filesystem>
#include <random>

#include "core/error.hpp"
#include "store/sha256.hpp"
#include "store/sqlite.hpp"

namespace detente::store {

namespace {

int user_version(Database& db) {
  Statement q(db, "PRAGMA user_version");
  return q.step() ? static_cast<int>(q.integer(0)) : 0;
}

std::string now_utc() {
  using namespace std::chrono;
  auto t = system_clock::now();
  auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count() % 1000;
  std::time_t secs = system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

// 32 hex digits from the time, the process and a random device: unique across
// concurrent writers (KTAB's ScenarioId is likewise a 32-hex hash of the start time).
std::string new_run_id(const std::string& created_at) {
  std::random_device rd;
  auto nanos = std::chrono::steady_clock::now().time_since_epoch().count();
  return sha256_hex(fmt::format("{} {} {} {} {}", created_at, nanos, ::getpid(), rd(), rd()))
      .substr(0, 32);
}

}  // namespace

RunStore::RunStore(const std::string& path, StoreOptions options) : options_(std::move(options)) {
  std::error_code ec;
  if (!options_.create && !std::filesystem::exists(path, ec))
    fail({path, 0, "--store"}, "no run store here (the file does not exist)");
  if (std::filesystem::is_directory(path, ec))
    fail({path, 0, "--store"}, "is a directory, expected a run store file");
  db_ = std::make_unique<Database>(path, options_.create);
  db_->exec(fmt::format("PRAGMA busy_timeout = {}", options_.busy_timeout_ms));
  // Reading the header is the first access: a file that is not SQLite fails here. The
  // version and the tables are read by one statement, so in one read transaction: read
  // apart, another process creating the store could commit between them, and a new store
  // would look like a foreign file with tables but no version.
  std::int64_t tables = 0;
  {
    Statement q(*db_,
                "SELECT (SELECT user_version FROM pragma_user_version), "
                "(SELECT count(*) FROM sqlite_master)");
    if (q.step()) version_ = static_cast<int>(q.integer(0)), tables = q.integer(1);
  }
  const int target = std::min(options_.schema_version, kSchemaVersion);
  if (version_ > kSchemaVersion)
    fail({path, 0, "--store"},
         "the run store has schema version {}, newer than this detente reads (up to {}); use "
         "a newer detente",
         version_, kSchemaVersion);
  if (version_ == 0 && tables > 0)
    fail({path, 0, "--store"},
         "an SQLite file that is not a detente run store (it has tables but no schema "
         "version)");
  {
    Statement q(*db_, "PRAGMA journal_mode = WAL");
    q.step();
  }
  db_->exec("PRAGMA foreign_keys = ON");
  db_->exec("PRAGMA synchronous = NORMAL");
  if (version_ < target) {
    Transaction tx(*db_);
    // Re-read inside the write lock: another process may have migrated meanwhile.
    version_ = user_version(*db_);
    for (int v = version_; v < target; ++v) db_->exec(migrations()[static_cast<std::size_t>(v)]);
    if (version_ < target) db_->exec(fmt::format("PRAGMA user_version = {}", target));
    tx.commit();
    version_ = std::max(version_, target);
  }
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;

const std::string& RunStore::path() const { return db_->path(); }
int RunStore::schema_version() const { return version_; }
Database& RunStore::database() { return *db_; }

std::string detente_version() { return DETENTE_VERSION_STRING; }

std::string RunStore::save(RunRecord r) {
  if (r.created_at.empty()) r.created_at = now_utc();
  if (r.id.empty()) r.id = new_run_id(r.created_at);
  Transaction tx(*db_);
  {
    Statement q(*db_,
                "INSERT INTO runs (id, created_at, command, command_line, detente_version, "
                "label, seed, threads, ranks, wall_seconds, result_json) VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, r.id)
        .bind(2, r.created_at)
        .bind(3, r.command)
        .bind(4, nlohmann::json(r.command_line).dump())
        .bind(5, r.detente_version)
        .bind(6, r.label);
    if (r.seed)
      q.bind(7, std::to_string(*r.seed));
    else
      q.bind_null(7);
    q.bind(8, r.threads).bind(9, r.ranks).bind(10, r.wall_seconds).bind(11, r.result.dump());
    q.run();
  }
  {
    Statement q(*db_, "INSERT OR REPLACE INTO run_options VALUES (?,?,?,?)");
    for (const auto& o : r.options)
      q.bind(1, r.id).bind(2, o.name).bind(3, o.value).bind(4, o.given ? 1 : 0).run();
  }
  {
    Statement q(*db_, "INSERT INTO run_inputs VALUES (?,?,?,?,?,?)");
    for (std::size_t i = 0; i < r.inputs.size(); ++i) {
      const auto& in = r.inputs[i];
      q.bind(1, r.id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, in.path)
          .bind(4, in.sha256)
          .bind(5, in.bytes);
      if (in.content)
        q.bind_blob(6, *in.content);
      else
        q.bind_null(6);
      q.run();
    }
  }
  write_result_tables(*db_, r.id, r);
  if (r.ktab && version_ >= 2) write_ktab_tables(*db_, r.id, *r.ktab);
  if (options_.before_commit) options_.before_commit();
  tx.commit();
  return r.id;
}

std::vector<RunSummary> RunStore::list() {
  Statement q(*db_,
              "SELECT r.id, r.created_at, r.command, r.label, r.seed, r.wall_seconds, "
              "(SELECT count(*) FROM result_values v WHERE v.run_id = r.id) "
              "FROM runs r ORDER BY r.created_at, r.id");
  std::vector<RunSummary> out;
  while (q.step()) {
    RunSummary s{q.text(0), q.text(1), q.text(2), q.text(3), std::nullopt, q.real(5), q.integer(6)};
    if (!q.is_null(4)) s.seed = q.text(4);
    out.push_back(std::move(s));
  }
  return out;
}

std::string RunStore::resolve(const std::string& prefix) {
  if (prefix.empty()) fail({path(), 0, "ID"}, "expected a run id");
  Statement q(*db_, "SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 3");
  q.bind(1, static_cast<std::int64_t>(prefix.size())).bind(2, prefix);
  std::vector<std::string> ids;
  while (q.step()) ids.push_back(q.text(0));
  if (ids.empty()) fail({path(), 0, "ID"}, "no run '{}' in this store", prefix);
  if (ids.size() > 1)
    fail({path(), 0, "ID"}, "'{}' names more than one run ({}, {}, …); give more digits", prefix,
         ids[0], ids[1]);
  return ids.front();
}

RunRecord RunStore::load(const std::string& prefix) {
  RunRecord r;
  r.id = resolve(prefix);
  {
    Statement q(*db_,
                "SELECT created_at, command, command_line, detente_version, label, seed, "
                "threads, ranks, wall_seconds, result_json FROM runs WHERE id = ?");
    q.bind(1, r.id);
    q.step();
    r.created_at = q.text(0);
    r.command = q.text(1);
    auto argv = nlohmann::json::parse(q.text(2), nullptr, false);
    if (argv.is_array())
      for (const auto& a : argv) r.command_line.push_back(a.get<std::string>());
    r.detente_version = q.text(3);
    r.label = q.text(4);
    if (!q.is_null(5)) r.seed = std::stoull(q.text(5));
    r.threads = static_cast<int>(q.integer(6));
    r.ranks = static_cast<int>(q.integer(7));
    r.wall_seconds = q.real(8);
    r.result = nlohmann::json::parse(q.text(9), nullptr, false);
  }
  {
    Statement q(*db_, "SELECT name, value, given FROM run_options WHERE run_id = ? ORDER BY name");
    q.bind(1, r.id);
    while (q.step()) r.options.push_back({q.text(0), q.text(1), q.integer(2) != 0});
  }
  {
    Statement q(*db_,
                "SELECT path, sha256, bytes, content FROM run_inputs WHERE run_id = ? ORDER BY "
                "ordinal");
    q.bind(1, r.id);
    while (q.step()) {
      StoredInput in{q.text(0), q.text(1), q.integer(2), std::nullopt};
      if (!q.is_null(3)) in.content = q.text(3);
      r.inputs.push_back(std::move(in));
    }
  }
  return r;
}

std::vector<ResultValue> RunStore::results(const std::string& id) {
  Statement q(*db_,
              "SELECT quantity, subject, value FROM result_values WHERE run_id = ? AND value IS "
              "NOT NULL");
  q.bind(1, id);
  std::vector<ResultValue> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.real(2)});
  return out;
}

nlohmann::ordered_json RunStore::result_tables(const std::string& id) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  std::vector<std::string> tables = {"outcome_probabilities",
                                     "settlements",
                                     "frustration_series",
                                     "forecasts",
                                     "trajectories",
                                     "positions",
                                     "metrics"};
  for (const auto& t : tables) {
    Statement q(*db_, fmt::format("SELECT * FROM {} WHERE run_id = ?", t));
    q.bind(1, id);
    auto rows = nlohmann::ordered_json::array();
    while (q.step()) {
      nlohmann::ordered_json row = nlohmann::ordered_json::object();
      for (int c = 1; c < q.columns(); ++c) {
        const std::string type = q.value_type(c);
        if (type == "INTEGER")
          row[q.column_name(c)] = q.integer(c);
        else if (type == "REAL")
          row[q.column_name(c)] = q.real(c);
        else if (type == "NULL")
          row[q.column_name(c)] = nullptr;
        else
          row[q.column_name(c)] = q.text(c);
      }
      rows.push_back(std::move(row));
    }
    if (!rows.empty()) out[t] = std::move(rows);
  }
  return out;
}

void RunStore::remove(const std::string& prefix) {
  std::string id = resolve(prefix);
  Transaction tx(*db_);
  if (version_ >= 2)
    for (const char* t :
         {"ScenarioDesc", "ActorDescription", "DimensionDescription", "SpatialCapability",
          "SpatialSalience", "Accomodation", "VectorPosition"}) {
      Statement q(*db_, fmt::format("DELETE FROM {} WHERE ScenarioId = ?", t));
      q.bind(1, id).run();
    }
  if (version_ >= 3)
    for (const char* t : {"Bargn", "PosUtil"}) {
      Statement q(*db_, fmt::format("DELETE FROM {} WHERE ScenarioId = ?", t));
      q.bind(1, id).run();
    }
  Statement q(*db_, "DELETE FROM runs WHERE id = ?");
  q.bind(1, id).run();  // ON DELETE CASCADE removes its options, inputs and results
  tx.commit();
}

}  // namespace detente::store
