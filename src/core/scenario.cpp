#include "core/scenario.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "core/error.hpp"

namespace detente {

namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<std::string_view, E>, N>& table,
                        std::string_view text) {
  for (const auto& [name, value] : table)
    if (name == text) return value;
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<std::string_view, E>, N>& table, E value) {
  for (const auto& [name, v] : table)
    if (v == value) return name;
  return "?";
}

template <typename E, std::size_t N>
std::vector<std::string_view> names(const std::array<std::pair<std::string_view, E>, N>& table) {
  std::vector<std::string_view> out;
  for (const auto& entry : table) out.push_back(entry.first);
  return out;
}

constexpr std::array<std::pair<std::string_view, RelationKind>, 10> kRelationKinds{{
    {"alliance", RelationKind::alliance},
    {"partnership", RelationKind::partnership},
    {"dialogue", RelationKind::dialogue},
    {"trade_dependence", RelationKind::trade_dependence},
    {"rivalry", RelationKind::rivalry},
    {"territorial_dispute", RelationKind::territorial_dispute},
    {"grievance", RelationKind::grievance},
    {"sanction", RelationKind::sanction},
    {"hostility", RelationKind::hostility},
    {"event_tie", RelationKind::event_tie},
}};

constexpr std::array<std::pair<std::string_view, EventKind>, 13> kEventKinds{{
    {"summit", EventKind::summit},
    {"ministerial", EventKind::ministerial},
    {"meeting", EventKind::meeting},
    {"visit", EventKind::visit},
    {"test_launch", EventKind::test_launch},
    {"nuclear_test", EventKind::nuclear_test},
    {"election", EventKind::election},
    {"treaty", EventKind::treaty},
    {"agreement", EventKind::agreement},
    {"exercise", EventKind::exercise},
    {"sanction", EventKind::sanction},
    {"statement", EventKind::statement},
    {"other", EventKind::other},
}};

constexpr std::array<std::pair<std::string_view, EventStatus>, 4> kEventStatuses{{
    {"held", EventStatus::held},
    {"scheduled", EventStatus::scheduled},
    {"postponed", EventStatus::postponed},
    {"cancelled", EventStatus::cancelled},
}};

constexpr std::array<std::pair<std::string_view, OutcomeKind>, 5> kOutcomeKinds{{
    {"event_occurs", OutcomeKind::event_occurs},
    {"tie_above", OutcomeKind::tie_above},
    {"tie_below", OutcomeKind::tie_below},
    {"issue_in_range", OutcomeKind::issue_in_range},
    {"bloc_split", OutcomeKind::bloc_split},
}};

}  // namespace

std::string_view to_string(OutcomeKind kind) { return name_of(kOutcomeKinds, kind); }
std::optional<OutcomeKind> outcome_kind_from_string(std::string_view text) {
  return lookup(kOutcomeKinds, text);
}
const std::vector<std::string_view>& outcome_kind_names() {
  static const auto all = names(kOutcomeKinds);
  return all;
}

std::string_view to_string(RelationKind kind) { return name_of(kRelationKinds, kind); }
std::optional<RelationKind> relation_kind_from_string(std::string_view text) {
  return lookup(kRelationKinds, text);
}
const std::vector<std::string_view>& relation_kind_names() {
  static const auto all = names(kRelationKinds);
  return all;
}

int default_sign(RelationKind kind) {
  switch (kind) {
    case RelationKind::alliance:
    case RelationKind::partnership:
    case RelationKind::dialogue:
    case RelationKind::trade_dependence:
    case RelationKind::event_tie:  // the sign is in the weight
      return +1;
    case RelationKind::rivalry:
    case RelationKind::territorial_dispute:
    case RelationKind::grievance:
    case RelationKind::sanction:
    case RelationKind::hostility:
      return -1;
  }
  return +1;
}

std::string_view to_string(EventKind kind) { return name_of(kEventKinds, kind); }
std::optional<EventKind> event_kind_from_string(std::string_view text) {
  return lookup(kEventKinds, text);
}
const std::vector<std::string_view>& event_kind_names() {
  static const auto all = names(kEventKinds);
  return all;
}
std::string_view to_string(EventStatus status) { return name_of(kEventStatuses, status); }
std::optional<EventStatus> event_status_from_string(std::string_view text) {
  return lookup(kEventStatuses, text);
}
const std::vector<std::string_view>& event_status_names() {
  static const auto all = names(kEventStatuses);
  return all;
}

const Actor* Scenario::find_actor(std::string_view id) const {
  auto it = std::find_if(actors.begin(), actors.end(), [&](const Actor& a) { return a.id == id; });
  return it == actors.end() ? nullptr : &*it;
}

const Issue* Scenario::find_issue(std::string_view id) const {
  auto it = std::find_if(issues.begin(), issues.end(), [&](const Issue& i) { return i.id == id; });
  return it == issues.end() ? nullptr : &*it;
}

std::size_t Scenario::actor_index(std::string_view id) const {
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (actors[i].id == id) return i;
  throw std::out_of_range("unknown actor " + std::string(id));
}

std::vector<const Position*> Scenario::positions_on(std::string_view issue) const {
  std::vector<const Position*> out;
  for (const auto& p : positions)
    if (p.issue == issue) out.push_back(&p);
  return out;
}

bool Scenario::decides(const Issue& issue, std::string_view actor) const {
  return issue.deciders.empty() ||
         std::find(issue.deciders.begin(), issue.deciders.end(), actor) != issue.deciders.end();
}

Date Scenario::reference_date() const {
  if (as_of) return *as_of;
  Date last{1970, 1, 1};
  for (const auto& e : events) last = std::max(last, e.date);
  return last;
}

const Variant* Scenario::find_variant(std::string_view id) const {
  for (const auto& v : variants)
    if (v.id == id) return &v;
  return nullptr;
}

Scenario apply_variant(const Scenario& base, const Variant& variant) {
  Scenario s = base;
  for (const EventPatch& patch : variant.events) {
    if (patch.added) {
      s.events.push_back(*patch.added);
      continue;
    }
    auto it = std::find_if(s.events.begin(), s.events.end(),
                           [&](const Event& e) { return e.id == patch.id; });
    if (it == s.events.end())
      fail({s.file, patch.line, "variant[" + variant.id + "].event"}, "unknown event '{}'",
           patch.id);
    if (patch.date) it->date = *patch.date;
    if (patch.status) it->status = *patch.status;
    if (patch.probability) it->probability = patch.probability;
    if (patch.effect) it->effect = patch.effect;
    if (patch.reschedule) it->reschedule = patch.reschedule;
    for (const auto& [issue, value] : patch.positions) it->positions[issue] = value;
  }
  for (const PositionPatch& patch : variant.positions) {
    auto it = std::find_if(s.positions.begin(), s.positions.end(), [&](const Position& p) {
      return p.actor == patch.actor && p.issue == patch.issue;
    });
    if (it == s.positions.end()) {
      Position p;
      p.actor = patch.actor;
      p.issue = patch.issue;
      p.line = patch.line;
      s.positions.push_back(p);
      it = s.positions.end() - 1;
    }
    if (patch.position) it->position = *patch.position;
    if (patch.salience) it->salience = *patch.salience;
  }
  for (const auto& [name, value] : variant.parameters) s.simulation.parameters[name] = value;
  return s;
}

}  // namespace detente
