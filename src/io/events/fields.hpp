// detente/io/events/fields.hpp (internal to the event readers)
//
// Field splitting and field parsers shared by every event format: the tab splitter
// (SSE2, AVX2, AVX-512; these formats have no quoting), the UTF-8 check, integers, decimal
// numbers as hundredths and the calendar dates the formats use. All are O(length of the
// field).
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/date.hpp"

namespace detente::events::detail {

constexpr int kMaxFields = 64;

// A split line. Field k (k < recorded) is f[k]; the splitter records only where each field
// ends (one store per tab, no dependence between them), and a field begins one past the
// end of the one before.
struct Fields {
  int count = 0;            // fields in the line (kMaxFields + 1: more than kMaxFields)
  int recorded = 0;         // fields recorded: min(count, limit)
  bool high_bytes = false;  // a byte >= 0x80 occurs (UTF-8 check needed)
  struct View {
    const char* line = nullptr;
    // Ends of the fields; 64 entries of slack, as a 64-byte step stores all its tabs before
    // the limit is checked.
    std::size_t end[kMaxFields + 64];
    std::string_view operator[](int k) const {
      const std::size_t begin = k > 0 ? end[k - 1] + 1 : 0;
      return std::string_view(line + begin, end[k] - begin);
    }
  } f;
};

// Splits a line at tabs: records the first `limit` fields and counts all of them (a count
// above kMaxFields means "too many"). `line` must be followed by at least 32 readable bytes
// (the block padding): the vector paths load whole 16/32-byte words.
void split_tabs(std::string_view line, Fields& out, int limit = kMaxFields);

// The same for the line that starts at `p` and ends at the first '\n' before `end` (or at
// `end`): the newline search and the split are one pass over the bytes. Returns the end of
// the line (its '\n', or `end`). Reads up to 63 bytes past the line's end, which must be
// readable (block padding, or the file's following bytes).
const char* split_line(const char* p, const char* end, Fields& out, int limit = kMaxFields);

// split_line's implementations, for the tests and benchmarks that compare them: split_line
// takes the widest the processor runs (AVX-512BW with VBMI2, then AVX2, then the portable
// one: memchr for the newline, then split_tabs).
enum class SplitPath { portable, avx2, avx512 };
bool split_path_supported(SplitPath path);
// split_line on `path` (a narrower one where the processor lacks it).
const char* split_line_with(SplitPath path, const char* p, const char* end, Fields& out,
                            int limit = kMaxFields);

bool valid_utf8(std::string_view s);

inline bool parse_int(std::string_view s, std::int64_t& v) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// A decimal number as hundredths ("-6.5" -> -650). Up to two decimals are exact; more
// are rounded. Empty or non-numeric text fails.
inline bool parse_centi(std::string_view s, std::int64_t& v) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  std::int64_t whole = 0;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 15) {
    whole = whole * 10 + (s[i++] - '0');
    ++digits;
  }
  std::int64_t frac = 0;
  std::size_t fdigits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (fdigits < 2)
        frac = frac * 10 + (s[i] - '0');
      else if (fdigits == 2 && s[i] >= '5')
        frac += 1;  // round half up on the 3rd decimal
      ++fdigits;
      ++i;
    }
  }
  if (i != s.size() || digits + fdigits == 0) return false;
  if (fdigits == 1) frac *= 10;
  if (fdigits == 0) frac = 0;
  std::int64_t r = whole * 100 + frac;
  v = neg ? -r : r;
  return true;
}

// Days since epoch of a valid Y/M/D (no validation).
inline std::int32_t civil_days(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy =
      (153 * static_cast<unsigned>(m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

// The n ≤ 9 decimal digits at s[from, from + n) (more would overflow an int: false).
inline bool digits_at(std::string_view s, std::size_t from, std::size_t n, int& v) {
  if (n > 9 || s.size() < from + n) return false;
  int r = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    r = r * 10 + (c - '0');
  }
  v = r;
  return true;
}

// YYYYMMDD (also the first 8 digits of YYYYMMDDHHMMSS when `prefix` is true), YYYY-MM-DD
// or M/D/YYYY (ICEWS 2017 files).
inline bool parse_date(std::string_view s, std::int32_t& days, bool prefix = false) {
  int y = 0, m = 0, d = 0;
  if ((s.size() == 8 || (prefix && s.size() == 14)) && digits_at(s, 0, 4, y) &&
      digits_at(s, 4, 2, m) && digits_at(s, 6, 2, d)) {
    if (prefix && s.size() == 14) {
      int rest;
      if (!digits_at(s, 8, 6, rest)) return false;
    }
  } else if (s.size() == 10 && s[4] == '-' && s[7] == '-' && digits_at(s, 0, 4, y) &&
             digits_at(s, 5, 2, m) && digits_at(s, 8, 2, d)) {
  } else {
    auto a = s.find('/');
    auto b = a == std::string_view::npos ? a : s.find('/', a + 1);
    if (b == std::string_view::npos || a < 1 || a > 2 || !digits_at(s, 0, a, m) || b - a - 1 < 1 ||
        b - a - 1 > 2 || !digits_at(s, a + 1, b - a - 1, d) || s.size() - b - 1 != 4 ||
        !digits_at(s, b + 1, 4, y))
      return false;
  }
  if (!Date::valid(y, m, d)) return false;
  days = civil_days(y, m, d);
  return true;
}

}  // namespace detente::events::detail
