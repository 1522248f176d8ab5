// Readers: EUM tables, decide files, KTAB CSV/XML, on real files and small fixtures.
#include <gtest/gtest.h>

#include <functional>

#include "io/bargain/read_input.hpp"
#include "bargain/weighted_mean.hpp"
#include "core/error.hpp"
#include "test_support.hpp"

namespace detente::bargain {
namespace {

using test::data_file;

#define REQUIRE_DATA(var, rel) \
  auto var = data_file(rel);   \
  if (!var) GTEST_SKIP() << test::missing_data_message()

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.to_string() + "\n";
    return all;
  }
  return "";
}

TEST(BargainReaders, EumCsvBdm1994) {
  REQUIRE_DATA(path, "bargaining/eum/eu_emissions_bdm1994.csv");
  EXPECT_EQ(detect_input_format(*path), InputFormat::eum_table);
  auto p = read_bargaining_input(*path);
  ASSERT_EQ(p.actor_count(), 10u);
  ASSERT_EQ(p.issue_count(), 1u);
  EXPECT_EQ(p.actors[0], "Netherlands");
  EXPECT_DOUBLE_EQ(p.capability[3], 0.16);
  EXPECT_DOUBLE_EQ(p.position[0][4], 10);
  EXPECT_DOUBLE_EQ(p.salience[0][8], 1.0);
  EXPECT_DOUBLE_EQ(p.issues[0].scale_min, 4);
  EXPECT_DOUBLE_EQ(p.issues[0].scale_max, 10);
  // Scholz (2011) Table 2's round-0 mean, computed from the inputs: 7.39.
  EXPECT_NEAR(weighted_mean(p, 0), 7.39, 0.005);
}

TEST(BargainReaders, EumTsvWithBomAndAliasedColumns) {
  REQUIRE_DATA(path, "bargaining/eum/argentina.tsv");
  auto p = read_bargaining_input(*path);
  ASSERT_EQ(p.actor_count(), 17u);
  EXPECT_EQ(p.actors[0], "Macri");          // the BOM is not part of the first name
  EXPECT_DOUBLE_EQ(p.position[0][0], 100);  // column x comes before c here
  EXPECT_NEAR(p.capability[0], 0.159058374, 1e-12);
  EXPECT_DOUBLE_EQ(p.salience[0][0], 0.99);
}

TEST(BargainReaders, EumTsvEmptyActorHeaderNoFinalNewline) {
  REQUIRE_DATA(path, "bargaining/eum/emission_standards.tsv");
  auto p = read_bargaining_input(*path);
  ASSERT_EQ(p.actor_count(), 10u);
  EXPECT_EQ(p.actors[9], "Greece");
  EXPECT_DOUBLE_EQ(p.salience[0][9], 0.7);
}

TEST(BargainReaders, EumCrLineEndingsAndPercentSalience) {
  REQUIRE_DATA(path, "bargaining/eum/china_bdm2002.csv");
  auto p = read_bargaining_input(*path);
  ASSERT_GE(p.actor_count(), 20u);
  EXPECT_EQ(p.actors[0], "Zeming");
  EXPECT_DOUBLE_EQ(p.capability[0], 80);
  EXPECT_DOUBLE_EQ(p.salience[0][0], 0.5);  // 50 on 0–100
  EXPECT_DOUBLE_EQ(p.salience[0][1], 0.8);
}

TEST(BargainReaders, EumCrlfFixtureAndBadNumber) {
  auto dir = test::temp_dir("eum-reader");
  test::write_text(dir / "a.csv",
                   "\xEF\xBB\xBF"
                   "Actor,Capability,Position,Salience\r\nA,1,0,50\r\nB,2,100,100\r\n");
  auto p = read_eum_table((dir / "a.csv").string());
  ASSERT_EQ(p.actor_count(), 2u);
  EXPECT_EQ(p.actors[0], "A");
  EXPECT_DOUBLE_EQ(p.salience[0][0], 0.5);
  test::write_text(dir / "b.csv", "Actor,Capability,Position,Salience\nA,1,0,0.5\nB,two,100,1\n");
  auto e = error_of([&] { read_eum_table((dir / "b.csv").string()); });
  EXPECT_NE(e.find("b.csv:3: field 'capability'"), std::string::npos) << e;
  test::write_text(dir / "c.csv", "Actor,Position,Salience\nA,0,0.5\n");
  e = error_of([&] { read_eum_table((dir / "c.csv").string()); });
  EXPECT_NE(e.find("capability"), std::string::npos) << e;
}

TEST(BargainReaders, EumCommentLinesWithQuotesAndPrefixedHeaders) {
  REQUIRE_DATA(path, "bargaining/eum/eu_emissions_masad_step0.csv");
  auto p = read_bargaining_input(*path);  // '#' lines hold quotes; header "position_norm"
  ASSERT_EQ(p.actor_count(), 10u);
  EXPECT_DOUBLE_EQ(p.position[0][1], 0.5);
  EXPECT_DOUBLE_EQ(p.salience[0][6], 0.9);
}

TEST(BargainReaders, EumLineNumbersSurviveCommentsAndBlankLines) {
  auto dir = test::temp_dir("eum-lines");
  test::write_text(
      dir / "c.csv",
      "# a \"quoted\", comment\n\n#x\r\nActor,Capability,Position,Salience\r\nA,1,x,2\r\n");
  auto e = error_of([&] { read_eum_table((dir / "c.csv").string()); });
  EXPECT_NE(e.find("c.csv:5: field 'position'"), std::string::npos) << e;
  test::write_text(dir / "d.csv", "Actor,Capability,Position,Salience\rA,1,3,2\r\rB,2,x,2");
  e = error_of([&] { read_eum_table((dir / "d.csv").string()); });
  EXPECT_NE(e.find("d.csv:4: field 'position'"), std::string::npos) << e;
}

TEST(BargainReaders, JsonIsRejectedClearly) {
  auto dir = test::temp_dir("json-reader");
  test::write_text(dir / "case.json", "{}");
  auto e = error_of([&] { read_bargaining_input((dir / "case.json").string()); });
  EXPECT_NE(e.find("not a bargaining input format"), std::string::npos) << e;
}

TEST(BargainReaders, DecideCop21) {
  REQUIRE_DATA(path, "bargaining/exchange/decide_cop21.csv");
  EXPECT_EQ(detect_input_format(*path), InputFormat::decide);
  auto p = read_bargaining_input(*path);
  EXPECT_EQ(p.actor_count(), 15u);
  EXPECT_EQ(p.issue_count(), 13u);
  EXPECT_EQ(p.actors[0], "African_grp");
  EXPECT_EQ(p.issues[0].name, "differentiation");
  EXPECT_DOUBLE_EQ(p.position[0][0], 70);
  EXPECT_DOUBLE_EQ(p.salience[0][0], 0.75);
  EXPECT_DOUBLE_EQ(p.capability[0], 0.25);
  // Some actors state no position on some issues: they weigh nothing there.
  int absent = 0;
  for (std::size_t k = 0; k < p.issue_count(); ++k)
    for (std::size_t a = 0; a < p.actor_count(); ++a) absent += p.salience[k][a] == 0;
  EXPECT_GT(absent, 0);
}

TEST(BargainReaders, DecideSampleWithNonDefaultScale) {
  REQUIRE_DATA(path, "bargaining/exchange/decide_sample_data.txt");
  auto p = read_bargaining_input(*path);
  auto k = p.find_issue("tol-hoogte");
  ASSERT_TRUE(k);
  EXPECT_DOUBLE_EQ(p.issues[*k].scale_min, 0.5);
  EXPECT_DOUBLE_EQ(p.issues[*k].scale_max, 7);
}

TEST(BargainReaders, DecideMalformedFileNamesLineAndField) {
  REQUIRE_DATA(path, "bargaining/exchange/decide_copenhagen_with_errors.csv");
  auto e = error_of([&] { read_bargaining_input(*path); });
  ASSERT_FALSE(e.empty()) << "the malformed file was accepted";
  // Russia's position 160 on 'Control' (scale 0–100) and China India's power -0.247.
  EXPECT_NE(e.find("decide_copenhagen_with_errors.csv:86: field 'position'"), std::string::npos)
      << e;
  EXPECT_NE(e.find("160"), std::string::npos) << e;
  EXPECT_NE(e.find("decide_copenhagen_with_errors.csv:87: field 'power'"), std::string::npos) << e;
}

TEST(BargainReaders, DecideUnknownActor) {
  auto dir = test::temp_dir("decide-reader");
  test::write_text(dir / "d.txt", "'#A'\t'X'\n'#P'\t'i'\n'#D'\t'Y'\t'i'\t10\t0.5\t1\n");
  auto e = error_of([&] { read_decide((dir / "d.txt").string()); });
  EXPECT_NE(e.find("d.txt:3: field 'actor'"), std::string::npos) << e;
}

TEST(BargainReaders, KtabCsvWithAndWithoutTrailingComma) {
  REQUIRE_DATA(a, "bargaining/ktab/dummyData_3Dim.csv");
  REQUIRE_DATA(b, "bargaining/ktab/dummyData_3Dim-no-final-comma.csv");
  EXPECT_EQ(detect_input_format(*a), InputFormat::ktab_csv);
  auto p = read_bargaining_input(*a);
  auto q = read_bargaining_input(*b);
  ASSERT_EQ(p.actor_count(), 7u);
  ASSERT_EQ(p.issue_count(), 3u);
  EXPECT_EQ(p.actors[6], "SActor-06");
  EXPECT_DOUBLE_EQ(p.capability[0], 102.543);
  EXPECT_DOUBLE_EQ(p.position[1][0], 6.37);
  EXPECT_NEAR(p.salience[1][0], 0.0591, 1e-12);
  EXPECT_EQ(p.position, q.position);
  EXPECT_EQ(p.salience, q.salience);
  EXPECT_EQ(p.capability, q.capability);
}

TEST(BargainReaders, KtabCsvSoeNamesDimensions) {
  REQUIRE_DATA(path, "bargaining/ktab/SOE-Pol-Comp.csv");
  auto p = read_bargaining_input(*path);
  ASSERT_EQ(p.actor_count(), 13u);
  ASSERT_EQ(p.issue_count(), 2u);
  EXPECT_EQ(p.issues[0].name, "Policy");
  EXPECT_EQ(p.issues[1].name, "Competitive");
  EXPECT_DOUBLE_EQ(p.capability[0], 100);
}

TEST(BargainReaders, KtabCsvSixDims) {
  REQUIRE_DATA(path, "bargaining/ktab/dummyData_6Dim.csv");
  auto p = read_bargaining_input(*path);
  EXPECT_EQ(p.actor_count(), 27u);
  EXPECT_EQ(p.issue_count(), 6u);
}

TEST(BargainReaders, KtabCsvWrongCount) {
  auto dir = test::temp_dir("ktab-reader");
  test::write_text(dir / "k.csv",
                   "S,desc,3,1,\nActor,Desc,Power,P,S,\nA,a,1,10,20,\nB,b,1,x,20,\n");
  auto e = error_of([&] { read_ktab_csv((dir / "k.csv").string()); });
  EXPECT_NE(e.find("k.csv:4: field 'P position'"), std::string::npos) << e;
}

TEST(BargainReaders, KtabXmlMatchesCsv) {
  REQUIRE_DATA(x, "bargaining/ktab/dummyData_3Dim.xml");
  REQUIRE_DATA(c, "bargaining/ktab/dummyData_3Dim.csv");
  auto p = read_bargaining_input(*x);
  auto q = read_bargaining_input(*c);
  ASSERT_EQ(p.actor_count(), 7u);
  for (std::size_t k = 0; k < 3; ++k)
    for (std::size_t a = 0; a < 7; ++a) {
      EXPECT_NEAR(p.position[k][a], q.position[k][a], 1e-9);
      EXPECT_NEAR(p.salience[k][a], q.salience[k][a], 1e-9);
    }
  EXPECT_EQ(p.options.at("prngSeed"), "03707583219545544125");
}

TEST(BargainReaders, KtabXmlEmptyCoordinateIsAnError) {
  // smpExample.xml leaves Alice's first dCoord empty.
  REQUIRE_DATA(x, "bargaining/ktab/smpExample.xml");
  auto e = error_of([&] { read_bargaining_input(*x); });
  EXPECT_NE(e.find("smpExample.xml:32: field 'Actor[1](Alice)/Position/dCoord[1]'"),
            std::string::npos)
      << e;
}

TEST(BargainReaders, KtabXmlModelParameters) {
  auto dir = test::temp_dir("ktab-xml");
  test::write_text(dir / "s.xml", R"(<?xml version="1.0"?>
<Scenario><name>T</name><desc>d</desc><prngSeed>42</prngSeed>
<ModelParameters><VictoryProbModel>Square</VictoryProbModel><VotingRule>Binary</VotingRule></ModelParameters>
<Dimensions><dName>D1</dName></Dimensions>
<Actors>
<Actor><name>A</name><description/><capability>10</capability><Position><dCoord>10</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
<Actor><name>B</name><description/><capability>20</capability><Position><dCoord>90</dCoord></Position><Salience><dSal>80</dSal></Salience></Actor>
</Actors>
<IdealAdjustment><iaPair><adjustingIdeal>A</adjustingIdeal><referencePos>B</referencePos><adjust>0.5</adjust></iaPair></IdealAdjustment>
</Scenario>)");
  auto p = read_bargaining_input((dir / "s.xml").string());
  EXPECT_EQ(p.options.at("VictoryProbModel"), "Square");
  EXPECT_EQ(p.options.at("VotingRule"), "Binary");
  EXPECT_EQ(p.options.at("prngSeed"), "42");
  ASSERT_EQ(p.ideal_adjustments.size(), 1u);
  EXPECT_DOUBLE_EQ(p.ideal_adjustments[0].rate, 0.5);
  EXPECT_DOUBLE_EQ(p.salience[0][1], 0.8);
}

TEST(BargainReaders, KtabXmlBadModelParameterNamesItsLine) {
  auto dir = test::temp_dir("ktab-xml-bad");
  test::write_text(dir / "b.xml",
                   "<Scenario><name>T</name>\n<prngSeed>-5</prngSeed>\n"
                   "<ModelParameters>\n<VotingRule>Loud</VotingRule>\n"
                   "</ModelParameters>\n<Dimensions><dName>D</dName></Dimensions>\n"
                   "<Actors/></Scenario>");
  auto e = error_of([&] { read_bargaining_input((dir / "b.xml").string()); });
  EXPECT_NE(e.find("b.xml:2: field 'prngSeed'"), std::string::npos) << e;
  EXPECT_NE(e.find("b.xml:4: field 'ModelParameters/VotingRule'"), std::string::npos) << e;
}

TEST(BargainReaders, ScenarioByBuiltinName) {
  EXPECT_EQ(detect_input_format("northeast-asia-2024"), InputFormat::scenario);
  auto p = read_bargaining_input("northeast-asia-2024");
  EXPECT_GE(p.actor_count(), 1u);
}

}  // namespace
}  // namespace detente::bargain
