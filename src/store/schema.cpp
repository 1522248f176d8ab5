#include "store/schema.hpp"

namespace detente::store {

namespace {

// Version 1: runs, their options and inputs, and the result tables.
const char* const v1 = R"sql(
CREATE TABLE runs (
  id              TEXT PRIMARY KEY,   -- 32 hex digits
  created_at      TEXT NOT NULL,      -- UTC, ISO 8601 with milliseconds
  command         TEXT NOT NULL,      -- 'simulate', 'bargain', 'run', ...
  command_line    TEXT NOT NULL,      -- JSON array of the arguments, argv[0] first
  detente_version TEXT NOT NULL,
  label           TEXT NOT NULL,      -- scenario id or input name
  seed            TEXT,               -- decimal; NULL when the command draws nothing
  threads         INTEGER NOT NULL,
  ranks           INTEGER NOT NULL,
  wall_seconds    REAL NOT NULL,
  result_json     TEXT NOT NULL       -- the command's --format json output
);
CREATE INDEX runs_by_time ON runs(created_at);
CREATE TABLE run_options (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name   TEXT NOT NULL,               -- '--seed', '--runs', ... as on the command line
  value  TEXT NOT NULL,               -- as given, or the default when not given
  given  INTEGER NOT NULL,            -- 1 if on the command line or from the environment
  PRIMARY KEY (run_id, name)
);
CREATE TABLE run_inputs (
  run_id  TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,           -- position among the command's inputs, from 0
  path    TEXT NOT NULL,              -- as given, or '<builtin:NAME>'
  sha256  TEXT NOT NULL,
  bytes   INTEGER NOT NULL,
  content BLOB,                       -- the file itself when at most 1 MiB, else NULL
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE outcome_probabilities (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  variant TEXT NOT NULL, outcome TEXT NOT NULL, name TEXT NOT NULL,
  probability REAL NOT NULL, ci95_low REAL NOT NULL, ci95_high REAL NOT NULL,
  count INTEGER NOT NULL, runs INTEGER NOT NULL,
  PRIMARY KEY (run_id, variant, outcome)
);
CREATE TABLE settlements (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  variant TEXT NOT NULL, issue TEXT NOT NULL,
  mean REAL, q05 REAL, q25 REAL, q50 REAL, q75 REAL, q95 REAL,
  PRIMARY KEY (run_id, variant, issue)
);
CREATE TABLE frustration_series (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  variant TEXT NOT NULL, month TEXT NOT NULL,
  mean REAL, q05 REAL, q25 REAL, q50 REAL, q75 REAL, q95 REAL,
  PRIMARY KEY (run_id, variant, month)
);
CREATE TABLE forecasts (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  model TEXT NOT NULL, issue TEXT NOT NULL, forecast REAL NOT NULL,
  PRIMARY KEY (run_id, model, issue)
);
CREATE TABLE trajectories (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  model TEXT NOT NULL, issue TEXT NOT NULL, round INTEGER NOT NULL,
  median REAL, mean REAL,
  PRIMARY KEY (run_id, model, issue, round)
);
CREATE TABLE positions (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  model TEXT NOT NULL, issue TEXT NOT NULL, round INTEGER NOT NULL, actor TEXT NOT NULL,
  position REAL NOT NULL,
  PRIMARY KEY (run_id, model, issue, round, actor)
);
CREATE TABLE metrics (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  path   TEXT NOT NULL,               -- JSON path of the number in result_json
  value  REAL NOT NULL,
  PRIMARY KEY (run_id, path)
);
CREATE VIEW result_values (run_id, quantity, subject, value) AS
  SELECT run_id, 'outcome probability', variant || ' / ' || outcome, probability
    FROM outcome_probabilities
  UNION ALL SELECT run_id, 'settlement median', variant || ' / ' || issue, q50 FROM settlements
  UNION ALL SELECT run_id, 'frustration median', variant || ' / ' || month, q50
    FROM frustration_series
  UNION ALL SELECT run_id, 'forecast', model || ' / ' || issue, forecast FROM forecasts
  UNION ALL SELECT run_id, 'value', path, value FROM metrics;
)sql";

// Version 2: KTAB's SMP tables (KTAB_SMP_Tables.md, the ones `--logmin` keeps), with
// KTAB's names, column types and enum indices, so that KTAB's viewers open a detente run.
const char* const v2 = R"sql(
CREATE TABLE ScenarioDesc (
  Scenario Varchar(512) NOT NULL, "Desc" Varchar(512) NOT NULL, ScenarioId Varchar(32) NOT NULL PRIMARY KEY,
  RNGSeed Varchar(20) NOT NULL, VictoryProbModel Integer NOT NULL,
  ProbCondorcetElection Integer NOT NULL, StateTransition Integer NOT NULL,
  VotingRule Integer NOT NULL, BigRAdjust Integer NOT NULL, BigRRange Integer NOT NULL,
  ThirdPartyCommit Integer NOT NULL, IntervecBargn Integer NOT NULL, BargnModel Integer NOT NULL
);
CREATE TABLE ActorDescription (
  ScenarioId Varchar(32) NOT NULL, Act_i Integer NOT NULL, Name Varchar(25) NOT NULL,
  "Desc" Varchar(256) NOT NULL, PRIMARY KEY (ScenarioId, Act_i)
);
CREATE TABLE DimensionDescription (
  ScenarioId Varchar(32) NOT NULL, Dim_k Integer NOT NULL, "Desc" Varchar(256) NOT NULL,
  PRIMARY KEY (ScenarioId, Dim_k)
);
CREATE TABLE SpatialCapability (
  ScenarioId Varchar(32) NOT NULL, Turn_t Integer NOT NULL, Act_i Integer NOT NULL,
  Cap Float NOT NULL, PRIMARY KEY (ScenarioId, Turn_t, Act_i)
);
CREATE TABLE SpatialSalience (
  ScenarioId Varchar(32) NOT NULL, Turn_t Integer NOT NULL, Act_i Integer NOT NULL,
  Dim_k Integer NOT NULL, Sal Float NOT NULL, PRIMARY KEY (ScenarioId, Turn_t, Act_i, Dim_k)
);
CREATE TABLE Accomodation (
  ScenarioId Varchar(32) NOT NULL, Act_i Integer NOT NULL, Act_j Integer NOT NULL,
  Affinity Float NOT NULL, PRIMARY KEY (ScenarioId, Act_i, Act_j)
);
CREATE TABLE VectorPosition (
  ScenarioId Varchar(32) NOT NULL, Turn_t Integer NOT NULL, Act_i Integer NOT NULL,
  Dim_k Integer NOT NULL, Pos_Coord Float NOT NULL, Idl_Coord Float NOT NULL,
  Mover_BargnID Integer, PRIMARY KEY (ScenarioId, Turn_t, Act_i, Dim_k)
);
)sql";

// Version 3: the rest of what KTAB's `--logmin` keeps, `Bargn` and `PosUtil`, with KTAB's
// columns. detente's SMP does not expose its bargains or its actors³-per-turn utilities, so
// these stay empty; they exist so that KTAB's viewers, which query them, open the file.
const char* const v3 = R"sql(
CREATE TABLE Bargn (
  ScenarioId Varchar(32) NOT NULL, Turn_t Integer NOT NULL, BargnId Integer NOT NULL,
  Init_Act_i Integer NOT NULL, Recd_Act_j Integer NOT NULL, Value Float NOT NULL,
  Init_Prob Float NOT NULL, Init_Seld Boolean NOT NULL, Recd_Prob Float NOT NULL,
  Recd_Seld Boolean NOT NULL, PRIMARY KEY (ScenarioId, Turn_t, BargnId)
);
CREATE TABLE PosUtil (
  ScenarioId Varchar(32) NOT NULL, Turn_t Integer NOT NULL, Est_h Integer NOT NULL,
  Act_i Integer NOT NULL, Pos_j Integer NOT NULL, Util Float NOT NULL,
  PRIMARY KEY (ScenarioId, Turn_t, Est_h, Act_i, Pos_j)
);
)sql";

}  // namespace

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> list = {v1, v2, v3};
  return list;
}

}  // namespace detente::store
