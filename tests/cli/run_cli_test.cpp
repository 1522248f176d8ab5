#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

namespace fs = std::filesystem;

TEST(RunCli, BuiltinScenarioWritesSummaryAndReport) {
  auto dir = test::temp_dir("run");
  auto r = test::run_cli({"run", "--out-dir", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("northeast-asia-2024"), std::string::npos);
  EXPECT_NE(r.out.find("Negotiation outcomes by bargaining model"), std::string::npos);
  auto summary = nlohmann::json::parse(test::read_text(dir / "summary.json"));
  EXPECT_EQ(summary["detente_summary_version"], 1);
  EXPECT_EQ(summary["scenario"]["id"], "northeast-asia-2024");
  for (const char* section :
       {"overview", "bargaining", "alignment", "timeline", "events", "simulation"})
    EXPECT_TRUE(summary["sections"].contains(section)) << section;
  // Every model's forecast lies on its issue's scale, for every issue.
  ASSERT_EQ(summary["sections"]["bargaining"]["issues"].size(), 7u);
  for (const auto& issue : summary["sections"]["bargaining"]["issues"]) {
    ASSERT_EQ(issue["forecasts"].size(), 6u) << issue["issue"];
    for (const auto& [model, value] : issue["forecasts"].items()) {
      EXPECT_GE(value.get<double>(), 0) << model;
      EXPECT_LE(value.get<double>(), 100) << model;
    }
  }
  EXPECT_TRUE(summary["sections"]["alignment"]["optimal"].get<bool>());
  std::string html = test::read_text(dir / "report.html");
  // The report is the workbench's page with the run's data inlined (report/html.hpp); the
  // browser tests (tests/web) check what it draws.
  const std::string open = "<script type=\"application/json\" id=\"snapshot\">";
  auto at = html.find(open);
  ASSERT_NE(at, std::string::npos);
  auto data = nlohmann::json::parse(
      html.substr(at + open.size(), html.find("</script>", at) - at - open.size()));
  EXPECT_EQ(data["scenario"]["id"], "northeast-asia-2024");
  EXPECT_EQ(data["bargain"]["models"].size(), 6u);
  EXPECT_EQ(data["network"]["side"].size(), data["network"]["nodes"].size());
  EXPECT_EQ(data["simulation"], summary["sections"]["simulation"]);
  EXPECT_NE(html.find("const Charts"), std::string::npos);
  // Self-contained: nothing fetched from elsewhere (an SVG namespace is not a request).
  for (const char* fetch : {"src=\"http", "src='http", "href=\"http", "href='http", "url(http",
                            "@import", "<script src", "<link "})
    EXPECT_EQ(html.find(fetch), std::string::npos) << fetch;
  // No temporary files left behind.
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos);
  fs::remove_all(dir);
}

TEST(RunCli, JsonOutputIsTheSummaryAndIsStable) {
  auto dir = test::temp_dir("run-json");
  auto a = test::run_cli({"run", "--format", "json", "--out-dir", (dir / "a").string()});
  auto b = test::run_cli({"run", "--format", "json", "--out-dir", (dir / "b").string(), "--threads", "2"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  EXPECT_EQ(ja, jb);
  EXPECT_EQ(test::read_text(dir / "a" / "report.html"), test::read_text(dir / "b" / "report.html"));
  fs::remove_all(dir);
}

TEST(RunCli, UnwritableOutputDirectoryExitsOne) {
  auto dir = test::temp_dir("run-unwritable");
  test::write_text(dir / "file", "x");
  auto r = test::run_cli({"run", "--out-dir", (dir / "file" / "sub").string()});
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

namespace detente {
namespace {

// [data] events names event files; the main job's events section reads them.
TEST(RunCli, EventFilesNamedByTheScenario) {
  auto dir = test::temp_dir("run-events");
  std::string base =
      test::read_text(test::source_file("tests/fixtures/scenarios/valid_minimal.toml"));
  test::write_text(dir / "events.tsv",
                   "20240105\tAAA\tBBB\t042\n20240110\tBBB\tAAA\t190\n20240212\tAAA\tBBB\t057\n");
  test::write_text(dir / "s.toml",
                   base + "\n[data]\nevents = [\"events.tsv\"]\nevents_format = \"cameo-tsv\"\n");
  auto r = test::run_cli(
      {"run", (dir / "s.toml").string(), "--out-dir", (dir / "out").string(), "--runs", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto summary = nlohmann::json::parse(test::read_text(dir / "out" / "summary.json"));
  EXPECT_FALSE(summary["sections"]["events"].empty());

  test::write_text(dir / "bad.toml",
                   base + "\n[data]\nevents = [\"events.tsv\"]\nevents_format = \"gdelt9\"\n");
  auto bad = test::run_cli({"run", (dir / "bad.toml").string(), "--out-dir", (dir / "out2").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("field 'data.events_format': unknown event-data format 'gdelt9'"),
            std::string::npos)
      << bad.err;
  EXPECT_FALSE(fs::exists(dir / "out2" / "summary.json"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace detente
