// detente/io/events/source.hpp (internal to the event readers)
//
// Byte sources for the event readers: a plain file descriptor, or libarchive for
// zip/gzip/bzip2/xz/zstd files and for stdin (whose compression is known only from its
// bytes). A source yields one or more entries (an archive's regular files; a plain file is
// one entry) and reads each in caller-sized chunks, so that no file is held whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace detente::events::detail {

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
  // The current entry's bytes when it was decompressed whole (followed by kPad readable
  // bytes), to be parsed in place instead of read; empty when it is read with read().
  virtual std::string_view whole() { return {}; }
  // True for an archive (its entries are named "file:entry").
  virtual bool is_archive() const { return false; }
};

// True when the first bytes are a zip, gzip, bzip2, xz or zstd signature.
bool is_compressed_magic(const unsigned char* m, std::size_t n);

// Opens a path ("-" = stdin); throws std::runtime_error with the reason when it cannot.
// `whole_max`: the largest zip/gzip file and member inflated whole (0: 16 MB; members.hpp).
std::unique_ptr<Source> open_source(const std::string& path, std::size_t whole_max = 0);

// Bytes held in memory (compressed or not); `bytes` must outlive the source.
std::unique_ptr<Source> open_memory_source(std::string_view bytes);

// A regular, uncompressed file mapped into memory read-only, followed by at least one
// zero-filled page so that vector loads may run past its end. Its pages are faulted in as
// they are parsed (the kernel maps 16 at a time) and released after (release), so that the
// resident memory stays a few blocks whatever the file's size.
class MappedFile {
 public:
  // nullptr when `path` is not a regular non-empty file, is compressed, or cannot be mapped
  // (the caller then reads it as a stream, which reports the reason).
  static std::unique_ptr<MappedFile> open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }
  // Maps the pages of [from, to) into this process in one system call (Linux 5.14's
  // MADV_POPULATE_READ) rather than by a page fault per 16 pages; a hint, ignored where
  // the kernel lacks it.
  void populate(std::size_t from, std::size_t to) const;
  // Drops the pages wholly inside [from, to) from this process's memory (they stay in the
  // page cache); a hint: a later access pages them in again.
  void release(std::size_t from, std::size_t to) const;

 private:
  MappedFile(char* base, std::size_t reserved, std::size_t size)
      : data_(base), reserved_(reserved), size_(size) {}
  char* data_;
  std::size_t reserved_;
  std::size_t size_;
};

}  // namespace detente::events::detail
