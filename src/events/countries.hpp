// detente/events/countries.hpp
//
// Country codes for event data, as the project encodes them: FIPS 10-4 (GDELT's geography
// fields) to ISO 3166 alpha-3 (CAMEO's country block), and country names as ICEWS writes
// them ("South Korea", "Russian Federation", "Occupied Palestinian Territory") to ISO3.
//
// Example:
//   detente::events::iso3_from_fips("KS");            // "KOR"
//   detente::events::iso3_from_name("North Korea");   // "PRK"
//   detente::events::iso3_from_name("Atlantis");      // "" (unknown)
#pragma once

#include <string_view>

namespace detente::events {

// ISO3 for a FIPS 10-4 code, or "" when unknown.
std::string_view iso3_from_fips(std::string_view fips);

// ISO3 for a country name (English short name or an ICEWS spelling), or "" when unknown.
// Exact match, case-sensitive, as ICEWS files are consistent.
std::string_view iso3_from_name(std::string_view name);

// English short name for an ISO3 code, or "" when unknown.
std::string_view country_name(std::string_view iso3);

}  // namespace detente::events
