// The tab splitter and the UTF-8 check of the event readers (see fields.hpp).
#include "io/events/fields.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <immintrin.h>
#endif

namespace detente::events::detail {

namespace {

struct Splitter {
  const char* p;
  std::size_t start = 0;
  int count = 0;  // fields closed by a tab so far
  int limit;
  Fields& out;

  inline void on_tabs(std::uint64_t mask, std::size_t base) {
    if (count >= limit) {
      count += __builtin_popcountll(mask);
      return;
    }
    while (mask) {
      std::size_t pos = base + static_cast<std::size_t>(__builtin_ctzll(mask));
      mask &= mask - 1;
      out.f[count++] = std::string_view(p + start, pos - start);
      start = pos + 1;
      if (count >= limit) {
        count += __builtin_popcountll(mask);
        return;
      }
    }
  }
  inline void finish(std::size_t n, bool high) {
    if (count < limit) out.f[count] = std::string_view(p + start, n - start);
    out.count = std::min(count + 1, kMaxFields + 1);
    out.high_bytes = high;
  }
};

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void split_tabs_avx2(std::string_view line, Fields& out,
                                                     int limit) {
  const char* p = line.data();
  const std::size_t n = line.size();
  Splitter sp{p, 0, 0, limit, out};
  const __m256i tab = _mm256_set1_epi8('\t');
  std::uint32_t high = 0;
  for (std::size_t i = 0; i < n; i += 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    std::uint32_t tabs =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, tab)));
    std::uint32_t hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(v));
    if (n - i < 32) {
      std::uint32_t keep = (1u << (n - i)) - 1;
      tabs &= keep;
      hi &= keep;
    }
    high |= hi;
    if (tabs) sp.on_tabs(tabs, i);
  }
  sp.finish(n, high != 0);
}

// One pass for the newline and the tabs: each 64-byte step gives three bit masks (tabs,
// newlines, high bytes), cut at the first newline.
__attribute__((target("avx2"))) inline std::uint64_t mask64(__m256i lo, __m256i hi) {
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(lo)) |
         (std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(hi))) << 32);
}
__attribute__((target("avx2"))) const char* split_line_avx2(const char* p, const char* end,
                                                            Fields& out, int limit) {
  const std::size_t n = static_cast<std::size_t>(end - p);
  Splitter sp{p, 0, 0, limit, out};
  const __m256i tab = _mm256_set1_epi8('\t');
  const __m256i nl = _mm256_set1_epi8('\n');
  std::uint64_t high = 0;
  for (std::size_t i = 0; i < n; i += 64) {
    __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32));
    std::uint64_t tabs = mask64(_mm256_cmpeq_epi8(v0, tab), _mm256_cmpeq_epi8(v1, tab));
    std::uint64_t nls = mask64(_mm256_cmpeq_epi8(v0, nl), _mm256_cmpeq_epi8(v1, nl));
    std::uint64_t hi = mask64(v0, v1);
    std::size_t len = n;
    std::uint64_t keep = ~std::uint64_t{0};
    if (nls) {
      const unsigned at = static_cast<unsigned>(__builtin_ctzll(nls));
      if (i + at < n) {
        len = i + at;
        keep = (std::uint64_t{1} << at) - 1;  // at < 64
      }
    }
    if (n - i < 64) keep &= (std::uint64_t{1} << (n - i)) - 1;
    tabs &= keep;
    high |= hi & keep;
    if (tabs) sp.on_tabs(tabs, i);
    if (len < n || n - i <= 64) {
      sp.finish(len, high != 0);
      return p + len;
    }
  }
  sp.finish(0, false);  // n == 0: one empty field
  return p;
}
const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#else
constexpr bool kHasAvx2 = false;
void split_tabs_avx2(std::string_view, Fields&, int) {}
const char* split_line_avx2(const char* p, const char*, Fields&, int) { return p; }
#endif

}  // namespace

void split_tabs(std::string_view line, Fields& out, int limit) {
  if (kHasAvx2) return split_tabs_avx2(line, out, limit);
  const char* p = line.data();
  const std::size_t n = line.size();
  Splitter sp{p, 0, 0, limit, out};
  bool high = false;
#if defined(__SSE2__)
  const __m128i tab = _mm_set1_epi8('\t');
  for (std::size_t i = 0; i < n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    unsigned tabs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)));
    unsigned hi = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (n - i < 16) {
      unsigned keep = (1u << (n - i)) - 1;
      tabs &= keep;
      hi &= keep;
    }
    high |= hi != 0;
    if (tabs) sp.on_tabs(tabs, i);
  }
#else
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    high |= c >= 0x80;
    if (c == '\t') sp.on_tabs(1, i);
  }
#endif
  sp.finish(n, high);
}

const char* split_line(const char* p, const char* end, Fields& out, int limit) {
  if (kHasAvx2) return split_line_avx2(p, end, out, limit);
  const char* nl =
      static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
  const char* stop = nl ? nl : end;
  split_tabs(std::string_view(p, static_cast<std::size_t>(stop - p)), out, limit);
  return stop;
}

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
      // Runs of ASCII (most of a GDELT line around a name with accents) 8 bytes a step.
      std::uint64_t word;
      while (end - p >= 8 && (std::memcpy(&word, p, 8), (word & 0x8080808080808080ULL) == 0))
        p += 8;
      continue;
    }
    int len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < len) return false;
    for (int k = 1; k < len; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += len;
  }
  return true;
}

}  // namespace detente::events::detail
