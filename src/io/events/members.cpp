// Zip and gzip members inflated whole with libdeflate (see members.hpp).
#include "io/events/members.hpp"

#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

namespace detente::events::detail {

namespace {

std::uint32_t u16(const unsigned char* p) { return p[0] | (std::uint32_t(p[1]) << 8); }
std::uint32_t u32(const unsigned char* p) { return u16(p) | (u16(p + 2) << 16); }

struct Member {
  std::string name;
  std::size_t data = 0;  // offset of the compressed bytes (after the local header)
  std::size_t compressed = 0, size = 0;
  std::uint32_t crc = 0;
  int method = 0;     // 0 stored, 8 deflate; another value is streamed
  bool whole = true;  // false: streamed (too large, encrypted, zip64, ...)
};

// The regular-file members of a zip in file order, from its central directory; false
// when the directory cannot be read (the streaming reader then reports what is wrong).
bool zip_members(const std::string& z, std::vector<Member>& out) {
  const auto* b = reinterpret_cast<const unsigned char*>(z.data());
  const std::size_t n = z.size();
  if (n < 22) return false;
  std::size_t eocd = std::string::npos;
  for (std::size_t i = n - 22 + 1; i-- > (n > 22 + 65535 ? n - 22 - 65535 : 0);)
    if (u32(b + i) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd == std::string::npos) return false;
  const std::size_t count = u16(b + eocd + 10), cd_size = u32(b + eocd + 12);
  const std::size_t cd = u32(b + eocd + 16);
  if (count == 0xffff || cd == 0xffffffff || cd_size > n || cd > n - cd_size) return false;
  std::size_t p = cd;
  for (std::size_t k = 0; k < count; ++k) {
    if (p + 46 > cd + cd_size || u32(b + p) != 0x02014b50) return false;
    Member m;
    const unsigned flags = u16(b + p + 8);
    m.method = static_cast<int>(u16(b + p + 10));
    m.crc = u32(b + p + 16);
    m.compressed = u32(b + p + 20);
    m.size = u32(b + p + 24);
    const std::size_t name_len = u16(b + p + 28), extra = u16(b + p + 30), note = u16(b + p + 32);
    const unsigned host = u16(b + p + 4) >> 8;
    const std::uint32_t mode = u32(b + p + 38) >> 16;
    const std::size_t local = u32(b + p + 42);
    if (p + 46 + name_len > cd + cd_size) return false;
    m.name.assign(z, p + 46, name_len);
    p += 46 + name_len + extra + note;
    if (!m.name.empty() && m.name.back() == '/') continue;                            // a directory
    if (host == 3 && (mode & 0170000) != 0 && (mode & 0170000) != 0100000) continue;  // a link
    if (local + 30 > n || u32(b + local) != 0x04034b50) return false;
    m.data = local + 30 + u16(b + local + 26) + u16(b + local + 28);
    m.whole = (flags & 1) == 0 && (m.method == 0 || m.method == 8) && m.compressed != 0xffffffff &&
              m.size != 0xffffffff && m.size <= kWholeMemberMax && m.data <= n &&
              m.compressed <= n - m.data;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(),
            [](const Member& x, const Member& y) { return x.data < y.data; });
  return true;
}

// A tar archive's first header has "ustar" at offset 257.
bool is_tar(const char* p, std::size_t n) {
  return n >= 262 && std::memcmp(p + 257, "ustar", 5) == 0;
}

// A gzip file too large to inflate whole, inflated by ISA-L's igzip (about twice zlib's
// speed) straight into the caller's buffer, concatenated members in turn. Unlike
// libarchive's gzip filter, igzip checks each member's CRC-32 and length.
class GzipStreamSource : public Source {
 public:
  // Reads the file open as fd (and closes it), or, with fd = -1, the bytes `memory`.
  explicit GzipStreamSource(int fd, std::string_view memory = {})
      : fd_(fd), memory_(memory), in_(fd >= 0 ? std::size_t{1} << 20 : 0) {
    start_member();
  }
  ~GzipStreamSource() override {
    if (fd_ >= 0) ::close(fd_);
  }
  bool next_entry(std::string& name) override {
    if (std::exchange(given_, true)) return false;
    name = "data";  // as libarchive names a bare stream
    return true;
  }
  std::size_t read(char* dst, std::size_t n) override {
    if (!pending_error_.empty()) throw std::runtime_error(pending_error_);
    std::size_t total = 0;
    while (total < n && !done_) {
      if (z_.avail_in < 2 && !eof_) refill();
      z_.next_out = reinterpret_cast<std::uint8_t*>(dst + total);
      z_.avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(n - total, 1u << 30));
      const int rc = isal_inflate(&z_);
      const bool progress = reinterpret_cast<char*>(z_.next_out) != dst + total;
      total = static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_out) - dst);
      std::string message;
      if (rc < 0) {
        message = rc == ISAL_INCORRECT_CHECKSUM ? "corrupt gzip member: CRC-32 or length mismatch"
                                                : "corrupt gzip stream (invalid deflate data)";
      } else if (z_.block_state == ISAL_BLOCK_FINISH) {
        if (z_.avail_in < 2 && !eof_) refill();
        // Another member follows, or the end (trailing bytes that are no member are ignored,
        // as gzip -d does).
        if (z_.avail_in >= 2 && z_.next_in[0] == 0x1f && z_.next_in[1] == 0x8b)
          start_member();
        else
          done_ = true;
        continue;
      } else if (eof_ && z_.avail_in == 0 && !progress) {
        message = "unexpected end of the gzip stream (truncated)";
      } else {
        continue;
      }
      if (total == 0) throw std::runtime_error(message);
      pending_error_ = std::move(message);  // raised after the data before it
      break;
    }
    return total;
  }
  std::int64_t consumed() const override { return consumed_; }
  bool is_archive() const override { return true; }

 private:
  void start_member() {
    std::uint8_t* in = z_.next_in;
    const std::uint32_t avail = z_.avail_in;
    isal_inflate_init(&z_);
    z_.crc_flag = ISAL_GZIP;  // parse the gzip header, check the trailer
    z_.next_in = in;
    z_.avail_in = avail;
  }
  void refill() {
    if (fd_ < 0) {  // all of it at once
      z_.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(memory_.data()));
      z_.avail_in = static_cast<std::uint32_t>(memory_.size());
      consumed_ = static_cast<std::int64_t>(memory_.size());
      eof_ = true;
      return;
    }
    // Keep the unread bytes (at most one) in front of the new ones.
    const std::size_t keep = z_.avail_in;
    if (keep) std::memmove(in_.data(), z_.next_in, keep);
    for (;;) {
      ssize_t r = ::read(fd_, in_.data() + keep, in_.size() - keep);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw std::runtime_error(std::strerror(errno));
      if (r == 0) eof_ = true;
      consumed_ += r;
      z_.next_in = in_.data();
      z_.avail_in = static_cast<std::uint32_t>(keep + static_cast<std::size_t>(r));
      return;
    }
  }
  int fd_;
  std::string_view memory_;
  inflate_state z_{};
  std::vector<std::uint8_t> in_;
  bool given_ = false, eof_ = false, done_ = false;
  std::int64_t consumed_ = 0;
  std::string pending_error_;
};

class WholeMemberSource : public Source {
 public:
  WholeMemberSource(std::string bytes, std::vector<Member> members, bool gzip)
      : bytes_(std::move(bytes)), members_(std::move(members)), gzip_(gzip) {}
  ~WholeMemberSource() override {
    if (d_) libdeflate_free_decompressor(d_);
  }

  bool next_entry(std::string& name) override {
    if (stream_) {
      failure_.clear();
      return stream_->next_entry(name);
    }
    whole_ = {};
    if (next_ == members_.size()) return false;
    const Member& m = members_[next_];
    Inflated r = m.whole ? inflate(m) : Inflated::too_large;
    if (r != Inflated::ok) {
      // Streamed from this member on: libarchive skips the members already read. A
      // member that failed to inflate is reported after the rows libarchive gives.
      if (r == Inflated::corrupt)
        failure_ = "corrupt member: its deflate data or its CRC-32 check failed";
      if (gzip_ && r != Inflated::tar) {  // igzip, which checks every member's CRC-32
        stream_ = std::make_unique<GzipStreamSource>(-1, bytes_);
        return stream_->next_entry(name);
      }
      stream_ = open_memory_source(bytes_);
      for (std::size_t k = 0; k <= next_; ++k)
        if (!stream_->next_entry(name)) return false;
      return true;
    }
    ++next_;
    name = m.name;
    return true;
  }
  std::size_t read(char* dst, std::size_t n) override {
    if (stream_) {
      const std::size_t got = stream_->read(dst, n);
      // libarchive does not check a gzip stream's CRC-32: the damage is reported here.
      if (got == 0 && !failure_.empty()) throw std::runtime_error(std::exchange(failure_, {}));
      return got;
    }
    const std::size_t k = std::min(n, whole_.size() - pos_);
    std::memcpy(dst, whole_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  std::string_view whole() override { return stream_ ? std::string_view{} : whole_; }
  std::int64_t consumed() const override {
    if (stream_) return stream_->consumed();
    return static_cast<std::int64_t>(next_ == members_.size() ? bytes_.size()
                                                              : members_[next_].data);
  }
  bool is_archive() const override { return true; }

 private:
  void reserve_out(std::size_t n) {
    if (out_capacity_ >= n) return;
    out_ = std::make_unique_for_overwrite<char[]>(n + kPad);
    out_capacity_ = n;
  }
  enum class Inflated { ok, too_large, corrupt, tar };
  Inflated inflate(const Member& m) {
    if (!d_) d_ = libdeflate_alloc_decompressor();
    if (!d_) return Inflated::too_large;  // out of memory: streamed
    const char* in = bytes_.data() + m.data;
    std::size_t got = 0;
    if (gzip_) {
      // The whole gzip file; concatenated members follow each other into one buffer. The
      // trailer's ISIZE sizes a single member; when the output is longer (several members,
      // or damage), one more try with the largest buffer, then the stream.
      for (std::size_t cap : {m.size, kWholeMemberMax}) {
        reserve_out(cap);
        std::size_t at = 0;
        got = 0;
        libdeflate_result rc = LIBDEFLATE_SUCCESS;
        while (at < m.compressed && rc == LIBDEFLATE_SUCCESS) {
          std::size_t used = 0, out_n = 0;
          rc = libdeflate_gzip_decompress_ex(d_, in + at, m.compressed - at, out_.get() + got,
                                             cap - got, &used, &out_n);
          at += used;
          got += out_n;
        }
        if (rc == LIBDEFLATE_SUCCESS) break;
        if (rc != LIBDEFLATE_INSUFFICIENT_SPACE) return Inflated::corrupt;
        if (cap == kWholeMemberMax) return Inflated::too_large;
      }
      if (is_tar(out_.get(), got)) return Inflated::tar;  // a .tar.gz: libarchive
    } else {  // a zip member: stored or deflated, its size and CRC-32 from the directory
      reserve_out(m.size);
      if (m.method == 0) {
        if (m.compressed != m.size) return Inflated::corrupt;
        std::memcpy(out_.get(), in, m.size);
        got = m.size;
      } else {
        auto rc = libdeflate_deflate_decompress(d_, in, m.compressed, out_.get(), m.size, &got);
        if (rc != LIBDEFLATE_SUCCESS || got != m.size) return Inflated::corrupt;
      }
      if (libdeflate_crc32(0, out_.get(), got) != m.crc) return Inflated::corrupt;
    }
    std::memset(out_.get() + got, 0, kPad);
    whole_ = std::string_view(out_.get(), got);
    pos_ = 0;
    return Inflated::ok;
  }

  std::string bytes_;
  std::vector<Member> members_;
  bool gzip_;
  std::size_t next_ = 0;
  std::unique_ptr<char[]> out_;  // not zero-filled: inflating writes it
  std::size_t out_capacity_ = 0;
  std::string_view whole_;
  std::size_t pos_ = 0;
  libdeflate_decompressor* d_ = nullptr;
  std::unique_ptr<Source> stream_;  // libarchive, from the first member not inflated whole
  std::string failure_;             // why that member did not inflate (reported at its end)
};

bool read_all(int fd, std::string& out, std::size_t size) {
  out.resize(size);
  std::size_t got = 0;
  while (got < size) {
    ssize_t r = ::pread(fd, out.data() + got, size - got, static_cast<off_t>(got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    got += static_cast<std::size_t>(r);
  }
  return true;
}

}  // namespace

std::unique_ptr<Source> open_gzip_stream_source(int fd) {
  // A .tar.gz is left to libarchive, which reads its entries: peek at the first header.
  unsigned char head[1 << 16];
  char out[512];
  const ssize_t n = ::pread(fd, head, sizeof head, 0);
  if (n <= 0) return nullptr;
  inflate_state z;
  isal_inflate_init(&z);
  z.crc_flag = ISAL_GZIP;
  z.next_in = head;
  z.avail_in = static_cast<std::uint32_t>(n);
  z.next_out = reinterpret_cast<std::uint8_t*>(out);
  z.avail_out = sizeof out;
  isal_inflate(&z);
  const std::size_t got = sizeof out - z.avail_out;
  if (is_tar(out, got)) return nullptr;
  return std::make_unique<GzipStreamSource>(fd);
}

std::unique_ptr<Source> open_whole_member_source(int fd, std::size_t size) {
  if (size < 18 || size > kWholeMemberMax) return nullptr;
  std::string bytes;
  if (!read_all(fd, bytes, size)) return nullptr;
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  std::vector<Member> members;
  bool gzip = false;
  if (b[0] == 0x1f && b[1] == 0x8b) {
    // The trailer's ISIZE is the last member's size mod 2^32: the buffer for a single
    // member. Concatenated members need more and do not fit: they are streamed.
    Member m;
    m.compressed = size;
    m.size = u32(b + size - 4);
    m.whole = m.size <= kWholeMemberMax;
    members.push_back(std::move(m));
    members.back().name = "data";  // libarchive's name for a bare stream
    gzip = true;
  } else if (b[0] == 'P' && b[1] == 'K') {
    if (!zip_members(bytes, members)) return nullptr;
  } else {
    return nullptr;  // bzip2, xz, zstd: libarchive
  }
  ::close(fd);
  return std::make_unique<WholeMemberSource>(std::move(bytes), std::move(members), gzip);
}

}  // namespace detente::events::detail
