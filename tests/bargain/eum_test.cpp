// EUM: Scholz, Calbert & Smith (2011) Table 2 and Masad's step-0 worked example.
#include "bargain/eum.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "bargain/synthetic.hpp"
#include "core/error.hpp"
#include "io/bargain/read_input.hpp"
#include "io/csv.hpp"
#include "test_support.hpp"

namespace detente::bargain {
namespace {

std::optional<BargainingProblem> emissions() {
  auto path = test::data_file("bargaining/eum/eu_emissions_bdm1994.csv");
  if (!path) return std::nullopt;
  return read_bargaining_input(*path);
}

// Rows of a CSV whose '#' lines are comments, as name -> column -> text.
std::vector<std::map<std::string, std::string>> commented_csv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    if (header.empty()) {
      header = f;
      continue;
    }
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < f.size() && k < header.size(); ++k) row[header[k]] = f[k];
    rows.push_back(row);
  }
  return rows;
}

TEST(Eum, ScholzTable2MediansWithinPointThree) {
  auto p = emissions();
  auto table = test::data_file("bargaining/eum/eu_emissions_scholz2011_table2.csv");
  if (!p || !table) GTEST_SKIP() << test::missing_data_message();
  EumOptions o;  // defaults: Scholz's code, Q = 1
  o.rounds = 8;
  EumResult r = eum(*p, 0, o);
  ASSERT_EQ(r.rounds.size(), 9u);
  EXPECT_DOUBLE_EQ(r.rounds[0].median, 7.0);
  EXPECT_NEAR(r.rounds[0].mean, 7.39, 0.005);
  auto rows = commented_csv(*table);
  ASSERT_EQ(rows.size(), 8u);
  for (const auto& row : rows) {
    int round = std::stoi(row.at("round"));
    EXPECT_NEAR(r.rounds[round].median, std::stod(row.at("median")), 0.3) << "round " << round;
    EXPECT_NEAR(r.rounds[round].mean, std::stod(row.at("mean")), 0.1) << "round " << round;
  }
  EXPECT_DOUBLE_EQ(r.forecast, r.rounds[8].median);
}

TEST(Eum, RoundOneRiskExponentsOfScholzCode) {
  auto p = emissions();
  if (!p) GTEST_SKIP() << test::missing_data_message();
  EumOptions o;
  o.rounds = 1;
  auto r = eum(*p, 0, o).rounds[1].risk;
  // Net, Bel, Lux, Ger, Fra, Ita, UK, Ire, Den, Gre (jmckib's run of Scholz's code).
  const double expected[] = {1.41, 0.75, 0.51, 1.41, 1.05, 1.05, 1.96, 0.50, 2.00, 1.11};
  for (std::size_t i = 0; i < 10; ++i) EXPECT_NEAR(r[i], expected[i], 0.006) << p->actors[i];
}

TEST(Eum, MasadStepZeroUnderHisVariant) {
  auto path = test::data_file("bargaining/eum/eu_emissions_masad_step0.csv");
  auto p = emissions();
  if (!path || !p) GTEST_SKIP() << test::missing_data_message();
  auto rows = commented_csv(*path);
  ASSERT_EQ(rows.size(), 10u);
  // Masad normalises positions to [0, 1] and normalises P over the pair.
  std::vector<double> x, w;
  for (const auto& row : rows) {
    x.push_back(std::stod(row.at("position_norm")));
    w.push_back(std::stod(row.at("capability")) * std::stod(row.at("salience")));
  }
  const std::size_t bel = 1, net = 0;
  auto sup_bel = eum_detail::support(x, w, x[bel], x[net], 1.0);
  auto sup_net = eum_detail::support(x, w, x[net], x[bel], 1.0);
  double total_bel = 0, total_net = 0;
  for (const auto& row : rows) {
    total_bel += std::stod(row.at("contrib_Belgium"));
    total_net += std::stod(row.at("contrib_Netherlands"));
  }
  EXPECT_NEAR(sup_bel.for_i, total_bel, 1e-9);  // 0.2145
  EXPECT_NEAR(sup_net.for_i, total_net, 1e-9);  // 0.124
  EXPECT_NEAR(sup_bel.for_i / sup_bel.total, 0.63, 0.005);
  EXPECT_NEAR(sup_bel.for_i / sup_bel.total + sup_net.for_i / sup_net.total, 1.0, 1e-12);

  EumOptions o;
  o.probability = EumOptions::Probability::pair;
  o.rounds = 1;
  auto r = eum(*p, 0, o).rounds[1].risk;
  for (std::size_t i = 0; i < rows.size(); ++i)
    EXPECT_NEAR(r[i], std::stod(rows[i].at("r_i0")), 0.006) << rows[i].at("actor");
}

TEST(Eum, RiskExponentsSpanHalfToTwo) {
  auto r = eum_detail::risk_exponents({3.0, 1.0, 2.0});
  EXPECT_DOUBLE_EQ(r[0], 0.5);  // most insecure: R = 1
  EXPECT_DOUBLE_EQ(r[1], 2.0);  // most secure: R = −1
  EXPECT_DOUBLE_EQ(r[2], 1.0);
}

TEST(Eum, CondorcetMedianIsWeightedMedianPosition) {
  EXPECT_DOUBLE_EQ(eum_detail::condorcet_median({0, 5, 10}, {1, 1, 3}), 10);
  EXPECT_DOUBLE_EQ(eum_detail::condorcet_median({0, 5, 10}, {1, 1, 1}), 5);
}

TEST(Eum, OptionsAreHonouredAndCheckedByName) {
  auto p = emissions();
  if (!p) GTEST_SKIP() << test::missing_data_message();
  auto base = eum(*p, 0, eum_options({}));
  auto q05 = eum(*p, 0, eum_options({{"q", "0.5"}}));
  EXPECT_NE(base.rounds.back().positions, q05.rounds.back().positions);
  auto paper = eum(*p, 0, eum_options({{"selection", "least_move"}, {"compel", "true"}}));
  EXPECT_NE(base.rounds.back().positions, paper.rounds.back().positions);
  EXPECT_THROW(eum_options({{"qq", "1"}}), InputError);
  EXPECT_THROW(eum_options({{"probability", "sometimes"}}), InputError);
  EXPECT_THROW(eum_options({{"q", "2"}}), InputError);
}

TEST(Eum, TRuleAndSecurityPerspectiveMatterWhereTheyShould) {
  auto p = emissions();
  if (!p) GTEST_SKIP() << test::missing_data_message();
  auto final_positions = [&](OptionValues v) {
    return eum(*p, 0, eum_options(v)).rounds.back().positions;
  };
  // With Q = 1 the T term vanishes; with Q = 0.5 the rule for T changes the run.
  EXPECT_EQ(final_positions({{"t_rule", "one"}}), final_positions({{"t_rule", "zero"}}));
  EXPECT_NE(final_positions({{"q", "0.5"}, {"t_rule", "one"}}),
            final_positions({{"q", "0.5"}, {"t_rule", "zero"}}));
  // A2 only matters once security is evaluated with risk exponents other than 1.
  EXPECT_EQ(final_positions({{"security_perspective", "challenger"}}), final_positions({}));
  EXPECT_NE(final_positions({{"risk_reset", "false"}, {"security_perspective", "challenger"}}),
            final_positions({{"risk_reset", "false"}}));
}

TEST(Eum, ActorsWithoutWeightTakeNoPart) {
  auto p = emissions();
  if (!p) GTEST_SKIP() << test::missing_data_message();
  auto q = *p;  // plus an actor with no salience far outside the others' range
  q.actors.push_back("Observer");
  q.capability.push_back(0.5);
  q.position[0].push_back(40);
  q.salience[0].push_back(0);
  auto a = eum(*p, 0, EumOptions{}), b = eum(q, 0, EumOptions{});
  ASSERT_EQ(a.rounds.size(), b.rounds.size());
  for (std::size_t t = 0; t < a.rounds.size(); ++t) {
    EXPECT_DOUBLE_EQ(a.rounds[t].median, b.rounds[t].median);
    EXPECT_DOUBLE_EQ(b.rounds[t].positions.back(), 40);
    for (std::size_t i = 0; i < p->actor_count(); ++i)
      EXPECT_DOUBLE_EQ(a.rounds[t].positions[i], b.rounds[t].positions[i]);
  }
}

TEST(Eum, StochasticConflictIsSeeded) {
  auto p = emissions();
  if (!p) GTEST_SKIP() << test::missing_data_message();
  OptionValues v{{"conflict", "stochastic"}, {"probability", "pair"}, {"seed", "7"}};
  auto a = eum(*p, 0, eum_options(v));
  auto b = eum(*p, 0, eum_options(v));
  for (std::size_t t = 0; t < a.rounds.size(); ++t)
    EXPECT_EQ(a.rounds[t].positions, b.rounds[t].positions);
}

TEST(Eum, PositionsStayWithinTheInputRange) {
  auto p = emissions();
  if (!p) GTEST_SKIP() << test::missing_data_message();
  for (const char* sel : {"scholz_code", "least_move"}) {
    auto r = eum(*p, 0, eum_options({{"selection", sel}, {"compel", "true"}, {"rounds", "20"}}));
    for (const auto& round : r.rounds)
      for (double x : round.positions) {
        EXPECT_GE(x, 4 - 1e-9);
        EXPECT_LE(x, 10 + 1e-9);
      }
  }
}

// n actors drawn as the benchmarks draw them (bargain/synthetic.hpp), positions optionally
// rounded to multiples of 5 (many ties): above the size where the passes run on threads
// and the supports in blocks of rows.
BargainingProblem many_actors(std::size_t n, std::uint64_t seed, bool tied_positions) {
  BargainingProblem p = uniform_problem(n, seed);
  if (tied_positions)
    for (double& x : p.position[0]) x = std::round(x / 5) * 5;
  return p;
}

// The O(n²)-a-round supports (issue 16) give what the O(n³) pairwise sums gave: the final
// positions of `detente bargain eum_200.csv --model eum --rounds 10` before the change.
TEST(Eum, TwoHundredActorsAsBeforeTheSpeedUp) {
  const auto p = many_actors(200, 7, false);
  for (int threads : {1, 2}) {
    EumOptions o;
    o.rounds = 10;
    o.threads = threads;
    const auto r = eum(p, 0, o);
    ASSERT_EQ(r.rounds.size(), 11u);
    double sum = 0, weighted = 0;
    const auto& x = r.rounds.back().positions;
    for (std::size_t a = 0; a < x.size(); ++a) {
      sum += x[a];
      weighted += static_cast<double>(a + 1) * x[a];
    }
    EXPECT_NEAR(r.forecast, 48.950495138232355, 1e-9 * 48.95) << threads;
    EXPECT_NEAR(sum, 9059.364277178207, 1e-9 * 9059.4) << threads;
    EXPECT_NEAR(weighted, 879943.5093647529, 1e-9 * 879943.5) << threads;
  }
}

// Results do not depend on the thread count, with many tied positions (the supports' tie
// handling and block edges) and under the options that change the passes.
TEST(Eum, IdenticalForAnyThreadCountWithTies) {
  const auto p = many_actors(150, 3, true);
  for (const OptionValues& v :
       {OptionValues{}, OptionValues{{"probability", "pair"}, {"perspective", "own"}},
        OptionValues{{"vote_risk", "false"},
                     {"risk_reset", "false"},
                     {"q", "0.5"},
                     {"selection", "least_move"}}}) {
    EumOptions one = eum_options(v);
    one.rounds = 4;
    const auto a = eum(p, 0, one);
    for (int threads : {2, 3}) {
      EumOptions o = one;
      o.threads = threads;
      const auto b = eum(p, 0, o);
      ASSERT_EQ(a.rounds.size(), b.rounds.size());
      for (std::size_t t = 0; t < a.rounds.size(); ++t) {
        EXPECT_EQ(a.rounds[t].positions, b.rounds[t].positions) << t << " " << threads;
        EXPECT_EQ(a.rounds[t].risk, b.rounds[t].risk) << t << " " << threads;
      }
      EXPECT_GT(a.rounds.back().moves + a.rounds[1].moves, 0);
    }
  }
}

}  // namespace
}  // namespace detente::bargain
