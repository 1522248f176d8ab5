// detente/core/error.hpp
//
// The one error path for bad input. Every reader reports a problem as a Diagnostic
// naming the file, the line and the field, and says what was expected. A reader that
// can go on collects them in Diagnostics; when it must stop it throws InputError,
// which the CLI turns into exit status 1 (internal faults are any other exception, 2).
//
// Example:
//   detente::Diagnostics diags;
//   diags.add({"s.toml", 12, "actor[2].capability"}, "expected a number >= 0, got -1");
//   diags.throw_if_any();   // throws InputError listing every diagnostic
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace detente {

// Where a problem is: file, 1-based line (0 when unknown) and the field's path.
struct SourceLocation {
  std::string file;
  int line = 0;
  std::string field;
};

struct Diagnostic {
  SourceLocation where;
  std::string message;

  // "file:line: field 'f': message" (parts that are unknown are left out).
  std::string to_string() const;
};

// Bad input: the user's file or arguments, never a program fault.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(SourceLocation where, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Throws InputError at `where` with a {fmt}-formatted message.
template <typename... Args>
[[noreturn]] void fail(SourceLocation where, fmt::format_string<Args...> format, Args&&... args) {
  throw InputError(std::move(where), fmt::format(format, std::forward<Args>(args)...));
}

// Collects diagnostics so that one pass reports every problem in a file.
class Diagnostics {
 public:
  void add(SourceLocation where, std::string message) {
    items_.push_back({std::move(where), std::move(message)});
  }
  template <typename... Args>
  void addf(SourceLocation where, fmt::format_string<Args...> format, Args&&... args) {
    add(std::move(where), fmt::format(format, std::forward<Args>(args)...));
  }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  void throw_if_any() const {
    if (!items_.empty()) throw InputError(items_);
  }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace detente
