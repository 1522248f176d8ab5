// Streaming event-data readers: input expansion, block reading (plain files, archives,
// stdin), per-file layout detection, the hand-rolled tab splitter and the row parsers.
#include "events/event_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <climits>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "core/date.hpp"
#include "events/countries.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#include <immintrin.h>
#endif

namespace detente::events {

// ---------------------------------------------------------------------------------------
// Names

std::string_view to_string(InputFormat f) {
  switch (f) {
    case InputFormat::auto_detect:
      return "auto";
    case InputFormat::gdelt1:
      return "gdelt1";
    case InputFormat::gdelt2:
      return "gdelt2";
    case InputFormat::gdelt_mentions:
      return "gdelt-mentions";
    case InputFormat::icews:
      return "icews";
    case InputFormat::cameo_tsv:
      return "cameo-tsv";
  }
  return "auto";
}

std::optional<InputFormat> input_format_from_string(std::string_view text) {
  for (auto f : {InputFormat::auto_detect, InputFormat::gdelt1, InputFormat::gdelt2,
                 InputFormat::gdelt_mentions, InputFormat::icews, InputFormat::cameo_tsv})
    if (to_string(f) == text) return f;
  return std::nullopt;
}

std::string_view to_string(Layout l) {
  switch (l) {
    case Layout::gdelt1_backfile:
      return "gdelt1-57";
    case Layout::gdelt1_daily:
      return "gdelt1-58";
    case Layout::gdelt2:
      return "gdelt2-61";
    case Layout::gdelt_mentions:
      return "gdelt2-mentions-16";
    case Layout::icews:
      return "icews-20";
    case Layout::cameo_tsv:
      return "cameo-tsv-4";
    case Layout::count:
      break;
  }
  return "?";
}

std::string_view to_string(ValueSource v) {
  switch (v) {
    case ValueSource::field:
      return "field";
    case ValueSource::gdelt:
      return "gdelt";
    case ValueSource::schrodt2007:
      return "schrodt2007";
    case ValueSource::icews:
      return "icews";
  }
  return "field";
}

std::optional<ValueSource> value_source_from_string(std::string_view text) {
  for (auto v :
       {ValueSource::field, ValueSource::gdelt, ValueSource::schrodt2007, ValueSource::icews})
    if (to_string(v) == text) return v;
  return std::nullopt;
}

std::string_view to_string(BadKind k) {
  switch (k) {
    case BadKind::short_row:
      return "short row";
    case BadKind::long_row:
      return "long row";
    case BadKind::bad_date:
      return "bad date";
    case BadKind::non_numeric:
      return "non-numeric field";
    case BadKind::invalid_utf8:
      return "invalid UTF-8";
    case BadKind::truncated:
      return "truncated or corrupt archive";
    case BadKind::unreadable:
      return "unreadable input";
    case BadKind::count:
      break;
  }
  return "?";
}

void ReadStats::merge(const ReadStats& o) {
  files += o.files;
  bytes += o.bytes;
  lines += o.lines;
  rows += o.rows;
  headers += o.headers;
  bad += o.bad;
  for (int i = 0; i < kLayoutCount; ++i) by_layout[i] += o.by_layout[i];
  for (int i = 0; i < kBadKindCount; ++i) bad_by_kind[i] += o.bad_by_kind[i];
  unknown_countries += o.unknown_countries;
  min_date = std::min(min_date, o.min_date);
  max_date = std::max(max_date, o.max_date);
  reported.insert(reported.end(), o.reported.begin(), o.reported.end());
}

std::string ReadStats::summary() const {
  std::string out = fmt::format("{} file(s), {} rows, {} bad", files, rows, bad);
  std::string kinds;
  for (int i = 0; i < kBadKindCount; ++i)
    if (bad_by_kind[i] > 0)
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", bad_by_kind[i],
                           to_string(static_cast<BadKind>(i)));
  if (!kinds.empty()) out += " (" + kinds + ")";
  return out;
}

// ---------------------------------------------------------------------------------------
// Inputs

namespace {
bool has_glob_chars(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }
}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& a : args) {
    if (a == "-") {
      out.push_back(a);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(a, ec))
        if (e.is_regular_file()) files.push_back(e.path().string());
      std::sort(files.begin(), files.end());
      if (files.empty()) fail({a, 0, ""}, "directory holds no files");
      out.insert(out.end(), files.begin(), files.end());
    } else if (fs::exists(a, ec)) {
      out.push_back(a);
    } else if (has_glob_chars(a)) {
      glob_t g{};
      int rc = ::glob(a.c_str(), 0, nullptr, &g);
      std::vector<std::string> files;
      if (rc == 0)
        for (size_t i = 0; i < g.gl_pathc; ++i)
          if (!fs::is_directory(g.gl_pathv[i], ec)) files.push_back(g.gl_pathv[i]);
      ::globfree(&g);
      if (files.empty()) fail({a, 0, ""}, "pattern matches no file");
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      fail({a, 0, ""}, "no such file or directory");
    }
  }
  return out;
}

namespace {

// ---------------------------------------------------------------------------------------
// Byte sources: a plain file descriptor, or libarchive for zip/gzip/bzip2/xz and stdin.

constexpr std::size_t kBlockSize = std::size_t{4} << 20;  // bytes per parse block
constexpr std::size_t kPad = 64;  // readable bytes past a block's end (vector loads)

class Source {
 public:
  virtual ~Source() = default;
  // Advances to the next entry (a plain file has exactly one); false at the end.
  virtual bool next_entry(std::string& entry_name) = 0;
  // Reads up to n bytes of the current entry; 0 at its end. Throws on archive errors
  // (as std::runtime_error with the library's message).
  virtual std::size_t read(char* dst, std::size_t n) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for archives).
  virtual std::int64_t consumed() const = 0;
};

class PlainSource : public Source {
 public:
  explicit PlainSource(int fd) : fd_(fd) {}
  ~PlainSource() override { ::close(fd_); }
  bool next_entry(std::string&) override { return !std::exchange(done_, true); }
  std::size_t read(char* dst, std::size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, dst, n);
      if (got >= 0) {
        consumed_ += got;
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR) throw std::runtime_error(std::strerror(errno));
    }
  }
  std::int64_t consumed() const override { return consumed_; }

 private:
  int fd_;
  bool done_ = false;
  std::int64_t consumed_ = 0;
};

class ArchiveSource : public Source {
 public:
  // Takes ownership of fd (stdin is not closed).
  explicit ArchiveSource(int fd, bool close_fd) : fd_(fd), close_fd_(close_fd) {
    a_ = archive_read_new();
    archive_read_support_filter_all(a_);
    archive_read_support_format_zip(a_);
    archive_read_support_format_tar(a_);
    archive_read_support_format_empty(a_);
    archive_read_support_format_raw(a_);
    if (archive_read_open_fd(a_, fd_, 1 << 20) != ARCHIVE_OK) throw_error();
  }
  ~ArchiveSource() override {
    archive_read_free(a_);
    if (close_fd_) ::close(fd_);
  }
  bool next_entry(std::string& name) override {
    for (;;) {
      archive_entry* e = nullptr;
      int rc = archive_read_next_header(a_, &e);
      if (rc == ARCHIVE_EOF) return false;
      if (rc < ARCHIVE_WARN) throw_error();
      if (archive_entry_filetype(e) != 0 && archive_entry_filetype(e) != AE_IFREG) continue;
      const char* p = archive_entry_pathname(e);
      name = p ? p : "";
      return true;
    }
  }
  // Reads in steps so that the data before a corrupt spot is delivered; the error is
  // raised on the next call.
  std::size_t read(char* dst, std::size_t n) override {
    if (!pending_error_.empty()) throw std::runtime_error(pending_error_);
    std::size_t total = 0;
    while (total < n) {
      la_ssize_t got =
          archive_read_data(a_, dst + total, std::min<std::size_t>(n - total, 1 << 18));
      if (got < 0) {
        const char* msg = archive_error_string(a_);
        pending_error_ = msg ? msg : "archive error";
        if (total == 0) throw std::runtime_error(pending_error_);
        break;
      }
      if (got == 0) break;
      total += static_cast<std::size_t>(got);
    }
    return total;
  }
  std::int64_t consumed() const override { return archive_filter_bytes(a_, -1); }

 private:
  [[noreturn]] void throw_error() {
    const char* msg = archive_error_string(a_);
    throw std::runtime_error(msg ? msg : "archive error");
  }
  archive* a_ = nullptr;
  std::string pending_error_;
  int fd_;
  bool close_fd_;
};

bool is_compressed_magic(const unsigned char* m, std::size_t n) {
  if (n >= 4 && m[0] == 'P' && m[1] == 'K' && (m[2] == 3 || m[2] == 5) && (m[3] == 4 || m[3] == 6))
    return true;                                                                            // zip
  if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) return true;                                  // gzip
  if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') return true;                     // bzip2
  if (n >= 6 && m[0] == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X') return true;     // xz
  if (n >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) return true;  // zstd
  return false;
}

// Opens a path ("-" = stdin); throws std::runtime_error with the reason when it cannot.
std::unique_ptr<Source> open_source(const std::string& path) {
  if (path == "-") return std::make_unique<ArchiveSource>(STDIN_FILENO, false);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::strerror(errno));
  unsigned char magic[8] = {};
  ssize_t n = ::pread(fd, magic, sizeof magic, 0);
  if (n < 0) {
    int err = errno;
    ::close(fd);
    throw std::runtime_error(std::strerror(err));
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  if (is_compressed_magic(magic, static_cast<std::size_t>(n)))
    return std::make_unique<ArchiveSource>(fd, true);
  return std::make_unique<PlainSource>(fd);
}

// ---------------------------------------------------------------------------------------
// Field splitting

constexpr int kMaxFields = 64;

struct Fields {
  int count = 0;
  bool high_bytes = false;  // a byte >= 0x80 occurs (UTF-8 check needed)
  std::string_view f[kMaxFields];
};

// Splits a line at tabs: records the first `limit` fields and counts all of them (a count
// above kMaxFields means "too many"). `line` must be followed by at least 32 readable bytes
// (the block padding): the vector paths load whole 16/32-byte words.
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

void split_tabs(std::string_view line, Fields& out, int limit = kMaxFields) {
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

// ---------------------------------------------------------------------------------------
// Field parsers

bool parse_int(std::string_view s, std::int64_t& v) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// A decimal number as hundredths ("-6.5" -> -650). Up to two decimals are exact; more
// are rounded. Empty or non-numeric text fails.
bool parse_centi(std::string_view s, std::int64_t& v) {
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

inline bool digits_at(std::string_view s, std::size_t from, std::size_t n, int& v) {
  if (s.size() < from + n) return false;
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
bool parse_date(std::string_view s, std::int32_t& days, bool prefix = false) {
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
    if (b == std::string_view::npos || !digits_at(s, 0, a, m) || a < 1 || a > 2 ||
        !digits_at(s, a + 1, b - a - 1, d) || b - a - 1 < 1 || b - a - 1 > 2 ||
        s.size() - b - 1 != 4 || !digits_at(s, b + 1, 4, y))
      return false;
  }
  if (!Date::valid(y, m, d)) return false;
  days = civil_days(y, m, d);
  return true;
}

// Goldstein values x100 of one scale for every CAMEO code, indexed by length and number.
struct GoldsteinTable {
  static constexpr std::int64_t kMissing = INT64_MIN;
  std::vector<std::int64_t> v = std::vector<std::int64_t>(5 * 10000, kMissing);
  explicit GoldsteinTable(GoldsteinScale scale) {
    for (std::size_t len = 2; len <= 4; ++len) {
      int limit = len == 2 ? 100 : len == 3 ? 1000 : 10000;
      for (int num = 0; num < limit; ++num) {
        std::string code = fmt::format("{:0{}d}", num, len);
        if (auto g = goldstein_or_base(code, scale)) v[len * 10000 + num] = std::llround(*g * 100);
      }
    }
  }
  std::int64_t lookup(std::string_view code) const {
    int num;
    if (code.size() < 2 || code.size() > 4 || !digits_at(code, 0, code.size(), num))
      return kMissing;
    return v[code.size() * 10000 + static_cast<std::size_t>(num)];
  }
};

const GoldsteinTable& goldstein_table(GoldsteinScale scale) {
  static const GoldsteinTable gdelt(GoldsteinScale::gdelt);
  static const GoldsteinTable schrodt(GoldsteinScale::schrodt2007);
  static const GoldsteinTable icews(GoldsteinScale::icews);
  switch (scale) {
    case GoldsteinScale::gdelt:
      return gdelt;
    case GoldsteinScale::schrodt2007:
      return schrodt;
    case GoldsteinScale::icews:
      return icews;
  }
  return gdelt;
}

GoldsteinScale scale_of(ValueSource v) {
  switch (v) {
    case ValueSource::schrodt2007:
      return GoldsteinScale::schrodt2007;
    case ValueSource::icews:
      return GoldsteinScale::icews;
    default:
      return GoldsteinScale::gdelt;
  }
}

QuadMapping quad_mapping_of(ValueSource v) {
  return v == ValueSource::icews ? QuadMapping::icews : QuadMapping::gdelt;
}

// Column positions of the fields the readers use in one GDELT event layout.
struct GdeltColumns {
  int a1_geo, a2_geo, action_geo, date_added, url;  // url = -1 when absent
};
constexpr GdeltColumns kGdelt57{37, 44, 51, 56, -1};
constexpr GdeltColumns kGdelt58{37, 44, 51, 56, 57};
constexpr GdeltColumns kGdelt61{37, 45, 53, 59, 60};

struct ParseError {
  BadKind kind;
  int field = -1;  // 0-based column
  const char* what = "";
};

class RowParser {
 public:
  explicit RowParser(const ReadOptions& o)
      : opt_(o), gdelt_tail_(o.need_geo || o.need_url || o.date_basis == DateBasis::added) {}

  // `format` is the file's resolved format; auto_detect means "GDELT events, any layout".
  std::optional<ParseError> parse(std::string_view line, InputFormat format, EventRow& row,
                                  std::int64_t& unknown_countries) {
    // GDELT event rows: the fields up to NumMentions (31) are always used; the rest only
    // for geography, DATEADDED or SOURCEURL.
    const bool gdelt = format == InputFormat::auto_detect || format == InputFormat::gdelt1 ||
                       format == InputFormat::gdelt2;
    split_tabs(line, fields_, gdelt && !gdelt_tail_ ? 32 : kMaxFields);
    if (fields_.high_bytes && !valid_utf8(line)) return ParseError{BadKind::invalid_utf8};
    switch (format) {
      case InputFormat::auto_detect:
      case InputFormat::gdelt1:
      case InputFormat::gdelt2:
        return parse_gdelt(format, row);
      case InputFormat::gdelt_mentions:
        return parse_mentions(row);
      case InputFormat::icews:
        return parse_icews(row, unknown_countries);
      case InputFormat::cameo_tsv:
        return parse_cameo_tsv(row);
    }
    return ParseError{BadKind::short_row};
  }

  const Fields& fields() const { return fields_; }

 private:
  bool date_of(std::string_view s, std::int32_t& days, bool prefix = false) {
    // Rows of a file mostly share a few dates: remember the last one.
    if (s == last_date_text_) {
      days = last_date_days_;
      return true;
    }
    if (!parse_date(s, days, prefix)) return false;
    last_date_buf_.assign(s);
    last_date_text_ = last_date_buf_;
    last_date_days_ = days;
    return true;
  }

  std::optional<ParseError> code_values(std::string_view code, int code_field,
                                        std::string_view quad_field, int quad_col,
                                        std::string_view g_field, int g_col, EventRow& row) {
    row.event_code = code;
    row.root = cameo_root_number(code);
    if (row.root == 0) return ParseError{BadKind::non_numeric, code_field, "a CAMEO event code"};
    if (opt_.quad == ValueSource::field && quad_col >= 0) {
      if (quad_field.size() != 1 || quad_field[0] < '1' || quad_field[0] > '4')
        return ParseError{BadKind::non_numeric, quad_col, "a QuadClass 1-4"};
      row.quad = quad_field[0] - '0';
    } else {
      row.quad = quad_class(code, quad_mapping_of(opt_.quad));
    }
    if (opt_.goldstein == ValueSource::field && g_col >= 0) {
      if (!parse_centi(g_field, row.goldstein_centi))
        return ParseError{BadKind::non_numeric, g_col, "a Goldstein value"};
    } else {
      std::int64_t g = goldstein_table(scale_of(opt_.goldstein)).lookup(code);
      if (g == GoldsteinTable::kMissing)
        return ParseError{BadKind::non_numeric, code_field, "a CAMEO code known to the scale"};
      row.goldstein_centi = g;
    }
    return std::nullopt;
  }

  std::optional<ParseError> parse_gdelt(InputFormat format, EventRow& row) {
    const int n = fields_.count;
    const GdeltColumns* cols = nullptr;
    if (n == 57 && format != InputFormat::gdelt2) {
      cols = &kGdelt57;
      row.layout = Layout::gdelt1_backfile;
    } else if (n == 58 && format != InputFormat::gdelt2) {
      cols = &kGdelt58;
      row.layout = Layout::gdelt1_daily;
    } else if (n == 61 && format != InputFormat::gdelt1) {
      cols = &kGdelt61;
      row.layout = Layout::gdelt2;
    } else {
      int want = format == InputFormat::gdelt2 ? 61 : format == InputFormat::gdelt1 ? 58 : 61;
      return ParseError{n < want ? BadKind::short_row : BadKind::long_row};
    }
    const auto& f = fields_.f;
    if (opt_.need_event_id && !parse_int(f[0], row.event_id))
      return ParseError{BadKind::non_numeric, 0, "an integer GLOBALEVENTID"};
    if (!date_of(f[1], row.event_date)) return ParseError{BadKind::bad_date, 1, "YYYYMMDD"};
    row.date = row.event_date;
    if (opt_.date_basis == DateBasis::added) {
      std::int32_t added;
      if (!parse_date(f[cols->date_added], added, true))
        return ParseError{BadKind::bad_date, cols->date_added, "YYYYMMDD[HHMMSS]"};
      row.date = added;
    }
    row.actor1_code = f[5];
    row.actor1_country = f[7];
    row.actor1_types[0] = f[12];
    row.actor1_types[1] = f[13];
    row.actor1_types[2] = f[14];
    row.actor2_code = f[15];
    row.actor2_country = f[17];
    row.actor2_types[0] = f[22];
    row.actor2_types[1] = f[23];
    row.actor2_types[2] = f[24];
    if (f[25].size() != 1 || (f[25][0] != '0' && f[25][0] != '1'))
      return ParseError{BadKind::non_numeric, 25, "IsRootEvent 0 or 1"};
    row.is_root = f[25][0] == '1';
    if (auto e = code_values(f[26], 26, f[29], 29, f[30], 30, row)) return e;
    // Bounded so that Goldstein x mentions sums cannot overflow.
    if (!parse_int(f[31], row.mentions) || row.mentions < 0 || row.mentions > 1'000'000'000)
      return ParseError{BadKind::non_numeric, 31, "an integer NumMentions (0 to 10^9)"};
    if (gdelt_tail_) {
      row.actor1_geo = f[cols->a1_geo];
      row.actor2_geo = f[cols->a2_geo];
      row.action_geo = f[cols->action_geo];
      row.url = cols->url >= 0 ? f[cols->url] : std::string_view{};
    } else {
      row.actor1_geo = row.actor2_geo = row.action_geo = row.url = {};
    }
    return std::nullopt;
  }

  std::optional<ParseError> parse_mentions(EventRow& row) {
    const int n = fields_.count;
    if (n != 16) return ParseError{n < 16 ? BadKind::short_row : BadKind::long_row};
    const auto& f = fields_.f;
    row.layout = Layout::gdelt_mentions;
    if (!parse_int(f[0], row.event_id))
      return ParseError{BadKind::non_numeric, 0, "an integer GLOBALEVENTID"};
    if (!parse_date(f[1], row.event_date, true))
      return ParseError{BadKind::bad_date, 1, "YYYYMMDDHHMMSS"};
    if (!parse_date(f[2], row.date, true))
      return ParseError{BadKind::bad_date, 2, "YYYYMMDDHHMMSS"};
    std::int64_t conf;
    if (!parse_int(f[11], conf))
      return ParseError{BadKind::non_numeric, 11, "an integer Confidence"};
    row.confidence = static_cast<int>(conf);
    row.mentions = 1;
    row.url = f[5];
    return std::nullopt;
  }

  std::string_view icews_country(std::string_view name, std::int64_t& unknown) {
    if (name.empty() || name == "NA") return {};
    std::string_view iso = iso3_from_name(name);
    if (iso.empty()) ++unknown;
    return iso;
  }

  std::optional<ParseError> parse_icews(EventRow& row, std::int64_t& unknown) {
    const int n = fields_.count;
    if (n != 20) return ParseError{n < 20 ? BadKind::short_row : BadKind::long_row};
    const auto& f = fields_.f;
    row.layout = Layout::icews;
    if (!parse_int(f[0], row.event_id))
      return ParseError{BadKind::non_numeric, 0, "an integer Event ID"};
    if (!date_of(f[1], row.event_date))
      return ParseError{BadKind::bad_date, 1, "YYYY-MM-DD or M/D/YYYY"};
    row.date = row.event_date;
    row.actor1_code = f[2];
    row.actor1_types[0] = f[3];
    row.actor1_types[1] = row.actor1_types[2] = {};
    row.actor1_country = icews_country(f[4], unknown);
    row.actor2_code = f[8];
    row.actor2_types[0] = f[9];
    row.actor2_types[1] = row.actor2_types[2] = {};
    row.actor2_country = icews_country(f[10], unknown);
    row.is_root = true;
    if (auto e = code_values(f[6], 6, {}, -1, f[7], 7, row)) return e;
    row.mentions = 1;
    row.url = f[11];
    row.actor1_geo = row.actor2_geo = row.action_geo = {};
    return std::nullopt;
  }

  std::optional<ParseError> parse_cameo_tsv(EventRow& row) {
    const int n = fields_.count;
    if (n != 4) return ParseError{n < 4 ? BadKind::short_row : BadKind::long_row};
    const auto& f = fields_.f;
    row.layout = Layout::cameo_tsv;
    row.event_id = 0;
    if (!date_of(f[0], row.event_date))
      return ParseError{BadKind::bad_date, 0, "YYYY-MM-DD or YYYYMMDD"};
    row.date = row.event_date;
    auto actor = [](std::string_view code, std::string_view& country, std::string_view* types) {
      country = code.size() >= 3 ? code.substr(0, 3) : std::string_view{};
      for (std::size_t k = 0; k < 3; ++k)
        types[k] = code.size() >= 3 + 3 * (k + 1) ? code.substr(3 + 3 * k, 3) : std::string_view{};
    };
    row.actor1_code = f[1];
    row.actor2_code = f[2];
    actor(f[1], row.actor1_country, row.actor1_types);
    actor(f[2], row.actor2_country, row.actor2_types);
    row.is_root = true;
    if (auto e = code_values(f[3], 3, {}, -1, {}, -1, row)) return e;
    row.mentions = 1;
    row.url = {};
    row.actor1_geo = row.actor2_geo = row.action_geo = {};
    return std::nullopt;
  }

  const ReadOptions& opt_;
  bool gdelt_tail_;
  Fields fields_;
  std::string last_date_buf_;
  std::string_view last_date_text_;
  std::int32_t last_date_days_ = 0;
};

std::string describe(const ParseError& e, InputFormat format, const Fields& fields) {
  switch (e.kind) {
    case BadKind::short_row:
    case BadKind::long_row: {
      std::string want = format == InputFormat::gdelt1           ? "57 or 58"
                         : format == InputFormat::gdelt2         ? "61"
                         : format == InputFormat::gdelt_mentions ? "16"
                         : format == InputFormat::icews          ? "20"
                         : format == InputFormat::cameo_tsv      ? "4"
                                                                 : "57, 58 or 61";
      std::string got = fields.count > kMaxFields ? fmt::format("more than {}", kMaxFields)
                                                  : std::to_string(fields.count);
      return fmt::format("{}: expected {} tab-separated fields, got {}", to_string(e.kind), want,
                         got);
    }
    case BadKind::invalid_utf8:
      return "invalid UTF-8 byte sequence";
    default: {
      std::string_view value =
          e.field >= 0 && e.field < fields.count ? fields.f[e.field] : std::string_view{};
      std::string shown(value.substr(0, 40));
      return fmt::format("{}: expected {}, got '{}'", to_string(e.kind), e.what, shown);
    }
  }
}

std::string field_name(const ParseError& e) {
  return e.field >= 0 ? fmt::format("column {}", e.field + 1) : std::string{};
}

// ---------------------------------------------------------------------------------------
// Layout detection from a file's first line.

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

struct Detected {
  InputFormat format;
  bool header;
};

Detected detect(std::string_view first_line, InputFormat requested) {
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
  bool icews_header = starts_with(first_line, "Event ID\tEvent Date\t");
  bool tsv_header = starts_with(first_line, "date\tsource\ttarget\tcode");
  if (requested != InputFormat::auto_detect)
    return {requested, (requested == InputFormat::icews && icews_header) ||
                           (requested == InputFormat::cameo_tsv && tsv_header)};
  if (icews_header) return {InputFormat::icews, true};
  if (tsv_header) return {InputFormat::cameo_tsv, true};
  std::size_t tabs =
      static_cast<std::size_t>(std::count(first_line.begin(), first_line.end(), '\t'));
  if (tabs + 1 == 16) return {InputFormat::gdelt_mentions, false};
  if (tabs + 1 == 4) return {InputFormat::cameo_tsv, false};
  if (tabs + 1 == 20) return {InputFormat::icews, false};
  return {InputFormat::auto_detect, false};  // GDELT events, layout per row
}

// ---------------------------------------------------------------------------------------
// The block pipeline.

struct Entry {
  std::string name;
  InputFormat format;
};

struct Block {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
  std::size_t size = 0;
  std::shared_ptr<const Entry> entry;
  std::size_t seq = 0;
  bool skip_first = false;     // header line
  std::size_t skip_bytes = 0;  // a byte-order mark before the first line
};

struct PendingBad {
  std::size_t seq;
  std::int64_t local_line;  // 1-based within the block
  BadRow row;
};

struct WorkerState {
  ReadStats stats;
  std::vector<PendingBad> bad;
  std::vector<std::pair<std::size_t, std::int64_t>> lines_per_block;  // (seq, lines)
};

class Pipeline {
 public:
  Pipeline(const ReadOptions& o, const RowVisitor& v) : opt_(o), visit_(v) {
    threads_ = std::max(1, (o.strict ? 1 : o.threads));
    workers_.resize(static_cast<std::size_t>(threads_));
  }

  ReadStats run(const std::vector<std::string>& inputs) {
    std::vector<std::thread> pool;
    if (threads_ > 1)
      for (int w = 0; w < threads_; ++w) pool.emplace_back([this, w] { worker_loop(w); });
    for (const auto& path : inputs) {
      if (stop_.load()) break;
      read_input(path);
    }
    if (threads_ > 1) {
      {
        std::lock_guard lk(mu_);
        done_ = true;
      }
      cv_work_.notify_all();
      for (auto& t : pool) t.join();
    }
    if (progress_shown_) std::cerr << "\r\033[K" << std::flush;
    return finish();
  }

 private:
  // Reads one input (all entries of an archive) into blocks.
  void read_input(const std::string& path) {
    std::unique_ptr<Source> src;
    std::string display = path == "-" ? "<stdin>" : path;
    try {
      src = open_source(path);
    } catch (const std::exception& e) {
      source_error(display, BadKind::unreadable, fmt::format("cannot open: {}", e.what()));
      return;
    }
    reader_stats_.files += 1;
    std::string entry_name;
    for (;;) {
      bool has;
      try {
        has = src->next_entry(entry_name);
      } catch (const std::exception& e) {
        source_error(display, BadKind::truncated, e.what());
        return;
      }
      if (!has) break;
      std::string name = display;
      bool archive = dynamic_cast<ArchiveSource*>(src.get()) != nullptr;
      // libarchive names the single entry of a bare gzip/xz stream "data".
      if (archive && entry_name != "data" && !entry_name.empty()) name = display + ":" + entry_name;
      if (!read_entry(*src, name)) return;
      if (stop_.load()) return;
    }
    base_consumed_ += src->consumed();
  }

  // Returns false when the source failed (the rest of it is skipped).
  bool read_entry(Source& src, const std::string& name) {
    std::shared_ptr<Entry> entry;
    Block cur = take_block(kBlockSize);
    std::size_t carry = 0;
    bool first = true;
    bool ok = true;
    std::string read_error;
    for (;;) {
      if (cur.capacity - carry < kBlockSize / 4) grow(cur, carry);
      std::size_t got = 0;
      try {
        got = src.read(cur.data.get() + carry, cur.capacity - carry);
      } catch (const std::exception& e) {
        read_error = e.what();  // reported after the data before it
        ok = false;
        got = 0;
      }
      reader_stats_.bytes += static_cast<std::int64_t>(got);
      std::size_t filled = carry + got;
      bool eof = got == 0;
      if (first && (filled > 0 || eof)) {
        const char* nl = static_cast<const char*>(std::memchr(cur.data.get(), '\n', filled));
        if (!nl && !eof) {  // first line longer than the buffer so far: read more
          carry = filled;
          continue;
        }
        std::string_view line(cur.data.get(),
                              nl ? static_cast<std::size_t>(nl - cur.data.get()) : filled);
        // A UTF-8 byte-order mark (some Windows exports) is not part of the first field.
        if (line.substr(0, 3) == "\xEF\xBB\xBF") {
          line.remove_prefix(3);
          cur.skip_bytes = 3;
        }
        Detected d = detect(line, opt_.format);
        entry = std::make_shared<Entry>(Entry{name, d.format});
        entries_.push_back(entry);
        cur.skip_first = d.header;
        first = false;
      }
      // Cut at the last newline; the rest carries over to the next block.
      std::size_t cut = filled;
      if (!eof) {
        const char* base = cur.data.get();
        const void* last = memrchr(base, '\n', filled);
        if (!last) {
          carry = filled;  // one line longer than the buffer: grow and read on
          continue;
        }
        cut = static_cast<std::size_t>(static_cast<const char*>(last) - base) + 1;
      }
      Block next;
      std::size_t rest = filled - cut;
      if (!eof) {
        next = take_block(std::max(kBlockSize, rest * 2));
        std::memcpy(next.data.get(), cur.data.get() + cut, rest);
      }
      cur.size = cut;
      if (cur.size > 0 && entry) {
        cur.entry = entry;
        cur.seq = next_seq_++;
        seq_entry_.push_back(entry.get());
        dispatch(std::move(cur));
      } else {
        give_back(std::move(cur));
      }
      show_progress(src);
      if (eof || stop_.load()) break;
      cur = std::move(next);
      cur.skip_first = false;
      cur.skip_bytes = 0;
      carry = rest;
    }
    if (!ok) source_error(name, BadKind::truncated, read_error);
    return ok;
  }

  void grow(Block& b, std::size_t keep) {
    std::size_t cap = b.capacity * 2;
    auto data = std::make_unique<char[]>(cap + kPad);
    std::memcpy(data.get(), b.data.get(), keep);
    b.data = std::move(data);
    b.capacity = cap;
  }

  Block take_block(std::size_t capacity) {
    {
      std::lock_guard lk(mu_);
      for (auto it = free_.begin(); it != free_.end(); ++it)
        if (it->capacity >= capacity) {
          Block b = std::move(*it);
          free_.erase(it);
          b.size = 0;
          b.skip_first = false;
          b.skip_bytes = 0;
          b.entry.reset();
          return b;
        }
    }
    Block b;
    b.capacity = capacity;
    b.data = std::make_unique<char[]>(capacity + kPad);
    std::memset(b.data.get() + capacity, 0, kPad);
    return b;
  }

  void give_back(Block&& b) {
    std::lock_guard lk(mu_);
    b.entry.reset();
    if (free_.size() < static_cast<std::size_t>(threads_) * 2 + 4) free_.push_back(std::move(b));
  }

  void dispatch(Block&& b) {
    if (threads_ == 1) {
      process(b, workers_[0], 0);
      give_back(std::move(b));
      return;
    }
    std::unique_lock lk(mu_);
    cv_space_.wait(lk, [this] { return queue_.size() < static_cast<std::size_t>(threads_) * 2; });
    queue_.push_back(std::move(b));
    lk.unlock();
    cv_work_.notify_one();
  }

  void worker_loop(int w) {
    for (;;) {
      Block b;
      {
        std::unique_lock lk(mu_);
        cv_work_.wait(lk, [this] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        b = std::move(queue_.front());
        queue_.pop_front();
      }
      cv_space_.notify_one();
      process(b, workers_[static_cast<std::size_t>(w)], w);
      give_back(std::move(b));
    }
  }

  void process(const Block& b, WorkerState& ws, int w) {
    RowParser parser(opt_);
    EventRow row;
    const char* p = b.data.get() + b.skip_bytes;
    const char* end = b.data.get() + b.size;
    std::int64_t line_no = 0;
    std::int64_t reported_here = 0;
    const InputFormat format = b.entry->format;
    while (p < end) {
      const char* nl =
          static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* stop = nl ? nl : end;
      std::string_view line(p, static_cast<std::size_t>(stop - p));
      p = nl ? nl + 1 : end;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line_no == 1 && b.skip_first) {
        ws.stats.headers += 1;
        continue;
      }
      if (line.empty()) continue;
      ws.stats.lines += 1;
      auto err = parser.parse(line, format, row, ws.stats.unknown_countries);
      if (err) {
        ws.stats.bad += 1;
        ws.stats.bad_by_kind[static_cast<int>(err->kind)] += 1;
        if (reported_here < opt_.max_reported) {
          ++reported_here;
          ws.bad.push_back({b.seq, line_no,
                            BadRow{err->kind,
                                   {b.entry->name, 0, field_name(*err)},
                                   describe(*err, format, parser.fields())}});
        }
        if (opt_.strict) {
          stop_.store(true);
          break;
        }
        continue;
      }
      ws.stats.rows += 1;
      ws.stats.by_layout[static_cast<int>(row.layout)] += 1;
      ws.stats.min_date = std::min(ws.stats.min_date, row.event_date);
      ws.stats.max_date = std::max(ws.stats.max_date, row.event_date);
      visit_(row, w);
    }
    ws.lines_per_block.emplace_back(b.seq, line_no);
  }

  // An error of a whole source (cannot open, truncated archive): reported like a bad row.
  void source_error(const std::string& name, BadKind kind, std::string message) {
    reader_stats_.bad += 1;
    reader_stats_.bad_by_kind[static_cast<int>(kind)] += 1;
    // Ordered after every block read so far from this source.
    reader_bad_.push_back({next_seq_, 0, BadRow{kind, {name, 0, ""}, std::move(message)}});
    ++next_seq_;
    seq_entry_.push_back(nullptr);
    if (opt_.strict) stop_.store(true);
  }

  void show_progress(Source& src) {
    if (!opt_.progress) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_progress_ < std::chrono::milliseconds(500)) return;
    last_progress_ = now;
    progress_shown_ = true;
    double mb = static_cast<double>(base_consumed_ + src.consumed()) / 1e6;
    std::cerr << fmt::format("\rdetente events: {:.0f} MB read, {:.0f} MB text", mb,
                             static_cast<double>(reader_stats_.bytes) / 1e6)
              << std::flush;
  }

  ReadStats finish() {
    ReadStats total = reader_stats_;
    std::vector<PendingBad> bad = std::move(reader_bad_);
    std::vector<std::int64_t> lines(next_seq_ + 1, 0);
    for (auto& ws : workers_) {
      total.merge(ws.stats);
      bad.insert(bad.end(), ws.bad.begin(), ws.bad.end());
      for (auto [seq, n] : ws.lines_per_block) lines[seq] = n;
    }
    // Line numbers: blocks of one entry are consecutive sequence numbers.
    std::sort(bad.begin(), bad.end(), [](const PendingBad& a, const PendingBad& b) {
      return std::tie(a.seq, a.local_line) < std::tie(b.seq, b.local_line);
    });
    if (bad.size() > static_cast<std::size_t>(opt_.max_reported))
      bad.resize(static_cast<std::size_t>(opt_.max_reported));
    total.reported.clear();
    for (auto& pb : bad) {
      BadRow r = pb.row;
      if (pb.local_line > 0) {
        std::int64_t before = 0;
        // Walk back over earlier blocks of the same entry (same name, consecutive seqs).
        for (std::size_t s = pb.seq; s-- > 0;) {
          if (seq_entry_[s] != seq_entry_[pb.seq]) break;
          before += lines[s];
        }
        r.where.line = static_cast<int>(before + pb.local_line);
      }
      total.reported.push_back(std::move(r));
    }
    if (opt_.strict && !total.reported.empty()) {
      const BadRow& first = total.reported.front();
      throw InputError(first.where, first.message);
    }
    return total;
  }

  const ReadOptions& opt_;
  const RowVisitor& visit_;
  int threads_ = 1;
  std::vector<WorkerState> workers_;
  ReadStats reader_stats_;
  std::vector<PendingBad> reader_bad_;
  std::vector<std::shared_ptr<Entry>> entries_;
  std::vector<const Entry*> seq_entry_;  // entry of each block sequence number
  std::size_t next_seq_ = 0;
  std::int64_t base_consumed_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_work_, cv_space_;
  std::deque<Block> queue_;
  std::vector<Block> free_;
  bool done_ = false;
  bool progress_shown_ = false;
  std::chrono::steady_clock::time_point last_progress_ = std::chrono::steady_clock::now();
};

}  // namespace

ReadStats read_events(const std::vector<std::string>& inputs, const ReadOptions& options,
                      const RowVisitor& visit) {
  const int threads = options.strict ? 1 : std::max(1, options.threads);
  const int n = static_cast<int>(inputs.size());
  if (threads == 1 || n < 2) {
    Pipeline pipeline(options, visit);
    return pipeline.run(inputs);
  }
  // Several inputs: one whole file per thread, so that decompression runs in parallel too.
  // Statistics are merged in input order, so reports do not depend on the scheduling.
  std::vector<ReadStats> per_file(inputs.size());
  std::atomic<int> next{0}, done{0};
  std::atomic<bool> failed{false};
  const auto started = std::chrono::steady_clock::now();
  bool shown = false;  // guarded by error_mu
  std::exception_ptr error;
  std::mutex error_mu;
  auto work = [&](int t) {
    ReadOptions one = options;
    one.threads = 1;
    one.progress = false;
    RowVisitor as_worker = [&visit, t](const EventRow& r, int) { visit(r, t); };
    for (int i; !failed.load() && (i = next.fetch_add(1)) < n;) {
      try {
        Pipeline pipeline(one, as_worker);
        per_file[static_cast<std::size_t>(i)] = pipeline.run({inputs[static_cast<std::size_t>(i)]});
      } catch (...) {
        std::lock_guard lk(error_mu);
        if (!error) error = std::current_exception();
        failed.store(true);
      }
      int d = ++done;
      if (options.progress &&
          std::chrono::steady_clock::now() - started > std::chrono::milliseconds(500)) {
        shown = true;
        std::lock_guard lk(error_mu);
        std::cerr << fmt::format("\rdetente events: {} of {} files", d, n) << std::flush;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min(threads, n); ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  if (shown) std::cerr << "\r\033[K" << std::flush;
  if (error) std::rethrow_exception(error);
  ReadStats total;
  std::vector<BadRow> reported;
  for (auto& st : per_file) {
    for (auto& r : st.reported)
      if (reported.size() < static_cast<std::size_t>(options.max_reported)) reported.push_back(r);
    st.reported.clear();
    total.merge(st);
  }
  total.reported = std::move(reported);
  return total;
}

std::optional<BadKind> parse_event_line(std::string_view line, Layout layout,
                                        const ReadOptions& options, EventRow& row,
                                        std::string* message) {
  InputFormat format = InputFormat::auto_detect;
  switch (layout) {
    case Layout::gdelt_mentions:
      format = InputFormat::gdelt_mentions;
      break;
    case Layout::icews:
      format = InputFormat::icews;
      break;
    case Layout::cameo_tsv:
      format = InputFormat::cameo_tsv;
      break;
    default:
      break;
  }
  // Copy into a padded buffer: the splitter reads in 16-byte steps.
  thread_local std::string buf;
  buf.assign(line);
  buf.append(kPad, '\0');
  RowParser parser(options);
  std::int64_t unknown = 0;
  auto err = parser.parse(std::string_view(buf.data(), line.size()), format, row, unknown);
  if (!err) return std::nullopt;
  if (message) *message = describe(*err, format, parser.fields());
  return err->kind;
}

}  // namespace detente::events
