// Archives for the event-reader tests, written by libarchive: entries (name, text) in a zip
// (deflated or stored) or a gzipped tar.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace detente::test {

enum class ArchiveKind { zip, stored_zip, tar_gz };

inline void write_archive(const std::filesystem::path& path,
                          const std::vector<std::pair<std::string, std::string>>& entries,
                          ArchiveKind kind) {
  archive* a = archive_write_new();
  if (kind == ArchiveKind::tar_gz) {
    archive_write_set_format_ustar(a);
    archive_write_add_filter_gzip(a);
  } else {
    archive_write_set_format_zip(a);
  }
  if (kind == ArchiveKind::stored_zip)
    archive_write_set_format_option(a, "zip", "compression", "store");
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const auto& [name, text] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(text.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, text.data(), text.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

inline void write_zip(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, std::string>>& entries,
                      bool stored = false) {
  write_archive(path, entries, stored ? ArchiveKind::stored_zip : ArchiveKind::zip);
}

}  // namespace detente::test
