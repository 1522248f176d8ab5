// decide's input conventions (the exchange model's inputs): ';'-separated files, saliences
// and powers on [0, 100], and errors that name the decide layout.
#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"
#include "io/bargain/read_input.hpp"
#include "test_support.hpp"

namespace detente::bargain {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// The same case three ways: tab-separated on [0, 1], ';'-separated, and on [0, 100].
const char* kTab =
    "#A\tA\n#A\tB\n#P\tx\n#M\tx\t0\n#M\tx\t10\n#P\ty\n"
    "#D\tA\tx\t2\t0.5\t0.25\n#D\tB\tx\t8\t0.75\t1\n#D\tA\ty\t0\t1\t0.25\n#D\tB\ty\t100\t0.2\t1\n";
const char* kSemicolon =
    "'#A';'A';'A';''\n'#A';'B';'B';''\n'#P';'x';'x';''\n'#M';'x';0\n'#M';'x';10\n'#P';'y'\n"
    "'#D';'A';'x';2;0.5;0.25\n'#D';'B';'x';8;0.75;1\n'#D';'A';'y';0;1;0.25\n"
    "'#D';'B';'y';100;0.2;1\n";
const char* kPercent =
    "#A\tA\n#A\tB\n#P\tx\n#M\tx\t0\n#M\tx\t10\n#P\ty\n"
    "#D\tA\tx\t2\t50\t25\n#D\tB\tx\t8\t75\t100\n#D\tA\ty\t0\t100\t25\n#D\tB\ty\t100\t20\t100\n";

void expect_same(const BargainingProblem& a, const BargainingProblem& b) {
  EXPECT_EQ(a.actors, b.actors);
  ASSERT_EQ(a.issue_count(), b.issue_count());
  EXPECT_EQ(a.issues[0].scale_max, b.issues[0].scale_max);
  EXPECT_EQ(a.position, b.position);
  EXPECT_EQ(a.salience, b.salience);
  EXPECT_EQ(a.capability, b.capability);
}

TEST(DecideReader, SemicolonFilesAndPercentScalesReadAsTheTabFile) {
  const BargainingProblem tab = read_decide_text(kTab, "tab.txt");
  EXPECT_DOUBLE_EQ(tab.salience[0][1], 0.75);
  EXPECT_DOUBLE_EQ(tab.capability[0], 0.25);
  expect_same(read_decide_text(kSemicolon, "semi.csv"), tab);
  expect_same(read_decide_text(kPercent, "percent.txt"), tab);
  // Detected as decide from the first line, whatever the delimiter (not as an EUM table).
  EXPECT_EQ(detect_input_format_text(kSemicolon, "semi.csv"), InputFormat::decide);
  expect_same(read_bargaining_text(kSemicolon, "semi.csv"), tab);
  // Salience and power are detected each on its own: powers on 0–100, saliences on 0–1.
  std::string mixed = kTab;
  for (auto [from, to] : {std::pair{"\t0.25\n", "\t25\n"}, {"\t1\n", "\t100\n"}})
    for (std::size_t at; (at = mixed.find(from)) != std::string::npos;)
      mixed.replace(at, std::string(from).size(), to);
  expect_same(read_decide_text(mixed, "mixed.txt"), tab);
}

TEST(DecideReader, MalformedDecideFilesNameTheLayoutLineAndField) {
  // A ';' file with too few fields in a '#D' record and a position that is not a number.
  const std::string bad = "'#A';'A'\n'#A';'B'\n'#P';'x'\n'#D';'A';'x';5\n'#D';'B';'x';ten;0.5;1\n";
  const std::string e = error_of([&] { read_bargaining_text(bad, "old.csv"); });
  EXPECT_NE(e.find("old.csv:4: field 'record'"), std::string::npos) << e;
  EXPECT_NE(e.find("old.csv:5: field 'position'"), std::string::npos) << e;
  EXPECT_NE(e.find("decide layout"), std::string::npos) << e;
  EXPECT_EQ(e.find("actor,capability,position,salience"), std::string::npos) << e;
  // A salience beyond 100 is out of either scale.
  const std::string over = "#A\tA\n#P\tx\n#D\tA\tx\t5\t150\t1\n";
  const std::string o = error_of([&] { read_decide_text(over, "over.txt"); });
  EXPECT_NE(o.find("over.txt:3: field 'salience'"), std::string::npos) << o;
  EXPECT_NE(o.find("[0, 100]"), std::string::npos) << o;
}

TEST(DecideReader, CliExitsOneOnAMalformedSemicolonFile) {
  auto dir = test::temp_dir("decide-semicolon");
  test::write_text(dir / "old.csv", "'#A';'A'\n'#P';'x'\n'#D';'A';'x'\n");
  const auto out = dir / "out.json";
  auto r = test::run_cli({"bargain", (dir / "old.csv").string(), "--model", "exchange", "--format",
                          "json", "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("old.csv:3: field 'record'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("decide layout"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  test::write_text(dir / "ok.csv", kSemicolon);
  auto ok = test::run_cli({"bargain", (dir / "ok.csv").string(), "--model", "exchange"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

}  // namespace
}  // namespace detente::bargain
