// The main job's event-data section: a note without files; with the real samples, the key
// dyads' series, an SVG chart and the scenario's timeline events inside the data's range.
#include "report/section_events.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace detente;

namespace {
Scenario scenario_with_events() {
  Scenario s;
  s.id = "t";
  Event inside;
  inside.id = "summit";
  inside.title = "Trilateral <summit>";
  inside.date = Date{2018, 6, 2};
  Event outside;
  outside.id = "later";
  outside.date = Date{2024, 5, 27};
  s.events = {inside, outside};
  return s;
}
}  // namespace

TEST(EventsSection, NoteWithoutFiles) {
  auto sec = report::build_events_section(scenario_with_events(), {});
  EXPECT_EQ(sec.id, "events");
  EXPECT_NE(sec.text.find("No event-data files"), std::string::npos);
  auto same = report::build_events_section(scenario_with_events(), {}, {});
  EXPECT_EQ(same.text, sec.text);
}

TEST(EventsSection, ChartOfKeyDyadsWithTimeline) {
  auto icews = test::data_file("events/icews/icews_events.2018.sample.tab");
  auto gdelt = test::data_file("events/gdelt/gdelt2_20191024143000.export.CSV");
  if (!icews || !gdelt) GTEST_SKIP() << test::missing_data_message();
  report::EventsSectionOptions so;
  so.period = events::Period::day;
  so.dyads = {{"CHN", "JPN"},
              {"CHN", "KOR"},
              {"JPN", "KOR"},
              {"USA", "PRK"}};  // the ICEWS sample's days (2018-06-01/02)
  auto sec = report::build_events_section(scenario_with_events(), {}, {*icews, *gdelt}, so);
  EXPECT_EQ(sec.json["timeline_events_marked"], 1);
  EXPECT_EQ(sec.json["rows"], 3705 + 2111);
  ASSERT_TRUE(sec.json["dyads"].contains("CHN-JPN"));
  // Cross-check one dyad against the library's own undirected aggregate.
  events::AggregateOptions o;
  o.period = events::Period::day;
  o.directed = false;
  auto s = events::aggregate_events({*icews, *gdelt}, o);
  std::int64_t want = 0;
  for (const auto& c : s.cells)
    if (c.actor1 == "CHN" && c.actor2 == "JPN") want += c.events;
  std::int64_t got = 0;
  for (const auto& r : sec.json["dyads"]["CHN-JPN"]) got += r["events"].get<std::int64_t>();
  EXPECT_EQ(got, want);
  EXPECT_GT(got, 0);
  EXPECT_NE(sec.text.find("CHN–JPN"), std::string::npos);
}

// The section reports the scenario's own dyads (from its relations when it names no key
// dyads) and flags a coded relation the data contradict: an ISR–SYR alliance in 1982.
TEST(EventsSection, ScenarioDyadsAndContradictedRelations) {
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (!keds) GTEST_SKIP() << test::missing_data_message();
  Scenario s;
  s.id = "levant";
  s.as_of = Date{1983, 1, 1};
  for (const char* id : {"ISR", "SYR", "EGY"}) {
    Actor a;
    a.id = id;
    a.capability.value = 1;
    s.actors.push_back(a);
  }
  Relation wrong;  // Israel and Syria fought in Lebanon in 1982
  wrong.a = "ISR";
  wrong.b = "SYR";
  wrong.kind = RelationKind::alliance;
  wrong.weight.value = 0.8;
  Relation peace;  // the 1979 treaty
  peace.a = "EGY";
  peace.b = "ISR";
  peace.kind = RelationKind::dialogue;
  peace.weight.value = 0.5;
  s.relations = {wrong, peace};
  auto sec = report::build_events_section(s, {}, {*keds});
  ASSERT_EQ(sec.json["relations"].size(), 2u);  // the two related pairs, strongest first
  const auto& first = sec.json["relations"][0];
  EXPECT_EQ(first["dyad"], "ISR-SYR");
  EXPECT_DOUBLE_EQ(first["coded_tie"].get<double>(), 0.8);
  EXPECT_LT(first["tie_score"].get<double>(), 0);
  EXPECT_EQ(first["verdict"], "contradicted");
  EXPECT_EQ(first["window"], "1982-01-01 … 1982-12-31");
  EXPECT_EQ(sec.json["relations"][1]["dyad"], "EGY-ISR");
  EXPECT_NE(sec.json["relations"][1]["verdict"], "contradicted");
  EXPECT_EQ(sec.json["contradicted"], 1);
  EXPECT_FALSE(sec.json["dyads"].contains("CHN-JPN"));
  EXPECT_NE(sec.text.find("1 coded relation(s) contradicted"), std::string::npos) << sec.text;
  // Key dyads named by the scenario come first and alone.
  s.simulation.key_dyads = {{"SYR", "EGY"}};
  auto named = report::build_events_section(s, {}, {*keds});
  ASSERT_EQ(named.json["relations"].size(), 1u);
  EXPECT_EQ(named.json["relations"][0]["dyad"], "EGY-SYR");
  EXPECT_EQ(named.json["relations"][0]["verdict"], "not coded");
}
