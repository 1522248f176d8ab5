// detente/core/date.hpp
//
// A calendar date (proleptic Gregorian) for timelines and event data. Comparable,
// printable as ISO 8601, convertible to a day number for arithmetic.
//
// Example:
//   auto d = detente::Date::parse("2024-05-27");   // std::nullopt if not a real date
//   int days = d->days_since_epoch() - detente::Date{2023, 11, 26}.days_since_epoch();
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace detente {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Accepts YYYY-MM-DD (also YYYYMMDD); rejects dates that do not exist (2023-02-29).
  static std::optional<Date> parse(std::string_view text);
  static bool valid(int year, int month, int day);
  static Date from_days(long days);  // inverse of days_since_epoch

  long days_since_epoch() const;  // 1970-01-01 is day 0
  std::string iso() const;        // "2024-05-27"
  // Months since year 0, for monthly steps: (year*12 + month-1).
  int month_index() const { return year * 12 + (month - 1); }

  auto operator<=>(const Date&) const = default;
};

}  // namespace detente
