// detente/store/sqlite.hpp
//
// A thin RAII layer over SQLite's C API for the run store: a connection that names its
// file in every error, prepared statements with positional binds, and a transaction
// guard that rolls back unless committed. Errors that mean "this file is not a usable
// store" (not a database, corrupt, cannot be opened, read-only) are InputErrors naming
// the file (exit status 1); anything else is an internal error.
//
// Example:
//   store::Database db("runs.db");
//   store::Statement q(db, "SELECT id FROM runs WHERE command = ?");
//   q.bind(1, "simulate");
//   while (q.step()) fmt::print("{}\n", q.text(0));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace detente::store {

class Database {
 public:
  // Opens (creating it if `create`) the database at `path`.
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  // Throws the right error for SQLite result `rc` (InputError for a bad file).
  [[noreturn]] void raise(int rc, std::string_view context) const;
  void check(int rc, std::string_view context) const {
    if (rc != 0) raise(rc, context);
  }
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  std::int64_t changes() const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // Steps once: true while a row is available.
  bool step();
  // Steps a statement that returns no rows, then resets it for the next binds.
  void run();
  void reset();

  bool is_null(int column) const;
  std::string text(int column) const;
  double real(int column) const;
  std::int64_t integer(int column) const;
  int columns() const;
  std::string column_name(int column) const;
  // "INTEGER", "REAL", "TEXT", "BLOB" or "NULL": the storage class of the current value.
  std::string value_type(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE (waits for the busy timeout if another writer holds the lock);
// ROLLBACK on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace detente::store
