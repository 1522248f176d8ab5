#include "align/signed_graph.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "io/graph/graph_reader.hpp"
#include "io/scenario_toml.hpp"
#include "test_support.hpp"

namespace detente::align {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  auto dir = test::temp_dir("signed-graph");
  auto p = dir / name;
  test::write_text(p, text);
  return p.string();
}

// The message of the InputError `f` throws, or "" if it throws none.
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SignedGraphCsv, ReadsQuotedAndUnquotedWithWeights) {
  auto p = write_temp(
      "g.csv", "\"from\",\"to\",\"sign\",\"weight\"\n\"A\",\"B\",1,2.5\nB,C,-1,1\nC,A,+,0.5\n");
  SignedGraph g = read_signed_csv(p);
  ASSERT_EQ(g.size(), 3);
  ASSERT_EQ(g.edges.size(), 3u);
  EXPECT_EQ(g.names[0], "A");
  EXPECT_EQ(g.edges[0].sign, 1);
  EXPECT_DOUBLE_EQ(g.edges[0].weight, 2.5);
  EXPECT_EQ(g.edges[1].sign, -1);
  EXPECT_EQ(g.edges[2].sign, 1);
  EXPECT_EQ(g.positive_edges(), 2);
  EXPECT_TRUE(g.has_weights());
}

TEST(SignedGraphCsv, HeaderlessAndBothDirectionsListed) {
  auto p = write_temp("h.csv", "A,B,-1\nB,A,-1\r\nB,C,1\n");
  SignedGraph g = read_signed_csv(p);
  EXPECT_EQ(g.edges.size(), 2u);
}

TEST(SignedGraphCsv, MalformedInputNamesFileLineField) {
  auto unknown = write_temp("u.csv", "from,to,sign\nA,B,1\nA,C,2\n");
  std::string m = error_of([&] { read_signed_csv(unknown); });
  EXPECT_NE(m.find("u.csv:3"), std::string::npos) << m;
  EXPECT_NE(m.find("sign"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown sign"), std::string::npos) << m;

  auto loop = write_temp("l.csv", "from,to,sign\nA,A,1\n");
  m = error_of([&] { read_signed_csv(loop); });
  EXPECT_NE(m.find("l.csv:2"), std::string::npos) << m;
  EXPECT_NE(m.find("self-loop"), std::string::npos) << m;

  auto dup = write_temp("d.csv", "from,to,sign\nA,B,1\nB,C,1\nB,A,-1\n");
  m = error_of([&] { read_signed_csv(dup); });
  EXPECT_NE(m.find("d.csv:4"), std::string::npos) << m;
  EXPECT_NE(m.find("conflicting sign"), std::string::npos) << m;
  EXPECT_NE(m.find("line 2"), std::string::npos) << m;

  auto empty = write_temp("e.csv", "");
  m = error_of([&] { read_signed_csv(empty); });
  EXPECT_NE(m.find("empty"), std::string::npos) << m;
  auto header_only = write_temp("ho.csv", "from,to,sign\n");
  EXPECT_NE(error_of([&] { read_signed_csv(header_only); }).find("empty"), std::string::npos);

  auto bad_first = write_temp("f.csv", "A,B,x\nB,C,1\n");  // data, not a header
  m = error_of([&] { read_signed_csv(bad_first); });
  EXPECT_NE(m.find("f.csv:1: field 'sign'"), std::string::npos) << m;

  auto weight = write_temp("w.csv", "A,B,1,-3\n");
  m = error_of([&] { read_signed_csv(weight); });
  EXPECT_NE(m.find("w.csv:1: field 'weight'"), std::string::npos) << m;

  auto short_row = write_temp("s.csv", "A,B,1\nA,C\n");
  EXPECT_NE(error_of([&] { read_signed_csv(short_row); }).find("s.csv:2"), std::string::npos);

  EXPECT_NE(error_of([&] { read_signed_csv("/nonexistent/x.csv"); }).find("cannot open"),
            std::string::npos);
}

TEST(SignedGraphPajek, ArcsCombineBothDirectionsAndTimeStamps) {
  auto p = write_temp(
      "t.net",
      "% comment\n*Vertices 4\n 1 \"a b\" 0.1 0.2\n 2 \"c\"\n 3 d\n 4 \"e\"\n"
      "*Arcs\n 1 2 2 [1]\n 2 1 -1 [2]\n 1 3 -2 c Red\n*Edges\n 3 4 1\n 2 3 1\n 3 2 -1\n");
  SignedGraph g = read_pajek(p);
  ASSERT_EQ(g.size(), 4);
  EXPECT_EQ(g.names[0], "a b");
  EXPECT_EQ(g.names[2], "d");
  // 1-2: arcs both ways, mean (2 + (-1))/2; 1-3: -2; 3-4: +1; 2-3 edges cancel: no tie.
  ASSERT_EQ(g.edges.size(), 3u);
  EXPECT_EQ(g.edges[0].sign, 1);
  EXPECT_DOUBLE_EQ(g.edges[0].weight, 0.5);
  EXPECT_EQ(g.edges[1].sign, -1);
  EXPECT_DOUBLE_EQ(g.edges[1].weight, 2.0);

  SignedGraph t2 = read_pajek(p, {.network = "", .time = 2});
  // Only the stamped [2] arc and the unstamped ties remain for 1-2.
  ASSERT_GE(t2.edges.size(), 1u);
  EXPECT_EQ(t2.edges[0].sign, -1);

  auto bad = write_temp("b.net", "*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 3 1\n");
  std::string m = error_of([&] { read_pajek(bad); });
  EXPECT_NE(m.find("b.net:5"), std::string::npos) << m;
  EXPECT_NE(m.find("out of range"), std::string::npos) << m;
  auto empty = write_temp("e.net", "");
  EXPECT_NE(error_of([&] { read_pajek(empty); }).find("no *Vertices"), std::string::npos);
}

TEST(SignedGraphPajek, EveryFileOfTheCollectionLoads) {
  auto dir = test::data_file("alignment/pajek_signed");
  if (!dir) GTEST_SKIP() << test::missing_data_message();
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*dir)) {
    SignedGraph g;
    ASSERT_NO_THROW(g = read_signed_graph(entry.path().string())) << entry.path();
    EXPECT_GT(g.size(), 0) << entry.path();
    EXPECT_GT(g.edges.size(), 0u) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 74);
  // GAMA.NET is the tribes network: 16 tribes, 58 ties, 29 negative.
  SignedGraph gama = read_signed_graph(*dir + "/GAMA.NET");
  EXPECT_EQ(gama.size(), 16);
  EXPECT_EQ(gama.edges.size(), 58u);
  EXPECT_EQ(gama.negative_edges(), 29);
  // Sampson.paj holds two networks; the second is the 18 novices at T4.
  SignedGraph t4 = read_pajek(*dir + "/Sampson.paj", {.network = "Sampson_T4"});
  EXPECT_EQ(t4.size(), 18);
  SignedGraph first = read_pajek(*dir + "/Sampson.paj");
  EXPECT_EQ(first.size(), 25);
}

TEST(SignedGraphDl, FullMatrixWithLabels) {
  auto p = write_temp("m.dl",
                      "dl n=3 format=fullmatrix\nlabels:\nx\ny\nz\ndata:\n0 2 -1\n2 0 0\n-3 0 0\n");
  SignedGraph g = read_dl(p);
  ASSERT_EQ(g.size(), 3);
  EXPECT_EQ(g.names[2], "z");
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_EQ(g.edges[0].sign, 1);  // x–y: 2 both ways → mean 2
  EXPECT_DOUBLE_EQ(g.edges[0].weight, 2);
  EXPECT_EQ(g.edges[1].sign, -1);  // x–z: −1 and −3 → mean −2
  EXPECT_DOUBLE_EQ(g.edges[1].weight, 2);
  auto short_data = write_temp("s.dl", "DL N=2\nFORMAT = FULLMATRIX\nDATA:\n0 1\n1\n");
  EXPECT_NE(error_of([&] { read_dl(short_data); }).find("expected 4 values"), std::string::npos);
}

TEST(SignedGraphCsv, CowWindowsMatchTheSummary) {
  auto p = test::data_file("alignment/cow_signed/cow_46-49.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  SignedGraph g = read_signed_graph(*p);
  EXPECT_EQ(g.size(), 64);
  EXPECT_EQ(g.edges.size(), 362u);
  EXPECT_EQ(g.negative_edges(), 42);
}

TEST(RelationNetwork, CombinesActiveRelationsByTheStackRule) {
  const char* toml = R"(
[scenario]
id = "t"
name = "test"
as_of = 2024-01-01
[[actor]]
id = "AAA"
name = "A"
capability = 0.3
[[actor]]
id = "BBB"
name = "B"
capability = 0.2
[[actor]]
id = "CCC"
name = "C"
capability = 0.1
[[relation]]
a = "AAA"
b = "BBB"
kind = "alliance"
weight = 0.8
[[relation]]
a = "AAA"
b = "BBB"
kind = "partnership"
weight = 0.6
[[relation]]
a = "AAA"
b = "CCC"
kind = "rivalry"
weight = 0.5
[[relation]]
a = "CCC"
b = "AAA"
kind = "dialogue"
weight = 0.2
[[relation]]
a = "BBB"
b = "CCC"
kind = "hostility"
until = 2020-01-01
)";
  Scenario s = io::read_scenario(toml, "t.toml");
  SignedGraph g = relation_network(s, Date{2024, 1, 1});
  EXPECT_EQ(g.size(), 3);
  ASSERT_EQ(g.edges.size(), 2u);  // B–C expired
  EXPECT_EQ(g.edges[0].sign, 1);
  EXPECT_NEAR(g.edges[0].weight, 0.92, 1e-12);  // 0.8 and 0.6 stacked: 1 − 0.2 · 0.4
  EXPECT_EQ(g.edges[1].sign, -1);
  EXPECT_NEAR(g.edges[1].weight, 0.3, 1e-12);  // -0.5 + 0.2
  SignedGraph before = relation_network(s, Date{2019, 1, 1});
  EXPECT_EQ(before.edges.size(), 3u);
}

}  // namespace
}  // namespace detente::align
