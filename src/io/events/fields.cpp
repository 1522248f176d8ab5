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
  int count = 0;  // fields closed by a tab so far
  int limit;
  Fields& out;

  // The tabs at base + (set bits of mask). Once `limit` fields are recorded the rest are
  // only counted.
  inline void on_tabs(std::uint64_t mask, std::size_t base) {
    if (count >= limit) {
      count += __builtin_popcountll(mask);
      return;
    }
    std::size_t* end = out.f.end;
    int c = count;  // < limit <= kMaxFields: at most 64 stores, within the slack
    while (mask) {
      end[c++] = base + static_cast<std::size_t>(__builtin_ctzll(mask));
      mask &= mask - 1;
    }
    count = c;
  }
  inline void finish(std::size_t n, bool high) {
    out.f.line = p;
    if (count < limit) out.f.end[count] = n;
    out.count = std::min(count + 1, kMaxFields + 1);
    out.recorded = std::min(count + 1, limit);
    out.high_bytes = high;
  }
};

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void split_tabs_avx2(std::string_view line, Fields& out,
                                                     int limit) {
  const char* p = line.data();
  const std::size_t n = line.size();
  Splitter sp{p, 0, limit, out};
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

// One 64-byte step of split_line, from the step's bit masks of tabs, newlines and high
// bytes (bit b = byte i + b): cuts them at the first newline (and at n), adds the high
// bytes to `high`, and returns true when the line ends in this step, its length in `len`.
// Plain integer code, inlined into each vector loop.
[[gnu::always_inline]] inline bool line_cut(std::size_t n, std::size_t i, std::uint64_t& tabs,
                                            std::uint64_t nls, std::uint64_t hi,
                                            std::uint64_t& high, std::size_t& len) {
  len = n;
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
  return len < n || n - i <= 64;
}

// One pass for the newline and the tabs, 64 bytes a step: AVX2 as two 32-byte halves.
__attribute__((target("avx2"))) inline std::uint64_t mask64(__m256i lo, __m256i hi) {
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(lo)) |
         (std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(hi))) << 32);
}
__attribute__((target("avx2"))) const char* split_line_avx2(const char* p, const char* end,
                                                            Fields& out, int limit) {
  const std::size_t n = static_cast<std::size_t>(end - p);
  Splitter sp{p, 0, limit, out};
  const __m256i tab = _mm256_set1_epi8('\t');
  const __m256i nl = _mm256_set1_epi8('\n');
  std::uint64_t high = 0;
  for (std::size_t i = 0, len; i < n; i += 64) {
    __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32));
    std::uint64_t tabs = mask64(_mm256_cmpeq_epi8(v0, tab), _mm256_cmpeq_epi8(v1, tab));
    const bool last =
        line_cut(n, i, tabs, mask64(_mm256_cmpeq_epi8(v0, nl), _mm256_cmpeq_epi8(v1, nl)),
                 mask64(v0, v1), high, len);
    if (tabs) sp.on_tabs(tabs, i);
    if (last) {
      sp.finish(len, high != 0);
      return p + len;
    }
  }
  sp.finish(0, false);  // n == 0: one empty field
  return p;
}

// The same with AVX-512 (BW for the compares into mask registers, VBMI2 for the tabs): one
// load and three compares a step, and a step's tabs become field ends without a loop over
// them — vpcompressb packs the offsets of the set bits of the tab mask, and they are
// widened and stored eight at a time (a GDELT line has a tab every 6.6 bytes, so the
// one-tab-at-a-time loop was most of the split). On Zen 5 the whole `events aggregate` of
// 1 GB went from 0.29 to 0.21 s on one thread (docs/events.md, Speed).
#define DETENTE_AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vbmi2")))
alignas(64) constexpr std::uint8_t kByteIndex[64] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
    22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
    44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};

DETENTE_AVX512_TARGET inline void on_tabs_compress(Splitter& sp, std::uint64_t mask,
                                                   std::size_t base) {
  const int k = __builtin_popcountll(mask);
  if (sp.count < sp.limit) {
    // count < limit <= kMaxFields and k <= 64, rounded up to 8: within end[]'s slack.
    alignas(64) std::uint8_t at[64];
    _mm512_store_si512(at, _mm512_maskz_compress_epi8(mask, _mm512_load_si512(kByteIndex)));
    std::size_t* end = sp.out.f.end + sp.count;
    const __m512i b = _mm512_set1_epi64(static_cast<long long>(base));
    for (int g = 0; g < k; g += 8) {
      // (maskz with all lanes: GCC 12's plain cvtepu8_epi64 trips -Wmaybe-uninitialized)
      const __m128i eight = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(at + g));
      _mm512_storeu_si512(end + g, _mm512_add_epi64(b, _mm512_maskz_cvtepu8_epi64(0xFF, eight)));
    }
  }
  sp.count += k;
}

DETENTE_AVX512_TARGET const char* split_line_avx512(const char* p, const char* end, Fields& out,
                                                    int limit) {
  const std::size_t n = static_cast<std::size_t>(end - p);
  Splitter sp{p, 0, limit, out};
  const __m512i tab = _mm512_set1_epi8('\t');
  const __m512i nl = _mm512_set1_epi8('\n');
  std::uint64_t high = 0;
  for (std::size_t i = 0, len; i < n; i += 64) {
    const __m512i v = _mm512_loadu_si512(p + i);
    std::uint64_t tabs = _mm512_cmpeq_epi8_mask(v, tab);
    const bool last =
        line_cut(n, i, tabs, _mm512_cmpeq_epi8_mask(v, nl), _mm512_movepi8_mask(v), high, len);
    if (tabs) on_tabs_compress(sp, tabs, i);
    if (last) {
      sp.finish(len, high != 0);
      return p + len;
    }
  }
  sp.finish(0, false);
  return p;
}
#undef DETENTE_AVX512_TARGET
const bool kHasAvx2 = __builtin_cpu_supports("avx2");
const bool kHasAvx512 = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2");
#else
constexpr bool kHasAvx2 = false;
constexpr bool kHasAvx512 = false;
const char* split_line_avx512(const char* p, const char*, Fields&, int) { return p; }
void split_tabs_avx2(std::string_view, Fields&, int) {}
const char* split_line_avx2(const char* p, const char*, Fields&, int) { return p; }
#endif

}  // namespace

void split_tabs(std::string_view line, Fields& out, int limit) {
  if (kHasAvx2) return split_tabs_avx2(line, out, limit);
  const char* p = line.data();
  const std::size_t n = line.size();
  Splitter sp{p, 0, limit, out};
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

bool split_path_supported(SplitPath path) {
  switch (path) {
    case SplitPath::portable:
      return true;
    case SplitPath::avx2:
      return kHasAvx2;
    case SplitPath::avx512:
      return kHasAvx512;
  }
  return false;
}

const char* split_line_with(SplitPath path, const char* p, const char* end, Fields& out,
                            int limit) {
  if (path == SplitPath::avx512 && kHasAvx512) return split_line_avx512(p, end, out, limit);
  if (path != SplitPath::portable && kHasAvx2) return split_line_avx2(p, end, out, limit);
  const char* nl =
      static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
  const char* stop = nl ? nl : end;
  split_tabs(std::string_view(p, static_cast<std::size_t>(stop - p)), out, limit);
  return stop;
}

const char* split_line(const char* p, const char* end, Fields& out, int limit) {
  return split_line_with(SplitPath::avx512, p, end, out, limit);  // the widest there is
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
