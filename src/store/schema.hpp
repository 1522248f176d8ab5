// detente/store/schema.hpp
//
// The run store's schema (documented table by table in docs/run-store.md) and its
// migrations. The schema version is SQLite's `PRAGMA user_version`; migration i (1-based)
// takes a store from version i − 1 to i, all in one transaction, so a store is never
// left between versions. A store whose version is newer than kSchemaVersion is refused.
#pragma once

#include <string>
#include <vector>

namespace detente::store {

// The version this build writes and reads.
inline constexpr int kSchemaVersion = 3;

// migrations()[i] takes the schema from version i to i + 1.
const std::vector<std::string>& migrations();

}  // namespace detente::store
