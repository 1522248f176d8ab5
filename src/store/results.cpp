// The result tables of a stored run, filled from the command's JSON output (the documented
// formats: docs/summary-json.md, docs/bargain-json.md, `detente simulate --format json`).
// Simulations fill outcome_probabilities, settlements and frustration_series; bargaining
// fills forecasts, trajectories and positions; every other number of the output goes to
// metrics under its JSON path, so that every command's results are queryable and diffable.
#include <set>

#include "store/run_store.hpp"
#include "store/sqlite.hpp"

namespace detente::store {

namespace {

using json = nlohmann::json;

// The key that names an element of an array of objects, so paths stay stable when the
// order changes: outcomes[summit_2024] rather than outcomes[3].
std::string element_name(const json& e, std::size_t index) {
  if (e.is_object())
    for (const char* key : {"id", "variant", "issue", "model", "dyad", "name", "actor"})
      if (auto it = e.find(key); it != e.end() && it->is_string()) return it->get<std::string>();
  return std::to_string(index);
}

void flatten(const json& j, const std::string& path, const std::set<std::string>& skip,
             Statement& insert, const std::string& id) {
  if (skip.count(path)) return;
  if (j.is_number()) {
    insert.bind(1, id).bind(2, path).bind(3, j.get<double>()).run();
  } else if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      flatten(v, path.empty() ? k : path + "." + k, skip, insert, id);
  } else if (j.is_array()) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string name = element_name(j[i], i);
      if (!seen.insert(name).second) name = std::to_string(i);
      flatten(j[i], path + "[" + name + "]", skip, insert, id);
    }
  }
}

double num(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

template <typename T>
std::optional<double> opt_num(const json& j, const T& key) {
  auto it = j.find(key);
  if (it != j.end() && it->is_number()) return it->template get<double>();
  return std::nullopt;
}

void bind_quantiles(Statement& q, int first, const json& j) {
  int c = first;
  for (const char* k : {"mean", "q05", "q25", "q50", "q75", "q95"}) q.bind(c++, opt_num(j, k));
}

// `variants` as `detente simulate --format json` writes them.
void write_variants(Database& db, const std::string& id, const json& variants) {
  Statement out(db, "INSERT OR REPLACE INTO outcome_probabilities VALUES (?,?,?,?,?,?,?,?,?)");
  Statement set(db, "INSERT OR REPLACE INTO settlements VALUES (?,?,?,?,?,?,?,?,?)");
  Statement fr(db, "INSERT OR REPLACE INTO frustration_series VALUES (?,?,?,?,?,?,?,?,?)");
  for (const auto& v : variants) {
    const std::string variant = v.value("variant", std::string());
    const auto runs = static_cast<std::int64_t>(num(v, "runs"));
    for (const auto& o : v.value("outcomes", json::array())) {
      json ci = o.value("ci95", json::array({0.0, 0.0}));
      out.bind(1, id)
          .bind(2, variant)
          .bind(3, o.value("id", std::string()))
          .bind(4, o.value("name", std::string()))
          .bind(5, num(o, "probability"))
          .bind(6, ci.size() == 2 && ci[0].is_number() ? ci[0].get<double>() : 0.0)
          .bind(7, ci.size() == 2 && ci[1].is_number() ? ci[1].get<double>() : 0.0)
          .bind(8, static_cast<std::int64_t>(num(o, "count")))
          .bind(9, runs)
          .run();
    }
    for (const auto& s : v.value("issues", json::array())) {
      set.bind(1, id).bind(2, variant).bind(3, s.value("issue", std::string()));
      bind_quantiles(set, 4, s);
      set.run();
    }
    const json months = v.value("months", json::array());
    const json frustration = v.value("frustration", json::array());
    for (std::size_t m = 0; m < frustration.size(); ++m) {
      fr.bind(1, id)
          .bind(2, variant)
          .bind(3, m < months.size() && months[m].is_string() ? months[m].get<std::string>()
                                                              : std::to_string(m));
      bind_quantiles(fr, 4, frustration[m]);
      fr.run();
    }
  }
}

struct BargainInserts {
  Statement forecast, trajectory, position;
  explicit BargainInserts(Database& db)
      : forecast(db, "INSERT OR REPLACE INTO forecasts VALUES (?,?,?,?)"),
        trajectory(db, "INSERT OR REPLACE INTO trajectories VALUES (?,?,?,?,?,?)"),
        position(db, "INSERT OR REPLACE INTO positions VALUES (?,?,?,?,?,?)") {}
};

// One model's run as docs/bargain-json.md describes it.
void write_model_run(BargainInserts& q, const std::string& id, const json& run) {
  const std::string model = run.value("model", std::string());
  for (const auto& is : run.value("issues", json::array())) {
    const std::string issue = is.value("issue", std::string());
    q.forecast.bind(1, id).bind(2, model).bind(3, issue).bind(4, num(is, "forecast")).run();
    for (const auto& r : is.value("rounds", json::array())) {
      const auto round = static_cast<std::int64_t>(num(r, "round"));
      q.trajectory.bind(1, id)
          .bind(2, model)
          .bind(3, issue)
          .bind(4, round)
          .bind(5, opt_num(r, "median"))
          .bind(6, opt_num(r, "mean"))
          .run();
      const json positions = r.value("positions", json::object());
      for (const auto& [actor, x] : positions.items())
        if (x.is_number())
          q.position.bind(1, id)
              .bind(2, model)
              .bind(3, issue)
              .bind(4, round)
              .bind(5, actor)
              .bind(6, x.get<double>())
              .run();
    }
  }
}

// The bargaining section of summary.json: forecasts per issue and model, trajectories.
void write_bargaining_section(BargainInserts& q, const std::string& id, const json& section) {
  for (const auto& is : section.value("issues", json::array())) {
    const std::string issue = is.value("issue", std::string());
    const json forecasts = is.value("forecasts", json::object());
    const json trajectories = is.value("trajectories", json::object());
    for (const auto& [model, x] : forecasts.items())
      if (x.is_number())
        q.forecast.bind(1, id).bind(2, model).bind(3, issue).bind(4, x.get<double>()).run();
    for (const auto& [model, rounds] : trajectories.items())
      for (const auto& r : rounds)
        q.trajectory.bind(1, id)
            .bind(2, model)
            .bind(3, issue)
            .bind(4, static_cast<std::int64_t>(num(r, "round")))
            .bind(5, opt_num(r, "median"))
            .bind(6, opt_num(r, "mean"))
            .run();
  }
}

}  // namespace

void write_result_tables(Database& db, const std::string& id, const RunRecord& record) {
  const json& j = record.result;
  std::set<std::string> typed;  // paths whose numbers went to typed tables
  if (record.command == "simulate" && j.contains("variants")) {
    write_variants(db, id, j["variants"]);
    for (std::size_t v = 0; v < j["variants"].size(); ++v) {
      const std::string base = "variants[" + element_name(j["variants"][v], v) + "]";
      for (const char* k : {".outcomes", ".issues", ".frustration"}) typed.insert(base + k);
    }
  } else if (record.command == "run" && j.contains("sections")) {
    const json& sections = j["sections"];
    if (sections.contains("simulation") && sections["simulation"].contains("variants")) {
      const json& variants = sections["simulation"]["variants"];
      write_variants(db, id, variants);
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const std::string base =
            "sections.simulation.variants[" + element_name(variants[v], v) + "]";
        for (const char* k : {".outcomes", ".issues", ".frustration"}) typed.insert(base + k);
      }
    }
    if (sections.contains("bargaining")) {
      BargainInserts q(db);
      write_bargaining_section(q, id, sections["bargaining"]);
      typed.insert("sections.bargaining.issues");
    }
  } else if (record.command == "bargain") {
    BargainInserts q(db);
    if (j.contains("models")) {
      for (const auto& m : j["models"]) write_model_run(q, id, m);
      typed.insert("models");
    } else {
      write_model_run(q, id, j);
      typed.insert("issues");
      typed.insert("options");  // inputs, kept in run_options
    }
  }
  typed.insert("seed");  // an input, kept in runs.seed
  Statement insert(db, "INSERT OR REPLACE INTO metrics VALUES (?,?,?)");
  flatten(j, "", typed, insert, id);
}

}  // namespace detente::store
