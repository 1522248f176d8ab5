// The monthly tie score on hand-made event rows (events/tie_series.hpp).
#include "events/tie_series.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.hpp"

namespace detente::events {
namespace {

std::string write_rows() {
  auto dir = test::temp_dir("tie-series");
  auto path = dir / "rows.cameo.tsv";
  test::write_text(path,
                   "date\tsource\ttarget\tcode\n"
                   "2020-01-05\tISRGOV\tSYRMIL\t190\n"  // -10
                   "2020-01-20\tSYR\tISR\t042\n"        // +1.9, the other direction
                   "2020-03-02\tISR\tJOR\t057\n"        // +8.0
                   "2020-03-09\tJORGOV\tISRGOV\t057\n"  // +8.0
                   "2020-03-10\tJOR\tJOR\t057\n"        // domestic: not a dyad
                   "2020-04-30\tSYR\tJOR\t0251\n");     // -0.3
  return path.string();
}

TEST(TieSeries, MeanGoldsteinOverTenBothDirectionsWithCounts) {
  TieSeriesOptions o;
  o.actors = {"SYR", "ISR", "JOR"};
  TieSeries s = read_tie_series({write_rows()}, o);
  ASSERT_EQ(s.actors, (std::vector<std::string>{"ISR", "JOR", "SYR"}));
  ASSERT_EQ(s.months, 4);  // 2020-01 … 2020-04
  EXPECT_EQ(s.month_label(0), "2020-01");
  const int is = s.dyad_index("SYR", "ISR"), ij = s.dyad_index("ISR", "JOR"),
            js = s.dyad_index("JOR", "SYR");
  ASSERT_GE(is, 0);
  EXPECT_EQ(s.dyad_index("ISR", "SYR"), is);
  EXPECT_NEAR(s.score[is][0], (-10.0 + 1.9) / 2 / 10, 1e-12);
  EXPECT_EQ(s.events[is][0], 2);
  EXPECT_TRUE(std::isnan(s.score[is][1]));  // a month without events is missing, not zero
  EXPECT_EQ(s.events[is][1], 0);
  EXPECT_NEAR(s.score[ij][2], 0.8, 1e-12);
  EXPECT_EQ(s.events[ij][2], 2);
  EXPECT_NEAR(s.score[js][3], -0.03, 1e-12);
  EXPECT_TRUE(std::isnan(s.score[ij][0]));
}

TEST(TieSeries, WindowAndTopActors) {
  TieSeriesOptions o;
  o.top_actors = 2;  // in the window only ISR–JOR has events
  o.from = Date{2020, 2, 15};
  o.to = Date{2020, 3, 1};
  TieSeries s = read_tie_series({write_rows()}, o);
  EXPECT_EQ(s.actors, (std::vector<std::string>{"ISR", "JOR"}));
  ASSERT_EQ(s.months, 2);  // 2020-02, 2020-03: the whole of March counts
  EXPECT_NEAR(s.score[0][1], 0.8, 1e-12);
  auto cut = truncate(s, 1);
  EXPECT_EQ(cut.months, 1);
  EXPECT_TRUE(std::isnan(cut.score[0][0]));
}

TEST(TieSeries, TooFewActorsIsAnInputError) {
  TieSeriesOptions o;
  o.actors = {"ISR"};
  EXPECT_THROW(read_tie_series({write_rows()}, o), InputError);
}

}  // namespace
}  // namespace detente::events
