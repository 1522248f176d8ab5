// detente/fuzz/fuzz_support.hpp
//
// What every libFuzzer target in fuzz/ shares. A target hands the fuzzer's bytes to one
// library reader (the same function the CLI calls) and accepts exactly two outcomes: a
// result, or an InputError (the reader's "bad input" path, exit status 1 in the CLI). Any
// other exception would be an "internal error" (exit 2) in the CLI and is a finding: it
// escapes to libFuzzer, which reports it with the input that caused it. Crashes, leaks,
// undefined behaviour (ASan/UBSan), timeouts (-timeout) and memory beyond -rss_limit_mb
// are findings too.
//
// Targets write no files and keep no state between inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace detente::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `read`; an InputError is the expected answer to bad bytes.
template <typename F>
void expect_result_or_input_error(F&& read) {
  try {
    read();
  } catch (const InputError&) {
  }
}

// Reads every byte of a view the reader handed out (so that ASan checks it is valid).
inline void touch(std::string_view s, std::size_t& acc) {
  for (char c : s) acc += static_cast<unsigned char>(c);
}

// Targets whose reader takes two files (landscape actors + propensities, forecasts +
// resolutions) read them from one input: the bytes before the first NUL and those after.
inline std::pair<std::string_view, std::string_view> split_two(std::string_view bytes) {
  const std::size_t nul = bytes.find('\0');
  if (nul == std::string_view::npos) return {bytes, {}};
  return {bytes.substr(0, nul), bytes.substr(nul + 1)};
}

}  // namespace detente::fuzz
