// `[data] calibrate = true`: the main job simulates with dynamics fitted to the scenario's
// own event files, months before as_of only.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

namespace fs = std::filesystem;

std::string levant_scenario(const std::string& keds, bool calibrate) {
  std::string s = "[scenario]\nid = \"levant-1995\"\nname = \"Levant\"\nas_of = 1995-01-01\n\n";
  for (const char* id : {"EGY", "ISR", "JOR", "SYR"})
    s += fmt::format("[[actor]]\nid = \"{}\"\nname = \"{}\"\ncapability = 0.25\n\n", id, id);
  s += "[[issue]]\nid = \"talks\"\nname = \"Talks\"\nlow = \"no\"\nhigh = \"yes\"\n\n";
  s += fmt::format("[data]\nevents = [\"{}\"]\nevents_format = \"cameo-tsv\"\n", keds);
  if (calibrate) s += "calibrate = true\n";
  return s;
}

TEST(CalibrateCli, ScenarioRunUsesDynamicsCalibratedBeforeAsOf) {
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (!keds) GTEST_SKIP() << test::missing_data_message();
  auto dir = test::temp_dir("calibrate-run");
  test::write_text(dir / "s.toml", levant_scenario(*keds, true));
  auto v = test::run_cli({"validate", (dir / "s.toml").string()});
  ASSERT_EQ(v.exit_code, 0) << v.err << v.out;
  auto r = test::run_cli(
      {"run", (dir / "s.toml").string(), "--out-dir", (dir / "out").string(), "--runs", "20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto summary = nlohmann::json::parse(test::read_text(dir / "out" / "summary.json"));
  const auto& cal = summary["sections"]["simulation"]["calibration"];
  ASSERT_TRUE(cal.is_object());
  EXPECT_EQ(cal["window"]["to"], "1994-12");  // nothing dated after as_of
  EXPECT_EQ(cal["actors"].size(), 4u);
  EXPECT_GT(cal["parameters"]["restoring_rate"]["value"].get<double>(), 0);
  EXPECT_NE(r.out.find("Dynamics calibrated on the scenario's event data"), std::string::npos);

  // The same scenario without calibrate simulates with the defaults: different series.
  test::write_text(dir / "plain.toml", levant_scenario(*keds, false));
  auto p = test::run_cli(
      {"run", (dir / "plain.toml").string(), "--out-dir", (dir / "out2").string(), "--runs", "20"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  auto plain = nlohmann::json::parse(test::read_text(dir / "out2" / "summary.json"));
  EXPECT_FALSE(plain["sections"]["simulation"].contains("calibration"));
  EXPECT_NE(plain["sections"]["simulation"]["variants"],
            summary["sections"]["simulation"]["variants"]);

  // calibrate = true without event files is an input error naming the field.
  test::write_text(dir / "bad.toml",
                   "[scenario]\nid = \"x\"\nname = \"x\"\n[[actor]]\nid = "
                   "\"AAA\"\nname = \"A\"\ncapability = 1\n[data]\ncalibrate = "
                   "true\n");
  auto bad = test::run_cli({"validate", (dir / "bad.toml").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE((bad.err + bad.out).find("data.calibrate"), std::string::npos) << bad.err << bad.out;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace detente
