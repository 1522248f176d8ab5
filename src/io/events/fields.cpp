// The tab splitter and the UTF-8 check of the event readers (see fields.hpp).
#include "io/events/fields.hpp"

#include <algorithm>

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
const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#else
constexpr bool kHasAvx2 = false;
void split_tabs_avx2(std::string_view, Fields&, int) {}
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

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
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
