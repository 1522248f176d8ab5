#include "io/scenario_toml.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "test_support.hpp"

namespace detente {
namespace {

const char* kToy = R"([scenario]
id = "toy"
name = "Toy"
as_of = 2024-05-01
sources = ["illustrative"]

[[actor]]
id = "AAA"
name = "Alphaland"
capability = { value = 0.5, source = "COW" }
components = { milex = 100, tpop = 2000, year = 2016 }

[[actor]]
id = "BBB"
name = "Betaland"
capability = 0.25

[[issue]]
id = "summit"
name = "Summit"
low = "never"
high = "now"
scale = [-10, 10]
status_quo = { value = -5, source = "judgement" }
decision_date = "2024-12-31"

[[position]]
actor = "AAA"
issue = "summit"
position = 7.5
salience = 0.4
why = "host"
source = "judgement: stated policy"

[[relation]]
a = "AAA"
b = "BBB"
kind = "rivalry"
weight = 0.5
since = 2000-01-01
until = 2023-03-06

[[relation]]
a = "BBB"
b = "AAA"
kind = "trade_dependence"
directed = true
sign = -1

[[event]]
id = "talks"
date = 2023-11-26
kind = "ministerial"
status = "postponed"
participants = ["AAA", "BBB"]
targets = ["BBB"]
title = "Talks"
)";

TEST(ScenarioToml, ReadsEveryField) {
  Scenario s = io::read_scenario(kToy, "toy.toml");
  EXPECT_EQ(s.id, "toy");
  ASSERT_TRUE(s.as_of);
  EXPECT_EQ(*s.as_of, (Date{2024, 5, 1}));
  ASSERT_EQ(s.actors.size(), 2u);
  EXPECT_DOUBLE_EQ(s.actors[0].capability.value, 0.5);
  EXPECT_EQ(s.actors[0].capability.source, "COW");
  EXPECT_EQ(s.actors[0].capability.line, 10);
  EXPECT_EQ(s.actors[0].components.milex, 100);
  EXPECT_EQ(s.actors[0].components.year, 2016);
  EXPECT_FALSE(s.actors[0].components.irst);
  const Issue* is = s.find_issue("summit");
  ASSERT_NE(is, nullptr);
  EXPECT_EQ(is->scale_min, -10);
  EXPECT_EQ(is->status_quo->value, -5);
  EXPECT_EQ(*is->decision_date, (Date{2024, 12, 31}));
  ASSERT_EQ(s.positions.size(), 1u);
  EXPECT_EQ(s.positions[0].position.value, 7.5);
  EXPECT_EQ(s.positions[0].salience.source, "judgement: stated policy");
  ASSERT_EQ(s.relations.size(), 2u);
  EXPECT_EQ(s.relations[0].sign, -1);  // rivalry's default sign
  EXPECT_TRUE(s.relations[0].active_on(Date{2023, 3, 5}));
  EXPECT_FALSE(s.relations[0].active_on(Date{2023, 3, 6}));
  EXPECT_EQ(s.relations[1].sign, -1);  // overridden
  EXPECT_TRUE(s.relations[1].directed);
  EXPECT_DOUBLE_EQ(s.relations[1].weight.value, 1.0);
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].status, EventStatus::postponed);
  EXPECT_EQ(s.events[0].kind, EventKind::ministerial);
  EXPECT_EQ(s.events[0].targets, std::vector<std::string>{"BBB"});
}

TEST(ScenarioToml, ReportsEveryProblemInOnePass) {
  std::string text = kToy;
  text.replace(text.find("capability = 0.25"), 17, "capability = -1");
  text.replace(text.find("salience = 0.4"), 14, "salience = 4");
  text.replace(text.find("kind = \"rivalry\""), 16, "kind = \"feud\"");
  try {
    io::read_scenario(text, "toy.toml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 3u) << e.what();
    EXPECT_EQ(e.diagnostics()[0].where.line, 16);
    EXPECT_EQ(e.diagnostics()[0].where.field, "actor[BBB].capability");
    EXPECT_EQ(e.diagnostics()[1].where.field, "position[1].salience");
    EXPECT_EQ(e.diagnostics()[2].where.field, "relation[1].kind");
  }
}

TEST(ScenarioToml, RejectsBadStatusQuoAndScale) {
  std::string text = kToy;
  text.replace(text.find("value = -5"), 10, "value = 50");
  EXPECT_THROW(io::read_scenario(text, "t.toml"), InputError);
  text = kToy;
  text.replace(text.find("scale = [-10, 10]"), 17, "scale = [10, -10]");
  EXPECT_THROW(io::read_scenario(text, "t.toml"), InputError);
}

TEST(ScenarioToml, RejectsDuplicatePositionAndSelfRelation) {
  std::string dup =
      std::string(kToy) +
      "\n[[position]]\nactor = \"AAA\"\nissue = \"summit\"\nposition = 1\nsalience = 0.1\n";
  EXPECT_THROW(io::read_scenario(dup, "t.toml"), InputError);
  std::string self =
      std::string(kToy) + "\n[[relation]]\na = \"AAA\"\nb = \"AAA\"\nkind = \"alliance\"\n";
  EXPECT_THROW(io::read_scenario(self, "t.toml"), InputError);
}

TEST(ScenarioToml, ReadsCsvTablesRelativeToTheFile) {
  auto dir = test::temp_dir("tables");
  test::write_text(
      dir / "pos.csv",
      "actor,issue,position,salience,why\r\nAAA,summit,2,0.5,\"a, b\"\r\nBBB,summit,-3,1,x\r\n");
  test::write_text(dir / "rel.csv", "a,b,kind,weight,since\nAAA,BBB,alliance,0.7,1999-01-01\n");
  std::string text = std::string(kToy);
  text = text.substr(0, text.find("[[position]]"));
  text += "[tables]\npositions = \"pos.csv\"\nrelations = \"rel.csv\"\n";
  test::write_text(dir / "s.toml", text);
  Scenario s = io::read_scenario_file((dir / "s.toml").string());
  ASSERT_EQ(s.positions.size(), 2u);
  EXPECT_EQ(s.positions[0].why, "a, b");
  EXPECT_EQ(s.positions[1].line, 3);
  ASSERT_EQ(s.relations.size(), 1u);
  EXPECT_EQ(s.relations[0].weight.value, 0.7);
  EXPECT_EQ(*s.relations[0].since, (Date{1999, 1, 1}));

  test::write_text(dir / "rel.csv", "a,b,kind\nAAA,QQQ,alliance\n");
  try {
    io::read_scenario_file((dir / "s.toml").string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("rel.csv:2: field 'b': unknown actor 'QQQ'"),
              std::string::npos)
        << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(ScenarioToml, BuiltinScenarioLoads) {
  Scenario s = io::load_scenario("northeast-asia-2024");
  EXPECT_EQ(s.id, "northeast-asia-2024");
  EXPECT_THROW(io::load_scenario("no-such-scenario"), InputError);
}

}  // namespace
}  // namespace detente
