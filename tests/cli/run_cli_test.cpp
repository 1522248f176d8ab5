#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

namespace fs = std::filesystem;

TEST(RunCli, BuiltinScenarioWritesSummaryAndReport) {
  auto dir = test::temp_dir("run");
  auto r = test::run_cli({"run", "-o", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("northeast-asia-2024"), std::string::npos);
  EXPECT_NE(r.out.find("Negotiation forecasts"), std::string::npos);
  auto summary = nlohmann::json::parse(test::read_text(dir / "summary.json"));
  EXPECT_EQ(summary["detente_summary_version"], 1);
  EXPECT_EQ(summary["scenario"]["id"], "northeast-asia-2024");
  for (const char* section : {"overview", "forecast", "network", "timeline", "simulation"})
    EXPECT_TRUE(summary["sections"].contains(section)) << section;
  // Every forecast lies on its issue's scale.
  for (const auto& issue : summary["sections"]["forecast"]["issues"]) {
    double mean = issue["forecasts"]["mean"], median = issue["forecasts"]["median"];
    EXPECT_GE(mean, 0);
    EXPECT_LE(mean, 100);
    EXPECT_GE(median, 0);
    EXPECT_LE(median, 100);
  }
  std::string html = test::read_text(dir / "report.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("aria-label='relation network'"), std::string::npos);
  // Self-contained: no scripts or resources fetched from elsewhere.
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  // No temporary files left behind.
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos);
  fs::remove_all(dir);
}

TEST(RunCli, JsonOutputIsTheSummaryAndIsStable) {
  auto dir = test::temp_dir("run-json");
  auto a = test::run_cli({"run", "--format", "json", "-o", (dir / "a").string()});
  auto b = test::run_cli({"run", "--format", "json", "-o", (dir / "b").string(), "--threads", "2"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  EXPECT_EQ(ja, jb);
  EXPECT_EQ(test::read_text(dir / "a" / "report.html"), test::read_text(dir / "b" / "report.html"));
  fs::remove_all(dir);
}

TEST(RunCli, UnwritableOutputDirectoryExitsOne) {
  auto dir = test::temp_dir("run-unwritable");
  test::write_text(dir / "file", "x");
  auto r = test::run_cli({"run", "-o", (dir / "file" / "sub").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot create directory"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(RunCli, HelpOnEachSubcommand) {
  for (const char* cmd : {"run", "validate", "scenarios"}) {
    auto r = test::run_cli({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
}

TEST(RunCli, ScenariosListsTheBuiltin) {
  auto r = test::run_cli({"scenarios", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], "northeast-asia-2024");
}

}  // namespace
}  // namespace detente
