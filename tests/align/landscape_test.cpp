#include "align/landscape.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "align/frustration.hpp"
#include "io/csv.hpp"
#include "io/graph/landscape_csv.hpp"
#include "test_support.hpp"

namespace detente::align {
namespace {

std::optional<LandscapeInput> syria(const std::string& actors_file) {
  auto a = test::data_file("alignment/landscape_syria2016/" + actors_file);
  auto p = test::data_file("alignment/landscape_syria2016/Pairwise_propensity_Feb_20.csv");
  if (!a || !p) return std::nullopt;
  return read_landscape_csv(*a, *p, 3.0);
}

std::set<std::string> side_with(const LandscapeInput& in, const std::vector<int>& side,
                                const std::string& actor) {
  int s = -1;
  for (std::size_t i = 0; i < in.actors.size(); ++i)
    if (in.actors[i] == actor) s = side[i];
  std::set<std::string> out;
  for (std::size_t i = 0; i < in.actors.size(); ++i)
    if (side[i] == s) out.insert(in.actors[i]);
  return out;
}

TEST(Landscape, Syria2016GlobalMinimum) {
  auto in = syria("Actor_data.csv");
  if (!in) GTEST_SKIP() << test::missing_data_message();
  auto r = exhaustive_landscape(*in, {.threads = 2});
  EXPECT_EQ(r.configurations, 1024);
  ASSERT_FALSE(r.minima.empty());
  EXPECT_DOUBLE_EQ(r.minima[0].energy, -83200);
  EXPECT_EQ(side_with(*in, r.minima[0].side, "ISIS"),
            (std::set<std::string>{"Turkey", "ISIS", "Nursa"}));
  // The unique single-switch local minimum: every configuration drains into it.
  EXPECT_EQ(r.minima.size(), 1u);
  EXPECT_TRUE(r.basins_exact);
  EXPECT_EQ(r.minima[0].basin, 1024);
  double sum = 0;
  for (double f : r.minima[0].frustration) sum += f;
  EXPECT_DOUBLE_EQ(sum, -83200);
}

TEST(Landscape, WeakSyria) {
  auto in = syria("Actor_data_weaksyria.csv");
  if (!in) GTEST_SKIP() << test::missing_data_message();
  auto r = exhaustive_landscape(*in, {.threads = 2});
  ASSERT_FALSE(r.minima.empty());
  EXPECT_DOUBLE_EQ(r.minima[0].energy, -65600);
  EXPECT_EQ(side_with(*in, r.minima[0].side, "ISIS"), (std::set<std::string>{"ISIS", "Nursa"}));
}

TEST(Landscape, ReproducesTheReferenceListOfFavouredAlignments) {
  auto in = syria("Actor_data.csv");
  auto ref =
      test::data_file("alignment/landscape_syria2016/Landscape_Favored_Alignments_2016-02-20.csv");
  if (!in || !ref) GTEST_SKIP() << test::missing_data_message();
  auto table = io::CsvTable::read_file(*ref);
  const std::vector<std::string> cols{"US",   "Rus", "Syr",   "Tur",   "S.A.", "Iran",
                                      "ISIS", "Hez", "IqKrd", "Nursa", "Iraq"};
  auto r = exhaustive_landscape(*in);
  int rows = 0, local = 0;
  for (const auto& row : table.rows()) {
    std::vector<int> side;
    for (const auto& c : cols) side.push_back(static_cast<int>(table.number(row, c)) - 1);
    std::vector<double> fr;
    EXPECT_DOUBLE_EQ(landscape_energy(*in, side, &fr), table.number(row, "Energy"))
        << "row at line " << row.line;
    for (std::size_t i = 0; i < cols.size(); ++i)
      EXPECT_DOUBLE_EQ(fr[i], table.number(row, cols[i] + "_Frustration"));
    bool is_min = table.text(row, "Local Min") == "TRUE";
    std::vector<int> norm = side;
    if (norm[0] == 1)
      for (auto& x : norm) x ^= 1;
    EXPECT_EQ(is_min, norm == r.minima[0].side) << "line " << row.line;
    local += is_min;
    ++rows;
  }
  EXPECT_EQ(rows, 138);
  EXPECT_EQ(local, 1);
}

LandscapeInput random_input(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> p(-3, 3), s(1, 9);
  LandscapeInput in;
  in.propensity.assign(n, std::vector<double>(n, 0));
  for (int i = 0; i < n; ++i) {
    in.actors.push_back("a" + std::to_string(i));
    in.size.push_back(s(rng));
  }
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) in.propensity[i][j] = in.propensity[j][i] = p(rng);
  return in;
}

TEST(Landscape, ExhaustiveMatchesBruteForceAndIsThreadIndependent) {
  for (int t = 0; t < 12; ++t) {
    int n = 4 + t % 9;
    auto in = random_input(n, 500 + t);
    // Brute force: every configuration, local minima by trying every single switch.
    std::set<std::vector<int>> minima;
    double best = INFINITY;
    for (std::uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) {
      std::vector<int> side(n, 0);
      for (int i = 1; i < n; ++i) side[i] = (mask >> (i - 1)) & 1;
      double e = landscape_energy(in, side);
      best = std::min(best, e);
      bool is_min = true;
      for (int k = 0; k < n && is_min; ++k) {
        auto other = side;
        other[k] ^= 1;
        if (landscape_energy(in, other) < e - 1e-9) is_min = false;
      }
      if (is_min) minima.insert(side);
    }
    auto r1 = exhaustive_landscape(in, {.threads = 1});
    auto r3 = exhaustive_landscape(in, {.threads = 3});
    std::set<std::vector<int>> got;
    double basins = 0;
    for (const auto& m : r1.minima) got.insert(m.side), basins += m.basin;
    EXPECT_EQ(got, minima) << "n=" << n;
    EXPECT_DOUBLE_EQ(r1.minima[0].energy, best);
    EXPECT_DOUBLE_EQ(basins, std::ldexp(1.0, n - 1));
    ASSERT_EQ(r1.minima.size(), r3.minima.size());
    for (std::size_t i = 0; i < r1.minima.size(); ++i) {
      EXPECT_EQ(r1.minima[i].side, r3.minima[i].side);
      EXPECT_EQ(r1.minima[i].basin, r3.minima[i].basin);
    }
    // Sampled basins (forced) find only true minima.
    auto sampled = exhaustive_landscape(in, {.exact_basin_limit = 0, .samples = 500});
    EXPECT_FALSE(sampled.basins_exact);
    std::set<std::vector<int>> got_sampled;
    for (const auto& m : sampled.minima) got_sampled.insert(m.side);
    EXPECT_EQ(got_sampled, minima) << "n=" << n;
    auto h = heuristic_landscape(in, {.samples = 300, .seed = 4});
    for (const auto& m : h.minima) EXPECT_TRUE(minima.count(m.side)) << "n=" << n;
    // Landscape = weighted frustration on the complete graph: E* = 2 L* − 2 W⁻.
    SignedGraph g;
    for (const auto& a : in.actors) g.add_node(a);
    double wneg = 0;
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        double J = in.size[i] * in.size[j] * in.propensity[i][j];
        if (J != 0) g.add_edge(i, j, J > 0 ? 1 : -1, std::abs(J));
        if (J < 0) wneg -= J;
      }
    auto fr = frustration_exact(g);
    EXPECT_NEAR(2 * fr.frustration - 2 * wneg, best, 1e-6);
  }
}

TEST(Landscape, HeuristicBeyond64ActorsFindsTrueLocalMinima) {
  auto in = random_input(80, 77);
  auto r = heuristic_landscape(in, {.threads = 2, .samples = 200, .seed = 3});
  ASSERT_FALSE(r.minima.empty());
  double share = 0;
  for (std::size_t m = 0; m < r.minima.size(); ++m) {
    const auto& x = r.minima[m];
    share += x.basin_share;
    if (m > 0) {
      EXPECT_LE(r.minima[m - 1].energy, x.energy);
    }
    EXPECT_EQ(x.side[0], 0);
    for (int k = 0; k < 80; ++k) {  // no single switch lowers the energy
      auto other = x.side;
      other[k] ^= 1;
      EXPECT_GE(landscape_energy(in, other), x.energy - 1e-9);
    }
  }
  EXPECT_NEAR(share, 1.0, 1e-12);
  auto again = heuristic_landscape(in, {.threads = 1, .samples = 200, .seed = 3});
  ASSERT_EQ(again.minima.size(), r.minima.size());
  EXPECT_EQ(again.minima[0].side, r.minima[0].side);
}

TEST(Landscape, ReaderErrorsNameFileLineField) {
  auto dir = test::temp_dir("landscape");
  test::write_text(dir / "a.csv", "id,actor,strength\n1,A,10\n2,B,-5\n");
  test::write_text(dir / "p.csv", ",A,B\nA,,1\nB,1,\n");
  try {
    read_landscape_csv((dir / "a.csv").string(), (dir / "p.csv").string());
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("a.csv:3: field 'strength'"), std::string::npos)
        << e.what();
  }
  test::write_text(dir / "a.csv", "id,actor,strength\n1,A,10\n2,B,5\n3,C,1\n");
  test::write_text(dir / "p.csv", ",A,B,C\nA,,1,2\nB,1,,x\nC,2,3,\n");
  try {
    read_landscape_csv((dir / "a.csv").string(), (dir / "p.csv").string());
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("p.csv:3: field 'C'"), std::string::npos) << e.what();
  }
  test::write_text(dir / "p.csv", ",A,B,C\nA,,1,2\nB,1,,3\nC,2,4,\n");
  try {
    read_landscape_csv((dir / "a.csv").string(), (dir / "p.csv").string());
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("symmetric"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace detente::align
