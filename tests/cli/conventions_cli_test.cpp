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

// The help text of `detente CMD [SUB]` (empty if the command does not exist).
std::string help_of(const std::string& command, const std::string& sub = "") {
  std::vector<std::string> args{command};
  if (!sub.empty()) args.push_back(sub);
  args.emplace_back("--help");
  auto r = test::run_cli(args);
  return r.exit_code == 0 ? r.out : "";
}

// Every option the README shows for a command (in the command table and the examples) is one
// the command's --help lists, so the two cannot drift apart.
TEST(CliConventions, ReadmeOptionsAreInTheCommandsHelp) {
  const std::string readme = test::read_text(test::source_file("README.md"));
  // `detente CMD ...` in a table cell, or `$ build/detente CMD ...` in an example.
  const std::regex usage(R"((?:`detente|\$ build/detente) ([a-z]+)((?: [a-z|]+)?)([^`\n&#]*))");
  const std::regex option(R"((^|[ \[|(])(--[a-z][a-z0-9-]*|-[a-z])(?=[ =\]|)]|$))");
  int checked = 0;
  for (std::sregex_iterator m(readme.begin(), readme.end(), usage), end; m != end; ++m) {
    const std::string command = (*m)[1];
    std::string help = help_of(command);
    ASSERT_FALSE(help.empty()) << "README shows `detente " << command << "`, not a command";
    // Subcommands named after the command ("events aggregate|network|info"): their help too.
    std::string subs = (*m)[2];
    std::stringstream words(subs);
    for (std::string alternatives; words >> alternatives;) {
      std::stringstream alt(alternatives);
      for (std::string sub; std::getline(alt, sub, '|');)
        if (!sub.empty() && help.find("\n  " + sub + " ") != std::string::npos)
          help += help_of(command, sub);
    }
    const std::string rest = std::string((*m)[2]) + std::string((*m)[3]);
    for (std::sregex_iterator o(rest.begin(), rest.end(), option); o != end; ++o) {
      const std::string name = (*o)[2];
      const bool listed = help.find("," + name + " ") != std::string::npos ||
                          help.find("," + name + "\n") != std::string::npos ||
                          help.find("  " + name + " ") != std::string::npos ||
                          help.find("  " + name + ",") != std::string::npos ||
                          help.find("  " + name + "\n") != std::string::npos;
      EXPECT_TRUE(listed) << "README shows `detente " << command << " … " << name
                          << "`, which its --help does not list";
      ++checked;
    }
  }
  EXPECT_GT(checked, 40);  // the command table and the examples were found
}

// The same conventions in every command's help: -q/--quiet everywhere; -o/--output FILE and
// the same --threads default wherever they appear.
TEST(CliConventions, EveryCommandHasQuietAndTheSameOutputAndThreadsOptions) {
  const auto top = test::run_cli({"--help"});
  ASSERT_EQ(top.exit_code, 0);
  const std::regex listed(R"(\n  ([a-z]+) {2,})");
  std::vector<std::string> commands;
  const auto from = top.out.find("ubcommands:");
  ASSERT_NE(from, std::string::npos) << top.out;
  const std::string tail = top.out.substr(from);
  for (std::sregex_iterator m(tail.begin(), tail.end(), listed), end; m != end; ++m)
    commands.push_back((*m)[1]);
  ASSERT_GT(commands.size(), 15u);
  std::string threads_default;
  for (const auto& c : commands) {
    const std::string help = help_of(c);
    EXPECT_NE(help.find("-q,--quiet"), std::string::npos) << c;
    EXPECT_EQ(help.find("--out "), std::string::npos) << c << ": -o is spelled --output";
    const auto o = help.find("-o,");
    if (o != std::string::npos) EXPECT_EQ(help.compare(o, 11, "-o,--output"), 0) << c;
    const auto t = help.find("--threads");
    if (t == std::string::npos) continue;
    const std::string line = help.substr(t, help.find('\n', help.find('\n', t) + 1) - t);
    const std::string said =
        std::regex_search(line, std::regex("all cores|hardware")) ? "all" : line;
    if (threads_default.empty()) threads_default = said;
    EXPECT_EQ(said, threads_default) << c << ": " << line;
  }
}

}  // namespace
}  // namespace detente
