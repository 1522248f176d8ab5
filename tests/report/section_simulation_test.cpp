// The main job's simulation section leads with the variants' effects and flags the
// outcomes that no variant moves off 0% or 100%, saying what pins them.
#include "report/section_simulation.hpp"

#include <gtest/gtest.h>

#include "io/scenario_toml.hpp"
#include "test_support.hpp"

namespace detente::report {
namespace {

const std::string kScenario =
    test::small_scenario({.id = "flags",
                          .name = "Flags",
                          .capabilities = {"1", "1", "1"},
                          .issue_extra = "",
                          .positions = {"{ dist = \"uniform\", min = 10, max = 90 }", "", ""},
                          .summit_date = "2024-03-10",
                          .summit_probability = "{ dist = \"uniform\", min = 0.3, max = 0.7 }"},
                         R"([simulation]
months = 4

[[outcome]]
id = "held"
name = "Summit held"
kind = "event_occurs"
event = "summit"

[[outcome]]
id = "never"
name = "A-C tie above 0.9"
kind = "tie_above"
a = "AAA"
b = "CCC"
threshold = 0.9

[[variant]]
id = "off"
name = "Summit called off"
[[variant.event]]
id = "summit"
status = "cancelled"
)");

TEST(SimulationSection, LeadsWithEffectsAndFlagsPinnedOutcomes) {
  const Scenario s = io::read_scenario(kScenario, "flags.toml");
  const Section sec = build_simulation_section(s, {3, 2, 400, nullptr});
  const auto& effects = sec.json["effects"];
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0]["variant"], "off");
  EXPECT_LT(effects[0]["outcomes"][0]["difference"].get<double>(), -0.3);
  EXPECT_EQ(effects[0]["outcomes"][0]["gained"], 0);
  // The A–C tie has no relation, event or uncertain input acting on it: 0% everywhere.
  const auto& pinned = sec.json["pinned"];
  ASSERT_EQ(pinned.size(), 1u) << pinned.dump();
  EXPECT_EQ(pinned[0]["id"], "never");
  EXPECT_EQ(pinned[0]["reason"], "by construction: no uncertain input moves it");
  EXPECT_NE(sec.text.find("pinned: A-C tie above 0.9"), std::string::npos) << sec.text;
}

}  // namespace
}  // namespace detente::report
