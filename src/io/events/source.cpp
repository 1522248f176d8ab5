// Byte sources of the event readers: plain files and libarchive (see source.hpp).
#include "io/events/source.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/shared_library.hpp"
#include "io/events/members.hpp"

namespace detente::events::detail {

namespace {

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

// libarchive, loaded (dlopen) when the first input that needs it is opened — bzip2, xz,
// zstd, tar, zip64 or encrypted zip members, standard input — and not at every start of
// detente: with what it links (libxml2, ICU, nettle, …) it is about 2 ms of each process
// start, and plain files, zip and gzip are read without it (members.hpp).
struct LibArchive {
  decltype(&::archive_read_new) read_new = nullptr;
  decltype(&::archive_read_support_filter_all) read_support_filter_all = nullptr;
  decltype(&::archive_read_support_format_zip) read_support_format_zip = nullptr;
  decltype(&::archive_read_support_format_tar) read_support_format_tar = nullptr;
  decltype(&::archive_read_support_format_empty) read_support_format_empty = nullptr;
  decltype(&::archive_read_support_format_raw) read_support_format_raw = nullptr;
  decltype(&::archive_read_open_fd) read_open_fd = nullptr;
  decltype(&::archive_read_open_memory) read_open_memory = nullptr;
  decltype(&::archive_read_free) read_free = nullptr;
  decltype(&::archive_read_next_header) read_next_header = nullptr;
  decltype(&::archive_entry_filetype) entry_filetype = nullptr;
  decltype(&::archive_entry_pathname) entry_pathname = nullptr;
  decltype(&::archive_read_data) read_data = nullptr;
  decltype(&::archive_error_string) error_string = nullptr;
  decltype(&::archive_filter_bytes) filter_bytes = nullptr;
  std::string error;  // why it could not be loaded; empty when it was
};

const LibArchive& la() {
  static const LibArchive lib = [] {
    LibArchive l;
    SharedLibrary so("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);
    so.load(l.read_new, "archive_read_new");
    so.load(l.read_support_filter_all, "archive_read_support_filter_all");
    so.load(l.read_support_format_zip, "archive_read_support_format_zip");
    so.load(l.read_support_format_tar, "archive_read_support_format_tar");
    so.load(l.read_support_format_empty, "archive_read_support_format_empty");
    so.load(l.read_support_format_raw, "archive_read_support_format_raw");
    so.load(l.read_open_fd, "archive_read_open_fd");
    so.load(l.read_open_memory, "archive_read_open_memory");
    so.load(l.read_free, "archive_read_free");
    so.load(l.read_next_header, "archive_read_next_header");
    so.load(l.entry_filetype, "archive_entry_filetype");
    so.load(l.entry_pathname, "archive_entry_pathname");
    so.load(l.read_data, "archive_read_data");
    so.load(l.error_string, "archive_error_string");
    so.load(l.filter_bytes, "archive_filter_bytes");
    l.error = so.error();
    return l;
  }();
  if (!lib.error.empty())
    throw std::runtime_error("cannot load libarchive, which reads this kind of file: " + lib.error);
  return lib;
}

class ArchiveSource : public Source {
 public:
  // Takes ownership of fd (stdin is not closed).
  explicit ArchiveSource(int fd, bool close_fd) : fd_(fd), close_fd_(close_fd) {
    a_ = new_reader();
    if (la().read_open_fd(a_, fd_, 1 << 20) != ARCHIVE_OK) fail_open();
  }
  // Reads an archive held in memory (`bytes` must outlive the source).
  explicit ArchiveSource(std::string_view bytes) : fd_(-1), close_fd_(false) {
    a_ = new_reader();
    if (la().read_open_memory(a_, bytes.data(), bytes.size()) != ARCHIVE_OK) fail_open();
  }
  ~ArchiveSource() override {
    la().read_free(a_);
    if (close_fd_) ::close(fd_);
  }
  bool next_entry(std::string& name) override {
    for (;;) {
      archive_entry* e = nullptr;
      int rc = la().read_next_header(a_, &e);
      if (rc == ARCHIVE_EOF) return false;
      if (rc < ARCHIVE_WARN) throw_error();
      if (la().entry_filetype(e) != 0 && la().entry_filetype(e) != AE_IFREG) continue;
      const char* p = la().entry_pathname(e);
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
      la_ssize_t got = la().read_data(a_, dst + total, std::min<std::size_t>(n - total, 1 << 18));
      if (got < 0) {
        const char* msg = la().error_string(a_);
        pending_error_ = msg ? msg : "archive error";
        if (total == 0) throw std::runtime_error(pending_error_);
        break;
      }
      if (got == 0) break;
      total += static_cast<std::size_t>(got);
    }
    return total;
  }
  std::int64_t consumed() const override { return la().filter_bytes(a_, -1); }
  bool is_archive() const override { return true; }

 private:
  static archive* new_reader() {
    archive* a = la().read_new();
    la().read_support_filter_all(a);
    la().read_support_format_zip(a);
    la().read_support_format_tar(a);
    la().read_support_format_empty(a);
    la().read_support_format_raw(a);
    return a;
  }
  // The destructor does not run when the constructor throws: release here.
  [[noreturn]] void fail_open() {
    const char* msg = la().error_string(a_);
    std::string message = msg ? msg : "archive error";
    la().read_free(a_);
    if (close_fd_) ::close(fd_);
    throw std::runtime_error(message);
  }
  [[noreturn]] void throw_error() {
    const char* msg = la().error_string(a_);
    throw std::runtime_error(msg ? msg : "archive error");
  }
  archive* a_ = nullptr;
  std::string pending_error_;
  int fd_;
  bool close_fd_;
};

}  // namespace

bool is_compressed_magic(const unsigned char* m, std::size_t n) {
  if (n >= 4 && m[0] == 'P' && m[1] == 'K' && (m[2] == 3 || m[2] == 5) && (m[3] == 4 || m[3] == 6))
    return true;                                                                            // zip
  if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) return true;                                  // gzip
  if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') return true;                     // bzip2
  if (n >= 6 && m[0] == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X') return true;     // xz
  if (n >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) return true;  // zstd
  return false;
}

std::unique_ptr<Source> open_source(const std::string& path, std::size_t whole_max) {
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
  if (is_compressed_magic(magic, static_cast<std::size_t>(n))) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
      if (auto members = open_member_source(fd, static_cast<std::size_t>(st.st_size), whole_max))
        return members;
    if (magic[0] == 0x1f && magic[1] == 0x8b)
      if (auto stream = open_gzip_stream_source(fd)) return stream;
    return std::make_unique<ArchiveSource>(fd, true);
  }
  return std::make_unique<PlainSource>(fd);
}

namespace {

// Bytes in memory that are not compressed: one entry, read as they are.
class MemorySource : public Source {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  bool next_entry(std::string&) override { return !std::exchange(done_, true); }
  std::size_t read(char* dst, std::size_t n) override {
    const std::size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(dst, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  std::int64_t consumed() const override { return static_cast<std::int64_t>(pos_); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Source> open_memory_source(std::string_view bytes) {
  if (is_compressed_magic(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()))
    return std::make_unique<ArchiveSource>(bytes);
  return std::make_unique<MemorySource>(bytes);
}

std::unique_ptr<MappedFile> MappedFile::open(const std::string& path) {
  if (path == "-") return nullptr;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  unsigned char magic[8] = {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
      ::pread(fd, magic, sizeof magic, 0) < 0 || is_compressed_magic(magic, sizeof magic)) {
    ::close(fd);
    return nullptr;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t file_pages = (size + page - 1) / page * page;
  // An anonymous reservation one page longer than the file, with the file mapped over its
  // start: the bytes past the end read as zeros instead of faulting.
  const std::size_t reserved = file_pages + page;
  void* base =
      ::mmap(nullptr, reserved, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    ::close(fd);
    return nullptr;
  }
  void* file = ::mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
  ::close(fd);
  if (file == MAP_FAILED) {
    ::munmap(base, reserved);
    return nullptr;
  }
  ::madvise(base, size, MADV_SEQUENTIAL);
  return std::unique_ptr<MappedFile>(new MappedFile(static_cast<char*>(base), reserved, size));
}

MappedFile::~MappedFile() { ::munmap(data_, reserved_); }

void MappedFile::populate(std::size_t from, std::size_t to) const {
#ifdef MADV_POPULATE_READ
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t a = from / page * page;
  const std::size_t b = std::min(to, size_);
  if (b > a) ::madvise(data_ + a, b - a, MADV_POPULATE_READ);  // EINVAL before Linux 5.14
#else
  (void)from;
  (void)to;
#endif
}

void MappedFile::release(std::size_t from, std::size_t to) const {
  // Only the pages wholly inside [from, to): a neighbouring block may still be reading the
  // pages at the edges (and would only page them in again if released).
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t a = (from + page - 1) / page * page;
  const std::size_t b = std::min(to, size_) / page * page;
  if (b > a) ::madvise(data_ + a, b - a, MADV_DONTNEED);
}

}  // namespace detente::events::detail
