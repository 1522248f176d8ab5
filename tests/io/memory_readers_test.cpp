// The in-memory entry points the fuzzers call give exactly what the file readers give, and
// the event pipeline gives the same rows and line numbers for any block size.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "io/bargain/read_input.hpp"
#include "io/events/event_reader.hpp"
#include "io/graph/graph_reader.hpp"
#include "io/graph/landscape_csv.hpp"
#include "io/scenario_toml.hpp"
#include "test_support.hpp"

namespace detente {
namespace {

std::string cameo_rows(int n) {
  std::string out = "date\tsource\ttarget\tcode\n";
  for (int i = 0; i < n; ++i) {
    out += "2019-10-" + std::to_string(10 + i % 20) + "\tCHNGOV\tJPNGOV\t";
    out += i % 7 == 3 ? "9x9" : (i % 2 ? "042" : "190");  // every 7th row is bad
    out += "\n";
  }
  return out;
}

struct Seen {
  std::vector<std::string> codes;
  events::ReadStats stats;
};

Seen read_bytes(const std::string& bytes, std::size_t block) {
  events::ReadOptions o;
  o.block_bytes = block;
  o.max_reported = 100;
  Seen s;
  s.stats = events::read_event_bytes(bytes, "mem.tsv", o, [&](const events::EventRow& r, int) {
    s.codes.emplace_back(r.event_code);
  });
  return s;
}

TEST(MemoryReaders, EventBlocksOfAnySizeGiveTheSameRowsAndLines) {
  const std::string text = cameo_rows(60);
  const Seen big = read_bytes(text, 0);
  ASSERT_EQ(big.stats.rows + big.stats.bad, 60);
  ASSERT_EQ(big.stats.bad, 9);  // rows 3, 10, 17, ... 59
  for (std::size_t block : {16u, 37u, 64u, 200u}) {
    const Seen small = read_bytes(text, block);
    EXPECT_EQ(small.codes, big.codes) << block;
    ASSERT_EQ(small.stats.reported.size(), big.stats.reported.size()) << block;
    for (std::size_t k = 0; k < big.stats.reported.size(); ++k)
      EXPECT_EQ(small.stats.reported[k].where.line, big.stats.reported[k].where.line) << block;
  }
  // Header is line 1, data row i is line i + 2.
  EXPECT_EQ(big.stats.reported.front().where.line, 5);
  EXPECT_EQ(big.stats.reported.front().where.file, "mem.tsv");
}

TEST(MemoryReaders, EventBytesMatchTheFileReader) {
  const auto dir = test::temp_dir("memory_readers_events");
  const std::string text = cameo_rows(30);
  test::write_text(dir / "e.tsv", text);
  std::vector<std::string> from_file;
  events::read_events({(dir / "e.tsv").string()}, {}, [&](const events::EventRow& r, int) {
    from_file.emplace_back(r.event_code);
  });
  EXPECT_EQ(read_bytes(text, 0).codes, from_file);
}

TEST(MemoryReaders, BargainingTextMatchesTheFile) {
  const auto dir = test::temp_dir("memory_readers_bargain");
  const std::string eum = "actor,capability,position,salience\nA,100,0,80\nB,50,100,40\n";
  test::write_text(dir / "t.csv", eum);
  auto from_file = bargain::read_bargaining_input((dir / "t.csv").string());
  auto from_text = bargain::read_bargaining_text(eum, "t.csv");
  ASSERT_EQ(from_text.actors.size(), 2u);
  EXPECT_EQ(from_text.actors.size(), from_file.actors.size());
  EXPECT_EQ(bargain::detect_input_format_text("S,d,3,1\nName,Desc\n", "x.csv"),
            bargain::InputFormat::ktab_csv);
  EXPECT_EQ(bargain::detect_input_format_text("#A\tX\n", "x.txt"), bargain::InputFormat::decide);
  EXPECT_EQ(bargain::detect_input_format_text("<a/>", "x.xml"), bargain::InputFormat::ktab_xml);
}

TEST(MemoryReaders, GraphStreamsMatchTheFiles) {
  std::istringstream csv("from,to,sign\nA,B,+1\nB,C,-1\n");
  auto g = align::read_signed_csv(csv, "g.csv");
  EXPECT_EQ(g.size(), 3);
  EXPECT_EQ(g.negative_edges(), 1);
  std::istringstream net("*Vertices 2\n1 A\n2 B\n*Edges\n1 2 -2\n");
  auto p = align::read_pajek(net, "g.net");
  ASSERT_EQ(p.edges.size(), 1u);
  EXPECT_EQ(p.edges[0].sign, -1);
  EXPECT_EQ(p.edges[0].weight, 2.0);
  std::istringstream actors("id,actor,strength\n1,A,2\n2,B,1\n"), props(",A,B\nA,,5\nB,5,\n");
  auto l = align::read_landscape_csv(actors, "a.csv", props, "p.csv", 3.0);
  ASSERT_EQ(l.actors.size(), 2u);
  EXPECT_EQ(l.propensity[0][1], 2.0);
}

TEST(MemoryReaders, ScenarioTablesComeFromTheTableSource) {
  const std::string toml =
      test::read_text(test::source_file("tests/fixtures/scenarios/bad_table.toml"));
  std::vector<std::string> asked;
  io::TableSource tables = [&](const std::string& path) {
    asked.push_back(path);
    return std::string("actor,issue,position,salience\nAAA,summit,80,0.6\nBBB,summit,40,0.5\n");
  };
  Scenario s = io::read_scenario(toml, "dir/s.toml", {.tables = tables});
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0], "dir/bad_positions.csv");
  EXPECT_EQ(s.positions.size(), 2u);
}

}  // namespace
}  // namespace detente
