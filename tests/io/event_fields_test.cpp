// Field parsers of the event readers. Regression tests for fuzz findings.
#include "io/events/fields.hpp"

#include <gtest/gtest.h>

namespace detente::events::detail {
namespace {

// fuzz_events_auto: a 12-digit "month" before the first '/' of an M/D/YYYY date overflowed
// the digit accumulator (UBSan: signed integer overflow) before its length was checked.
TEST(EventFields, LongDigitRunsAreNotDatesAndDoNotOverflow) {
  std::int32_t days = 0;
  EXPECT_FALSE(parse_date("201910241430/e.org/a", days));
  EXPECT_FALSE(parse_date("123456789012/1/2020", days));
  EXPECT_FALSE(parse_date("1/123456789012/2020", days));
  int v = 0;
  EXPECT_FALSE(digits_at("12345678901", 0, 11, v));
  EXPECT_TRUE(digits_at("123456789", 0, 9, v));
  EXPECT_EQ(v, 123456789);
  EXPECT_TRUE(parse_date("6/1/2018", days));
  EXPECT_EQ(Date::from_days(days).iso(), "2018-06-01");
}

}  // namespace
}  // namespace detente::events::detail
