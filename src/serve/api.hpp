// detente/serve/api.hpp
//
// The JSON API behind `detente serve` (documented in docs/serve.md), as pure functions
// from a request body to a JSON answer, so that the HTTP layer (serve/server.hpp) only
// routes, authenticates and limits. Every function throws ApiError for a bad request
// (status 400/404/422 with a JSON body); a scenario that does not validate gives 422 with
// the same diagnostics as `detente validate`.
//
//   validate(toml)            -> {"ok": bool, "diagnostics": [{file, line, field, message}]}
//   bargain({scenario, models}) -> the JSON of `detente bargain --model all --format json`
//                               (or of one model) for the scenario text
//   network({scenario, date}) -> the relation network on a date and its exact two-bloc split
// The views' data themselves are built by report/app_data.hpp (shared with report.html).
//
// Example:
//   nlohmann::json j = detente::serve::validate(toml_text);
//   if (!j["ok"]) for (auto& d : j["diagnostics"]) std::cout << d["message"] << "\n";
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "core/scenario.hpp"

namespace detente::serve {

// A request the API refuses: the HTTP status and a JSON body {"error": message, ...}.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, nlohmann::json extra = nlohmann::json::object())
      : std::runtime_error(message), status_(status), extra_(std::move(extra)) {}
  int status() const { return status_; }
  nlohmann::json body() const;

 private:
  int status_;
  nlohmann::json extra_;
};

// The diagnostics of an InputError as [{file, line, field, message}].
nlohmann::json diagnostics_json(const InputError& e);

// Parses a JSON request body; malformed JSON or a non-object is a 400.
nlohmann::json parse_body(const std::string& body);

// Reads the scenario a request names: {"scenario": TOML text} or {"name": built-in name}.
// A scenario that does not validate is a 422 listing its diagnostics.
Scenario request_scenario(const nlohmann::json& request);

nlohmann::json health();
nlohmann::json scenarios();  // the built-in scenarios: [{name, id, title, toml}]
nlohmann::json validate(const std::string& toml);
nlohmann::ordered_json bargain(const nlohmann::json& request);
nlohmann::json network(const nlohmann::json& request);

}  // namespace detente::serve
