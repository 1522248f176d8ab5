// Archives written by libarchive for the event-reader tests and benchmarks: entries (name,
// text) in a zip (deflated or stored) or a gzipped tar. No test framework here, so that
// bench/ can use it too (tests/events/archive_writer.hpp adds the gtest assertions).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace detente::test {

enum class ArchiveKind { zip, stored_zip, tar_gz };

// Writes the archive at `path`; false when libarchive fails (the file may then be partial).
[[nodiscard]] inline bool write_archive_file(
    const std::filesystem::path& path,
    const std::vector<std::pair<std::string, std::string>>& entries, ArchiveKind kind) {
  archive* a = archive_write_new();
  if (kind == ArchiveKind::tar_gz) {
    archive_write_set_format_ustar(a);
    archive_write_add_filter_gzip(a);
  } else {
    archive_write_set_format_zip(a);
  }
  if (kind == ArchiveKind::stored_zip)
    archive_write_set_format_option(a, "zip", "compression", "store");
  bool ok = archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK;
  for (const auto& [name, text] : entries) {
    if (!ok) break;
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(text.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    ok = archive_write_header(a, e) == ARCHIVE_OK &&
         (text.empty() ||
          archive_write_data(a, text.data(), text.size()) == static_cast<la_ssize_t>(text.size()));
    archive_entry_free(e);
  }
  ok = archive_write_close(a) == ARCHIVE_OK && ok;
  archive_write_free(a);
  return ok;
}

}  // namespace detente::test
