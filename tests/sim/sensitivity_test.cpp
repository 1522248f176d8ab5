#include "sim/sensitivity.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "test_support.hpp"

namespace detente::sim {
namespace {

// The summit's probability decides the outcome "summit held"; capabilities and the
// restoring rate cannot change it. The tie outcome depends on the summit effect only.
const std::string kScenario =
    test::small_scenario({.id = "sens",
                          .name = "Sensitivity",
                          .actors = 2,
                          .capabilities = {"{ dist = \"uniform\", min = 0.5, max = 1.5 }",
                                           "{ dist = \"uniform\", min = 0.5, max = 1.5 }", ""},
                          .issue = false,
                          .summit_date = "2024-02-01",
                          .summit_probability = "{ dist = \"uniform\", min = 0.05, max = 0.95 }"},
                         R"([simulation]
months = 3
key_dyads = [["AAA", "BBB"]]

[dynamics]
noise = 0
balance_gain = 0
restoring_rate = { dist = "uniform", min = 0.0, max = 0.0001 }
summit_effect = { dist = "uniform", min = 0.1, max = 0.5 }

[[outcome]]
id = "held"
name = "Summit held"
kind = "event_occurs"
event = "summit"

[[outcome]]
id = "warm"
name = "A-B tie above 0.3"
kind = "tie_above"
a = "AAA"
b = "BBB"
threshold = 0.3
)");

TEST(Sensitivity, GroupsAndRanksTheInputsThatMatter) {
  Scenario s = io::read_scenario(kScenario, "sens.toml");
  SimModel m = compile(s, nullptr);
  auto groups = input_groups(m);
  ASSERT_EQ(groups.size(), 4u);  // capabilities, probability[summit], restoring_rate, summit_effect
  EXPECT_EQ(groups[0].name, "capabilities");
  EXPECT_EQ(groups[0].inputs.size(), 2u);

  SensitivityResult r = sensitivity(m, {256, 16, 7, 1, 100});
  ASSERT_EQ(r.outputs.size(), 2u);
  auto index_of = [&](const std::string& name) {
    for (std::size_t g = 0; g < r.groups.size(); ++g)
      if (r.groups[g].name == name) return g;
    return std::size_t{99};
  };
  const auto& held = r.sobol.outputs[0].inputs;
  EXPECT_GT(held[index_of("probability[summit]")].total_order, 0.8);
  EXPECT_LT(held[index_of("capabilities")].total_order, 0.02);
  EXPECT_LT(held[index_of("dynamics.restoring_rate")].total_order, 0.02);
  // The tie is above 0.3 only if the summit happened with an effect above 0.3: both matter.
  const auto& warm = r.sobol.outputs[1].inputs;
  EXPECT_GT(warm[index_of("dynamics.summit_effect")].total_order, 0.2);
  EXPECT_GT(warm[index_of("probability[summit]")].total_order, 0.2);
  EXPECT_LT(warm[index_of("capabilities")].total_order, 0.02);

  SensitivityResult two = sensitivity(m, {256, 16, 7, 2, 100});
  EXPECT_EQ(two.sobol.outputs[1].inputs[1].total_order, r.sobol.outputs[1].inputs[1].total_order);
  EXPECT_EQ(two.sobol.outputs[0].inputs[0].first_order, r.sobol.outputs[0].inputs[0].first_order);
}

TEST(Sensitivity, NeedsUncertainInputs) {
  Scenario s = io::read_scenario(
      "[scenario]\nid = \"c\"\nname = \"c\"\n[[actor]]\nid = \"A\"\nname = \"A\"\ncapability = 1\n",
      "c.toml");
  EXPECT_THROW(sensitivity(compile(s, nullptr), {}), InputError);
}

}  // namespace
}  // namespace detente::sim
