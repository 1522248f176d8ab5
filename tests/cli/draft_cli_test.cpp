// `detente draft`: a scenario from the shared data that validates and runs, nothing after
// as_of in it, and bad arguments refused with exit status 1 and no output file.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "io/scenario_toml.hpp"
#include "test_support.hpp"

namespace detente {
namespace {

namespace fs = std::filesystem;

TEST(DraftCli, LevantDraftValidatesSimulatesAndRuns) {
  auto data = test::data_file("alignment/peacesciencer");
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (!data || !keds) GTEST_SKIP() << test::missing_data_message();
  auto dir = test::temp_dir("draft-cli");
  const std::string out = (dir / "levant.toml").string();
  auto r = test::run_cli({"draft", "--actors", "EGY,ISR,JOR,LBN,SYR,USA", "--as-of", "2003-03-01",
                          "--data", *data, "--events", *keds, "--threads", "2", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("issues and positions are yours to add"), std::string::npos) << r.err;
  const std::string text = test::read_text(out);
  EXPECT_NE(text.find("ISSUES, POSITIONS AND SALIENCES: TO BE FILLED IN BY THE ANALYST"),
            std::string::npos);
  EXPECT_EQ(text.find("\n[[issue]]"), std::string::npos);  // only the commented example

  auto v = test::run_cli({"validate", out});
  EXPECT_EQ(v.exit_code, 0) << v.err << v.out;

  // No relation, source year or event tie after as_of.
  const Scenario s = io::read_scenario_file(out);
  const Date as_of{2003, 3, 1};
  ASSERT_EQ(s.as_of, as_of);
  EXPECT_EQ(s.actors.size(), 6u);
  EXPECT_GT(s.relations.size(), 15u);
  int ties = 0;
  for (const auto& rel : s.relations) {
    ASSERT_TRUE(rel.since);
    EXPECT_LT(*rel.since, as_of);
    EXPECT_FALSE(rel.weight.source.empty());
    // Yearly data of 2002 at the latest; event months up to 2003-02 (a citation's year is
    // not a date of the data).
    std::string source = rel.weight.source;
    if (auto at = source.find("Dreyer (2012)"); at != std::string::npos) source.erase(at, 13);
    for (int y = 2004; y <= 2025; ++y)
      EXPECT_EQ(source.find(std::to_string(y)), std::string::npos) << rel.weight.source;
    for (int m = 3; m <= 12; ++m)
      EXPECT_EQ(source.find(fmt::format("2003-{:02}", m)), std::string::npos) << source;
    if (rel.kind != RelationKind::event_tie)
      EXPECT_EQ(source.find("2003"), std::string::npos) << source;
    ties += rel.kind == RelationKind::event_tie;
  }
  EXPECT_GE(ties, 10);
  ASSERT_EQ(s.data.event_files.size(), 1u);  // the run's events section reads them
  EXPECT_TRUE(fs::exists(s.data.event_files[0])) << s.data.event_files[0];

  auto sim = test::run_cli(
      {"simulate", out, "--runs", "40", "--seed", "3", "--threads", "2", "--format", "json"});
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  auto j = nlohmann::json::parse(sim.out);
  EXPECT_TRUE(j.contains("variants")) << sim.out.substr(0, 400);

  // Nothing to explain yet: a sensitivity analysis is refused with a clear message.
  auto sens = test::run_cli({"simulate", out, "--runs", "20", "--sensitivity"});
  EXPECT_EQ(sens.exit_code, 1) << sens.err;
  EXPECT_NE(sens.err.find("no outcome and no issue"), std::string::npos) << sens.err;

  auto run = test::run_cli(
      {"run", out, "--out-dir", (dir / "out").string(), "--runs", "40", "--threads", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(dir / "out" / "summary.json"));
  fs::remove_all(dir);
}

TEST(DraftCli, BadArgumentsExitOneWithAClearMessageAndNoFile) {
  auto data = test::data_file("alignment/peacesciencer");
  if (!data) GTEST_SKIP() << test::missing_data_message();
  auto dir = test::temp_dir("draft-bad");
  const std::string out = (dir / "d.toml").string();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--actors", "ISR,XYZ", "--as-of", "2003-03-01"}, "unknown ISO3 code 'XYZ'"},
      {{"--actors", "ISR,SYR", "--as-of", "1750-01-01"}, "is before the data"},
      {{"--actors", "ISR,SYR", "--as-of", "2003-02-30"}, "--as-of"},
      {{"--actors", "ISR", "--as-of", "2003-03-01"}, "two actors"},
      {{"--actors", "ISR,SYRIA", "--as-of", "2003-03-01"}, "3-letter"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"draft", "--data", *data, "-o", out};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = test::run_cli(args);
    EXPECT_EQ(r.exit_code, 1) << c.message << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out)) << c.message;
  }
  auto missing = test::run_cli({"draft", "--data", (dir / "none").string(), "--actors", "ISR,SYR",
                                "--as-of", "2003-03-01", "-o", out});
  EXPECT_EQ(missing.exit_code, 1) << missing.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace detente
