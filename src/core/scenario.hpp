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
#include "core/distribution.hpp"

namespace detente {

// A number with a note on where it comes from (data set, document, judgement), and
// optionally the uncertainty around it. `value` is the point value every deterministic
// analysis uses (the distribution's mean when only a distribution is given); simulations
// draw from `uncertainty`.
template <typename T>
struct Sourced {
  T value{};
  std::string source;
  int line = 0;  // line in the scenario file, for later diagnostics (0 = unknown)
  std::optional<Distribution> uncertainty;

  // The range the number may take: its value, or its distribution's support.
  double lower_bound() const { return uncertainty ? uncertainty->lower() : value; }
  double upper_bound() const { return uncertainty ? uncertainty->upper() : value; }
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
  // The actors whose positions settle the issue (docs/models/dynamics.md); the others act
  // on it only through their ties. Empty: every actor.
  std::vector<std::string> deciders;
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
  event_tie,  // measured from event data (events/tie_series): the weight is the signed score
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
  Sourced<double> weight{1.0, {}};  // strength in (0, 1]; an event_tie's signed score in [−1, 1]
  bool directed = false;
  std::optional<Date> since;
  std::optional<Date> until;
  std::string note;
  // A relation not yet in force on the as-of date (`since` after it) must be marked as
  // expected, with the probability that it comes about; the simulation draws it per run.
  bool expected = false;
  std::optional<Sourced<double>> probability;
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

// What happens to a scheduled event that does not take place on its date: with
// `probability` it is held `delay_months` later instead (once; docs/models/dynamics.md).
struct Reschedule {
  Sourced<double> probability;
  Sourced<double> delay_months;
  int line = 0;
};

std::string_view to_string(EventKind kind);
std::optional<EventKind> event_kind_from_string(std::string_view text);
const std::vector<std::string_view>& event_kind_names();
std::string_view to_string(EventStatus status);
std::optional<EventStatus> event_status_from_string(std::string_view text);
const std::vector<std::string_view>& event_status_names();

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
  // For simulation (docs/models/dynamics.md): the probability that the event takes place
  // as scheduled (for an election: that the participants' positions switch), a magnitude
  // overriding its kind's default effect, and the positions participants switch to.
  std::optional<Sourced<double>> probability;
  std::optional<Sourced<double>> effect;
  std::map<std::string, Sourced<double>> positions;  // issue id -> new position
  std::optional<Reschedule> reschedule;
};

// An event that may happen in any month with a given rate (a Bernoulli trial per month).
struct StochasticEvent {
  std::string id;
  EventKind kind = EventKind::other;
  std::vector<std::string> participants;
  std::vector<std::string> targets;
  Sourced<double> monthly_probability;
  std::optional<Sourced<double>> effect;
  std::optional<Date> from;
  std::optional<Date> until;
  std::string title;
  int line = 0;
};

// Settings of the simulation (docs/models/dynamics.md); parameters of the dynamics are
// named numbers checked against sim's list of parameters.
struct SimulationSettings {
  std::optional<Date> start;  // default: the scenario's as_of
  int months = 24;
  std::string model = "mean";  // bargaining model resolving issues at their decision date
  std::vector<std::pair<std::string, std::string>> key_dyads;  // series reported over time
  std::map<std::string, Sourced<double>> parameters;
  int line = 0;
};

// A change to one event of the baseline (by id), or a new event.
struct EventPatch {
  std::string id;
  std::optional<Date> date;
  std::optional<EventStatus> status;
  std::optional<Sourced<double>> probability;
  std::optional<Sourced<double>> effect;
  std::map<std::string, Sourced<double>> positions;
  std::optional<Reschedule> reschedule;
  std::optional<Event> added;  // set when the id is not in the baseline
  int line = 0;
};

struct PositionPatch {
  std::string actor;
  std::string issue;
  std::optional<Sourced<double>> position;
  std::optional<Sourced<double>> salience;
  int line = 0;
};

// A named alternative future: events moved, cancelled or added, parameters or positions
// changed ("summit postponed to 2025", "US policy reversal after the election").
struct Variant {
  std::string id;
  std::string name;
  std::string description;
  // What the variant is expected to move, as "issue:ID" or "outcome:ID" (checked against
  // the scenario; tests/sim check that each variant of the built-in case moves them).
  std::vector<std::string> moves;
  std::vector<EventPatch> events;
  std::vector<PositionPatch> positions;
  std::map<std::string, Sourced<double>> parameters;
  int line = 0;
};

enum class OutcomeKind { event_occurs, tie_above, tie_below, issue_in_range, bloc_split };
std::string_view to_string(OutcomeKind kind);
std::optional<OutcomeKind> outcome_kind_from_string(std::string_view text);
const std::vector<std::string_view>& outcome_kind_names();

// A named predicate evaluated on each simulated run.
struct Outcome {
  std::string id;
  std::string name;
  OutcomeKind kind = OutcomeKind::event_occurs;
  std::string event;       // event_occurs: an event id (baseline, variant or stochastic)
  std::optional<Date> by;  // event_occurs: on or before; tie/bloc: the date evaluated
  std::string a, b;        // tie_above / tie_below
  double threshold = 0;
  std::string issue;  // issue_in_range
  double min = 0, max = 0;
  std::vector<std::string> bloc;  // bloc_split: the actors on one side
  int line = 0;
};

// Data sets the scenario draws on: event-data files for the main job's events section.
struct ScenarioData {
  std::vector<std::string>
      event_files;  // paths or globs, relative ones resolved against the scenario file
  std::string events_format = "auto";  // a reader name of `detente events --format-in`
  bool calibrate = false;  // simulate with dynamics calibrated on event_files (before as_of)
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

  ScenarioData data;
  SimulationSettings simulation;
  std::vector<StochasticEvent> stochastic_events;
  std::vector<Variant> variants;
  std::vector<Outcome> outcomes;

  const Actor* find_actor(std::string_view id) const;
  const Issue* find_issue(std::string_view id) const;
  std::size_t actor_index(std::string_view id) const;  // throws std::out_of_range
  std::vector<const Position*> positions_on(std::string_view issue) const;
  // Whether actor `id` takes part in settling `issue` (its deciders; all when none given).
  bool decides(const Issue& issue, std::string_view actor) const;
  // The date the analysis refers to: as_of, else the last event, else today's epoch.
  Date reference_date() const;
  const Variant* find_variant(std::string_view id) const;
};

// The scenario with a variant's changes applied (events patched or added, positions and
// parameters overridden). Throws InputError if the variant names nothing it can patch.
Scenario apply_variant(const Scenario& scenario, const Variant& variant);

}  // namespace detente
