// Archives for the event-reader tests (tests/support/archive_file.hpp), failing the test
// when libarchive cannot write them.
#pragma once

#include <gtest/gtest.h>

#include "support/archive_file.hpp"

namespace detente::test {

inline void write_archive(const std::filesystem::path& path,
                          const std::vector<std::pair<std::string, std::string>>& entries,
                          ArchiveKind kind) {
  ASSERT_TRUE(write_archive_file(path, entries, kind)) << path;
}

inline void write_zip(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, std::string>>& entries,
                      bool stored = false) {
  write_archive(path, entries, stored ? ArchiveKind::stored_zip : ArchiveKind::zip);
}

}  // namespace detente::test
