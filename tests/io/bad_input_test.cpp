// Bad input by category, in every format (issue 15): non-finite and overflowing numbers,
// duplicate names, declared sizes against the data and the limits of io/limits.hpp,
// isolated vertices, files without a good row, other layouts, unknown and legacy event codes,
// and multi-matrix UCINET files. Every case is an InputError naming file, line and field
// (exit status 1 in the CLI), never an internal error.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>

#include "io/bargain/read_input.hpp"
#include "io/events/event_reader.hpp"
#include "io/graph/graph_reader.hpp"
#include "io/graph/landscape_csv.hpp"
#include "io/graph/peacesciencer_csv.hpp"
#include "io/limits.hpp"
#include "io/scenario_toml.hpp"
#include "io/score/forecast_csv.hpp"
#include "test_support.hpp"

namespace detente {
namespace {

// The message of the InputError `f` throws ("" if none; other exceptions fail the test).
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

align::SignedGraph csv(const std::string& text) {
  std::istringstream in(text);
  return align::read_signed_csv(in, "g.csv");
}
align::SignedGraph pajek(const std::string& text) {
  std::istringstream in(text);
  return align::read_pajek(in, "g.net");
}
align::SignedGraph dl(const std::string& text, align::DlOptions o = {}) {
  std::istringstream in(text);
  return align::read_dl(in, "g.dl", o);
}
align::LandscapeInput landscape(const std::string& actors, const std::string& props) {
  std::istringstream a(actors), p(props);
  return align::read_landscape_csv(a, "a.csv", p, "p.csv");
}
bargain::BargainingProblem eum(const std::string& text, const std::string& name = "e.csv") {
  return bargain::read_eum_table_text(text, name);
}
std::vector<io::Forecaster> forecasts(const std::string& text) {
  std::istringstream in(text);
  io::CsvTable t = io::CsvTable::read(in, "f.csv");
  Diagnostics diags;
  auto out = io::read_forecasts(t, diags);
  diags.throw_if_any();
  return out;
}
std::map<std::string, io::Resolution> resolutions(const std::string& text) {
  std::istringstream in(text);
  io::CsvTable t = io::CsvTable::read(in, "r.csv");
  Diagnostics diags;
  auto out = io::read_resolutions(t, diags);
  diags.throw_if_any();
  return out;
}

TEST(BadInputNumbers, NonFiniteAndOverflowingNumbersAreErrorsInEveryFormat) {
  EXPECT_CONTAINS(error_of([] { csv("A,B,1,nan\n"); }), "g.csv:1: field 'weight'");
  EXPECT_CONTAINS(error_of([] { csv("A,B,1,1e308\n"); }), "is too large");
  EXPECT_CONTAINS(error_of([] { csv("A,B,1,1e999\n"); }), "not finite or beyond the double range");
  for (const char* v : {"nan", "inf", "-Infinity", "1e308"})
    EXPECT_CONTAINS(error_of([&] { pajek(std::string("*Vertices 2\n*Edges\n1 2 ") + v + "\n"); }),
                    "g.net:3: field 'value'");
  EXPECT_CONTAINS(error_of([] { pajek("*Vertices 2\n*Matrix\n0 inf\n1 0\n"); }),
                  "g.net:3: field '*Matrix'");
  EXPECT_CONTAINS(error_of([] { dl("DL N=2\nDATA:\n0 1\nnan 0\n"); }), "g.dl:4: field 'DATA'");
  EXPECT_CONTAINS(
      error_of([] { landscape("actor,strength\nA,1e308\nB,1\n", ",A,B\nA,,1\nB,1,\n"); }),
      "a.csv:2: field 'strength': 1e+308 is too large");
  EXPECT_CONTAINS(
      error_of([] { landscape("actor,strength\nA,1\nB,1\n", ",A,B\nA,,inf\nB,inf,\n"); }),
      "p.csv:2: field 'B'");
  EXPECT_CONTAINS(error_of([] {
                    bargain::read_eum_table_text(
                        "actor,capability,position,salience\nA,1e300,0,50\nB,1,100,50\n", "e.csv");
                  }),
                  "e.csv:2: field 'capability'");
  EXPECT_CONTAINS(error_of([] {
                    bargain::read_ktab_csv_text(
                        "S,d,2,1\nName,Desc,Cap,P1,S1\nA,a,nan,0,80\nB,b,1,100,40\n", "k.csv");
                  }),
                  "k.csv:3: field 'capability'");
  EXPECT_CONTAINS(error_of([] {
                    bargain::read_decide_text(
                        "#A\tA\n#A\tB\n#P\tx\n#D\tA\tx\t0\t1e400\t1\n#D\tB\tx\t9\t1\t1\n", "d.txt");
                  }),
                  "d.txt:4");
  std::istringstream mid("ccode1,ccode2,year,hostlev\n2,20,1996,inf\n");
  EXPECT_CONTAINS(error_of([&] {
                    align::scan_peacesciencer_csv(mid, "m.csv",
                                                  {"ccode1", "ccode2", "year", "hostlev"},
                                                  [](const std::vector<double>&) {});
                  }),
                  "m.csv:2: field 'hostlev'");
  const std::string toml =
      test::read_text(test::source_file("tests/fixtures/scenarios/valid_minimal.toml"));
  std::string big = toml + "\n";
  auto at = big.find("[[issue]]");
  ASSERT_NE(at, std::string::npos);
  auto eol = big.find('\n', at);
  big.insert(eol + 1, "scale = [0, 1e300]\n");
  EXPECT_CONTAINS(error_of([&] { io::read_scenario(big, "s.toml"); }), "is too large");
}

TEST(BadInputDuplicates, DuplicateNamesAreErrors) {
  EXPECT_CONTAINS(error_of([] { landscape("actor,strength\nA,1\nA,2\n", ",A,A\nA,,1\nA,1,\n"); }),
                  "a.csv:3: field 'actor': duplicate actor 'A' (first on line 2)");
  EXPECT_CONTAINS(error_of([] { dl("DL N=2\nLABELS:\nX\nX\nDATA:\n0 1\n1 0\n"); }),
                  "duplicate label 'X'");
  EXPECT_CONTAINS(error_of([] { pajek("*Vertices 2\n1 A\n1 B\n*Edges\n1 2\n"); }),
                  "g.net:3: field 'vertex': vertex 1 listed twice (first on line 2)");
  const std::string xml = R"(<?xml version="1.0"?>
<Scenario><name>s</name><desc>d</desc>
<Dimensions><dName>d1</dName></Dimensions>
<Actors>
<Actor><name>A</name><capability>1</capability><Position><dCoord>0</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
<Actor><name>A</name><capability>2</capability><Position><dCoord>9</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
</Actors></Scenario>
)";
  EXPECT_CONTAINS(error_of([&] { bargain::read_ktab_xml_text(xml, "k.xml"); }),
                  "duplicate actor 'A' (first on line 5)");
  EXPECT_CONTAINS(error_of([] {
                    bargain::read_ktab_csv_text(
                        "S,d,2,1\nName,Desc,Cap,P1,S1\nA,a,1,0,80\nA,b,1,100,40\n", "k.csv");
                  }),
                  "k.csv:4: field 'name': duplicate actor 'A' (first on line 3)");
}

TEST(BadInputDuplicates, DuplicateNamesAreErrorsInTheOtherFormats) {
  EXPECT_CONTAINS(
      error_of([] { eum("actor,capability,position,salience\nA,100,0,80\nA,50,100,40\n"); }),
      "e.csv:3: field 'actor': duplicate actor 'A'");
  EXPECT_CONTAINS(error_of([] {
                    bargain::read_decide_text("#A\tA\n#A\tA\n#P\tx\n#D\tA\tx\t0\t1\t1\n", "d.txt");
                  }),
                  "d.txt:2: field 'actor': duplicate actor 'A'");
  EXPECT_CONTAINS(error_of([] { csv("A,B,1\nA,B,-1\n"); }),
                  "g.csv:2: field 'sign': duplicate edge A–B with conflicting sign");
  EXPECT_CONTAINS(error_of([] { resolutions("question,outcome\nq1,1\nq1,0\n"); }),
                  "r.csv:3: field 'question': question 'q1' is resolved twice (first at line 2)");
  EXPECT_CONTAINS(error_of([] { forecasts("question,probability\nq1,0.7\nq1,0.2\n"); }),
                  "f.csv:3: field 'question': question 'q1' already has a probability forecast");
  const std::string toml =
      test::read_text(test::source_file("tests/fixtures/scenarios/valid_minimal.toml"));
  auto at = toml.find("[[actor]]");
  ASSERT_NE(at, std::string::npos);
  auto next = toml.find("\n[[", at + 1);
  std::string twice = toml + "\n" + toml.substr(at, next - at) + "\n";
  EXPECT_CONTAINS(error_of([&] { io::read_scenario(twice, "s.toml"); }), "duplicate");
}

TEST(BadInputEmpty, TablesWithoutRowsAreErrorsNamingTheFile) {
  EXPECT_CONTAINS(error_of([] { eum("actor,capability,position,salience\n"); }),
                  "e.csv:1: field 'actor': expected at least 2 actors, got 0");
  EXPECT_CONTAINS(error_of([] { eum(""); }), "e.csv");
  EXPECT_CONTAINS(error_of([] { csv(""); }), "g.csv");
  EXPECT_CONTAINS(error_of([] { pajek("*Vertices 0\n"); }),
                  "g.net:1: field '*Vertices': 0 vertices declared");
  EXPECT_CONTAINS(error_of([] { pajek(""); }), "g.net");
  EXPECT_CONTAINS(error_of([] { dl("DL N=0\nDATA:\n"); }), "g.dl:1: field 'n'");
  EXPECT_CONTAINS(error_of([] { forecasts("question,probability\n"); }), "f.csv");
  EXPECT_CONTAINS(error_of([] { landscape("actor,strength\n", ",\n"); }), "a.csv");
  EXPECT_CONTAINS(error_of([] { bargain::read_ktab_csv_text("", "k.csv"); }), "k.csv");
  EXPECT_CONTAINS(error_of([] { bargain::read_decide_text("", "d.txt"); }), "d.txt");
  for (const std::string text : {"ccode1,ccode2,year\n", "ccode1,ccode2,year\n2,,1990\n"}) {
    std::istringstream in(text);
    EXPECT_CONTAINS(error_of([&] {
                      align::scan_peacesciencer_csv(in, "m.csv", {"ccode1", "ccode2", "year"},
                                                    [](const std::vector<double>&) {});
                    }),
                    "m.csv:1: field 'ccode1': no data rows");
  }
}

TEST(BadInputLayouts, ASemicolonExportIsReadOrRefusedNamingItsLayout) {
  // EUM tables: read, as a spreadsheet with decimal commas writes them.
  auto p = eum("actor;capability;position;salience\nA;100;0;80\nB;50;100;40\n");
  ASSERT_EQ(p.actors.size(), 2u);
  EXPECT_EQ(p.actors[1], "B");
  // Tables with a fixed comma layout: refused, naming the layout found.
  EXPECT_CONTAINS(error_of([] { forecasts("question;probability\nq1;0.7\n"); }),
                  "f.csv:1: field 'question': missing column 'question' in the header; the header "
                  "is semicolon-separated: this file must be comma-separated");
  EXPECT_CONTAINS(error_of([] { resolutions("question\toutcome\nq1\t1\n"); }),
                  "the header is tab-separated: this file must be comma-separated");
  // A comma in a one-column header is just a name: no hint.
  EXPECT_EQ(io::other_separator_hint({"question"}, ','), "");
  EXPECT_EQ(io::other_separator_hint({"a", "b;c"}, ','), "");
}

TEST(BadInputSizes, DeclaredSizesAreCheckedBeforeAnythingIsAllocated) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_CONTAINS(error_of([] { pajek("*Vertices 100000000\n*Edges\n1 2\n"); }),
                  "g.net:1: field '*Vertices': 100000000 vertices declared: the limit is 1000000");
  EXPECT_CONTAINS(error_of([] { pajek("*Vertices 99999999999\n*Edges\n1 2\n"); }),
                  "the limit is 1000000");
  // A caller (the fuzz target) may lower the limit; the default is the documented one.
  align::PajekOptions low;
  low.max_vertices = 10;
  EXPECT_CONTAINS(error_of([&] {
                    std::istringstream in("*Vertices 11\n*Edges\n1 2\n");
                    align::read_pajek(in, "g.net", low);
                  }),
                  "g.net:1: field '*Vertices': 11 vertices declared: the limit is 10");
  {
    std::istringstream in("*Vertices 10\n*Edges\n1 2\n");
    EXPECT_EQ(align::read_pajek(in, "g.net", low).names.size(), 10u);
  }
  EXPECT_CONTAINS(error_of([] {
                    bargain::read_ktab_csv_text("S,d,1000000000,1\nName,Desc,Cap,P1,S1\n", "k.csv");
                  }),
                  "k.csv:1: field 'nActors': 1000000000 declared: the limit is 100000");
  EXPECT_CONTAINS(error_of([] { dl("DL N=2000000\nDATA:\n0\n"); }), "field 'N'");
  EXPECT_CONTAINS(error_of([] { dl("DL N=100000 NM=100\nDATA:\n0\n"); }),
                  "100 matrices of 100000×100000 declared: the limit is 100000000 values");
  EXPECT_CONTAINS(error_of([] { dl("DL N=2\nDATA:\n0 1 1 0 5\n"); }),
                  "more than the 4 values declared");
  // None of these may take time or memory in proportion to what is declared.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(BadInputSizes, IsolatedVerticesCostNothing) {
  // A large declared count with two ties: linear work, no label strings stored per vertex.
  const auto started = std::chrono::steady_clock::now();
  align::SignedGraph g = pajek("*Vertices 200000\n1 \"first\"\n*Edges\n1 2 1\n199999 200000 -1\n");
  EXPECT_EQ(g.size(), 200000);
  EXPECT_EQ(g.names[0], "first");
  EXPECT_EQ(g.names[199999], "200000");
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  // A label equal to another vertex's number is kept apart.
  align::SignedGraph h = pajek("*Vertices 3\n1 \"2\"\n*Edges\n1 2\n");
  ASSERT_EQ(h.size(), 3);
  EXPECT_EQ(h.names[0], "2");
  EXPECT_EQ(h.names[1], "2#2");
}

TEST(BadInputMatrices, MultiMatrixDlSaysWhichMatrixIsReadAndOffersTheChoice) {
  const std::string text =
      "DL N=2 NM=2\nFORMAT = FULLMATRIX\nMATRIX LABELS:\nfirst\nsecond\nLABELS:\nA\nB\nDATA:\n"
      "0 1\n1 0\n0 -1\n-1 0\n";
  std::vector<std::string> notes;
  auto g = dl(text, {.matrix = 0, .notes = &notes});
  ASSERT_EQ(g.edges.size(), 1u);
  EXPECT_EQ(g.edges[0].sign, 1);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_CONTAINS(notes[0],
                  "holds 2 matrices (NM=2): read matrix 1 'first'; choose another with --matrix K");
  auto second = dl(text, {.matrix = 1});
  ASSERT_EQ(second.edges.size(), 1u);
  EXPECT_EQ(second.edges[0].sign, -1);
  EXPECT_CONTAINS(error_of([&] { dl(text, {.matrix = 2}); }), "matrix 3 requested, the file has 2");
}

events::ReadStats read_events_text(const std::string& text, events::ReadOptions o = {}) {
  o.max_reported = 50;
  return events::read_event_bytes(text, "e.tsv", o, [](const events::EventRow&, int) {});
}

TEST(BadInputEvents, UnknownCodesAreCountedByCodeAndWeisCodesHaveAnOption) {
  const std::string text =
      "date\tsource\ttarget\tcode\n2019-01-01\tUSA\tRUS\t065\n2019-01-02\tUSA\tRUS\t065\n"
      "2019-01-03\tUSA\tRUS\t095\n2019-01-04\tUSA\tRUS\t212\n2019-01-05\tUSA\tRUS\t223\n"
      "2019-01-06\tUSA\tRUS\t042\n";
  auto st = read_events_text(text);
  EXPECT_EQ(st.rows, 4);  // unknown CAMEO-rooted codes are kept
  EXPECT_EQ(st.unknown_codes.at("065"), 2);
  EXPECT_EQ(st.unknown_codes.at("095"), 1);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(events::BadKind::bad_code)], 2);
  EXPECT_EQ(st.weis_codes.at("212"), 1);
  ASSERT_EQ(st.reported.size(), 2u);
  EXPECT_CONTAINS(st.reported[0].message, "not a legacy WEIS code (--weis map reads it)");
  EXPECT_EQ(st.reported[0].where.line, 5);
  auto notes = st.code_notes();
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_CONTAINS(notes[0], "065 ×2, 095 ×1");
  EXPECT_CONTAINS(notes[1], "212 ×1, 223 ×1");
  events::ReadOptions mapped;
  mapped.map_weis = true;
  std::vector<std::string> codes;
  events::read_event_bytes(text, "e.tsv", mapped, [&](const events::EventRow& r, int) {
    codes.emplace_back(r.event_code);
  });
  EXPECT_EQ(codes, (std::vector<std::string>{"065", "065", "095", "173", "190", "042"}));
  // A number that is no CAMEO code and no WEIS code: its own kind and message.
  auto other = read_events_text("date\tsource\ttarget\tcode\n2019-01-01\tUSA\tRUS\t990\n");
  EXPECT_EQ(other.bad_by_kind[static_cast<int>(events::BadKind::bad_code)], 1);
  EXPECT_CONTAINS(other.reported.at(0).message, "not a CAMEO event code");
}

TEST(BadInputEvents, AnInputWithoutGoodRowsIsAnErrorUnlessAllowed) {
  for (const std::string& text : {std::string(""), std::string("date\tsource\ttarget\tcode\n"),
                                  std::string("2019-01-01\tUSA\tRUS\tabc\n")}) {
    auto st = read_events_text(text);
    ASSERT_EQ(st.empty_inputs, std::vector<std::string>{"e.tsv"}) << text;
    EXPECT_CONTAINS(error_of([&] { events::require_rows(st, false); }),
                    "e.tsv: no good rows (empty, header only, or every row bad); --allow-empty");
    EXPECT_EQ(error_of([&] { events::require_rows(st, true); }), "");
  }
  auto good = read_events_text("2019-01-01\tUSA\tRUS\t042\n");
  EXPECT_TRUE(good.empty_inputs.empty());
}

TEST(BadInputEvents, ACommaSeparatedExportIsRefusedNamingItsLayout) {
  const std::string pandas =
      ",GLOBALEVENTID,EventTimeDate,MentionTimeDate,MentionType,MentionSourceName\n"
      "0,1,20191024143000,20191024150000,1,example.org\n";
  auto st = read_events_text(pandas);
  EXPECT_EQ(st.rows, 0);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(events::BadKind::other_layout)], 1);
  ASSERT_EQ(st.reported.size(), 1u);
  EXPECT_CONTAINS(st.reported[0].message,
                  "a GDELT Mentions table saved as comma-separated text with a header and an index "
                  "column (pandas to_csv)");
  EXPECT_EQ(st.empty_inputs, std::vector<std::string>{"e.tsv"});
  events::ReadOptions forced;
  forced.format = events::InputFormat::cameo_tsv;
  auto tsv = read_events_text("date,source,target,code\n2019-01-01,USA,RUS,042\n", forced);
  EXPECT_CONTAINS(tsv.reported.at(0).message,
                  "a date,source,target,code table saved as comma-separated");
}

TEST(BadInputCli, EventsWithoutGoodRowsExitOneAndAllowEmptyAccepts) {
  auto dir = test::temp_dir("bad-input-cli-events");
  test::write_text(dir / "empty.tsv", "date\tsource\ttarget\tcode\n");
  auto r = test::run_cli(
      {"events", "aggregate", (dir / "empty.tsv").string(), "-o", (dir / "out.csv").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_CONTAINS(r.err, "empty.tsv: no good rows");
  EXPECT_FALSE(std::filesystem::exists(dir / "out.csv"));
  auto ok = test::run_cli({"events", "aggregate", (dir / "empty.tsv").string(), "--allow-empty"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(BadInputCli, UsageErrorsAreOneLineWithAHint) {
  auto unknown = test::run_cli({"nosuch"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_CONTAINS(unknown.err, "detente: error: unknown command 'nosuch'");
  EXPECT_CONTAINS(unknown.err, "detente: hint: commands: ");
  auto format = test::run_cli({"landscape", "a.csv", "p.csv", "--format", "xml"});
  EXPECT_EQ(format.exit_code, 1);
  EXPECT_CONTAINS(format.err, "detente: error: --format: expected text|json|csv, got 'xml'");
  EXPECT_CONTAINS(format.err, "detente: hint: see `detente landscape --help`");
  EXPECT_EQ(format.err.find("ValidationError"), std::string::npos) << format.err;
  EXPECT_EQ(format.err.find("Options:"), std::string::npos) << format.err;  // no help dump
  // A command's own subcommand: the hint names its help.
  auto inner = test::run_cli({"events", "aggregate", "x.tsv", "--no-such-option"});
  EXPECT_EQ(inner.exit_code, 1);
  EXPECT_CONTAINS(inner.err, "detente: hint: see `detente events aggregate --help`");
}

TEST(BadInputCli, BalanceReadsStandardInputAndNotesTheMatrix) {
  auto r =
      test::run_cli({"balance", "-", "--format", "json"}, "from,to,sign\nA,B,1\nB,C,-1\nA,C,-1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_CONTAINS(r.out, "\"frustration\": 0");
  auto dir = test::temp_dir("bad-input-cli-dl");
  test::write_text(dir / "m.dl", "DL N=2 NM=2\nDATA:\n0 1\n1 0\n0 -1\n-1 0\n");
  auto note = test::run_cli({"balance", (dir / "m.dl").string(), "--matrix", "2"});
  EXPECT_EQ(note.exit_code, 0) << note.err;
  EXPECT_CONTAINS(note.err, "read matrix 2");
  auto quiet = test::run_cli({"balance", (dir / "m.dl").string(), "-q"});
  EXPECT_EQ(quiet.err, "");
}

}  // namespace
}  // namespace detente
