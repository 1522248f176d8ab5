// The run store's own guarantees: round trips, schema versions and migrations, refusal of
// newer and corrupt files, one transaction per run (a writer killed before COMMIT leaves
// nothing), and concurrent writers that all succeed.
#include "store/run_store.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include "core/error.hpp"
#include "store/sha256.hpp"
#include "store/sqlite.hpp"
#include "test_support.hpp"

namespace detente::store {
namespace {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 pieces;  // the same bytes fed across block boundaries
  std::string million(1000000, 'a');
  for (std::size_t i = 0; i < million.size(); i += 777)
    pieces.update(std::string_view(million).substr(i, 777));
  EXPECT_EQ(pieces.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

RunRecord sample_run(double probability, std::uint64_t seed) {
  RunRecord r;
  r.command = "simulate";
  r.command_line = {"detente", "simulate", "case.toml", "--seed", std::to_string(seed)};
  r.detente_version = detente_version();
  r.label = "case";
  r.seed = seed;
  r.options = {{"--seed", std::to_string(seed), true}, {"--runs", "1000", false}};
  r.inputs = {{"case.toml", sha256_hex("x = 1\n"), 6, std::string("x = 1\n")}};
  r.result = {{"scenario", "case"},
              {"variants",
               {{{"variant", "baseline"},
                 {"runs", 1000},
                 {"outcomes",
                  {{{"id", "summit"},
                    {"name", "Summit held"},
                    {"probability", probability},
                    {"ci95", {probability - 0.03, probability + 0.03}},
                    {"count", static_cast<int>(probability * 1000)}}}},
                 {"issues", {{{"issue", "trade"}, {"mean", 40.0}, {"q50", 41.5}}}},
                 {"months", {"2024-05"}},
                 {"frustration", {{{"mean", 2.0}, {"q50", 2.5}}}}}}}};
  return r;
}

std::string temp_store(const std::string& name) {
  return (test::temp_dir(name) / "runs.db").string();
}

TEST(RunStore, SavesAndLoadsARunWithQueryableResults) {
  auto path = temp_store("store-roundtrip");
  std::string id;
  {
    RunStore db(path);
    EXPECT_EQ(db.schema_version(), kSchemaVersion);
    id = db.save(sample_run(0.42, 7));
    EXPECT_EQ(id.size(), 32u);
  }
  RunStore db(path, {.create = false});
  RunRecord r = db.load(id.substr(0, 6));  // a prefix resolves
  EXPECT_EQ(r.id, id);
  EXPECT_EQ(r.command, "simulate");
  ASSERT_TRUE(r.seed);
  EXPECT_EQ(*r.seed, 7u);
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].content.value_or(""), "x = 1\n");
  EXPECT_EQ(r.command_line.back(), "7");
  // The probability is in its own table, queryable with SQL.
  Statement q(db.database(),
              "SELECT probability, ci95_low, count FROM outcome_probabilities WHERE run_id = ? "
              "AND outcome = 'summit'");
  q.bind(1, id);
  ASSERT_TRUE(q.step());
  EXPECT_DOUBLE_EQ(q.real(0), 0.42);
  EXPECT_NEAR(q.real(1), 0.39, 1e-12);
  EXPECT_EQ(q.integer(2), 420);
  bool found = false;
  for (const auto& v : db.results(id))
    if (v.quantity == "settlement median" && v.subject == "baseline / trade") {
      EXPECT_DOUBLE_EQ(v.value, 41.5);
      found = true;
    }
  EXPECT_TRUE(found);
  ASSERT_EQ(db.list().size(), 1u);
  db.remove(id.substr(0, 8));
  EXPECT_TRUE(db.list().empty());
  Statement left(db.database(), "SELECT count(*) FROM outcome_probabilities");
  ASSERT_TRUE(left.step());
  EXPECT_EQ(left.integer(0), 0);  // removing a run removes its results
}

TEST(RunStore, AnUnknownOrAmbiguousIdIsAnInputError) {
  auto path = temp_store("store-ids");
  RunStore db(path);
  db.save(sample_run(0.1, 1));
  EXPECT_THROW(db.load("zzzz"), InputError);
  EXPECT_THROW(db.load(""), InputError);
}

void set_user_version(const std::string& path, int v) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, ("PRAGMA user_version = " + std::to_string(v)).c_str(), nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(h);
}

TEST(RunStore, ANewerSchemaIsRefusedNamingTheFile) {
  auto path = temp_store("store-newer");
  { RunStore db(path); }
  set_user_version(path, kSchemaVersion + 1);
  try {
    RunStore db(path);
    FAIL() << "opened a store of a newer schema";
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    EXPECT_NE(m.find("newer"), std::string::npos) << m;
  }
}

TEST(RunStore, ACorruptFileIsAnInputErrorNamingIt) {
  auto dir = test::temp_dir("store-corrupt");
  auto garbage = (dir / "garbage.db").string();
  test::write_text(garbage, std::string(4096, '\x5a'));
  try {
    RunStore db(garbage);
    FAIL() << "opened garbage";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(garbage), std::string::npos) << e.what();
  }
  // A real store cut short: the header survives, the pages do not.
  auto cut = (dir / "cut.db").string();
  {
    RunStore db(cut);
    for (int i = 0; i < 20; ++i) db.save(sample_run(0.01 * i, static_cast<std::uint64_t>(i)));
    db.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::string bytes = test::read_text(cut);
  ASSERT_GT(bytes.size(), 8192u);
  std::string damaged = bytes.substr(0, 4096) + std::string(bytes.size() - 4096, '\x13');
  test::write_text(cut, damaged);
  EXPECT_THROW(
      {
        RunStore db(cut);
        db.list();
      },
      InputError);
  // Not a detente store: an SQLite file with other tables.
  auto other = (dir / "other.db").string();
  {
    Database raw(other, true);
    raw.exec("CREATE TABLE t(x)");
  }
  EXPECT_THROW(RunStore{other}, InputError);
}

TEST(RunStore, MigratesAnOlderStoreKeepingItsRuns) {
  for (int old = 1; old < kSchemaVersion; ++old) {
    SCOPED_TRACE(old);
    auto path = temp_store("store-migrate-v" + std::to_string(old));
    std::string id;
    {
      RunStore before(path, {.schema_version = old});
      EXPECT_EQ(before.schema_version(), old);
      id = before.save(sample_run(0.3, static_cast<std::uint64_t>(old)));
    }
    RunStore db(path);
    EXPECT_EQ(db.schema_version(), kSchemaVersion);
    EXPECT_EQ(db.load(id).seed.value_or(0), static_cast<std::uint64_t>(old));
    // KTAB's tables of versions 2 and 3 exist, the bargains empty.
    Statement q(db.database(),
                "SELECT count(*) FROM sqlite_master WHERE name IN ('VectorPosition', 'PosUtil')");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), 2);
    Statement bargains(db.database(), "SELECT count(*) FROM Bargn");
    ASSERT_TRUE(bargains.step());
    EXPECT_EQ(bargains.integer(0), 0);
    db.remove(id);
    EXPECT_TRUE(db.list().empty());
  }
}

TEST(RunStore, AWriterKilledBeforeCommitLeavesNoRun) {
  auto path = temp_store("store-killed");
  { RunStore(path).save(sample_run(0.5, 1)); }
  pid_t pid = ::fork();
  if (pid == 0) {
    RunStore db(path, {.before_commit = [] { ::kill(::getpid(), SIGKILL); }});
    db.save(sample_run(0.9, 2));  // every row written, then killed before COMMIT
    std::_Exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer was not killed";
  RunStore db(path);
  auto runs = db.list();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].seed.value_or(""), "1");
  Statement rows(db.database(), "SELECT count(*) FROM outcome_probabilities");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.integer(0), 1);  // none of the killed run's rows
  Statement check(db.database(), "PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.text(0), "ok");
  db.save(sample_run(0.7, 3));  // and the store takes the next run
  EXPECT_EQ(db.list().size(), 2u);
}

TEST(RunStore, ConcurrentWritersAllSucceed) {
  auto path = temp_store("store-concurrent");
  constexpr int writers = 3, each = 15;
  std::vector<pid_t> pids;
  for (int w = 0; w < writers; ++w) {
    pid_t pid = ::fork();
    if (pid == 0) {
      try {
        for (int i = 0; i < each; ++i) {
          RunStore db(path);  // open per run, as separate commands do
          db.save(sample_run(0.01 * i, static_cast<std::uint64_t>(100 * w + i)));
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", w, e.what());
        std::_Exit(1);
      }
      std::_Exit(0);
    }
    pids.push_back(pid);
  }
  for (pid_t pid : pids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  RunStore db(path);
  auto runs = db.list();
  EXPECT_EQ(runs.size(), static_cast<std::size_t>(writers * each));
  std::set<std::string> seeds;
  for (const auto& r : runs) seeds.insert(r.seed.value_or(""));
  EXPECT_EQ(seeds.size(), static_cast<std::size_t>(writers * each));
}

}  // namespace
}  // namespace detente::store
