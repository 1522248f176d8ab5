#include "core/date.hpp"

#include <gtest/gtest.h>

namespace detente {
namespace {

TEST(Date, ParsesAndRejects) {
  EXPECT_EQ(Date::parse("2024-05-27"), (Date{2024, 5, 27}));
  EXPECT_EQ(Date::parse("20240229"), (Date{2024, 2, 29}));
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2024-13-01"));
  EXPECT_FALSE(Date::parse("2024-1-01"));
  EXPECT_FALSE(Date::parse("24-01-01"));
  EXPECT_FALSE(Date::parse("2024-04-31"));
}

TEST(Date, DayNumbersRoundTrip) {
  EXPECT_EQ((Date{1970, 1, 1}).days_since_epoch(), 0);
  EXPECT_EQ((Date{2000, 3, 1}).days_since_epoch(), 11017);
  for (long d = -800000; d < 800000; d += 997) EXPECT_EQ(Date::from_days(d).days_since_epoch(), d);
  EXPECT_EQ((Date{2024, 11, 5}).days_since_epoch() - (Date{2019, 12, 24}).days_since_epoch(), 1778);
  EXPECT_EQ((Date{2024, 5, 7}).iso(), "2024-05-07");
}

}  // namespace
}  // namespace detente
