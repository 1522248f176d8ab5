// The scenario writer: TOML that the reader reads back to the same scenario.
#include "io/scenario_writer.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/ties.hpp"
#include "io/scenario_toml.hpp"

namespace detente {
namespace {

void expect_same_number(const Sourced<double>& a, const Sourced<double>& b,
                        const std::string& what) {
  EXPECT_EQ(a.value, b.value) << what;
  EXPECT_EQ(a.source, b.source) << what;
  ASSERT_EQ(a.uncertainty.has_value(), b.uncertainty.has_value()) << what;
  if (!a.uncertainty) return;
  EXPECT_EQ(a.uncertainty->describe(), b.uncertainty->describe()) << what;
  for (double u : {0.01, 0.3, 0.5, 0.9})
    EXPECT_EQ(a.uncertainty->quantile(u), b.uncertainty->quantile(u)) << what;
}

// The built-in case uses every part of the format: read, write, read, write is a fixed
// point, and the scenario read back has the same numbers, sources and distributions.
TEST(ScenarioWriter, BuiltInCaseRoundTrips) {
  const Scenario s = io::load_scenario("northeast-asia-2024");
  const std::string text = io::write_scenario_toml(s);
  const Scenario back = io::read_scenario(text, "roundtrip.toml");
  EXPECT_EQ(io::write_scenario_toml(back), text);

  EXPECT_EQ(back.id, s.id);
  EXPECT_EQ(back.as_of, s.as_of);
  EXPECT_EQ(back.sources, s.sources);
  ASSERT_EQ(back.actors.size(), s.actors.size());
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    expect_same_number(s.actors[i].capability, back.actors[i].capability, s.actors[i].id);
    EXPECT_EQ(s.actors[i].components.year, back.actors[i].components.year);
    EXPECT_EQ(s.actors[i].components.milex, back.actors[i].components.milex);
  }
  ASSERT_EQ(back.positions.size(), s.positions.size());
  for (std::size_t i = 0; i < s.positions.size(); ++i) {
    expect_same_number(s.positions[i].position, back.positions[i].position, "position");
    expect_same_number(s.positions[i].salience, back.positions[i].salience, "salience");
    EXPECT_EQ(s.positions[i].why, back.positions[i].why);
  }
  ASSERT_EQ(back.relations.size(), s.relations.size());
  for (std::size_t i = 0; i < s.relations.size(); ++i) {
    expect_same_number(s.relations[i].weight, back.relations[i].weight, "weight");
    EXPECT_EQ(s.relations[i].sign, back.relations[i].sign);
    EXPECT_EQ(s.relations[i].since, back.relations[i].since);
    EXPECT_EQ(s.relations[i].expected, back.relations[i].expected);
  }
  EXPECT_EQ(back.events.size(), s.events.size());
  EXPECT_EQ(back.stochastic_events.size(), s.stochastic_events.size());
  EXPECT_EQ(back.variants.size(), s.variants.size());
  EXPECT_EQ(back.outcomes.size(), s.outcomes.size());
  ASSERT_EQ(back.simulation.parameters.size(), s.simulation.parameters.size());
  for (const auto& [name, v] : s.simulation.parameters)
    expect_same_number(v, back.simulation.parameters.at(name), name);
  for (std::size_t v = 0; v < s.variants.size(); ++v) {
    EXPECT_EQ(back.variants[v].events.size(), s.variants[v].events.size());
    EXPECT_EQ(back.variants[v].positions.size(), s.variants[v].positions.size());
    EXPECT_EQ(back.variants[v].moves, s.variants[v].moves);
  }
  const TieMatrix a = tie_matrix(s, *s.as_of), b = tie_matrix(back, *s.as_of);
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a.size(); ++j) EXPECT_EQ(a(i, j), b(i, j));
}

TEST(ScenarioWriter, StringsCommentsAndEmptySections) {
  Scenario s;
  s.id = "x";
  s.name = "A \"quoted\" name\\with a backslash\nand a newline\tand a tab";
  s.as_of = Date{2020, 2, 29};
  Actor a;
  a.id = "AAA";
  a.name = "Ålandia";
  a.capability = {1e-06, "tiny", 0, std::nullopt};
  s.actors.push_back(a);
  a.id = "BBB";
  a.capability = {0.1 + 0.2, "", 0, std::nullopt};  // 0.30000000000000004 must survive
  s.actors.push_back(a);
  Relation r;
  r.a = "AAA";
  r.b = "BBB";
  r.kind = RelationKind::event_tie;
  r.weight = {-0.25, "measured", 0, Distribution::normal(-0.25, 0.1, -1.0, 1.0)};
  s.relations.push_back(r);
  io::WriteOptions w;
  w.header = {"first line", "", "third"};
  w.section_comments["issue"] = {"ISSUES: TO BE FILLED IN"};
  const std::string text = io::write_scenario_toml(s, w);
  EXPECT_EQ(text.rfind("# first line\n#\n# third\n", 0), 0u) << text;
  EXPECT_NE(text.find("# ISSUES: TO BE FILLED IN\n"), std::string::npos);  // an empty section
  const Scenario back = io::read_scenario(text, "x.toml");
  EXPECT_EQ(back.name, s.name);
  EXPECT_EQ(back.actors[0].name, "Ålandia");
  EXPECT_EQ(back.actors[0].capability.value, 1e-06);
  EXPECT_EQ(back.actors[1].capability.value, 0.1 + 0.2);
  ASSERT_EQ(back.relations.size(), 1u);
  EXPECT_EQ(back.relations[0].kind, RelationKind::event_tie);
  EXPECT_EQ(back.relations[0].weight.value, -0.25);
  EXPECT_EQ(back.relations[0].signed_weight(), -0.25);
  EXPECT_TRUE(back.issues.empty());
  EXPECT_EQ(io::write_scenario_toml(back, w), text);
}

// An event_tie's weight is signed; other kinds keep (0, 1] and an event_tie takes no sign.
TEST(ScenarioWriter, EventTieWeightIsSignedOnlyForThatKind) {
  const std::string head =
      "[scenario]\nid = \"x\"\nname = \"x\"\n[[actor]]\nid = \"AAA\"\nname = \"A\"\ncapability = "
      "1\n[[actor]]\nid = \"BBB\"\nname = \"B\"\ncapability = 1\n[[relation]]\na = \"AAA\"\nb = "
      "\"BBB\"\n";
  auto error = [&](const std::string& rel) -> std::string {
    try {
      io::read_scenario(head + rel, "t.toml");
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(error("kind = \"event_tie\"\nweight = -0.4\n"), "");
  EXPECT_EQ(error("kind = \"event_tie\"\nweight = { dist = \"normal\", mean = -0.1, sd = 0.2, "
                  "min = -1, max = 1 }\n"),
            "");
  EXPECT_NE(error("kind = \"alliance\"\nweight = -0.4\n").find(".weight': -0.4 is out of range"),
            std::string::npos);
  EXPECT_NE(error("kind = \"event_tie\"\nweight = -1.5\n").find("out of range"), std::string::npos);
  EXPECT_NE(error("kind = \"event_tie\"\nsign = -1\nweight = 0.4\n").find("drop 'sign'"),
            std::string::npos);
}

}  // namespace
}  // namespace detente
