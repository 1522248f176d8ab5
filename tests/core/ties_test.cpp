#include "core/ties.hpp"

#include <gtest/gtest.h>

#include "io/scenario_toml.hpp"

namespace detente {
namespace {

TEST(Ties, StackedTieRule) {
  StackedTie one;
  one.add(0.3);
  EXPECT_NEAR(one.value(), 0.3, 1e-15);  // one relation keeps its weight
  StackedTie mixed;
  mixed.add(-0.5);
  mixed.add(0.2);
  EXPECT_NEAR(mixed.value(), -0.3, 1e-15);  // one of each sign: the difference
  StackedTie stack;
  for (double w : {0.8, 0.6, 0.5}) stack.add(w);
  EXPECT_NEAR(stack.value(), 1 - 0.2 * 0.4 * 0.5, 1e-15);  // 0.96, below 1
  StackedTie certain;
  certain.add(-1.0);
  certain.add(-0.4);
  EXPECT_EQ(certain.value(), -1.0);  // only a weight of 1 saturates
  // Every weight still moves a stack: raising one raises the tie.
  StackedTie more;
  for (double w : {0.85, 0.6, 0.5}) more.add(w);
  EXPECT_GT(more.value(), stack.value());
  EXPECT_EQ(StackedTie{}.value(), 0.0);
}

TEST(Ties, CombinesActiveRelationsWithoutSaturating) {
  Scenario s = io::read_scenario(R"([scenario]
id = "t"
name = "t"
[[actor]]
id = "A"
name = "A"
capability = 1
[[actor]]
id = "B"
name = "B"
capability = 1
[[actor]]
id = "C"
name = "C"
capability = 1
[[relation]]
a = "A"
b = "B"
kind = "alliance"
weight = 0.8
[[relation]]
a = "B"
b = "A"
kind = "trade_dependence"
weight = 0.5
directed = true
[[relation]]
a = "A"
b = "C"
kind = "grievance"
weight = 0.6
until = 2023-03-06
[[relation]]
a = "A"
b = "C"
kind = "dialogue"
weight = 0.2
)",
                                 "t.toml");
  TieMatrix before = tie_matrix(s, Date{2023, 1, 1});
  EXPECT_NEAR(before(0, 1), 0.9, 1e-12);  // 0.8 and 0.5 stacked: 1 − 0.2 · 0.5
  EXPECT_DOUBLE_EQ(before(1, 0), before(0, 1));
  EXPECT_NEAR(before(0, 2), -0.4, 1e-12);
  EXPECT_DOUBLE_EQ(before(1, 2), 0.0);
  TieMatrix after = tie_matrix(s, Date{2023, 3, 6});
  EXPECT_NEAR(after(2, 0), 0.2, 1e-12);
}

}  // namespace
}  // namespace detente
