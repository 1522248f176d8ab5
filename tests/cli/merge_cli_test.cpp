// Shards (`simulate --shard I/K --records FILE`, `merge`) and the progress bar.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

const std::string kScenario = test::summit_scenario("shards", "Shards", 8);

std::filesystem::path scenario_dir(const std::string& name) {
  auto dir = test::temp_dir(name);
  test::write_text(dir / "s.toml", kScenario);
  return dir;
}

std::vector<std::string> simulate_args(const std::filesystem::path& dir, const char* seed = "3") {
  return {"simulate", (dir / "s.toml").string(), "--all-variants", "--runs", "1000", "--seed",
          seed};
}

TEST(MergeCli, ThreeMergedShardsPrintExactlyWhatOneProcessPrints) {
  auto dir = scenario_dir("shards");
  std::vector<std::string> files;
  for (int i = 1; i <= 3; ++i) {
    auto args = simulate_args(dir);
    const std::string file = (dir / ("part" + std::to_string(i) + ".json")).string();
    args.insert(args.end(), {"--shard", std::to_string(i) + "/3", "--records", file, "--threads",
                             i == 2 ? "2" : "1"});
    auto r = test::run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << "a shard prints nothing";
    files.push_back(file);
  }
  for (const char* format : {"json", "text"}) {
    auto single = simulate_args(dir);
    single.insert(single.end(), {"--format", format});
    auto one = test::run_cli(single);
    std::vector<std::string> merge = {"merge", files[2], files[0], files[1], "--format", format};
    auto merged = test::run_cli(merge);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    ASSERT_EQ(merged.exit_code, 0) << merged.err;
    EXPECT_EQ(one.out, merged.out) << format;
  }
  // And the forecasts are the same too.
  auto single = simulate_args(dir);
  single.insert(single.end(), {"--forecasts", (dir / "f1.csv").string()});
  ASSERT_EQ(test::run_cli(single).exit_code, 0);
  ASSERT_EQ(test::run_cli(
                {"merge", files[0], files[1], files[2], "--forecasts", (dir / "f3.csv").string()})
                .exit_code,
            0);
  EXPECT_EQ(test::read_text(dir / "f1.csv"), test::read_text(dir / "f3.csv"));
}

TEST(MergeCli, ShardsOfAnotherEnsembleOrMissingOnesAreErrors) {
  auto dir = scenario_dir("shards-bad");
  auto shard = [&](int i, const char* seed, const char* runs = "1000") {
    auto args = simulate_args(dir, seed);
    args[4] = runs;
    const std::string file =
        (dir / ("p" + std::to_string(i) + "-" + seed + "-" + runs + ".json")).string();
    args.insert(args.end(), {"--shard", std::to_string(i) + "/2", "--records", file});
    auto r = test::run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return file;
  };
  const std::string a = shard(1, "3"), b = shard(2, "4"), c = shard(2, "3", "900");
  auto other_seed = test::run_cli({"merge", a, b});
  EXPECT_EQ(other_seed.exit_code, 1);
  EXPECT_NE(other_seed.err.find(b), std::string::npos) << other_seed.err;
  EXPECT_NE(other_seed.err.find("seed"), std::string::npos) << other_seed.err;
  auto other_runs = test::run_cli({"merge", a, c});
  EXPECT_EQ(other_runs.exit_code, 1);
  EXPECT_NE(other_runs.err.find("runs"), std::string::npos) << other_runs.err;
  auto missing = test::run_cli({"merge", a});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("shards 2 of 2 are missing"), std::string::npos) << missing.err;
  test::write_text(dir / "junk.json", "not json");
  auto junk = test::run_cli({"merge", (dir / "junk.json").string()});
  EXPECT_EQ(junk.exit_code, 1);
  EXPECT_NE(junk.err.find("junk.json"), std::string::npos) << junk.err;
  // A scenario edited between shards does not merge either.
  std::string edited = kScenario;
  edited.replace(edited.find("probability = 0.7"), 17, "probability = 0.6");
  test::write_text(dir / "s.toml", edited);
  const std::string d = shard(2, "3");
  auto changed = test::run_cli({"merge", a, d});
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.err.find("fingerprint"), std::string::npos) << changed.err;
}

TEST(MergeCli, ShardArgumentsAreChecked) {
  auto dir = scenario_dir("shards-args");
  for (const char* bad : {"0/3", "4/3", "x", "1/0", "2"}) {
    auto args = simulate_args(dir);
    args.insert(args.end(), {"--shard", bad, "--records", (dir / "r.json").string()});
    auto r = test::run_cli(args);
    EXPECT_EQ(r.exit_code, 1) << bad;
    EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
  }
  auto args = simulate_args(dir);
  args.insert(args.end(), {"--shard", "1/2"});
  auto r = test::run_cli(args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--records"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "r.json"));
}

TEST(MergeCli, SameOutputForOneAndTwoMpiRanksWithShards) {
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  auto dir = scenario_dir("shards-mpi");
  const std::string p1 = (dir / "m1.json").string(), p2 = (dir / "m2.json").string();
  auto a = simulate_args(dir);
  a.insert(a.end(), {"--shard", "1/2", "--records", p1});
  std::vector<std::string> b = test::mpirun_args(2);
  auto rest = simulate_args(dir);
  b.insert(b.end(), rest.begin(), rest.end());
  b.insert(b.end(), {"--shard", "2/2", "--records", p2});
  ASSERT_EQ(test::run_cli(a).exit_code, 0);
  auto ranks = test::run_program("mpirun", b);
  ASSERT_EQ(ranks.exit_code, 0) << ranks.err;
  auto merged = test::run_cli({"merge", p1, p2, "--format", "json"});
  auto single = simulate_args(dir);
  single.insert(single.end(), {"--format", "json"});
  EXPECT_EQ(merged.out, test::run_cli(single).out);
}

// The bar appears only on a terminal: under `script` (a pseudo-terminal) it is drawn on
// stderr with rate and time; with --quiet, or when stderr is a file, nothing is printed.
TEST(ProgressCli, BarOnATerminalOnlyAndNotWithQuiet) {
  auto dir = scenario_dir("progress");
  auto plain = simulate_args(dir);
  auto r = test::run_cli(plain);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "script not installed";
  const std::string cmd = std::string(DETENTE_BINARY) + " simulate " + (dir / "s.toml").string() +
                          " --all-variants --runs 1000000 --seed 1 --threads 1 > /dev/null";
  auto tty = test::run_program("script", {"-q", "-e", "-c", cmd, "/dev/null"});
  ASSERT_EQ(tty.exit_code, 0) << tty.err;
  EXPECT_NE(tty.out.find("baseline + 1 variant ["), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("100%"), std::string::npos) << tty.out;
  // (enough runs to last past the half second before which a bar is not drawn)
  EXPECT_NE(tty.out.find("2,000,000/2,000,000 runs"), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("runs/s"), std::string::npos) << tty.out;
  auto quiet = test::run_program("script", {"-q", "-e", "-c", cmd + " --quiet", "/dev/null"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out.find("runs/s"), std::string::npos) << quiet.out;
}

}  // namespace
}  // namespace detente
