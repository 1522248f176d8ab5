// detente/io/atomic_file.hpp
//
// Writing outputs so that a failure never leaves a partial file: the content goes to a
// temporary file beside the target, which is renamed over the target only once complete.
//
// Example:
//   detente::io::write_file_atomic("out/nea/summary.json", json.dump(2));
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace detente::io {

// Creates missing parent directories. Throws InputError if the target cannot be written.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Reads a whole file; throws InputError naming the file if it cannot be read. "-" is
// standard input, which is read once: later calls return the same bytes (so that the run
// store can record what a reader read).
std::string read_file(const std::filesystem::path& path);

// The bytes read_file("-") read, if it did (a reader of its own may have read stdin).
std::optional<std::string> standard_input_read();

// What diagnostics call an input: "<stdin>" for "-", otherwise the path as given.
std::string input_name(const std::string& path);

}  // namespace detente::io
