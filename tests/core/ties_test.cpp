#include "core/ties.hpp"

#include <gtest/gtest.h>

#include "io/scenario_toml.hpp"

namespace detente {
namespace {

TEST(Ties, CombinesActiveRelationsAndClamps) {
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
  EXPECT_DOUBLE_EQ(before(0, 1), 1.0);  // 0.8 + 0.5 clamped
  EXPECT_DOUBLE_EQ(before(1, 0), 1.0);
  EXPECT_NEAR(before(0, 2), -0.4, 1e-12);
  EXPECT_DOUBLE_EQ(before(1, 2), 0.0);
  TieMatrix after = tie_matrix(s, Date{2023, 3, 6});
  EXPECT_NEAR(after(2, 0), 0.2, 1e-12);
}

}  // namespace
}  // namespace detente
