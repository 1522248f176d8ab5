#include "sim/model.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/parameters.hpp"
#include "sim/rng.hpp"

namespace detente::sim {

int months_between(const Date& start, const Date& date) {
  return date.month_index() - start.month_index();
}

Date SimModel::month_date(int month) const {
  int index = start.month_index() + month;
  return Date{index / 12, index % 12 + 1, 1};
}

namespace {

class Compiler {
 public:
  Compiler(const Scenario& s, SimModel& model) : s_(s), m_(model) {}

  // Adds a slot for a sourced number; uncertain numbers become inputs.
  int slot(const Sourced<double>& value, std::string name) {
    m_.parameters.push_back(value.value);
    const int index = static_cast<int>(m_.parameters.size() - 1);
    if (value.uncertainty)
      m_.inputs.push_back({std::move(name), static_cast<std::size_t>(index), *value.uncertainty});
    return index;
  }
  // A uniform number in [0, 1) every run draws (point value 0.5) to decide an uncertain
  // yes-or-no of the scenario against a probability slot.
  int uniform_draw(std::string name) {
    Sourced<double> u{0.5, {}, 0, Distribution::uniform(0, 1)};
    return slot(u, std::move(name));
  }
  int slot(double value) {
    m_.parameters.push_back(value);
    return static_cast<int>(m_.parameters.size() - 1);
  }

  int actor(const std::string& id, int line, const char* field) {
    for (int i = 0; i < m_.n; ++i)
      if (m_.actors[i] == id) return i;
    fail({s_.file, line, field}, "unknown actor '{}'", id);
  }
  int issue(const std::string& id, int line, const char* field) {
    for (int k = 0; k < m_.m; ++k)
      if (m_.issues[k] == id) return k;
    fail({s_.file, line, field}, "unknown issue '{}'", id);
  }

  void run() {
    if (s_.actors.size() > static_cast<std::size_t>(limits::kMaxActors))
      fail({s_.file, 0, "actor"}, "{} actors: simulation handles at most {} (core/limits.hpp)",
           s_.actors.size(), limits::kMaxActors);
    const SimulationSettings& sim = s_.simulation;
    m_.scenario_id = s_.id;
    m_.start = sim.start.value_or(s_.reference_date());
    m_.months = sim.months;
    m_.median_model = sim.model == "median";
    m_.n = static_cast<int>(s_.actors.size());
    m_.m = static_cast<int>(s_.issues.size());
    for (const auto& a : s_.actors) m_.actors.push_back(a.id);
    for (const auto& is : s_.issues) {
      m_.issues.push_back(is.id);
      m_.scale_min.push_back(is.scale_min);
      m_.scale_max.push_back(is.scale_max);
      int month = m_.months - 1;
      if (is.decision_date)
        month = std::clamp(months_between(m_.start, *is.decision_date), 0, m_.months - 1);
      m_.decision_month.push_back(month);
      for (const auto& a : s_.actors) m_.decides.push_back(s_.decides(is, a.id) ? 1 : 0);
    }

    m_.capability_offset = m_.parameters.size();
    for (const auto& a : s_.actors) slot(a.capability, "capability[" + a.id + "]");

    // Positions and saliences, [issue][actor]; an actor without a position sits at the
    // status quo (or midpoint) with salience 0.
    m_.position_offset = m_.parameters.size();
    m_.parameters.resize(m_.position_offset + 2 * static_cast<std::size_t>(m_.n * m_.m), 0.0);
    m_.salience_offset = m_.position_offset + static_cast<std::size_t>(m_.n * m_.m);
    for (int k = 0; k < m_.m; ++k) {
      const Issue& is = s_.issues[k];
      double rest = is.status_quo ? is.status_quo->value : (is.scale_min + is.scale_max) / 2;
      for (int i = 0; i < m_.n; ++i) m_.parameters[m_.position_offset + k * m_.n + i] = rest;
    }
    for (const Position& p : s_.positions) {
      int k = issue(p.issue, p.line, "issue"), i = actor(p.actor, p.line, "actor");
      std::size_t at = static_cast<std::size_t>(k * m_.n + i);
      m_.parameters[m_.position_offset + at] = p.position.value;
      m_.parameters[m_.salience_offset + at] = p.salience.value;
      std::string where = p.actor + "," + p.issue;
      if (p.position.uncertainty)
        m_.inputs.push_back(
            {"position[" + where + "]", m_.position_offset + at, *p.position.uncertainty});
      if (p.salience.uncertainty)
        m_.inputs.push_back(
            {"salience[" + where + "]", m_.salience_offset + at, *p.salience.uncertainty});
    }

    m_.dynamics_offset = m_.parameters.size();
    const auto& specs = parameter_specs();
    for (const auto& spec : specs) {
      auto it = sim.parameters.find(std::string(spec.name));
      if (it == sim.parameters.end())
        slot(spec.default_value);
      else
        slot(it->second, "dynamics." + std::string(spec.name));
    }

    for (const Relation& r : s_.relations) {
      SimRelation sr;
      sr.a = actor(r.a, r.line, "a");
      sr.b = actor(r.b, r.line, "b");
      sr.sign = r.sign;
      sr.weight_slot =
          slot(r.weight, "weight[" + r.a + "-" + r.b + ":" + std::string(to_string(r.kind)) + "]");
      sr.from_month = r.since ? months_between(m_.start, *r.since) : -1'000'000;
      sr.until_month = r.until ? months_between(m_.start, *r.until) : 1'000'000;
      if (r.expected && r.probability) {
        const std::string name = r.a + "-" + r.b + ":" + std::string(to_string(r.kind));
        sr.chance_slot = slot(*r.probability, "probability[" + name + "]");
        sr.draw_slot = uniform_draw("occurs[" + name + "]");
      }
      m_.relations.push_back(sr);
    }
    m_.relations_change.assign(static_cast<std::size_t>(m_.months), false);
    for (const SimRelation& r : m_.relations)
      for (int month : {r.from_month, r.until_month})
        if (month > 0 && month < m_.months)
          m_.relations_change[static_cast<std::size_t>(month)] = true;

    for (const Event& e : s_.events) {
      if (e.date < m_.start) continue;  // already part of the state at the start
      if (e.status == EventStatus::postponed || e.status == EventStatus::cancelled) continue;
      int month = months_between(m_.start, e.date);
      if (month < 0 || month >= m_.months) continue;
      SimEvent se = event_common(e.id, e.kind, e.participants, e.targets, e.effect, e.line);
      se.month = se.last_month = month;
      if (e.probability) se.probability_slot = slot(*e.probability, "probability[" + e.id + "]");
      if (e.reschedule) {
        se.reschedule_chance = slot(e.reschedule->probability, "reschedule[" + e.id + "]");
        se.reschedule_draw = uniform_draw("rescheduled[" + e.id + "]");
        se.reschedule_delay = slot(e.reschedule->delay_months, "delay_months[" + e.id + "]");
      }
      for (const auto& [issue_id, value] : e.positions)
        se.position_switches.emplace_back(issue(issue_id, e.line, "positions"),
                                          slot(value, "positions[" + e.id + "," + issue_id + "]"));
      m_.events.push_back(std::move(se));
    }
    std::stable_sort(m_.events.begin(), m_.events.end(),
                     [](const SimEvent& a, const SimEvent& b) { return a.month < b.month; });
    m_.scheduled_events = m_.events.size();
    for (std::size_t e = 0; e < m_.events.size(); ++e)
      if (m_.events[e].reschedule_chance != kNoSlot) m_.reschedulable.push_back(e);
    for (const StochasticEvent& e : s_.stochastic_events) {
      SimEvent se = event_common(e.id, e.kind, e.participants, e.targets, e.effect, e.line);
      se.stochastic = true;
      se.month = e.from ? std::max(0, months_between(m_.start, *e.from)) : 0;
      se.last_month =
          e.until ? std::min(m_.months - 1, months_between(m_.start, *e.until)) : m_.months - 1;
      se.probability_slot = slot(e.monthly_probability, "monthly_probability[" + e.id + "]");
      m_.events.push_back(std::move(se));
    }

    for (const auto& [a, b] : sim.key_dyads)
      m_.key_dyads.emplace_back(actor(a, sim.line, "key_dyads"), actor(b, sim.line, "key_dyads"));
    if (sim.key_dyads.empty()) default_key_dyads();

    for (const Outcome& o : s_.outcomes) m_.outcomes.push_back(outcome(o));
  }

 private:
  // Without key_dyads: the China–Japan–South Korea triangle where present, else the first
  // three pairs of actors.
  void default_key_dyads() {
    auto find = [&](const char* id) {
      auto it = std::find(m_.actors.begin(), m_.actors.end(), id);
      return it == m_.actors.end() ? -1 : static_cast<int>(it - m_.actors.begin());
    };
    const int chn = find("CHN"), jpn = find("JPN"), kor = find("KOR");
    if (chn >= 0 && jpn >= 0 && kor >= 0) {
      m_.key_dyads = {{chn, jpn}, {chn, kor}, {jpn, kor}};
      return;
    }
    for (int i = 0; i < m_.n && m_.key_dyads.size() < 3; ++i)
      for (int j = i + 1; j < m_.n && m_.key_dyads.size() < 3; ++j) m_.key_dyads.emplace_back(i, j);
  }

  SimEvent event_common(const std::string& id, EventKind kind,
                        const std::vector<std::string>& participants,
                        const std::vector<std::string>& targets,
                        const std::optional<Sourced<double>>& effect, int line) {
    SimEvent se;
    se.id = id;
    se.kind = kind;
    se.key = stable_hash(id);
    for (const auto& a : participants) se.participants.push_back(actor(a, line, "participants"));
    for (const auto& a : targets) se.targets.push_back(actor(a, line, "targets"));
    if (effect) se.effect_slot = slot(*effect, "effect[" + id + "]");
    return se;
  }

  SimOutcome outcome(const Outcome& o) {
    SimOutcome so;
    so.id = o.id;
    so.name = o.name;
    so.kind = o.kind;
    int last = m_.months - 1;
    so.month = o.by ? std::clamp(months_between(m_.start, *o.by), -1, last) : last;
    switch (o.kind) {
      case OutcomeKind::event_occurs: {
        for (std::size_t e = 0; e < m_.events.size(); ++e)
          if (m_.events[e].id == o.event) so.event = static_cast<int>(e);
        // An event outside the horizon, postponed or cancelled never occurs: event = -1.
        break;
      }
      case OutcomeKind::tie_above:
      case OutcomeKind::tie_below:
        so.a = actor(o.a, o.line, "a");
        so.b = actor(o.b, o.line, "b");
        so.threshold = o.threshold;
        break;
      case OutcomeKind::issue_in_range:
        so.issue = issue(o.issue, o.line, "issue");
        so.min = o.min;
        so.max = o.max;
        break;
      case OutcomeKind::bloc_split:
        so.bloc.assign(static_cast<std::size_t>(m_.n), 0);
        for (const auto& a : o.bloc) so.bloc[static_cast<std::size_t>(actor(a, o.line, "bloc"))] = 1;
        break;
    }
    return so;
  }

  const Scenario& s_;
  SimModel& m_;
};

}  // namespace

SimModel compile(const Scenario& scenario, const Variant* variant) {
  SimModel model;
  if (variant) {
    Scenario patched = apply_variant(scenario, *variant);
    Compiler(patched, model).run();
    model.variant_id = variant->id;
    model.variant_name = variant->name;
  } else {
    Compiler(scenario, model).run();
    model.variant_id = "baseline";
    model.variant_name = "Baseline";
  }
  return model;
}

}  // namespace detente::sim
