// detente/core/scenario.hpp
//
// The scenario model: a regional international system at one moment and its timeline.
// Actors (states) with capabilities, issues (policy dimensions) with actors' positions
// and saliences, relations (signed, weighted dyadic ties of a kind) and dated events.
// Plain data; readers live in io/, analyses in bargain/, align/, events/, sim/.
//
// Every number that comes from judgement or a data set can carry a `source` note
// (Sourced<T>), so a report can say where each figure came from.
//
// Example:
//   detente::Scenario s = detente::io::read_scenario_file("nea.toml");
//   const detente::Issue& summit = s.issue("trilateral_summit");
//   for (const auto& p : s.positions_on(summit.id)) { ... p.position.value ... }
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace detente {

// A number with a note on where it comes from (data set, document, judgement).
template <typename T>
struct Sourced {
  T value{};
  std::string source;
  int line = 0;  // line in the scenario file, for later diagnostics (0 = unknown)
};

// Correlates of War national material capabilities, where known (shares of the system
// total are computed into `cinc`; raw components as COW gives them).
struct CapabilityComponents {
  std::optional<double> milex;   // military expenditure, thousands of USD
  std::optional<double> milper;  // military personnel, thousands
  std::optional<double> irst;    // iron and steel production, thousands of tons
  std::optional<double> pec;     // primary energy consumption, thousands of coal-ton equivalents
  std::optional<double> tpop;    // total population, thousands
  std::optional<double> upop;    // urban population, thousands
  std::optional<int> year;       // year the components describe
};

struct Actor {
  std::string id;              // ISO3-style code: "CHN"
  std::string name;            // "China"
  Sourced<double> capability;  // >= 0; relative power used as weight by the models
  CapabilityComponents components;
  std::vector<std::string> tags;  // free labels ("nuclear", "treaty-ally:USA")
  int line = 0;
};

struct Issue {
  std::string id;          // "trilateral_summit"
  std::string name;        // "China–Japan–South Korea summit"
  std::string low_label;   // what the scale minimum means
  std::string high_label;  // what the scale maximum means
  double scale_min = 0;
  double scale_max = 100;
  std::optional<Sourced<double>> status_quo;
  std::optional<Date> decision_date;  // when the issue is settled, if it is
  std::string description;
  int line = 0;
};

// One actor's stance on one issue: where it stands and how much it cares (0–1).
struct Position {
  std::string actor;
  std::string issue;
  Sourced<double> position;
  Sourced<double> salience;
  std::string why;  // a one-line justification
  int line = 0;
};

enum class RelationKind {
  alliance,          // treaty alliance or defence pact
  partnership,       // strategic partnership, security cooperation short of a treaty
  dialogue,          // institutionalised dialogue channel (summits, ministerials)
  trade_dependence,  // economic interdependence, `a` depends on `b` when directed
  rivalry,           // strategic rivalry
  territorial_dispute,
  grievance,  // historical grievance
  sanction,   // sanctions regime of `a` on `b`
  hostility,  // militarised threat (missile tests, no diplomatic ties)
};

std::string_view to_string(RelationKind kind);
std::optional<RelationKind> relation_kind_from_string(std::string_view text);
int default_sign(RelationKind kind);  // +1 cooperative kinds, -1 conflictual ones
const std::vector<std::string_view>& relation_kind_names();

// A signed, weighted dyadic tie of one kind, active from `since` until `until`.
struct Relation {
  std::string a;
  std::string b;
  RelationKind kind = RelationKind::dialogue;
  int sign = +1;                    // +1 or -1
  Sourced<double> weight{1.0, {}};  // strength in (0, 1]
  bool directed = false;
  std::optional<Date> since;
  std::optional<Date> until;
  std::string note;
  int line = 0;

  bool active_on(const Date& d) const { return (!since || *since <= d) && (!until || d < *until); }
  double signed_weight() const { return sign * weight.value; }
};

enum class EventKind {
  summit,
  ministerial,
  meeting,
  visit,
  test_launch,
  nuclear_test,
  election,
  treaty,
  agreement,
  exercise,
  sanction,
  statement,
  other
};
enum class EventStatus { held, scheduled, postponed, cancelled };

std::string_view to_string(EventKind kind);
std::optional<EventKind> event_kind_from_string(std::string_view text);
const std::vector<std::string_view>& event_kind_names();
std::string_view to_string(EventStatus status);
std::optional<EventStatus> event_status_from_string(std::string_view text);

struct Event {
  std::string id;
  Date date;
  EventKind kind = EventKind::other;
  EventStatus status = EventStatus::held;
  std::vector<std::string> participants;  // actor ids
  std::vector<std::string> targets;       // actor ids an act is aimed at (tests, sanctions)
  std::string title;
  std::string source;
  int line = 0;
};

struct Scenario {
  std::string id;
  std::string name;
  std::string description;
  std::optional<Date> as_of;  // the date the positions describe
  std::vector<std::string> sources;
  std::string file;  // where it was read from ("<builtin:...>" for embedded ones)

  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::vector<Position> positions;
  std::vector<Relation> relations;
  std::vector<Event> events;

  const Actor* find_actor(std::string_view id) const;
  const Issue* find_issue(std::string_view id) const;
  std::size_t actor_index(std::string_view id) const;  // throws std::out_of_range
  std::vector<const Position*> positions_on(std::string_view issue) const;
  // The date the analysis refers to: as_of, else the last event, else today's epoch.
  Date reference_date() const;
};

}  // namespace detente
