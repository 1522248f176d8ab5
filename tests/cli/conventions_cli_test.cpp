// The conventions every command keeps (src/cli/command.hpp): every file argument accepts
// "-" for standard input, with the same result as the file and diagnostics that call it
// <stdin>; standard input can be only one input of a command.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "io/csv.hpp"
#include "test_support.hpp"

namespace detente {
namespace {

// Runs `args` with FILE in place of `slot`, then with "-" there and FILE's text on stdin.
void expect_stdin_same_as_file(std::vector<std::string> args, std::size_t slot,
                               const std::filesystem::path& file) {
  args[slot] = file.string();
  const auto from_file = test::run_cli(args);
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  args[slot] = "-";
  const auto from_stdin = test::run_cli(args, test::read_text(file));
  EXPECT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  // The same output, where the input is named: as <stdin> (validate's "FILE: ok").
  std::string expected = from_file.out;
  for (auto at = expected.find(file.string()); at != std::string::npos;
       at = expected.find(file.string(), at))
    expected.replace(at, file.string().size(), "<stdin>");
  // Wall times ("[exact, 0.0002 s]") differ from run to run.
  const std::regex seconds("[0-9.]+ s\\]");
  EXPECT_EQ(std::regex_replace(from_stdin.out, seconds, "s]"),
            std::regex_replace(expected, seconds, "s]"))
      << args[0];
}

TEST(CliConventions, EveryFileArgumentAcceptsStdin) {
  const auto dir = test::temp_dir("cli-stdin");
  const auto scenario = dir / "summit.toml";
  test::write_text(scenario, test::summit_scenario("summit", "Summit", 6));
  expect_stdin_same_as_file({"validate", ""}, 1, scenario);
  expect_stdin_same_as_file({"simulate", "", "--runs", "50", "--threads", "1"}, 1, scenario);
  expect_stdin_same_as_file({"bargain", "", "--format", "json"}, 1, scenario);

  const auto actors = dir / "actors.csv", propensities = dir / "propensities.csv";
  test::write_text(actors, "actor,strength\nA,3\nB,2\nC,1\n");
  test::write_text(propensities, ",A,B,C\nA,,1,-1\nB,1,,-1\nC,-1,-1,\n");
  expect_stdin_same_as_file({"landscape", "", propensities.string()}, 1, actors);
  expect_stdin_same_as_file({"landscape", actors.string(), ""}, 2, propensities);

  const auto forecasts = dir / "forecasts.csv", resolutions = dir / "resolutions.csv";
  test::write_text(forecasts, "question,probability\nq1,0.8\nq2,0.3\n");
  test::write_text(resolutions, "question,outcome\nq1,1\nq2,0\n");
  expect_stdin_same_as_file({"score", "", resolutions.string()}, 1, forecasts);
  expect_stdin_same_as_file({"score", forecasts.string(), ""}, 2, resolutions);

  const auto signed_csv = dir / "ties.csv";
  test::write_text(signed_csv, "from,to,sign\nA,B,1\nB,C,-1\nA,C,-1\n");
  expect_stdin_same_as_file({"balance", ""}, 1, signed_csv);
}

TEST(CliConventions, StdinDiagnosticsNameStdin) {
  auto r = test::run_cli({"validate", "-"}, "[scenario]\nid = 3\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("<stdin>"), std::string::npos) << r.err;
  r = test::run_cli({"landscape", "-", "-"}, "actor,strength\nA,1\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("standard input can be only one"), std::string::npos) << r.err;
}

// `--format csv` on a tabular command: a header and rows every one of which has its width.
io::CsvTable csv_output(const std::vector<std::string>& args) {
  const auto r = test::run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  io::CsvTable t = io::CsvTable::read(in, args[0]);
  EXPECT_FALSE(t.rows().empty()) << args[0];
  for (const auto& row : t.rows()) EXPECT_EQ(row.fields.size(), t.header().size()) << args[0];
  return t;
}

TEST(CliConventions, TabularCommandsWriteCsv) {
  const auto dir = test::temp_dir("cli-csv");
  const auto scenario = dir / "summit.toml";
  test::write_text(scenario, test::summit_scenario("summit", "Summit", 6));
  auto sim = csv_output({"simulate", scenario.string(), "--runs", "200", "--all-variants",
                         "--threads", "1", "--format", "csv"});
  const auto json =
      nlohmann::json::parse(test::run_cli({"simulate", scenario.string(), "--runs", "200",
                                           "--all-variants", "--threads", "1", "--format", "json"})
                                .out);
  // Every outcome probability of the JSON is a row of the CSV, with the same value.
  std::size_t matched = 0;
  for (const auto& v : json["variants"])
    for (const auto& o : v["outcomes"])
      for (const auto& row : sim.rows())
        if (sim.text(row, "variant") == v["variant"].get<std::string>() &&
            sim.text(row, "quantity") == "outcome" &&
            sim.text(row, "name") == o["id"].get<std::string>() &&
            sim.text(row, "statistic") == "probability") {
          EXPECT_DOUBLE_EQ(sim.number(row, "value"), o["probability"].get<double>());
          ++matched;
        }
  EXPECT_EQ(matched, 2u * json["variants"][0]["outcomes"].size());

  auto scenarios = csv_output({"scenarios", "--format", "csv"});
  EXPECT_EQ(scenarios.text(scenarios.rows()[0], "id"), "northeast-asia-2024");

  const auto actors = dir / "actors.csv", propensities = dir / "propensities.csv";
  test::write_text(actors, "actor,strength\nA,3\nB,2\nC,1\n");
  test::write_text(propensities, ",A,B,C\nA,,1,-1\nB,1,,-1\nC,-1,-1,\n");
  auto land = csv_output({"landscape", actors.string(), propensities.string(), "--format", "csv"});
  ASSERT_EQ(land.rows().size() % 3, 0u);  // one row per minimum and actor
  // The first minimum puts A and B together against C.
  EXPECT_EQ(land.text(land.rows()[0], "coalition"), land.text(land.rows()[1], "coalition"));
  EXPECT_NE(land.text(land.rows()[0], "coalition"), land.text(land.rows()[2], "coalition"));
}

}  // namespace
}  // namespace detente
