// detente/sim/model.hpp
//
// A scenario (with a variant applied) compiled for fast repeated simulation: every number
// the dynamics read lives in one flat parameter vector, and every uncertain number is an
// input that a run draws (by inverse CDF) into its slot of that vector. Events, relations,
// decisions and outcomes refer to actors, issues and parameters by index. The model is
// documented in docs/models/dynamics.md.
//
// Example:
//   detente::sim::SimModel m = detente::sim::compile(scenario, scenario.find_variant("postponed"));
//   std::vector<double> p = m.parameters;          // point values
//   for (const auto& in : m.inputs) p[in.slot] = in.distribution.quantile(u);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/scenario.hpp"

namespace detente::sim {

// An uncertain number of the scenario: where it goes and how it is distributed.
struct UncertainInput {
  std::string name;  // "capability[CHN]", "position[USA,us_presence]", "dynamics.noise"…
  std::size_t slot = 0;
  Distribution distribution = Distribution::uniform(0, 1);
};

inline constexpr int kNoSlot = -1;

struct SimEvent {
  std::string id;
  int month = 0;       // months since the start; stochastic events: first eligible month
  int last_month = 0;  // stochastic events: last eligible month
  EventKind kind = EventKind::other;
  std::vector<int> participants;
  std::vector<int> targets;
  int probability_slot = kNoSlot;  // scheduled: probability it happens; stochastic: per month
  int effect_slot = kNoSlot;       // magnitude overriding the kind's default
  std::vector<std::pair<int, int>> position_switches;  // (issue, slot of new position)
  bool stochastic = false;
  std::uint64_t key = 0;  // FNV-1a of id: keys the event's draws, the same in every variant
  // A scheduled event that does not take place in its month is held reschedule_delay
  // months later (rounded, ≥ 1) when the uniform input in reschedule_draw falls below the
  // probability in reschedule_chance (kNoSlot: never rescheduled).
  int reschedule_chance = kNoSlot;
  int reschedule_draw = kNoSlot;
  int reschedule_delay = kNoSlot;
};

// A relation's contribution to the baseline tie of a pair during [from_month, until_month).
struct SimRelation {
  int a = 0, b = 0;
  double sign = 1;
  int weight_slot = 0;
  int from_month = 0;
  int until_month = 0;
  // An expected relation (`expected = true`): it exists in a run when the uniform input in
  // draw_slot falls below the probability in chance_slot. kNoSlot: a known relation.
  int chance_slot = kNoSlot;
  int draw_slot = kNoSlot;
};

struct SimOutcome {
  std::string id;
  std::string name;
  OutcomeKind kind = OutcomeKind::event_occurs;
  int event = -1;  // index into SimModel::events
  int month = 0;   // the month evaluated (event_occurs: last month counted)
  int a = 0, b = 0;
  double threshold = 0;
  int issue = -1;
  double min = 0, max = 0;
  std::vector<std::uint8_t> bloc;  // bloc_split: 1 = actor i on the bloc's side (n entries)
};

// Indices of the dynamics parameters in the parameter vector, in parameter_specs() order.
enum Param : int {
  kBalanceGain,
  kRestoringRate,
  kSaturation,
  kNoise,
  kSummitEffect,
  kMeetingEffect,
  kTreatyTie,
  kThreatBond,
  kThreatHostility,
  kSanctionEffect,
  kPersistence,
  kInfluence,
  kSubsteps,
  kParamCount
};

struct SimModel {
  std::string scenario_id;
  std::string variant_id;  // "baseline" when none
  std::string variant_name;
  Date start;
  int months = 24;
  int n = 0;  // actors
  int m = 0;  // issues
  bool median_model = false;
  std::vector<std::string> actors;
  std::vector<std::string> issues;
  std::vector<double> scale_min, scale_max;
  std::vector<int> decision_month;     // per issue; months-1 when undecided within the horizon
  std::vector<unsigned char> decides;  // [issue * n + actor]: 1 when the actor settles the issue

  std::vector<double> parameters;  // point values of every slot
  std::vector<UncertainInput> inputs;
  std::size_t capability_offset = 0;  // + actor
  std::size_t position_offset = 0;    // + issue * n + actor
  std::size_t salience_offset = 0;    // + issue * n + actor
  std::size_t dynamics_offset = 0;    // + Param

  std::vector<SimRelation> relations;
  std::vector<bool> relations_change;      // per month: a relation starts or ends then
  std::vector<SimEvent> events;            // scheduled (sorted by month), then stochastic
  std::size_t scheduled_events = 0;        // events[0, scheduled_events) are the scheduled ones
  std::vector<std::size_t> reschedulable;  // scheduled events with a reschedule rule
  std::vector<SimOutcome> outcomes;
  std::vector<std::pair<int, int>> key_dyads;

  Date month_date(int month) const;  // the first day of the month `month` after start
};

// Compiles the scenario with `variant` applied (nullptr: the baseline). Throws InputError
// on references that cannot be resolved.
SimModel compile(const Scenario& scenario, const Variant* variant);

// Months from `start` to `date` (negative before the start month).
int months_between(const Date& start, const Date& date);

}  // namespace detente::sim
