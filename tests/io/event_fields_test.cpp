// Field parsers of the event readers. Regression tests for fuzz findings.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "io/events/fields.hpp"

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

// What split_line must produce, one byte at a time: the fields up to the first '\n' (or the
// end), the field count, whether a high byte occurs before the newline.
struct ReferenceSplit {
  std::vector<std::string> fields;
  std::vector<std::size_t> ends;  // offset of each field's end (its tab, or the line's end)
  bool high = false;
  std::size_t length = 0;
};
ReferenceSplit reference_split(const std::string& text) {
  ReferenceSplit r;
  r.fields.emplace_back();
  std::size_t i = 0;
  for (; i < text.size() && text[i] != '\n'; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    r.high |= c >= 0x80;
    if (c == '\t') {
      r.ends.push_back(i);
      r.fields.emplace_back();
    } else
      r.fields.back() += static_cast<char>(c);
  }
  r.length = i;
  r.ends.push_back(i);
  return r;
}

// Every implementation of split_line this processor runs (portable, AVX2, AVX-512) against
// the byte-at-a-time reference, on random lines built to hit the 64-byte step boundaries:
// runs of empty fields (many tabs in one step), long fields, newlines and high bytes at
// every offset, lines with and without a newline, more fields than kMaxFields, and limits
// below the field count (fields past the limit counted, not recorded).
TEST(EventFields, EverySplitPathAgreesWithTheReference) {
  const SplitPath paths[] = {SplitPath::portable, SplitPath::avx2, SplitPath::avx512};
  std::mt19937_64 rng(20261202);
  const char alphabet[] = {'a', 'b', '0', '\t', '\t', '\t', '\r', '\xc3', '\xa9', ' '};
  int checked = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    std::string text;
    const std::size_t len = rng() % 400;
    const bool dense = rng() % 4 == 0;  // mostly tabs: up to 64 in one step
    for (std::size_t i = 0; i < len; ++i)
      text += dense && rng() % 4 ? '\t' : alphabet[rng() % sizeof alphabet];
    if (rng() % 2) text += '\n';
    text += "tail\tafter\tthe\tnewline";
    const int limit = rng() % 3 == 0 ? static_cast<int>(rng() % kMaxFields) + 1 : kMaxFields;
    const ReferenceSplit want = reference_split(text);
    // 64 readable bytes past the end, as the block padding provides.
    std::string padded = text + std::string(64, 'x');
    for (SplitPath path : paths) {
      if (!split_path_supported(path)) continue;
      // A stale field end from the path before must not pass for this one's.
      Fields got;
      std::fill(std::begin(got.f.end), std::end(got.f.end), std::size_t{0});
      const char* stop =
          split_line_with(path, padded.data(), padded.data() + text.size(), got, limit);
      SCOPED_TRACE(testing::Message() << "trial " << trial << " path " << static_cast<int>(path)
                                      << " limit " << limit);
      ASSERT_EQ(static_cast<std::size_t>(stop - padded.data()), want.length);
      const int count = static_cast<int>(want.fields.size());
      ASSERT_EQ(got.count, std::min(count, kMaxFields + 1));
      ASSERT_EQ(got.high_bytes, want.high);
      ASSERT_EQ(got.recorded, std::min(count, limit));
      for (int k = 0; k < std::min(count, limit); ++k) {
        ASSERT_EQ(got.f.end[k], want.ends[k]) << k;
        ASSERT_EQ(got.f[k], want.fields[k]) << k;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 4000);  // at least the portable path on every trial
}

}  // namespace
}  // namespace detente::events::detail
