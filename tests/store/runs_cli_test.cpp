// `--store` on the commands and `detente runs`: what a user sees.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

using nlohmann::json;

std::string store_in(const std::string& name) {
  return (test::temp_dir(name) / "runs.db").string();
}

TEST(RunsCli, DiffOfTwoSeedsListsTheMovedProbabilitiesLargestFirst) {
  auto db = store_in("runs-diff");
  for (const char* seed : {"1", "2"}) {
    auto r = test::run_cli(
        {"simulate", "northeast-asia-2024", "--runs", "300", "--seed", seed, "--store", db});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  auto list = test::run_cli({"runs", "list", "--store", db, "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  json runs = json::parse(list.out);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0]["command"], "simulate");
  EXPECT_EQ(runs[0]["label"], "northeast-asia-2024");
  EXPECT_EQ(runs[0]["seed"], "1");
  EXPECT_GT(runs[0]["result_values"].get<int>(), 10);

  std::string a = runs[0]["id"], b = runs[1]["id"];
  auto diff = test::run_cli(
      {"runs", "diff", a.substr(0, 8), b.substr(0, 8), "--store", db, "--format", "json"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  json d = json::parse(diff.out);
  bool seed_changed = false;
  for (const auto& c : d["inputs"])
    if (c["kind"] == "seed") seed_changed = c["a"] == "1" && c["b"] == "2";
  EXPECT_TRUE(seed_changed) << d["inputs"].dump();
  // Only the seed differs: the scenario (a built-in, kept whole) is the same.
  for (const auto& c : d["inputs"]) EXPECT_NE(c["kind"], "input") << c.dump();
  int probabilities = 0;
  double previous = INFINITY;
  std::string quantity;
  ASSERT_FALSE(d["results"].empty());
  EXPECT_EQ(d["results"][0]["quantity"], "outcome probability");  // probabilities come first
  for (const auto& c : d["results"]) {
    if (c["a"].is_null() || c["b"].is_null()) continue;
    double delta = c["delta"];
    if (c["quantity"] != quantity) previous = INFINITY, quantity = c["quantity"];
    EXPECT_LE(std::abs(delta), previous) << "not largest first within " << quantity;
    previous = std::abs(delta);
    EXPECT_NEAR(delta, c["b"].get<double>() - c["a"].get<double>(), 1e-12);
    if (c["quantity"] == "outcome probability") {
      ++probabilities;
      EXPECT_GT(std::abs(delta), 0);
    }
  }
  EXPECT_GT(probabilities, 0) << "no outcome probability moved between seeds 1 and 2";

  auto text = test::run_cli({"runs", "diff", a, b, "--store", db});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("outcome probability"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("seed"), std::string::npos);
}

TEST(RunsCli, ShowExportAndRm) {
  auto db = store_in("runs-show");
  auto r = test::run_cli(
      {"bargain", "northeast-asia-2024", "--model", "all", "--store", db, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json out = json::parse(r.out);  // the command's own output is unchanged
  auto list = json::parse(test::run_cli({"runs", "list", "--store", db, "--format", "json"}).out);
  ASSERT_EQ(list.size(), 1u);
  std::string id = list[0]["id"];
  auto show = test::run_cli({"runs", "show", id, "--store", db});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("--model"), std::string::npos);
  EXPECT_NE(show.out.find("<builtin:northeast-asia-2024>"), std::string::npos);
  auto exp = test::run_cli({"runs", "export", id, "--store", db});
  ASSERT_EQ(exp.exit_code, 0) << exp.err;
  json e = json::parse(exp.out);
  EXPECT_EQ(e["result"], out);
  // Every model's forecast of every issue is in the forecasts table.
  std::size_t expected = 0;
  for (const auto& m : out["models"]) expected += m["issues"].size();
  EXPECT_EQ(e["tables"]["forecasts"].size(), expected);
  double eum_first = out["models"][3]["issues"][0]["forecast"];
  bool found = false;
  for (const auto& f : e["tables"]["forecasts"])
    if (f["model"] == "eum" && f["issue"] == out["models"][3]["issues"][0]["issue"]) {
      EXPECT_DOUBLE_EQ(f["forecast"].get<double>(), eum_first);
      found = true;
    }
  EXPECT_TRUE(found);
  auto csv = test::run_cli({"runs", "show", id, "--store", db, "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("quantity,subject,value\n", 0), 0u);
  auto rm = test::run_cli({"runs", "rm", id.substr(0, 5), "--store", db});
  ASSERT_EQ(rm.exit_code, 0) << rm.err;
  auto again = test::run_cli({"runs", "show", id, "--store", db});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("no run"), std::string::npos) << again.err;
}

TEST(RunsCli, TheEnvironmentVariableNamesTheStore) {
  auto db = store_in("runs-env");
  ::setenv("DETENTE_STORE", db.c_str(), 1);
  auto r = test::run_cli({"bargain", "northeast-asia-2024", "--model", "median"});
  auto list = test::run_cli({"runs", "list", "--format", "csv"});
  ::unsetenv("DETENTE_STORE");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(",bargain,"), std::string::npos) << list.out;
  auto none = test::run_cli({"runs", "list"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("DETENTE_STORE"), std::string::npos);
}

TEST(RunsCli, ACorruptStoreExitsOneNamingItAndWritesNoOutput) {
  auto dir = test::temp_dir("runs-corrupt");
  auto db = (dir / "broken.db").string();
  test::write_text(db,
                   "this is not an SQLite database, just some bytes\n" + std::string(2000, 'x'));
  auto out = dir / "out.json";
  auto r = test::run_cli(
      {"simulate", "northeast-asia-2024", "--runs", "50", "--store", db, "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  auto l = test::run_cli({"runs", "list", "--store", db});
  EXPECT_EQ(l.exit_code, 1);
  EXPECT_NE(l.err.find(db), std::string::npos) << l.err;
  auto missing = test::run_cli({"runs", "list", "--store", (dir / "absent.db").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir / "absent.db"));  // reading never creates a store
}

TEST(RunsCli, TwoCommandsWritingAtOnceBothSucceed) {
  auto db = store_in("runs-concurrent");
  std::vector<pid_t> pids;
  for (int i = 0; i < 4; ++i) {
    pid_t pid = ::fork();
    if (pid == 0) {
      auto r = test::run_cli({"simulate", "northeast-asia-2024", "--runs", "100", "--seed",
                              std::to_string(i + 1), "--store", db});
      std::_Exit(r.exit_code);
    }
    pids.push_back(pid);
  }
  for (pid_t pid : pids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto list = json::parse(test::run_cli({"runs", "list", "--store", db, "--format", "json"}).out);
  EXPECT_EQ(list.size(), 4u);
}

}  // namespace
}  // namespace detente
