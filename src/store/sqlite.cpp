#include "store/sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "core/error.hpp"

namespace detente::store {

Database::Database(const std::string& path, bool create) : path_(path) {
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    fail({path, 0, "--store"}, "cannot open the run store: {}", message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::raise(int rc, std::string_view context) const {
  int primary = rc & 0xff;
  std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  switch (primary) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      fail({path_, 0, "--store"}, "not a usable run store (corrupt or not an SQLite file): {}",
           message);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      fail({path_, 0, "--store"}, "cannot use the run store: {}", message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      fail({path_, 0, "--store"}, "the run store stayed locked by another process: {}", message);
    default:
      throw std::runtime_error(fmt::format("{}: sqlite error in {}: {}", path_, context, message));
  }
}

namespace {

// SQLite returns SQLITE_BUSY at once, without calling the busy handler, where waiting could
// deadlock — e.g. two processes creating a store and switching it to WAL at the same
// time. Outside a transaction nothing is held, so such a statement is simply tried again,
// with a growing pause, for up to kBusyRetry in all.
constexpr auto kBusyRetry = std::chrono::seconds(30);

bool busy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

template <typename Attempt>
int retry_while_busy(sqlite3* db, Attempt attempt) {
  const auto give_up = std::chrono::steady_clock::now() + kBusyRetry;
  auto pause = std::chrono::milliseconds(2);
  for (;;) {
    const int rc = attempt();
    if (!busy(rc) || !sqlite3_get_autocommit(db) || std::chrono::steady_clock::now() > give_up)
      return rc;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

}  // namespace

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  int rc = retry_while_busy(db_, [&] {
    sqlite3_free(err);
    err = nullptr;
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  });
  sqlite3_free(err);
  check(rc, sql.substr(0, 60));
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  int rc = retry_while_busy(db.handle(), [&] {
    return sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_,
                              nullptr);
  });
  db_.check(rc, sql.substr(0, 60));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
  db_.check(
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
      "bind");
  return *this;
}
Statement& Statement::bind(int index, double value) {
  db_.check(sqlite3_bind_double(stmt_, index, value), "bind");
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  db_.check(sqlite3_bind_int64(stmt_, index, value), "bind");
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  db_.check(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
            "bind");
  return *this;
}
Statement& Statement::bind_null(int index) {
  db_.check(sqlite3_bind_null(stmt_, index), "bind");
  return *this;
}

bool Statement::step() {
  int rc = retry_while_busy(db_.handle(), [&] {
    const int r = sqlite3_step(stmt_);
    if (busy(r)) sqlite3_reset(stmt_);
    return r;
  });
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.raise(rc, sqlite3_sql(stmt_));
}

void Statement::run() {
  step();
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string();
}
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
int Statement::columns() const { return sqlite3_column_count(stmt_); }
std::string Statement::column_name(int column) const { return sqlite3_column_name(stmt_, column); }
std::string Statement::value_type(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER:
      return "INTEGER";
    case SQLITE_FLOAT:
      return "REAL";
    case SQLITE_TEXT:
      return "TEXT";
    case SQLITE_BLOB:
      return "BLOB";
    default:
      return "NULL";
  }
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace detente::store
