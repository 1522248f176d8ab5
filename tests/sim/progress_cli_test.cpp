// Progress of long work (core/progress.hpp) as the CLI shows it: a bar on stderr only when
// stderr is a terminal and --quiet is not given. Here stderr is a pipe, so each command
// prints nothing on stderr but its warnings: event files read over many inputs and on
// several threads, the main job (ensemble, sensitivity rows, landscape), a landscape walk.
// The terminal case is tested in tests/cli/merge_cli_test.cpp (under `script`).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "test_support.hpp"

namespace detente {
namespace {

TEST(ProgressCli, EventFilesOverManyInputsPrintOnlyTheirWarnings) {
  auto dir = test::temp_dir("progress-events");
  std::vector<std::string> args = {"events", "aggregate", "--threads", "2"};
  for (int f = 0; f < 6; ++f) {
    std::string text = "date\tsource\ttarget\tcode\n";
    for (int d = 1; d <= 20; ++d)
      text += "1990-01-" + std::to_string(10 + d % 18) + "\tISR\tJOR\t042\n";
    if (f == 3) text += "1990-02-30\tISR\tJOR\t042\n";  // one bad row: a warning
    const auto path = dir / ("k" + std::to_string(f) + ".tsv");
    test::write_text(path, text);
    args.push_back(path.string());
  }
  auto r = test::run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 bad"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("files"), std::string::npos) << r.err;  // no progress line
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;     // no redrawn line
  std::istringstream lines(r.err);  // nothing but warnings: the summary and the bad row
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count)
    EXPECT_EQ(line.rfind("detente: warning: ", 0), 0u) << line;
  EXPECT_EQ(count, 2) << r.err;
  std::filesystem::remove_all(dir);
}

TEST(ProgressCli, MainJobAndLandscapePrintNothingOnStderrWhenItIsNotATerminal) {
  auto dir = test::temp_dir("progress-run");
  auto gen = test::run_cli({"scenarios", "--synthetic", "16", "--seed", "2"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  test::write_text(dir / "s.toml", gen.out);
  auto run = test::run_cli({"run", (dir / "s.toml").string(), "--out-dir", (dir / "out").string(),
                            "--runs", "200", "--threads", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.err.empty()) << run.err;
  EXPECT_NE(run.out.find("landscape theory"), std::string::npos);  // the sections ran
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace detente
