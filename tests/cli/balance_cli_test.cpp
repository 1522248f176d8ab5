#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.hpp"

namespace detente {
namespace {

using test::run_cli;

TEST(BalanceCli, TribesExactJson) {
  auto p = test::data_file("alignment/tribes/tribes_gahuku_gama_signed.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"balance", *p, "--method", "exact", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["frustration"], 7);
  EXPECT_EQ(j["optimal"], true);
  EXPECT_EQ(j["lower_bound"], 7);
  EXPECT_EQ(j["nodes"], 16);
  EXPECT_EQ(j["edges"], 58);
  EXPECT_EQ(j["partition"].size(), 16u);
  EXPECT_EQ(j["partition"]["Gama"], j["partition"]["Nagad"]);
  EXPECT_NE(j["partition"]["Gama"], j["partition"]["Ove"]);
  EXPECT_TRUE(j.contains("seconds"));
}

TEST(BalanceCli, HeuristicAndPajekAndText) {
  auto p = test::data_file("alignment/pajek_signed/GAMA.NET");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"balance", *p, "--method", "heuristic", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["frustration"].get<double>(), 7);
  EXPECT_EQ(j["optimal"], false);
  auto t = run_cli({"balance", *p});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("frustration index: 7 (optimal"), std::string::npos) << t.out;
}

TEST(BalanceCli, BlockmodelThreeClustersOnTribes) {
  auto p = test::data_file("alignment/tribes/tribes_gahuku_gama_signed.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"balance", *p, "--method", "blockmodel", "--clusters", "3", "--starts", "50",
                    "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  // With k = 3 no negative tie stays inside a cluster and two positive ties run between.
  EXPECT_EQ(j["criterion"], 1);
  EXPECT_EQ(j["negative_within"], 0);
  // The clusters are Read's three groups (the ground truth shipped with the data).
  auto truth = test::data_file("alignment/tribes/tribes_ground_truth_k3_named.csv");
  ASSERT_TRUE(truth);
  std::map<std::string, std::string> group;
  std::istringstream in(test::read_text(*truth));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    auto a = line.find(','), b = line.rfind(',');
    if (a == std::string::npos) continue;
    group[line.substr(a + 1, b - a - 1)] = line.substr(b + 1);
  }
  ASSERT_EQ(group.size(), 16u);
  for (const auto& [x, gx] : group)
    for (const auto& [y, gy] : group)
      EXPECT_EQ(j["partition"][x] == j["partition"][y], gx == gy) << x << " " << y;
}

TEST(BalanceCli, SeriesOfWindowsOneRowEach) {
  auto a = test::data_file("alignment/cow_signed/cow_46-49.csv");
  auto b = test::data_file("alignment/cow_signed/cow_96-99.csv");
  if (!a || !b) GTEST_SKIP() << test::missing_data_message();
  auto r = run_cli({"balance", *a, *b, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["frustration"], 17);
  EXPECT_EQ(j[1]["frustration"], 45);
  EXPECT_EQ(j[1]["input"], *b);
  auto c = run_cli({"balance", *a, *b, "--format", "csv"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("cow_96-99.csv,151,1247,147,45,true,45,"), std::string::npos) << c.out;
  // A bad input anywhere: exit 1 and no output file.
  auto dir = test::temp_dir("balance-series");
  test::write_text(dir / "bad.csv", "A,B,1\nA,A,1\n");
  auto out = dir / "series.csv";
  auto bad =
      run_cli({"balance", *a, (dir / "bad.csv").string(), "--format", "csv", "-o", out.string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.csv:2"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

// A dense random signed graph (90 nodes, about 2,000 ties, a third negative) from `seed`:
// far beyond what the exact search proves in milliseconds.
void write_dense_graph(const std::filesystem::path& path, std::uint64_t seed) {
  std::string csv = "from,to,sign\n";
  std::uint64_t x = seed;
  auto next = [&x] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  for (int i = 0; i < 90; ++i)
    for (int j = i + 1; j < 90; ++j)
      if (next() % 2 == 0) csv += fmt::format("n{},n{},{}\n", i, j, next() % 3 == 0 ? -1 : 1);
  test::write_text(path, csv);
}

TEST(BalanceCli, TimeLimitReportsBoundsAndNotProvenOptimal) {
  // A dense random signed graph (90 nodes, ~2,000 ties): far beyond 10 ms of search.
  auto dir = test::temp_dir("balance-limit");
  write_dense_graph(dir / "dense.csv", 12345);
  auto r = run_cli(
      {"balance", (dir / "dense.csv").string(), "--time-limit", "0.01", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["optimal"], false);
  EXPECT_LT(j["lower_bound"].get<double>(), j["frustration"].get<double>());
  EXPECT_GT(j["lower_bound"].get<double>(), 0);
  EXPECT_EQ(j["partition"].size(), 90u);
  auto t = run_cli({"balance", (dir / "dense.csv").string(), "--time-limit", "0.01"});
  EXPECT_NE(t.out.find("not proven optimal"), std::string::npos) << t.out;
}

TEST(BalanceCli, NodeBudgetStopsTheSearchTheSameWayEveryTime) {
  auto dir = test::temp_dir("balance-budget");
  write_dense_graph(dir / "dense.csv", 777);
  const std::vector<std::string> args = {
      "balance", (dir / "dense.csv").string(), "--node-budget", "3000", "--format", "json"};
  auto first = run_cli(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto j = nlohmann::json::parse(first.out);
  EXPECT_EQ(j["optimal"], false);
  EXPECT_EQ(j["stopped"], "node budget");
  EXPECT_LE(j["search_nodes"].get<long long>(), 3000);
  EXPECT_GT(j["lower_bound"].get<double>(), 0);
  EXPECT_LT(j["lower_bound"].get<double>(), j["frustration"].get<double>());
  // A count, not a clock: everything but the wall time is the same on a second run.
  auto again = nlohmann::json::parse(run_cli(args).out);
  j.erase("seconds");
  again.erase("seconds");
  EXPECT_EQ(again, j);
}

TEST(BalanceCli, ScenarioInput) {
  auto r = run_cli({"balance", "northeast-asia-2024", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["optimal"], true);
  auto bad = run_cli({"balance", "northeast-asia-2024", "--date", "2001-13-01"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--date"), std::string::npos);
}

TEST(BalanceCli, BadInputExitsOneWithLocation) {
  auto dir = test::temp_dir("balance-cli");
  test::write_text(dir / "bad.csv", "from,to,sign\nA,B,1\nB,C,x\n");
  auto r = run_cli({"balance", (dir / "bad.csv").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.csv:3: field 'sign'"), std::string::npos) << r.err;
  auto out = dir / "out.json";
  auto r2 = run_cli({"balance", (dir / "bad.csv").string(), "-o", out.string()});
  EXPECT_EQ(r2.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(out));
  auto r3 = run_cli({"balance", "/nonexistent/g.csv"});
  EXPECT_EQ(r3.exit_code, 1);
}

}  // namespace
}  // namespace detente
