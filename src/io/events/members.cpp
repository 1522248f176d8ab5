// Zip and gzip members inflated whole with libdeflate (see members.hpp).
#include "io/events/members.hpp"

#include <fmt/format.h>
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace detente::events::detail {

namespace {

std::uint32_t u16(const unsigned char* p) { return p[0] | (std::uint32_t(p[1]) << 8); }
std::uint32_t u32(const unsigned char* p) { return u16(p) | (u16(p + 2) << 16); }

// Reads exactly `len` bytes at `offset` of fd (retrying short reads and EINTR); false at the
// end of the file or on an error.
bool pread_all(int fd, std::size_t offset, std::size_t len, void* dst) {
  auto* out = static_cast<unsigned char*>(dst);
  std::size_t got = 0;
  while (got < len) {
    const ssize_t r = ::pread(fd, out + got, len - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    got += static_cast<std::size_t>(r);
  }
  return true;
}

// What a member that fails to inflate, or whose size or CRC-32 does not match its
// directory entry, is reported as (whole or streamed).
constexpr const char* kCorruptMember =
    "corrupt member: its deflate data or its CRC-32 check failed";

struct Member {
  std::string name;
  std::size_t data = 0;  // offset of the compressed bytes (after the local header)
  std::size_t compressed = 0, size = 0;
  std::uint32_t crc = 0;
  int method = 0;  // 0 stored, 8 deflate; another value is left to libarchive
  // Stored or deflated, not encrypted, not zip64, inside the file: decoded here (whole, or
  // by ZipStreamSource); otherwise libarchive reads it.
  bool decodable = true;
  bool whole = true;  // decodable and at most the largest member inflated whole
};

// Reads `len` bytes at `offset` of an archive into `dst`; false when they are not there.
using ReadAt = std::function<bool(std::size_t offset, std::size_t len, unsigned char* dst)>;

// The regular-file members of a zip of `n` bytes in file order, from its central directory
// (members larger than `whole_max` are not `whole`); false when the directory cannot be
// read (libarchive then reports what is wrong). Reads the last 64 KB, the directory and
// each member's 30-byte local header: O(members), whatever the file's size.
bool zip_members(const ReadAt& read_at, std::size_t n, std::size_t whole_max,
                 std::vector<Member>& out) {
  if (n < 22) return false;
  const std::size_t tail_size = std::min<std::size_t>(n, 22 + 65535);
  std::vector<unsigned char> tail(tail_size);
  if (!read_at(n - tail_size, tail_size, tail.data())) return false;
  const unsigned char* t = tail.data();
  std::size_t eocd = std::string::npos;
  for (std::size_t i = tail_size - 22 + 1; i-- > 0;)
    if (u32(t + i) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd == std::string::npos) return false;
  const std::size_t count = u16(t + eocd + 10), cd_size = u32(t + eocd + 12);
  const std::size_t cd = u32(t + eocd + 16);
  // The directory is held while the members are listed: ~100 bytes a member.
  if (count == 0xffff || cd == 0xffffffff || cd_size > n || cd > n - cd_size ||
      cd_size > (std::size_t{64} << 20))
    return false;
  std::vector<unsigned char> dir(cd_size);
  if (cd_size > 0 && !read_at(cd, cd_size, dir.data())) return false;  // no null memcpy
  const unsigned char* b = dir.data();
  std::size_t p = 0;
  for (std::size_t k = 0; k < count; ++k) {
    if (p + 46 > cd_size || u32(b + p) != 0x02014b50) return false;
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
    if (p + 46 + name_len > cd_size) return false;
    m.name.assign(reinterpret_cast<const char*>(b + p + 46), name_len);
    p += 46 + name_len + extra + note;
    if (!m.name.empty() && m.name.back() == '/') continue;                            // a directory
    if (host == 3 && (mode & 0170000) != 0 && (mode & 0170000) != 0100000) continue;  // a link
    unsigned char header[30];
    if (local + 30 > n || !read_at(local, 30, header) || u32(header) != 0x04034b50) return false;
    m.data = local + 30 + u16(header + 26) + u16(header + 28);
    m.decodable = (flags & 1) == 0 && (m.method == 0 || m.method == 8) &&
                  m.compressed != 0xffffffff && m.size != 0xffffffff && m.data <= n &&
                  m.compressed <= n - m.data;
    m.whole = m.decodable && m.size <= whole_max;
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
  WholeMemberSource(std::string bytes, std::vector<Member> members, bool gzip,
                    std::size_t whole_max)
      : bytes_(std::move(bytes)),
        members_(std::move(members)),
        gzip_(gzip),
        whole_max_(whole_max) {}
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
      if (r == Inflated::corrupt) failure_ = kCorruptMember;
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
  // Allocated even for n = 0 (an empty member), so that out_ is never null (memcpy's
  // arguments must not be, even for 0 bytes: the events_files fuzz target's finding).
  void reserve_out(std::size_t n) {
    if (out_ && out_capacity_ >= n) return;
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
      for (std::size_t cap : {m.size, whole_max_}) {
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
        if (cap == whole_max_) return Inflated::too_large;
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
  std::size_t whole_max_;
  std::size_t next_ = 0;
  std::unique_ptr<char[]> out_;  // not zero-filled: inflating writes it
  std::size_t out_capacity_ = 0;
  std::string_view whole_;
  std::size_t pos_ = 0;
  libdeflate_decompressor* d_ = nullptr;
  std::unique_ptr<Source> stream_;  // libarchive, from the first member not inflated whole
  std::string failure_;             // why that member did not inflate (reported at its end)
};

// The members of a zip too large to hold (or with a member too large to inflate whole),
// each read from the file as a stream: inflated by igzip (raw deflate, its CRC-32 computed
// as it goes) or copied when stored, then checked against the directory's size and CRC-32.
// Memory: a 1 MB input buffer and igzip's state, whatever the sizes. A damaged member is
// reported after the rows before the damage, as for gzip.
class ZipStreamSource : public Source {
 public:
  ZipStreamSource(int fd, std::vector<Member> members)
      : fd_(fd), members_(std::move(members)), in_(std::size_t{1} << 20) {}
  ~ZipStreamSource() override { ::close(fd_); }
  bool next_entry(std::string& name) override {
    if (next_ == members_.size()) return false;
    m_ = &members_[next_++];
    name = m_->name;
    at_ = m_->data;
    left_ = m_->compressed;
    produced_ = 0;
    crc_ = 0;
    finished_ = false;
    isal_inflate_init(&z_);
    z_.crc_flag = ISAL_GZIP_NO_HDR;  // raw deflate; the gzip CRC-32 of the output in z_.crc
    z_.avail_in = 0;
    return true;
  }
  std::size_t read(char* dst, std::size_t n) override {
    if (!pending_error_.empty()) throw std::runtime_error(std::exchange(pending_error_, {}));
    if (!m_ || finished_) return 0;
    std::size_t total = 0;
    std::string message;
    if (m_->method == 0) {  // stored: the bytes as they are
      total = std::min(n, left_);
      if (!pread_all(fd_, at_, total, dst)) {
        total = 0;
        message = "unexpected end of the zip file (truncated)";
      } else {
        at_ += total;
        left_ -= total;
        produced_ += total;
        crc_ = static_cast<std::uint32_t>(libdeflate_crc32(crc_, dst, total));
        if (left_ == 0) message = end_of_member(crc_);
      }
    } else {
      while (total < n) {
        if (z_.avail_in == 0 && left_ > 0 && !refill()) {
          message = "unexpected end of the zip file (truncated)";
          break;
        }
        z_.next_out = reinterpret_cast<std::uint8_t*>(dst + total);
        // At most one byte past the directory's size, so that a member that inflates to more
        // (a deflate bomb behind a small declared size) stops there, not after terabytes.
        const std::size_t room = m_->size + 1 - produced_;
        z_.avail_out =
            static_cast<std::uint32_t>(std::min({n - total, room, std::size_t{1} << 30}));
        const int rc = isal_inflate(&z_);
        const std::size_t now =
            static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_out) - dst);
        const bool progress = now != total;
        produced_ += now - total;
        total = now;
        if (rc < 0) {
          message = kCorruptMember;
          break;
        }
        if (produced_ > m_->size) {
          finished_ = true;
          message = fmt::format(
              "corrupt member: it inflates to more than the {} bytes its directory entry declares",
              m_->size);
          break;
        }
        if (z_.block_state == ISAL_BLOCK_FINISH) {
          message = end_of_member(z_.crc);
          break;
        }
        if (z_.avail_in == 0 && left_ == 0 && !progress) {
          message = "corrupt member: its deflate data ends early";
          break;
        }
      }
    }
    if (!message.empty()) {
      if (total == 0) throw std::runtime_error(message);
      pending_error_ = std::move(message);  // raised after the data before it
    }
    return total;
  }
  std::int64_t consumed() const override { return static_cast<std::int64_t>(at_); }
  bool is_archive() const override { return true; }

 private:
  // At a member's end: "" when its size and CRC-32 match the directory's, else the error.
  std::string end_of_member(std::uint32_t crc) {
    finished_ = true;
    if (produced_ == m_->size && crc == m_->crc) return {};
    return kCorruptMember;
  }
  bool refill() {
    const std::size_t k = std::min(left_, in_.size());
    if (!pread_all(fd_, at_, k, in_.data())) return false;
    at_ += k;
    left_ -= k;
    z_.next_in = in_.data();
    z_.avail_in = static_cast<std::uint32_t>(k);
    return true;
  }
  int fd_;
  std::vector<Member> members_;
  std::vector<std::uint8_t> in_;
  std::size_t next_ = 0;
  const Member* m_ = nullptr;
  std::size_t at_ = 0, left_ = 0, produced_ = 0;
  std::uint32_t crc_ = 0;
  bool finished_ = false;
  inflate_state z_{};
  std::string pending_error_;
};

bool read_all(int fd, std::string& out, std::size_t size) {
  out.resize(size);
  return pread_all(fd, 0, size, out.data());
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

std::unique_ptr<Source> open_member_source(int fd, std::size_t size, std::size_t whole_max) {
  if (size < 18) return nullptr;
  if (whole_max == 0) whole_max = kWholeMemberMax;
  unsigned char magic[2] = {};
  if (::pread(fd, magic, 2, 0) != 2) return nullptr;
  const bool zip = magic[0] == 'P' && magic[1] == 'K';
  auto all_decodable = [](const std::vector<Member>& ms) {
    return std::all_of(ms.begin(), ms.end(), [](const Member& m) { return m.decodable; });
  };
  auto all_whole = [](const std::vector<Member>& ms) {
    return std::all_of(ms.begin(), ms.end(), [](const Member& m) { return m.whole; });
  };
  if (size > whole_max) {
    if (!zip) return nullptr;  // a large gzip: igzip streams it (open_gzip_stream_source)
    // Too large to hold: the directory from the file, every member streamed.
    std::vector<Member> members;
    const ReadAt at = [fd](std::size_t offset, std::size_t len, unsigned char* dst) {
      return pread_all(fd, offset, len, dst);
    };
    if (!zip_members(at, size, whole_max, members) || !all_decodable(members)) return nullptr;
    return std::make_unique<ZipStreamSource>(fd, std::move(members));
  }
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
    m.whole = m.size <= whole_max;
    members.push_back(std::move(m));
    members.back().name = "data";  // libarchive's name for a bare stream
    gzip = true;
  } else if (zip) {
    const ReadAt at = [&bytes](std::size_t offset, std::size_t len, unsigned char* dst) {
      if (offset > bytes.size() || len > bytes.size() - offset) return false;
      std::memcpy(dst, bytes.data() + offset, len);
      return true;
    };
    if (!zip_members(at, size, whole_max, members)) return nullptr;
    // A member too large to inflate whole (GDELT 1.0's daily files: ~11 MB holding ~60 MB):
    // every member streamed from the file.
    if (!all_whole(members) && all_decodable(members))
      return std::make_unique<ZipStreamSource>(fd, std::move(members));
  } else {
    return nullptr;  // bzip2, xz, zstd: libarchive
  }
  ::close(fd);
  return std::make_unique<WholeMemberSource>(std::move(bytes), std::move(members), gzip, whole_max);
}

}  // namespace detente::events::detail
