// `detente events aggregate|network|info` end to end through the built binary.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"

using detente::test::run_cli;

namespace {
const char* kHeader =
    "period,actor1,actor2,events,goldstein_sum,goldstein_mean,mentions,quad1,quad2,quad3,quad4\n";
}

TEST(EventsCli, AggregateGdelt2Month) {
  auto path = detente::test::data_file("events/gdelt/gdelt2_20191024143000.export.CSV");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  auto r = run_cli({"events", "aggregate", *path, "--period", "month"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind(kHeader, 0), 0u);
  EXPECT_NE(r.out.find("\n2019-10,USA,CHN,6,"), std::string::npos) << r.out.substr(0, 400);
  EXPECT_TRUE(r.err.empty()) << r.err;

  auto five = run_cli({"events", "aggregate", *path, "--actors", "chn,jpn,kor,prk,usa",
                       "--undirected", "--extended", "--normalize", "--format", "csv"});
  ASSERT_EQ(five.exit_code, 0) << five.err;
  EXPECT_NE(five.out.find(",net_coop,goldstein_mw_sum,goldstein_mw_mean,net_coop_mw,"
                          "period_events,events_share,goldstein_share,net_coop_share\n"),
            std::string::npos);
  EXPECT_EQ(five.out.find(",RUS,"), std::string::npos);

  auto json = run_cli({"events", "aggregate", *path, "--format", "json", "--period", "day"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"series\""), std::string::npos);
  EXPECT_NE(json.out.find("\"period\": \"2019-10-24\""), std::string::npos);
}

TEST(EventsCli, OutputFileStdinNetworkInfo) {
  auto path = detente::test::data_file("events/gdelt/gdelt2_20191024143000.export.CSV");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  auto dir = detente::test::temp_dir("events-cli");
  auto out = (dir / "sub" / "series.csv").string();
  auto r = run_cli({"events", "aggregate", *path, "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string from_file = detente::test::read_text(out);
  auto piped = run_cli({"events", "aggregate", "-"}, detente::test::read_text(*path));
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, from_file);

  auto net = run_cli({"events", "network", *path, "--period", "month", "--at", "2019-10"});
  ASSERT_EQ(net.exit_code, 0) << net.err;
  EXPECT_EQ(net.out.rfind("from,to,sign,weight\n", 0), 0u);
  EXPECT_NE(net.out.find("\nCHN,USA,"), std::string::npos) << net.out;

  auto nets = run_cli(
      {"events", "network", *path, "--period", "month", "--out-dir", (dir / "nets").string()});
  ASSERT_EQ(nets.exit_code, 0) << nets.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "nets" / "2019-10.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir / "nets" / "2018-10.csv"));

  auto info = run_cli({"events", "info", *path});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("2111 gdelt2-61"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("2018-10-24 .. 2019-10-24"), std::string::npos) << info.out;
  std::filesystem::remove_all(dir);
}

TEST(EventsCli, BadRowsWarnedStrictFailsNoPartialOutput) {
  auto dir = detente::test::temp_dir("events-cli-bad");
  std::string good = "date\tsource\ttarget\tcode\n1990-01-02\tISRGOV\tJOR\t042\n";
  detente::test::write_text(dir / "k.tsv", good + "1990-02-30\tISR\tJOR\t042\n1990-01-03\tISR\n");
  auto out = (dir / "out.csv").string();
  auto r = run_cli({"events", "aggregate", (dir / "k.tsv").string(), "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 bad"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("k.tsv:3: field 'column 1': bad date"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("k.tsv:4: short row"), std::string::npos) << r.err;
  EXPECT_EQ(detente::test::read_text(out),
            std::string(kHeader) + "1990-01,ISR,JOR,1,1.9,1.9,1,1,0,0,0\n");

  std::filesystem::remove(out);
  auto strict = run_cli({"events", "aggregate", (dir / "k.tsv").string(), "--strict", "-o", out});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("k.tsv:3"), std::string::npos) << strict.err;
  EXPECT_FALSE(std::filesystem::exists(out));

  auto missing = run_cli({"events", "aggregate", (dir / "nope.CSV").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nope.CSV"), std::string::npos);
  auto bad_opt = run_cli({"events", "aggregate", (dir / "k.tsv").string(), "--from", "1990-13-01"});
  EXPECT_EQ(bad_opt.exit_code, 1);
  std::filesystem::remove_all(dir);
}

TEST(EventsCli, ZipOnStdinInfoJsonAndFormats) {
  auto path = detente::test::data_file("events/icews/icews_events.2018.sample.tab");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  auto dir = detente::test::temp_dir("events-cli-zip");
  // gzip through the system tool when present; libarchive recognises it by its magic bytes.
  auto gz = (dir / "icews.tab.gz").string();
  std::string cmd = "gzip -c '" + *path + "' > '" + gz + "' 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "gzip not available";
  auto plain = run_cli({"events", "aggregate", *path, "--period", "day"});
  auto piped =
      run_cli({"events", "aggregate", "-", "--period", "day"}, detente::test::read_text(gz));
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, plain.out);
  auto forced = run_cli({"events", "aggregate", gz, "--period", "day", "--format-in", "icews"});
  EXPECT_EQ(forced.out, plain.out);
  // Read as the wrong format every row is bad: warned per row, and an error (no good row).
  auto wrong = run_cli({"events", "aggregate", gz, "--format-in", "gdelt2"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("short row"), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("no good rows"), std::string::npos) << wrong.err;

  auto info = run_cli({"events", "info", gz, "--format", "json"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  auto j = nlohmann::json::parse(info.out);
  EXPECT_EQ(j["rows"], 3705);
  EXPECT_EQ(j["headers"], 1);
  EXPECT_EQ(j["first_date"], "2018-06-01");
  EXPECT_EQ(j["top_dyads"][0]["actor1"], "USA");
  EXPECT_EQ(j["top_dyads"][0]["actor2"], "PRK");
  std::filesystem::remove_all(dir);
}
