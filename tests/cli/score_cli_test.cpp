// `detente score`: the CSV layout of docs/scoring.md, the three output formats, and
// file:line:field errors with exit status 1 and no partial output file.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

using test::run_cli;
using test::temp_dir;
using test::write_text;

struct Files {
  std::string forecasts, resolutions;
};

Files write_pair(const std::string& name, const std::string& forecasts,
                 const std::string& resolutions) {
  auto dir = temp_dir("score-" + name);
  write_text(dir / "forecasts.csv", forecasts);
  write_text(dir / "resolutions.csv", resolutions);
  return {(dir / "forecasts.csv").string(), (dir / "resolutions.csv").string()};
}

// Two forecasters on the hand example of scoring_test.cpp (binary) plus one continuous
// question scored by model A only.
const char* kForecasts =
    "model,question,probability,sample\n"
    "A,q1,0.25,\n"
    "A,q2,0.25,\n"
    "A,q3,0.25,\n"
    "A,q4,0.25,\n"
    "A,q5,0.75,\n"
    "A,q6,0.75,\n"
    "A,q7,0.75,\n"
    "A,q8,0.75,\n"
    "A,q9,0.75,\n"
    "A,q10,0.75,\n"
    "A,gdp,,1\n"
    "A,gdp,,3\n"
    "A,gdp,,2\n"
    "\"B, the sceptic\",q1,0.5,\n"
    "\"B, the sceptic\",q5,0.5,\n";
const char* kResolutions =
    "question,outcome\n"
    "q1,0\nq2,0\nq3,0\nq4,1\nq5,1\nq6,1\nq7,1\nq8,1\nq9,0\nq10,0\n"
    "gdp,2\n"
    "unused,1\n";

TEST(ScoreCli, JsonScoresSeveralForecastersSideBySide) {
  auto f = write_pair("json", kForecasts, kResolutions);
  auto r = run_cli({"score", f.forecasts, f.resolutions, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["forecasters"].size(), 2u);
  const auto& a = j["forecasters"][0];
  EXPECT_EQ(a["name"], "A");
  // Worked out in tests/sim/scoring_test.cpp: BS 0.2125, REL 1/240, RES 5/120, UNC 1/4.
  EXPECT_EQ(a["binary"]["count"], 10);
  EXPECT_NEAR(a["binary"]["brier"].get<double>(), 0.2125, 1e-12);
  EXPECT_NEAR(a["binary"]["brier_skill"].get<double>(), 0.15, 1e-12);
  // AUC: events {0.25, 0.75×4}, non-events {0.25×3, 0.75×2}: (1.5 + 4·3 + 4·1)/25 = 0.7.
  EXPECT_NEAR(a["binary"]["roc_auc"].get<double>(), 0.7, 1e-12);
  EXPECT_NEAR(a["binary"]["log_score"].get<double>(), 0.6172657590522138, 1e-12);
  EXPECT_NEAR(a["binary"]["murphy"]["reliability"].get<double>(), 1.0 / 240, 1e-12);
  EXPECT_NEAR(a["binary"]["murphy"]["resolution"].get<double>(), 5.0 / 120, 1e-12);
  EXPECT_NEAR(a["binary"]["murphy"]["uncertainty"].get<double>(), 0.25, 1e-12);
  EXPECT_EQ(a["binary"]["calibration"].size(), 10u);
  EXPECT_EQ(a["binary"]["calibration"][7]["count"], 6);
  EXPECT_TRUE(a["binary"]["calibration"][0]["mean_forecast"].is_null());
  // CRPS of samples {1,2,3} at y = 2 is 2/9.
  EXPECT_EQ(a["continuous"]["count"], 1);
  EXPECT_NEAR(a["continuous"]["crps"].get<double>(), 2.0 / 9, 1e-12);
  // PIT of 2 under {1, 2, 3} is 0.5: bin 5 of 10, inside both central intervals.
  EXPECT_EQ(a["continuous"]["pit_histogram"][5], 1);
  EXPECT_EQ(a["continuous"]["coverage_90"], 1.0);
  const auto& b = j["forecasters"][1];
  EXPECT_EQ(b["name"], "B, the sceptic");
  // 0.5 on two questions: Brier 0.25; base rate of {0, 1} is 0.5, skill 0.
  EXPECT_NEAR(b["binary"]["brier"].get<double>(), 0.25, 1e-12);
  EXPECT_NEAR(b["binary"]["brier_skill"].get<double>(), 0.0, 1e-12);
  EXPECT_TRUE(b["continuous"].is_null());
}

TEST(ScoreCli, TextAndCsvFormatsAndBins) {
  auto f = write_pair("text", kForecasts, kResolutions);
  auto r = run_cli({"score", f.forecasts, f.resolutions, "--bins", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Forecaster 'A'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0.2125"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("calibration (4 bins)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[0.75, 1.00]"), std::string::npos) << r.out;

  auto c = run_cli({"score", f.forecasts, f.resolutions, "--format", "csv", "--bins", "2"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("model,metric,bin_lower,bin_upper,value\n", 0), 0u) << c.out;
  EXPECT_NE(c.out.find("A,brier,,,0.2125"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("A,bin_count,0.5,1,6\n"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("\"B, the sceptic\",brier,,,0.25"), std::string::npos) << c.out;
}

TEST(ScoreCli, WritesOutputFileAtomically) {
  auto f = write_pair("out", kForecasts, kResolutions);
  auto out = std::filesystem::path(f.forecasts).parent_path() / "scores.json";
  auto r = run_cli({"score", f.forecasts, f.resolutions, "--format", "json", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::accept(test::read_text(out)));
}

TEST(ScoreCli, WeightedSamplesWithoutModelColumn) {
  // Samples {0 (w 3), 10 (w 1)} at y = 0: CRPS 0.625 (scoring_test.cpp).
  auto f =
      write_pair("weights", "question,sample,weight\nx,10,1\nx,0,3\n", "question,outcome\nx,0\n");
  auto r = run_cli({"score", f.forecasts, f.resolutions, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["forecasters"][0]["name"], "forecast");
  EXPECT_NEAR(j["forecasters"][0]["continuous"]["crps"].get<double>(), 0.625, 1e-12);
}

struct BadCase {
  std::string name, forecasts, resolutions;
  std::string expected;  // substring of stderr: file:line: field 'f'
};

TEST(ScoreCli, BadInputNamesFileLineAndFieldAndExitsOne) {
  const std::vector<BadCase> cases = {
      {"range", "question,probability\nq1,0.5\nq2,1.5\n", "question,outcome\nq1,1\nq2,0\n",
       "forecasts.csv:3: field 'probability': expected a probability in [0, 1], got 1.5"},
      {"nonnumeric", "question,probability\nq1,abc\n", "question,outcome\nq1,1\n",
       "forecasts.csv:2: field 'probability': expected a number, got 'abc'"},
      {"missing-column", "question,prob\nq1,0.5\n", "question,outcome\nq1,1\n",
       "forecasts.csv:1: field 'probability': missing column"},
      {"missing-outcome-column", "question,probability\nq1,0.5\n", "question,result\nq1,1\n",
       "resolutions.csv:1: field 'outcome': missing column"},
      {"nothing-resolved", "question,probability\nq1,0.5\n", "question,outcome\nq9,1\n",
       "resolutions.csv: no forecast question is resolved here"},
      {"huge", "question,sample\nx,1e308\n", "question,outcome\nx,1\n",
       "forecasts.csv:2: field 'sample': 1e+308 is too large"},
      {"nan", "question,probability\nq1,nan\n", "question,outcome\nq1,1\n",
       "forecasts.csv:2: field 'probability': expected a number, got 'nan' (not a number)"},
      {"binary-outcome", "question,probability\nq1,0.5\n", "question,outcome\nq1,0.5\n",
       "resolutions.csv:2: field 'outcome': question 'q1' has a probability forecast"},
      {"outcome-nonnumeric", "question,probability\nq1,0.5\n", "question,outcome\nq1,yes\n",
       "resolutions.csv:2: field 'outcome': expected a number, got 'yes'"},
      {"duplicate", "question,probability\nq1,0.5\nq1,0.6\n", "question,outcome\nq1,1\n",
       "forecasts.csv:3: field 'question': question 'q1' already has a probability forecast"},
      {"twice-resolved", "question,probability\nq1,0.5\n", "question,outcome\nq1,1\nq1,0\n",
       "resolutions.csv:3: field 'question': question 'q1' is resolved twice"},
      {"empty-value", "question,probability,sample\nq1,,\n", "question,outcome\nq1,1\n",
       "forecasts.csv:2: field 'probability': missing value"},
      {"negative-weight", "question,sample,weight\nx,1,-2\n", "question,outcome\nx,1\n",
       "forecasts.csv:2: field 'weight': expected a weight >= 0"},
      {"empty-file", "", "question,outcome\nq1,1\n", "forecasts.csv:1: empty file"},
  };
  for (const auto& c : cases) {
    auto f = write_pair(c.name, c.forecasts, c.resolutions);
    auto out = std::filesystem::path(f.forecasts).parent_path() / "scores.json";
    auto r = run_cli({"score", f.forecasts, f.resolutions, "-o", out.string()});
    EXPECT_EQ(r.exit_code, 1) << c.name << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << c.name << "\n" << r.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.name;
  }
}

TEST(ScoreCli, UnresolvedQuestionsAreListedNotScoredUnlessRequireAll) {
  auto f = write_pair("unresolved", "question,probability\nq1,0.9\nq2,0.5\nq3,0.2\n",
                      "question,outcome\nq1,1\nq3,0\n");
  auto r = run_cli({"score", f.forecasts, f.resolutions, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["forecasters"][0]["unresolved"], nlohmann::json::array({"q2"}));
  EXPECT_EQ(j["forecasters"][0]["binary"]["count"], 2);
  // Brier over the two resolved questions only: ((0.9-1)^2 + (0.2-0)^2) / 2.
  EXPECT_NEAR(j["forecasters"][0]["binary"]["brier"].get<double>(), 0.025, 1e-12);
  auto text = run_cli({"score", f.forecasts, f.resolutions});
  EXPECT_NE(text.out.find("unresolved (not scored)     1: q2"), std::string::npos) << text.out;
  auto strict = run_cli({"score", f.forecasts, f.resolutions, "--require-all"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("forecasts.csv:3: field 'question': no resolution for question 'q2'"),
            std::string::npos)
      << strict.err;
}

TEST(ScoreCli, ReportsEveryProblemInOnePass) {
  auto f = write_pair("many", "question,probability\nq1,2\nq2,x\nq3,0.5\n",
                      "question,outcome\nq3,1\nq3,1\n");
  auto r = run_cli({"score", f.forecasts, f.resolutions});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("forecasts.csv:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("forecasts.csv:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("resolutions.csv:3"), std::string::npos) << r.err;
}

TEST(ScoreCli, BaselineComparisonIsPairedOnCommonQuestions) {
  // A: q1 0.8 (o 1), q2 0.3 (o 0), q3 0.5 (no baseline forecast, left out of the pairs).
  // Persistence P: q1 1, q2 1. Brier A = (0.04, 0.09), P = (0, 1):
  // mean difference (0.04 + 0.09 − 1)/2 = −0.435, skill 1 − 0.13/1 = 0.87.
  auto f = write_pair("baseline",
                      "model,question,probability\nA,q1,0.8\nA,q2,0.3\nA,q3,0.5\n"
                      "persistence,q1,1\npersistence,q2,1\n",
                      "question,outcome\nq1,1\nq2,0\nq3,1\n");
  auto r = run_cli({"score", f.forecasts, f.resolutions, "--format", "json", "--baseline",
                    "persistence", "--seed", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  const auto& v = j["forecasters"][0]["versus_baseline"];
  EXPECT_EQ(v["baseline"], "persistence");
  EXPECT_EQ(v["brier"]["count"], 2);
  EXPECT_NEAR(v["brier"]["mean_difference"].get<double>(), -0.435, 1e-12);
  EXPECT_NEAR(v["brier"]["skill"].get<double>(), 0.87, 1e-12);
  EXPECT_LE(v["brier"]["difference_low"].get<double>(), -0.435);
  EXPECT_GE(v["brier"]["difference_high"].get<double>(), -0.435);
  EXPECT_TRUE(v["crps"].is_null());
  EXPECT_FALSE(j["forecasters"][1].contains("versus_baseline"));
  // Same seed, same intervals.
  auto again = run_cli({"score", f.forecasts, f.resolutions, "--format", "json", "--baseline",
                        "persistence", "--seed", "5"});
  EXPECT_EQ(r.out, again.out);
  auto text = run_cli({"score", f.forecasts, f.resolutions, "--baseline", "persistence"});
  EXPECT_NE(text.out.find("against baseline 'persistence'"), std::string::npos) << text.out;
  auto bad = run_cli({"score", f.forecasts, f.resolutions, "--baseline", "nobody"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("field '--baseline': no forecaster named 'nobody'"), std::string::npos)
      << bad.err;
}

TEST(ScoreCli, MissingFileExitsOne) {
  auto r = run_cli({"score", "/nonexistent/f.csv", "/nonexistent/r.csv"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/f.csv"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace detente
