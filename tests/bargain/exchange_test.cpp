// Exchange model (Stokman, Equal Gain, decide's rules): decide's own public test numbers,
// unit-free issues, convergence on the shared decide inputs, variants and externalities.
// Inputs from ${DETENTE_TESTDATA:-<source>/../shared/data}/bargaining/exchange.
#include "bargain/exchange.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "bargain/registry.hpp"
#include "bargain/weighted_mean.hpp"
#include "core/error.hpp"
#include "io/bargain/read_input.hpp"
#include "test_support.hpp"

namespace detente::bargain {
namespace {

// decide's two-actor case (its test_rex.py): Actor-1 at 0 on both issues (saliences 10
// and 90 of 100), Actor-2 at 100 (60 and 50), power 1 each.
const char* kRexFile =
    "'#A'\t'Actor-1'\t'Actor-1'\t''\n'#A'\t'Actor-2'\t'Actor-2'\t''\n"
    "'#P'\t'Issue-1'\t'Issue-1'\t'Issue-1'\n'#M'\t'Issue-1'\t0\n'#M'\t'Issue-1'\t100\n"
    "'#P'\t'Issue-2'\t'Issue-2'\t'Issue-2'\n'#M'\t'Issue-2'\t0\n'#M'\t'Issue-2'\t100\n"
    "'#D'\t'Actor-1'\t'Issue-1'\t0.0\t10\t1\n'#D'\t'Actor-1'\t'Issue-2'\t0.0\t90\t1\n"
    "'#D'\t'Actor-2'\t'Issue-1'\t100.0\t60\t1\n'#D'\t'Actor-2'\t'Issue-2'\t100.0\t50\t1\n";

ExchangeOptions one_round() {
  ExchangeOptions o;
  o.rounds = 1;
  return o;
}

std::optional<BargainingProblem> shared_input(const std::string& name) {
  auto path = test::data_file("bargaining/exchange/" + name);
  if (!path) return std::nullopt;
  return read_bargaining_input(*path);
}

const char* kSharedInputs[] = {"decide_cop21.csv", "decide_copenhagen.csv",
                               "decide_sample_data.txt"};

TEST(Exchange, RexTwoActorCase) {
  // Saliences on 0–100 are read as 0.1, 0.9, 0.6, 0.5 (decide's convention).
  const BargainingProblem p = read_decide_text(kRexFile, "rex.txt");
  EXPECT_DOUBLE_EQ(p.salience[1][0], 0.9);
  EXPECT_NEAR(weighted_mean(p, 0), 85.0 + 5.0 / 7, 1e-12);
  EXPECT_NEAR(weighted_mean(p, 1), 35.0 + 5.0 / 7, 1e-12);
  const ExchangeResult r = exchange(p, one_round());
  ASSERT_EQ(r.exchanges.size(), 1u);
  const RealisedExchange& e = r.exchanges[0];
  // Actor-2 values Issue-1 relatively more: Actor-1 gives way there, Actor-2 on Issue-2.
  EXPECT_EQ(e.i, 1u);
  EXPECT_EQ(e.p, 0u);
  // Equal Gain: e_2 = e_1 (0.6 + 0.1)/(0.5 + 0.9) = e_1 / 2; the outcome of Issue-1 may
  // rise at most to Actor-2's 100 (a shift of 100/7), so e_2 = 50/7; both gain 5.
  EXPECT_NEAR(e.e_p, 100.0 / 7, 1e-9);
  EXPECT_NEAR(e.e_q, 50.0 / 7, 1e-9);
  EXPECT_NEAR(e.gain_i, 5.0, 1e-9);
  EXPECT_NEAR(e.gain_j, 5.0, 1e-9);
  EXPECT_NEAR(r.outcome_by_round[1][0], 100.0, 1e-9);
  EXPECT_NEAR(r.outcome_by_round[1][1], 28.0 + 4.0 / 7, 1e-9);
  // decide's losses and gains at the full shift of Issue-1 (1000/7 and 6000/7 on its
  // 0–100 saliences), and its maximum utilities 1400 and 777.78 (test_rex.py): each side's
  // gain with the other held to its break-even rate, the Issue-1 shift fixed.
  EXPECT_NEAR(e.e_p * p.salience[0][0] * 100, 1000.0 / 7, 1e-9);
  EXPECT_NEAR(e.e_p * p.salience[0][1] * 100, 6000.0 / 7, 1e-9);
  EXPECT_NEAR(e.max_gain_j * 100, 1400.0, 1e-9);
  EXPECT_NEAR(e.max_gain_i * 100, 777.7777777777778, 1e-9);
  // The break-even rates behind them (as e_2/e_1): 10/90 for Actor-1 ... 60/50 for Actor-2.
  const ExchangeRates rates = exchange_rates(0.6, 0.5, 0.1, 0.9);
  EXPECT_NEAR(rates.low, 1.0 / 9, 1e-15);
  EXPECT_NEAR(rates.equal, 0.5, 1e-15);
  EXPECT_NEAR(rates.high, 1.2, 1e-15);
}

TEST(Exchange, SampleDataFirstPhaseGainsAndAbsoluteMove) {
  auto p = shared_input("decide_sample_data.txt");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  const ExchangeResult r = exchange(*p, one_round());
  ASSERT_GE(r.exchanges.size(), 2u);
  // decide's test_model.py: the first two exchanges realised gain 1.97368… and 1.79263….
  EXPECT_NEAR(r.exchanges[0].gain_i, 1.973684210526315789, 1e-12);
  EXPECT_NEAR(r.exchanges[0].gain_j, 1.973684210526315789, 1e-12);
  EXPECT_NEAR(r.exchanges[1].gain_i, 1.79263630876534102, 1e-12);
  // decide's test_calculations.py (by_absolute_move): Willems moves fully on
  // extra-investering (shift 13.158), Equal Gain asks 10.388 on tolheffing-binnenstad,
  // i.e. a move of 61.051 by Wcentr.
  const RealisedExchange& e = r.exchanges[0];
  EXPECT_EQ(p->actors[e.i], "Willems");
  EXPECT_EQ(p->actors[e.j], "Wcentr");
  EXPECT_EQ(p->issues[e.q].name, "extra-investering");
  EXPECT_EQ(p->issues[e.p].name, "tolheffing-binnenstad");
  EXPECT_NEAR(e.e_q, 13.15789473684210526, 1e-9);
  EXPECT_NEAR(e.e_p, 10.38781163434903047, 1e-9);
  EXPECT_NEAR(e.move_j, 61.05117364047237207, 1e-9);
  EXPECT_NEAR(e.move_i, 75.0, 1e-9);
}

TEST(Exchange, RecomputingLetsAnActorExchangeAgainOnAnIssue) {
  auto p = shared_input("decide_cop21.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  const ExchangeResult r = exchange(*p, one_round());
  ExchangeOptions exclusive = one_round();
  exclusive.realisation = ExchangeOptions::Realisation::exclusive;
  const ExchangeResult x = exchange(*p, exclusive);
  // decide realises 124–126 exchanges in CoP21's first round; one per position gives 38.
  EXPECT_GT(r.exchanges.size(), 110u);
  EXPECT_LT(r.exchanges.size(), 140u);
  EXPECT_EQ(x.exchanges.size(), 38u);
  std::map<std::pair<std::size_t, std::size_t>, int> supplied, supplied_x;
  for (const auto& e : r.exchanges) ++supplied[{e.q, e.i}], ++supplied[{e.p, e.j}];
  for (const auto& e : x.exchanges) ++supplied_x[{e.q, e.i}], ++supplied_x[{e.p, e.j}];
  int again = 0;
  for (const auto& [k, n] : supplied) again += n > 1;
  EXPECT_GT(again, 0);
  for (const auto& [k, n] : supplied_x) EXPECT_EQ(n, 1);
  // Gains come out in non-increasing order only roughly (recomputation can raise one), but
  // every realised exchange gains both sides the same positive amount.
  for (const auto& e : r.exchanges) {
    EXPECT_GT(e.gain_i, 0);
    EXPECT_NEAR(e.gain_i, e.gain_j, 1e-12 * std::max(1.0, e.gain_i));
  }
}

// x -> a x + b on issue k, scale included.
BargainingProblem rescaled(BargainingProblem p, std::size_t k, double a, double b) {
  for (double& x : p.position[k]) x = a * x + b;
  p.issues[k].scale_min = a * p.issues[k].scale_min + b;
  p.issues[k].scale_max = a * p.issues[k].scale_max + b;
  return p;
}

TEST(Exchange, RescalingOneIssueChangesNoOutcome) {
  for (const char* name : kSharedInputs) {
    auto p = shared_input(name);
    if (!p) GTEST_SKIP() << test::missing_data_message();
    const ExchangeResult base = exchange(*p, {});
    for (std::size_t k : {std::size_t{0}, p->issue_count() - 1}) {
      const ExchangeResult r = exchange(rescaled(*p, k, 10, 3), {});
      ASSERT_EQ(r.outcome_by_round.size(), base.outcome_by_round.size()) << name;
      EXPECT_EQ(r.exchanges.size(), base.exchanges.size()) << name;
      for (std::size_t t = 0; t < r.outcome_by_round.size(); ++t)
        for (std::size_t d = 0; d < p->issue_count(); ++d) {
          const double want =
              d == k ? 10 * base.outcome_by_round[t][d] + 3 : base.outcome_by_round[t][d];
          EXPECT_NEAR(r.outcome_by_round[t][d], want, 1e-9 * std::max(1.0, std::abs(want)))
              << name << " issue " << d << " round " << t;
        }
    }
  }
  // decide_sample_data's tol-hoogte (0.5–7 euro) put on 0–100 gives the same forecasts.
  auto p = shared_input("decide_sample_data.txt");
  const auto k = p->find_issue("tol-hoogte");
  ASSERT_TRUE(k);
  const double a = 100 / 6.5;
  const ExchangeResult base = exchange(*p, {}), r = exchange(rescaled(*p, *k, a, -0.5 * a), {});
  for (std::size_t d = 0; d < p->issue_count(); ++d)
    EXPECT_NEAR(r.outcome[d], d == *k ? a * base.outcome[d] - 0.5 * a : base.outcome[d], 1e-9);
}

TEST(Exchange, ConvergesWithoutCyclesOnTheSharedInputs) {
  for (const char* name : kSharedInputs) {
    auto p = shared_input(name);
    if (!p) GTEST_SKIP() << test::missing_data_message();
    const ExchangeResult r = exchange(*p, {});
    ASSERT_TRUE(r.converged) << name;
    const int n = static_cast<int>(r.positions.size()) - 1;
    EXPECT_LT(n, ExchangeOptions{}.rounds) << name;
    // The same forecast at rounds N and N+1 past convergence.
    for (int extra : {0, 1, 7}) {
      ExchangeOptions o;
      o.rounds = n + extra;
      const ExchangeResult later = exchange(*p, o);
      EXPECT_EQ(later.outcome, r.outcome) << name << " rounds " << o.rounds;
      EXPECT_EQ(later.exchanges.size(), r.exchanges.size()) << name;
    }
    // No 2-cycles: no actor ever moves back on an issue, so every start position is
    // monotone over the rounds (votes are temporary: a start lies between its votes).
    ASSERT_EQ(r.starts.size(), r.positions.size());
    for (std::size_t d = 0; d < p->issue_count(); ++d)
      for (std::size_t a = 0; a < p->actor_count(); ++a) {
        int sign = 0;
        for (std::size_t t = 1; t < r.starts.size(); ++t) {
          const double step = r.starts[t][d][a] - r.starts[t - 1][d][a];
          if (std::abs(step) < 1e-9) continue;
          const int s = step > 0 ? 1 : -1;
          EXPECT_TRUE(sign == 0 || s == sign) << name << " " << p->actors[a] << " issue " << d;
          sign = s;
        }
      }
    // decide's own rule (concessions bind within a round only) keeps trading: no convergence.
    ExchangeOptions decide_rule;
    decide_rule.commit = ExchangeOptions::Commit::round;
    decide_rule.rounds = 200;
    EXPECT_FALSE(exchange(*p, decide_rule).converged) << name;
  }
}

TEST(Exchange, StartRuleBlendsTowardTheVotingPosition) {
  // decide's test_new_start_position: salience 1 moves a tenth of the way (0 -> 10 of 100).
  // In the two-actor case Actor-1 moves 100 on Issue-1 (salience 0.1) and Actor-2 20 on
  // Issue-2 (salience 0.5): their next starts move (0.1 + 0.4·0.9)·100 = 46 and
  // (0.1 + 0.4·0.5)·20 = 6; the larger is the round's reported change.
  const BargainingProblem p = read_decide_text(kRexFile, "rex.txt");
  const ExchangeResult r = exchange(p, one_round());
  ASSERT_EQ(r.start_change.size(), 1u);
  EXPECT_NEAR(std::abs(r.exchanges[0].move_j), 100, 1e-9);  // Actor-1 on Issue-1
  EXPECT_NEAR(std::abs(r.exchanges[0].move_i), 20, 1e-9);   // Actor-2 on Issue-2
  EXPECT_NEAR(r.start_change[0], 46, 1e-9);
  ExchangeOptions voting = one_round();
  voting.start = ExchangeOptions::StartRule::voting;
  EXPECT_NEAR(exchange(p, voting).start_change[0], 100, 1e-9);
}

TEST(Exchange, TiesFollowTheDocumentedOrderOrTheSeed) {
  // Two identical pairs of traders: their exchanges tie exactly.
  BargainingProblem p;
  p.actors = {"D", "C", "B", "A"};
  p.capability = {1, 1, 1, 1};
  p.issues = {{"x", 0, 100, {}}, {"y", 0, 100, {}}};
  p.position = {{0, 0, 100, 100}, {0, 0, 100, 100}};
  p.salience = {{0.2, 0.2, 0.7, 0.7}, {0.8, 0.8, 0.4, 0.4}};
  const ExchangeResult r = exchange(p, one_round());
  ASSERT_GE(r.exchanges.size(), 2u);
  EXPECT_NEAR(r.exchanges[0].gain_i, r.exchanges[1].gain_i, 1e-12);
  // Name order: the first realised is between A/B and C/D in name order (A, then C).
  const auto& e = r.exchanges[0];
  EXPECT_EQ(std::min(p.actors[e.i], p.actors[e.j]), "A");
  EXPECT_EQ(std::max(p.actors[e.i], p.actors[e.j]), "C");
  // Permuting the input changes nothing.
  const auto q = reordered(p, {3, 2, 1, 0});
  const ExchangeResult rq = exchange(q, one_round());
  ASSERT_EQ(rq.outcome.size(), r.outcome.size());
  for (std::size_t d = 0; d < 2; ++d) EXPECT_NEAR(rq.outcome[d], r.outcome[d], 1e-12);
  // Seeded ties: reproducible for one seed, and some seed chooses another first exchange.
  ExchangeOptions s = one_round();
  s.ties = ExchangeOptions::Ties::seeded;
  bool other = false;
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    s.seed = seed;
    const ExchangeResult a = exchange(p, s), b = exchange(p, s);
    EXPECT_EQ(a.exchanges[0].i, b.exchanges[0].i);
    EXPECT_EQ(a.outcome, b.outcome);
    other |= a.exchanges[0].i != e.i || a.exchanges[0].j != e.j;
  }
  EXPECT_TRUE(other);
}

TEST(Exchange, RandomisedVariantsAreSeededAndStayWithinTheBreakEvenRates) {
  auto p = shared_input("decide_copenhagen.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  const ExchangeResult eg = exchange(*p, {});
  ExchangeOptions zero;
  zero.p = 0;
  zero.seed = 99;  // p = 0 draws nothing: Equal Gain
  EXPECT_EQ(exchange(*p, zero).outcome, eg.outcome);
  for (auto rate : {ExchangeOptions::Rate::equal, ExchangeOptions::Rate::random}) {
    ExchangeOptions o;
    o.rate = rate;
    if (rate == ExchangeOptions::Rate::equal) o.p = 0.8;
    o.seed = 5;
    const ExchangeResult a = exchange(*p, o), b = exchange(*p, o);
    EXPECT_EQ(a.outcome, b.outcome);
    o.seed = 6;
    EXPECT_NE(exchange(*p, o).outcome, a.outcome);
    EXPECT_NE(a.outcome, eg.outcome);
    int unequal = 0;
    for (const auto& e : a.exchanges) {
      EXPECT_GT(e.gain_i, 0);
      EXPECT_GT(e.gain_j, 0);
      // At most what the other side's break-even rate would leave (small slack: the
      // maxima hold the binding shift, which a capped volume can only lower).
      EXPECT_LE(e.gain_i, e.max_gain_i + 1e-9);
      EXPECT_LE(e.gain_j, e.max_gain_j + 1e-9);
      unequal += std::abs(e.gain_i - e.gain_j) > 1e-6;
    }
    EXPECT_GT(unequal, 0);
  }
}

TEST(Exchange, ExternalitiesOfAThirdActorByHand) {
  // Actor-1 and Actor-2 of the two-actor case, and C at 10 and 90 (saliences 0.2): C is
  // left of the outcome on issue 1 and right of it on issue 2, so it trades with neither
  // and the one exchange of round 1 affects it from outside. Outcomes 62/0.9 and 68/1.6;
  // Actor-1 moves fully on issue 1 (shift 100/9), Equal Gain asks 50/9 on issue 2, both
  // gain 0.9·50/9 − 0.1·100/9 = 35/9, and C loses 0.2·100/9 + 0.2·50/9 = 10/3.
  BargainingProblem p;
  p.actors = {"Actor-1", "Actor-2", "C"};
  p.capability = {1, 1, 1};
  p.issues = {{"issue1", 0, 100, {}}, {"issue2", 0, 100, {}}};
  p.position = {{0, 100, 10}, {0, 100, 90}};
  p.salience = {{0.1, 0.6, 0.2}, {0.9, 0.5, 0.2}};
  const ExchangeResult r = exchange(p, one_round());
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_NEAR(r.exchanges[0].gain_i, 35.0 / 9, 1e-12);
  ASSERT_EQ(r.externalities.size(), 1u);
  const auto& x = r.externalities[0];
  EXPECT_NEAR(x[2].outer_negative, -10.0 / 3, 1e-12);
  EXPECT_EQ(x[2].outer_positive, 0);
  EXPECT_EQ(x[2].inner_negative, 0);
  EXPECT_EQ(x[2].own, 0);
  EXPECT_NEAR(x[0].own, 35.0 / 9, 1e-12);
  EXPECT_NEAR(x[1].own, 35.0 / 9, 1e-12);
}

TEST(Exchange, ModelRunReportsConvergenceExternalitiesAndOptions) {
  auto p = shared_input("decide_copenhagen.csv");
  if (!p) GTEST_SKIP() << test::missing_data_message();
  RunSettings s;
  s.options = {{"p", "0.25"}};
  s.seed = 3;
  const ModelRun run = find_model("exchange")->run(*p, s);
  EXPECT_EQ(run.options["p"], 0.25);
  EXPECT_EQ(run.options["seed"], 3);
  EXPECT_EQ(run.options["realisation"], "recompute");
  const auto j = to_json(*p, run);
  ASSERT_TRUE(j.contains("details"));
  EXPECT_TRUE(j["details"]["converged"].get<bool>());
  const auto& round1 = j["details"]["by_round"][0];
  EXPECT_GT(round1["exchanges"].get<int>(), 0);
  EXPECT_EQ(round1["realised"].size(), round1["exchanges"].get<std::size_t>());
  EXPECT_TRUE(round1["externalities"].contains("USA"));
  const std::string text = exchange_text_summary(run);
  EXPECT_NE(text.find("converged"), std::string::npos) << text;
  EXPECT_NE(text.find("outer-"), std::string::npos) << text;
  EXPECT_NE(text.find("Alliance of Small Island States"), std::string::npos) << text;
  // Unknown options and p with the random rate are refused, naming the option.
  s.options = {{"q", "1"}};
  EXPECT_THROW(find_model("exchange")->run(*p, s), InputError);
  s.options = {{"rate", "random"}, {"p", "0.5"}};
  EXPECT_THROW(find_model("exchange")->run(*p, s), InputError);
}

TEST(Exchange, CliAcceptsDecidesOptionAndPrintsExternalities) {
  auto path = test::data_file("bargaining/exchange/decide_copenhagen.csv");
  if (!path) GTEST_SKIP() << test::missing_data_message();
  auto r =
      test::run_cli({"bargain", *path, "--model", "exchange", "--option", "p=0.3", "--seed", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("externalities over all rounds"), std::string::npos) << r.out;
  auto bad = test::run_cli({"bargain", *path, "--model", "exchange", "--option", "p=2"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("option p"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace detente::bargain

namespace detente::bargain {
namespace {

// Random problems (a fixed seed): every rule's invariant on each.
TEST(Exchange, InvariantsOnRandomProblems) {
  std::uint64_t state = 12345;
  auto uniform = [&] {  // SplitMix64 → (0, 1)
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (static_cast<double>((z ^ (z >> 31)) >> 11) + 0.5) * 0x1.0p-53;
  };
  for (int trial = 0; trial < 60; ++trial) {
    BargainingProblem p;
    const std::size_t n = 2 + trial % 7, m = 2 + trial % 3;
    for (std::size_t a = 0; a < n; ++a) {
      p.actors.push_back("a" + std::to_string(a));
      p.capability.push_back(0.1 + uniform());
    }
    p.position.assign(m, std::vector<double>(n));
    p.salience.assign(m, std::vector<double>(n));
    for (std::size_t d = 0; d < m; ++d) {
      p.issues.push_back({"d" + std::to_string(d), -5.0 * d, 20.0 + 7 * d, {}});
      for (std::size_t a = 0; a < n; ++a) {
        // Some positions on the scale's ends and some saliences zero (absent).
        const double u = uniform();
        p.position[d][a] = u < 0.2   ? p.issues[d].scale_min
                           : u > 0.8 ? p.issues[d].scale_max
                                     : p.issues[d].scale_min + uniform() * (p.issues[d].scale_max -
                                                                            p.issues[d].scale_min);
        p.salience[d][a] = uniform() < 0.1 ? 0 : uniform();
      }
    }
    ExchangeOptions o;
    o.rate = trial % 3 == 1 ? ExchangeOptions::Rate::random : ExchangeOptions::Rate::equal;
    o.p = trial % 3 == 2 ? 0.6 : 0;
    o.cap = trial % 2 ? ExchangeOptions::Cap::outcome : ExchangeOptions::Cap::demander;
    o.seed = static_cast<std::uint64_t>(trial);
    const ExchangeResult r = exchange(p, o);
    const std::string what = "trial " + std::to_string(trial);
    EXPECT_TRUE(r.converged) << what << " last change "
                             << (r.start_change.empty() ? 0 : r.start_change.back()) << " of "
                             << r.start_change.size() << " exchanges " << r.exchanges.size();
    for (const auto& e : r.exchanges) {
      EXPECT_GT(e.gain_i, 0) << what;
      EXPECT_GT(e.gain_j, 0) << what;
      EXPECT_GT(p.salience[e.p][e.i] * p.salience[e.q][e.j],
                p.salience[e.q][e.i] * p.salience[e.p][e.j])
          << what;
    }
    for (std::size_t t = 0; t < r.positions.size(); ++t)
      for (std::size_t d = 0; d < m; ++d) {
        EXPECT_GE(r.outcome_by_round[t][d], p.issues[d].scale_min - 1e-9) << what;
        EXPECT_LE(r.outcome_by_round[t][d], p.issues[d].scale_max + 1e-9) << what;
        for (std::size_t a = 0; a < n; ++a) {
          EXPECT_GE(r.positions[t][d][a], p.issues[d].scale_min - 1e-9) << what;
          EXPECT_LE(r.positions[t][d][a], p.issues[d].scale_max + 1e-9) << what;
        }
      }
    // Permuting the actors permutes nothing else.
    std::vector<std::size_t> order(n);
    for (std::size_t a = 0; a < n; ++a) order[a] = n - 1 - a;
    const ExchangeResult rp = exchange(reordered(p, order), o);
    ASSERT_EQ(rp.outcome.size(), r.outcome.size()) << what;
    for (std::size_t d = 0; d < m; ++d) EXPECT_NEAR(rp.outcome[d], r.outcome[d], 1e-9) << what;
  }
}

}  // namespace
}  // namespace detente::bargain
