// An SMP run's store holds KTAB's tables with KTAB's column names, types and enum indices,
// checked against KTAB's own description of them (KTAB_SMP_Tables.md in shared data).
#include "store/ktab_tables.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "store/run_store.hpp"
#include "store/sqlite.hpp"
#include "test_support.hpp"

namespace detente::store {
namespace {

struct DocTable {
  std::vector<std::pair<std::string, std::string>> columns;  // name, type
  std::map<std::string, std::vector<std::string>> enums;     // column → names
};

// The tables of KTAB_SMP_Tables.md: "## `Name(...)`" then indented "Column  Type  text".
std::map<std::string, DocTable> read_ktab_doc(const std::string& text) {
  std::map<std::string, DocTable> tables;
  std::regex heading(R"(^## `([A-Za-z_]+)\()");
  std::regex column(R"(^    ([A-Za-z_]+)\s+(Varchar\(\d+\)|Integer|Float|Boolean)\s+(.*)$)");
  std::regex enum_list(R"(index into the enum \[(.*)\])");
  std::regex word(R"(["']([A-Za-z0-9]+)["'])");
  std::istringstream in(text);
  std::string line, current;
  std::smatch m;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // the file has CRLF endings
    if (std::regex_search(line, m, heading)) {
      current = m[1];
      tables[current];
    } else if (!current.empty() && std::regex_match(line, m, column)) {
      tables[current].columns.emplace_back(m[1], m[2]);
      std::string rest = m[3];
      std::smatch e;
      if (std::regex_search(rest, e, enum_list)) {
        std::string list = e[1];
        for (std::sregex_iterator it(list.begin(), list.end(), word), end; it != end; ++it)
          tables[current].enums[m[1]].push_back((*it)[1]);
      }
    }
  }
  return tables;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Every table KTAB's `--logmin` keeps (groups 0 and 4 of the document).
const std::vector<std::string> kLogminTables = {
    "ScenarioDesc",    "ActorDescription", "DimensionDescription", "SpatialCapability",
    "SpatialSalience", "Accomodation",     "VectorPosition",       "Bargn",
    "PosUtil"};

TEST(KtabTables, SchemaHasKtabsColumnNamesAndTypes) {
  auto doc_path = test::data_file("bargaining/ktab/KTAB_SMP_Tables.md");
  if (!doc_path) GTEST_SKIP() << test::missing_data_message();
  auto doc = read_ktab_doc(test::read_text(*doc_path));
  ASSERT_GE(doc.size(), 15u) << "the document's tables were not found";
  RunStore db((test::temp_dir("ktab-schema") / "runs.db").string());
  for (const auto& name : kLogminTables) {
    ASSERT_TRUE(doc.count(name)) << name;
    const auto& expected = doc[name].columns;
    Statement q(db.database(), "PRAGMA table_info(" + name + ")");
    std::vector<std::pair<std::string, std::string>> got;
    while (q.step()) got.emplace_back(q.text(1), q.text(2));
    ASSERT_EQ(got.size(), expected.size()) << name;
    for (std::size_t c = 0; c < got.size(); ++c) {
      EXPECT_EQ(got[c].first, expected[c].first) << name;
      EXPECT_EQ(lower(got[c].second), lower(expected[c].second)) << name << "." << got[c].first;
    }
  }
  // The enum names and their order are KTAB's.
  const auto& enums = doc["ScenarioDesc"].enums;
  ASSERT_EQ(enums.size(), ktab_enums().size());
  for (const auto& e : ktab_enums()) {
    ASSERT_TRUE(enums.count(e.column)) << e.column;
    EXPECT_EQ(enums.at(e.column), e.values) << e.column;
  }
}

TEST(KtabTables, AnSmpRunWritesKtabsTablesWithItsEnumIndices) {
  auto input = test::data_file("bargaining/ktab/dummyData_3Dim.csv");
  auto doc_path = test::data_file("bargaining/ktab/KTAB_SMP_Tables.md");
  if (!input || !doc_path) GTEST_SKIP() << test::missing_data_message();
  auto doc = read_ktab_doc(test::read_text(*doc_path));
  auto path = (test::temp_dir("ktab-run") / "runs.db").string();
  auto r = test::run_cli({"bargain", *input, "--model", "smp", "--seed", "7", "--option",
                          "VotingRule=PropCbc", "--option", "BigRAdjust=Half", "--store", path,
                          "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = nlohmann::json::parse(r.out);
  RunStore db(path, {.create = false});
  auto runs = db.list();
  ASSERT_EQ(runs.size(), 1u);
  const std::string id = runs[0].id;
  Database& d = db.database();

  Statement sd(d,
               "SELECT ScenarioId, RNGSeed, VotingRule, BigRAdjust, VictoryProbModel, "
               "BargnModel FROM ScenarioDesc");
  ASSERT_TRUE(sd.step());
  EXPECT_EQ(sd.text(0), id);
  EXPECT_EQ(sd.text(1), "7");
  auto index_of = [&](const std::string& column, const std::string& name) {
    const auto& v = doc["ScenarioDesc"].enums[column];
    return static_cast<std::int64_t>(std::find(v.begin(), v.end(), name) - v.begin());
  };
  EXPECT_EQ(sd.integer(2), index_of("VotingRule", "PropCbc"));
  EXPECT_EQ(sd.integer(3), index_of("BigRAdjust", "HalfRA"));
  EXPECT_EQ(sd.integer(4), index_of("VictoryProbModel", "Linear"));
  EXPECT_EQ(sd.integer(5), index_of("BargnModel", "InitOnlyInterp"));
  EXPECT_FALSE(sd.step());

  Statement actors(d, "SELECT count(*) FROM ActorDescription WHERE ScenarioId = ?");
  actors.bind(1, id);
  ASSERT_TRUE(actors.step());
  EXPECT_EQ(actors.integer(0), 7);
  Statement dims(d, "SELECT \"Desc\" FROM DimensionDescription ORDER BY Dim_k");
  std::vector<std::string> names;
  while (dims.step()) names.push_back(dims.text(0));
  ASSERT_EQ(names.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(names[k], out["issues"][k]["issue"]);

  // Positions per turn on [0, 1]: turn 0 the input, the last turn the model's final round.
  const auto& rounds0 = out["issues"][0]["rounds"];
  const std::int64_t turns = static_cast<std::int64_t>(rounds0.size());
  Statement count(d, "SELECT count(*), min(Pos_Coord), max(Pos_Coord) FROM VectorPosition");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.integer(0), turns * 7 * 3);
  EXPECT_GE(count.real(1), 0.0);
  EXPECT_LE(count.real(2), 1.0);
  Statement pos(d,
                "SELECT p.Pos_Coord, p.Idl_Coord, a.Name FROM VectorPosition p JOIN "
                "ActorDescription a USING (ScenarioId, Act_i) WHERE Turn_t = ? AND Dim_k = 1");
  for (std::int64_t t : {std::int64_t{0}, turns - 1}) {
    pos.bind(1, t);
    int seen = 0;
    while (pos.step()) {
      double expected =
          rounds0.size()
              ? out["issues"][1]["rounds"][t]["positions"][pos.text(2)].get<double>() / 100
              : 0;
      EXPECT_NEAR(pos.real(0), expected, 1e-12) << pos.text(2) << " turn " << t;
      EXPECT_DOUBLE_EQ(pos.real(1), pos.real(0));  // no ideal adjustments: ideal = position
      ++seen;
    }
    pos.reset();
    EXPECT_EQ(seen, 7);
  }
  Statement sal(d, "SELECT Sal FROM SpatialSalience WHERE Turn_t = 0 AND Act_i = 0 ORDER BY Dim_k");
  std::vector<double> s;
  while (sal.step()) s.push_back(sal.real(0));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_NEAR(s[0], 0.4953, 1e-9);  // SActor-00's saliences (sum 0.8359 ≤ 1: unscaled)
  EXPECT_NEAR(s[2], 0.2815, 1e-9);
  Statement cap(d, "SELECT Cap FROM SpatialCapability WHERE Turn_t = 0 AND Act_i = 0");
  ASSERT_TRUE(cap.step());
  EXPECT_NEAR(cap.real(0), 102.543, 1e-9);

  // Removing the run removes its KTAB rows too.
  db.remove(id);
  Statement left(d, "SELECT count(*) FROM VectorPosition");
  ASSERT_TRUE(left.step());
  EXPECT_EQ(left.integer(0), 0);
}

}  // namespace
}  // namespace detente::store
