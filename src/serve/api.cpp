#include "serve/api.hpp"

#include <fmt/format.h>

#include "bargain/problem.hpp"
#include "bargain/registry.hpp"
#include "core/builtin.hpp"
#include "io/scenario_toml.hpp"
#include "report/app_data.hpp"

namespace detente::serve {

using nlohmann::json;

json ApiError::body() const {
  json j = extra_;
  j["error"] = what();
  j["status"] = status_;
  return j;
}

json diagnostics_json(const InputError& e) {
  json out = json::array();
  for (const auto& d : e.diagnostics())
    out.push_back({{"file", d.where.file},
                   {"line", d.where.line},
                   {"field", d.where.field},
                   {"message", d.message}});
  return out;
}

json parse_body(const std::string& body) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw ApiError(400, "the request body is not valid JSON");
  if (!j.is_object()) throw ApiError(400, "the request body must be a JSON object");
  return j;
}

namespace {

const std::string& string_field(const json& request, const char* key) {
  auto it = request.find(key);
  if (it == request.end() || !it->is_string())
    throw ApiError(400, fmt::format("expected a string field '{}'", key));
  return it->get_ref<const std::string&>();
}

}  // namespace

Scenario request_scenario(const json& request) {
  if (request.contains("name")) {
    const std::string& name = string_field(request, "name");
    if (!find_builtin_scenario(name))
      throw ApiError(404, fmt::format("no built-in scenario '{}'", name));
    return io::load_scenario(name);
  }
  const std::string& toml = string_field(request, "scenario");
  try {
    return io::read_scenario(toml, "scenario.toml");
  } catch (const InputError& e) {
    throw ApiError(422, "the scenario does not validate", {{"diagnostics", diagnostics_json(e)}});
  }
}

json health() { return {{"status", "ok"}, {"version", "0.1.0"}}; }

json scenarios() {
  json out = json::array();
  for (const auto& b : builtin_scenarios()) {
    Scenario s = io::read_scenario(b.toml, fmt::format("<builtin:{}>", b.name));
    out.push_back({{"name", b.name}, {"id", s.id}, {"title", s.name}, {"toml", b.toml}});
  }
  return out;
}

json validate(const std::string& toml) {
  try {
    Scenario s = io::read_scenario(toml, "scenario.toml");
    return {{"ok", true},
            {"diagnostics", json::array()},
            {"counts",
             {{"actors", s.actors.size()},
              {"issues", s.issues.size()},
              {"positions", s.positions.size()},
              {"relations", s.relations.size()},
              {"events", s.events.size()},
              {"variants", s.variants.size()},
              {"outcomes", s.outcomes.size()}}}};
  } catch (const InputError& e) {
    return {{"ok", false}, {"diagnostics", diagnostics_json(e)}};
  }
}

nlohmann::ordered_json bargain(const json& request) {
  Scenario s = request_scenario(request);
  bargain::BargainingProblem problem = bargain::from_scenario(s);
  std::vector<const bargain::ModelSpec*> chosen;
  if (auto it = request.find("models"); it != request.end()) {
    if (!it->is_array()) throw ApiError(400, "expected 'models' to be an array of model names");
    for (const auto& m : *it) {
      const auto* spec = m.is_string() ? bargain::find_model(m.get<std::string>()) : nullptr;
      if (!spec) throw ApiError(400, fmt::format("unknown model {}", m.dump()));
      chosen.push_back(spec);
    }
  } else {
    for (const auto& m : bargain::bargaining_models()) chosen.push_back(&m);
  }
  std::uint64_t seed = request.value("seed", std::uint64_t{1});
  try {
    return report::bargain_json(problem, chosen, seed);
  } catch (const InputError& e) {
    throw ApiError(422, "a bargaining model refused the input",
                   {{"diagnostics", diagnostics_json(e)}});
  }
}

json network(const json& request) {
  Scenario s = request_scenario(request);
  Date date = s.reference_date();
  if (request.contains("date")) {
    auto d = Date::parse(string_field(request, "date"));
    if (!d) throw ApiError(400, "expected 'date' as YYYY-MM-DD");
    date = *d;
  }
  return report::network_json(s, date);
}

}  // namespace detente::serve
