// `detente draft`'s library part: a scenario from COW/ATOP/MID/rivalry data and event ties,
// with nothing dated after as_of.
#include "align/draft.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "io/scenario_writer.hpp"
#include "test_support.hpp"

namespace detente {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> peacesciencer() {
  if (!test::data_file("alignment/peacesciencer/cow_nmc.csv")) return std::nullopt;
  return test::data_file("alignment/peacesciencer");
}

align::DraftOptions levant(const std::string& data, const std::string& keds) {
  align::DraftOptions o;
  o.actors = {"EGY", "ISR", "JOR", "LBN", "SYR"};
  o.as_of = Date{2005, 1, 1};
  o.data_dir = data;
  if (!keds.empty()) o.event_files = {keds};
  return o;
}

const Relation* find(const Scenario& s, const std::string& a, const std::string& b,
                     RelationKind kind) {
  for (const auto& r : s.relations)
    if (r.kind == kind && ((r.a == a && r.b == b) || (r.a == b && r.b == a))) return &r;
  return nullptr;
}

TEST(Draft, LevantFromSharedData) {
  auto data = peacesciencer();
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (!data || !keds) GTEST_SKIP() << test::missing_data_message();
  align::Draft d = align::draft_scenario(levant(*data, *keds));
  const Scenario& s = d.scenario;
  EXPECT_EQ(d.data_year, 2004);
  ASSERT_EQ(s.actors.size(), 5u);
  for (const Actor& a : s.actors) {
    EXPECT_GT(a.capability.value, 0) << a.id;
    EXPECT_LT(a.capability.value, 0.05) << a.id;  // regional powers: a few thousandths
    EXPECT_NE(a.capability.source.find("CINC 2004"), std::string::npos) << a.capability.source;
    ASSERT_TRUE(a.components.year);
    EXPECT_EQ(*a.components.year, 2004);
  }
  EXPECT_EQ(s.actors[1].name, "Israel");
  EXPECT_TRUE(s.issues.empty());
  EXPECT_TRUE(s.positions.empty());

  // Israel–Syria: a rivalry since 1948 (Thompson–Dreyer), never an alliance.
  const Relation* rivalry = find(s, "ISR", "SYR", RelationKind::rivalry);
  ASSERT_NE(rivalry, nullptr);
  EXPECT_EQ(rivalry->since->year, 1948);
  EXPECT_EQ(rivalry->sign, -1);
  EXPECT_EQ(find(s, "ISR", "SYR", RelationKind::alliance), nullptr);
  // Israel–Jordan: the rivalry ended with the 1994 treaty.
  EXPECT_EQ(find(s, "ISR", "JOR", RelationKind::rivalry), nullptr);
  // The Arab states have defence pacts (Arab League); Israel none: with Egypt a
  // non-aggression pact (in ATOP since 1975, 0.25), with Jordan neutrality (1994, 0.5).
  int arab_alliances = 0;
  const Relation* egy_isr = find(s, "EGY", "ISR", RelationKind::alliance);
  ASSERT_NE(egy_isr, nullptr);
  EXPECT_EQ(egy_isr->weight.value, 0.25);
  for (const auto& r : s.relations) {
    if (r.kind != RelationKind::alliance) continue;
    EXPECT_NE(r.weight.source.find("ATOP 5"), std::string::npos);
    EXPECT_NE(r.weight.source.find("in 2004"), std::string::npos) << r.weight.source;
    if (r.a == "ISR" || r.b == "ISR") {
      EXPECT_LE(r.weight.value, 0.5) << r.a << "-" << r.b;
      continue;
    }
    EXPECT_EQ(r.weight.value, 1.0) << r.a << "-" << r.b;
    ++arab_alliances;
  }
  EXPECT_GE(arab_alliances, 3);

  // Every relation was known on as_of and carries its source.
  for (const auto& r : s.relations) {
    ASSERT_TRUE(r.since);
    EXPECT_LT(*r.since, *s.as_of) << r.a << "-" << r.b;
    EXPECT_FALSE(r.weight.source.empty());
    EXPECT_GE(r.weight.value, r.kind == RelationKind::event_tie ? -1.0 : 0.0);
    EXPECT_LE(r.weight.value, 1.0);
  }

  // Event ties of 2004 (the 12 whole months before as_of), as normal distributions.
  EXPECT_GE(d.measured_pairs, 4);
  // Israel–Lebanon in 2004: hostile in the event record (mean score about −0.6).
  const Relation* isr_lbn = find(s, "ISR", "LBN", RelationKind::event_tie);
  ASSERT_NE(isr_lbn, nullptr);
  EXPECT_LT(isr_lbn->weight.value, -0.3);
  ASSERT_TRUE(isr_lbn->weight.uncertainty);
  EXPECT_EQ(isr_lbn->weight.uncertainty->kind(), Distribution::Kind::normal);
  EXPECT_EQ(isr_lbn->weight.uncertainty->lower(), -1.0);
  EXPECT_EQ(isr_lbn->weight.uncertainty->upper(), 1.0);
  EXPECT_NE(isr_lbn->weight.source.find("2004-01..2004-12"), std::string::npos)
      << isr_lbn->weight.source;
  EXPECT_EQ(*isr_lbn->since, (Date{2004, 1, 1}));
}

// The event tie is the mean of the dyad's monthly tie scores over the window, with the
// standard error of that mean, from the one definition in events/tie_series.
TEST(Draft, EventTieIsTheWindowMeanOfMonthlyScores) {
  auto data = peacesciencer();
  if (!data) GTEST_SKIP() << test::missing_data_message();
  auto dir = test::temp_dir("draft-ties");
  // ISR–SYR: 2004-10 one event (057, +8 → 0.8), 2004-11 two (036 +4 and 112 −2 → 0.1),
  // 2004-12 one (190, −10 → −1); an event on and one after as_of do not count.
  test::write_text(dir / "e.tsv",
                   "date\tsource\ttarget\tcode\n"
                   "2004-10-03\tISR\tSYR\t057\n"
                   "2004-11-02\tISR\tSYR\t036\n"
                   "2004-11-20\tSYRGOV\tISRMIL\t112\n"
                   "2004-12-07\tSYR\tISR\t190\n"
                   "2005-01-01\tSYR\tISR\t190\n"
                   "2005-03-01\tSYR\tISR\t190\n");
  auto o = levant(*data, (dir / "e.tsv").string());
  o.actors = {"ISR", "SYR"};
  o.events_format = "cameo-tsv";
  align::Draft d = align::draft_scenario(o);
  const Relation* t = find(d.scenario, "ISR", "SYR", RelationKind::event_tie);
  ASSERT_NE(t, nullptr);
  // Monthly scores 0.8, 0.1, −1.0 (mean Goldstein / 10, both directions).
  const double m = (0.8 + 0.1 - 1.0) / 3;
  EXPECT_NEAR(t->weight.value, m, 1e-9);
  const double var = ((0.8 - m) * (0.8 - m) + (0.1 - m) * (0.1 - m) + (-1 - m) * (-1 - m)) / 2;
  ASSERT_TRUE(t->weight.uncertainty);
  const auto named = t->weight.uncertainty->named();
  EXPECT_NEAR(named.numbers[1].second, std::sqrt(var / 3), 1e-9);  // sd = se of the mean
  EXPECT_NE(t->weight.source.find("3 monthly tie scores"), std::string::npos);
  EXPECT_NE(t->weight.source.find("(4 events)"), std::string::npos) << t->weight.source;

  // Three months: below a min_tie_months of 4, no tie, and a note says so.
  o.min_tie_months = 4;
  align::Draft thin = align::draft_scenario(o);
  EXPECT_EQ(find(thin.scenario, "ISR", "SYR", RelationKind::event_tie), nullptr);
  bool noted = false;
  for (const auto& n : thin.notes) noted |= n.find("no measured tie") != std::string::npos;
  EXPECT_TRUE(noted);
  fs::remove_all(dir);
}

// Splits a CSV line on commas outside quotes.
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

// Copies a peacesciencer CSV keeping the rows whose `column` (a year) is ≤ last.
void copy_until(const fs::path& from, const fs::path& to, const std::string& column, int last) {
  std::ifstream in(from);
  std::ofstream out(to);
  std::string line;
  std::getline(in, line);
  out << line << "\n";
  auto header = split_csv(line);
  std::size_t k = 0;
  while (k < header.size() && header[k] != "\"" + column + "\"") ++k;
  ASSERT_LT(k, header.size()) << column << " in " << from;
  while (std::getline(in, line)) {
    auto cells = split_csv(line);
    if (k < cells.size() && !cells[k].empty() && cells[k] != "NA" && std::stoi(cells[k]) > last)
      continue;
    out << line << "\n";
  }
}

// The draft on data cut at as_of (every yearly row after the data year, every event on or
// after as_of removed) is the same scenario, text for text: nothing later entered.
TEST(Draft, NothingDatedAfterAsOfEnters) {
  auto data = peacesciencer();
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (!data || !keds) GTEST_SKIP() << test::missing_data_message();
  auto dir = test::temp_dir("draft-cut");
  const Date as_of{2005, 6, 15};
  const int year = 2004;
  const fs::path src(*data);
  copy_until(src / "cow_nmc.csv", dir / "cow_nmc.csv", "year", year);
  copy_until(src / "atop_alliance.csv", dir / "atop_alliance.csv", "year", year);
  copy_until(src / "cow_mid_ddydisps.csv", dir / "cow_mid_ddydisps.csv", "year", year);
  copy_until(src / "td_rivalries.csv", dir / "td_rivalries.csv", "styear", year);
  fs::create_directories(dir / "events");
  {
    std::ifstream in(*keds);
    std::ofstream out(dir / "events" / "keds_levant.cameo.tsv");
    std::string line;
    std::getline(in, line);
    out << line << "\n";
    while (std::getline(in, line))
      if (line.substr(0, 10) < as_of.iso()) out << line << "\n";
  }
  auto full = levant(*data, *keds);
  full.as_of = as_of;
  auto cut = levant(dir.string(), (dir / "events" / "keds_levant.cameo.tsv").string());
  cut.as_of = as_of;
  const align::Draft a = align::draft_scenario(full), b = align::draft_scenario(cut);
  EXPECT_EQ(a.data_year, year);
  EXPECT_EQ(io::write_scenario_toml(a.scenario), io::write_scenario_toml(b.scenario));
  EXPECT_EQ(a.notes, b.notes);
  EXPECT_GT(a.scenario.relations.size(), 10u);
  // The event window is 2004-06 … 2005-05: the partial month of as_of is left out.
  for (const auto& r : a.scenario.relations) {
    if (r.kind != RelationKind::event_tie) continue;
    EXPECT_NE(r.weight.source.find("2004-06..2005-05"), std::string::npos) << r.weight.source;
  }
  fs::remove_all(dir);
}

TEST(Draft, StatesCodedTwiceTakeTheCodeOfTheirTime) {
  auto data = peacesciencer();
  if (!data) GTEST_SKIP() << test::missing_data_message();
  EXPECT_EQ(align::cow_codes("DEU"), (std::vector<int>{255, 260}));
  EXPECT_TRUE(align::cow_codes("PSE").empty());
  align::DraftOptions o;
  o.actors = {"DEU", "FRA", "USA"};
  o.data_dir = *data;
  o.as_of = Date{1981, 1, 1};
  align::Draft west = align::draft_scenario(o);
  EXPECT_NE(west.scenario.actors[0].capability.source.find("state code 260"), std::string::npos)
      << west.scenario.actors[0].capability.source;
  EXPECT_NE(find(west.scenario, "DEU", "USA", RelationKind::alliance), nullptr);  // NATO
  o.as_of = Date{2001, 1, 1};
  align::Draft united = align::draft_scenario(o);
  EXPECT_NE(united.scenario.actors[0].capability.source.find("state code 255"), std::string::npos);
}

TEST(Draft, BadArgumentsAreInputErrors) {
  auto data = peacesciencer();
  if (!data) GTEST_SKIP() << test::missing_data_message();
  auto message = [&](align::DraftOptions o) -> std::string {
    try {
      align::draft_scenario(o);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  auto o = levant(*data, "");
  o.actors = {"ISR", "XYZ"};
  EXPECT_NE(message(o).find("unknown ISO3 code 'XYZ'"), std::string::npos) << message(o);
  o.actors = {"ISR", "PSE"};
  EXPECT_NE(message(o).find("'PSE'"), std::string::npos);
  o.actors = {"ISR"};
  EXPECT_NE(message(o).find("two actors"), std::string::npos);
  o = levant(*data, "");
  o.as_of = Date{1750, 1, 1};
  EXPECT_NE(message(o).find("before the data"), std::string::npos) << message(o);
  o.as_of = Date{1900, 1, 1};  // Israel is not a state yet
  EXPECT_NE(message(o).find("ISR has no COW NMC record"), std::string::npos) << message(o);
  o = levant("/nonexistent-dir", "");
  EXPECT_NE(message(o).find("not a directory"), std::string::npos);
  // Event files with nothing in the window.
  auto keds = test::data_file("events/keds/keds_levant.cameo.tsv");
  if (keds) {
    o = levant(*data, *keds);
    o.as_of = Date{1970, 1, 1};
    EXPECT_NE(message(o).find("no tie can be measured"), std::string::npos) << message(o);
  }
}

}  // namespace
}  // namespace detente
