#include "report/app_data.hpp"

#include "align/frustration.hpp"
#include "align/signed_graph.hpp"
#include "core/limits.hpp"

namespace detente::report {

using nlohmann::json;

namespace {

json sourced(const Sourced<double>& s) {
  json j = {{"value", s.value}, {"line", s.line}, {"source", s.source}};
  if (s.uncertainty) j["uncertain"] = true;
  return j;
}

std::string date_or_empty(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }

}  // namespace

json scenario_view(const Scenario& s) {
  json j;
  j["id"] = s.id;
  j["name"] = s.name;
  j["description"] = s.description;
  j["as_of"] = date_or_empty(s.as_of);
  j["reference_date"] = s.reference_date().iso();
  j["actors"] = json::array();
  for (const auto& a : s.actors)
    j["actors"].push_back({{"id", a.id},
                           {"name", a.name},
                           {"capability", sourced(a.capability)},
                           {"tags", a.tags},
                           {"line", a.line}});
  j["issues"] = json::array();
  for (const auto& i : s.issues)
    j["issues"].push_back({{"id", i.id},
                           {"name", i.name},
                           {"low_label", i.low_label},
                           {"high_label", i.high_label},
                           {"scale_min", i.scale_min},
                           {"scale_max", i.scale_max},
                           {"status_quo", i.status_quo ? json(i.status_quo->value) : json()},
                           {"decision_date", date_or_empty(i.decision_date)},
                           {"line", i.line}});
  j["positions"] = json::array();
  for (const auto& p : s.positions)
    j["positions"].push_back({{"actor", p.actor},
                              {"issue", p.issue},
                              {"position", sourced(p.position)},
                              {"salience", sourced(p.salience)},
                              {"why", p.why},
                              {"line", p.line}});
  j["relations"] = json::array();
  for (const auto& r : s.relations)
    j["relations"].push_back({{"a", r.a},
                              {"b", r.b},
                              {"kind", std::string(to_string(r.kind))},
                              {"sign", r.sign},
                              {"weight", sourced(r.weight)},
                              {"since", date_or_empty(r.since)},
                              {"until", date_or_empty(r.until)},
                              {"note", r.note},
                              {"line", r.line}});
  j["events"] = json::array();
  for (const auto& e : s.events)
    j["events"].push_back({{"id", e.id},
                           {"date", e.date.iso()},
                           {"kind", std::string(to_string(e.kind))},
                           {"status", std::string(to_string(e.status))},
                           {"participants", e.participants},
                           {"targets", e.targets},
                           {"title", e.title},
                           {"probability", e.probability ? sourced(*e.probability) : json()},
                           {"line", e.line}});
  j["stochastic"] = json::array();
  for (const auto& e : s.stochastic_events)
    j["stochastic"].push_back({{"id", e.id},
                               {"kind", std::string(to_string(e.kind))},
                               {"title", e.title},
                               {"monthly_probability", sourced(e.monthly_probability)},
                               {"line", e.line}});
  j["variants"] = json::array();
  for (const auto& v : s.variants)
    j["variants"].push_back({{"id", v.id}, {"name", v.name}, {"description", v.description}});
  j["outcomes"] = json::array();
  for (const auto& o : s.outcomes) j["outcomes"].push_back({{"id", o.id}, {"name", o.name}});
  return j;
}

nlohmann::ordered_json bargain_json(const bargain::BargainingProblem& problem,
                                    const std::vector<const bargain::ModelSpec*>& models,
                                    std::uint64_t seed) {
  nlohmann::ordered_json out;
  out["input"] = problem.name;
  out["models"] = nlohmann::ordered_json::array();
  for (const auto* spec : models) {
    bargain::RunSettings settings;
    settings.seed = seed;
    out["models"].push_back(bargain::to_json(problem, spec->run(problem, settings)));
  }
  return out;
}

json network_json(const Scenario& s, const Date& date) {
  align::SignedGraph g = align::relation_network(s, date);
  // The exact split is cheap for a regional system; the node budget keeps a large edited
  // scenario from holding a server thread (the answer then says it is not proven optimal)
  // and, being a count, gives the same answer on every machine.
  align::FrustrationResult f = align::frustration_exact(
      g, {.weighted = true, .seed = 1, .node_budget = limits::kAlignmentSplitNodeBudget});
  json j;
  j["date"] = date.iso();
  j["nodes"] = g.names;
  j["side"] = f.side;
  j["frustration"] = f.frustration;
  j["optimal"] = f.optimal;
  j["edges"] = json::array();
  for (std::size_t k = 0; k < g.edges.size(); ++k) {
    const auto& e = g.edges[k];
    bool frustrated = align::is_frustrated(e, f.side);
    j["edges"].push_back({{"a", g.names[static_cast<std::size_t>(e.u)]},
                          {"b", g.names[static_cast<std::size_t>(e.v)]},
                          {"sign", e.sign},
                          {"weight", e.weight},
                          {"frustrated", frustrated}});
  }
  return j;
}

}  // namespace detente::report
