// detente/store/sha256.hpp
//
// SHA-256 (FIPS 180-4) of a byte string or a file, as 64 lowercase hex digits: the run
// store identifies every input file by it. Streaming, O(n) time, O(1) memory.
//
// Example:
//   sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace detente::store {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::string hex();  // finishes the hash

 private:
  void block(const unsigned char* p);
  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;
};

std::string sha256_hex(std::string_view bytes);
// Throws InputError naming the file if it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace detente::store
