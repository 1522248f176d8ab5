#include "io/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>

#include "core/error.hpp"

namespace detente::io {

namespace fs = std::filesystem;

void write_file_atomic(const fs::path& path, std::string_view content) {
  std::error_code ec;
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      fail({path.string()}, "cannot create directory {}: {}", path.parent_path().string(),
           ec.message());
  }
  fs::path tmp = path;
  tmp += fmt::format(".tmp.{}", ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) fail({path.string()}, "cannot write: {}", std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      fail({path.string()}, "write failed: {}", std::strerror(errno));
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    fail({path.string()}, "cannot rename temporary file into place: {}", ec.message());
  }
}

std::string input_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

namespace {
std::mutex stdin_mutex;
std::optional<std::string> stdin_bytes;  // guarded by stdin_mutex

const std::string& standard_input() {
  std::lock_guard lock(stdin_mutex);
  if (!stdin_bytes) {
    std::ostringstream all;
    all << std::cin.rdbuf();
    stdin_bytes = std::move(all).str();
  }
  return *stdin_bytes;
}
}  // namespace

std::optional<std::string> standard_input_read() {
  std::lock_guard lock(stdin_mutex);
  return stdin_bytes;
}

std::string read_file(const fs::path& path) {
  if (path == "-") return standard_input();
  std::error_code ec;
  if (fs::is_directory(path, ec)) fail({path.string()}, "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail({path.string()}, "cannot open: {}", std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

}  // namespace detente::io
