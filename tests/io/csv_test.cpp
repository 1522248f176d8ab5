#include "io/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace detente::io {
namespace {

std::vector<CsvRecord> read_all(const std::string& text, char sep = ',') {
  std::istringstream in(text);
  CsvReader r(in, "t.csv", sep);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}

TEST(Csv, QuotingAndLineNumbers) {
  auto rows = read_all("a,b\n\"x, y\",\"he said \"\"no\"\"\"\n\"multi\nline\",2\nlast,3");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields[0], "x, y");
  EXPECT_EQ(rows[1].fields[1], "he said \"no\"");
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].fields[0], "multi\nline");
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(rows[3].line, 5);
  EXPECT_EQ(rows[3].fields[1], "3");
}

TEST(Csv, BlankLinesDoNotShiftLineNumbers) {
  auto rows = read_all("a,b\n\n\n1,2\n\n\"x\ny\",3\n4,5\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[2].line, 6);  // a quoted field over lines 6-7
  EXPECT_EQ(rows[3].line, 8);
}

TEST(Csv, LineEndingsAndBom) {
  for (std::string eol : {"\n", "\r\n", "\r"}) {
    auto rows = read_all("\xEF\xBB\xBFh1,h2" + eol + "1,2" + eol + "3,4" + eol);
    ASSERT_EQ(rows.size(), 3u) << eol.size();
    EXPECT_EQ(rows[0].fields[0], "h1");
    EXPECT_EQ(rows[2].fields[1], "4");
    EXPECT_EQ(rows[2].line, 3);
  }
}

TEST(Csv, TabSeparator) {
  auto rows = read_all("a\tb c\t\n1\t2\t3\n", '\t');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields.size(), 3u);
  EXPECT_EQ(rows[0].fields[1], "b c");
}

TEST(Csv, UnterminatedQuoteIsAnError) {
  try {
    read_all("a,b\n1,\"oops\n2,3\n");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.csv:2"), std::string::npos) << e.what();
  }
}

TEST(CsvTable, TypedAccessNamesLineAndField) {
  std::istringstream in("name,value\nx,1.5\ny,abc\nz,\n");
  CsvTable t = CsvTable::read(in, "v.csv");
  ASSERT_EQ(t.rows().size(), 3u);
  EXPECT_DOUBLE_EQ(t.number(t.rows()[0], "value"), 1.5);
  try {
    t.number(t.rows()[1], "value");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "v.csv:3: field 'value': expected a number, got 'abc'");
  }
  EXPECT_THROW(t.number(t.rows()[2], "value"), InputError);
  EXPECT_THROW(t.require_column("weight"), InputError);
  std::istringstream empty("");
  EXPECT_THROW(CsvTable::read(empty, "e.csv"), InputError);
}

TEST(Csv, ParseDouble) {
  EXPECT_EQ(parse_double(" 2.5 "), 2.5);
  EXPECT_EQ(parse_double("-1e3"), -1000);
  EXPECT_FALSE(parse_double("1.2.3"));
  EXPECT_FALSE(parse_double("nan"));
  EXPECT_FALSE(parse_double(""));
}

}  // namespace
}  // namespace detente::io
