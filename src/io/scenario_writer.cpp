// Scenario TOML writer; see scenario_writer.hpp.
#include "io/scenario_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

namespace detente::io {

namespace {

// Shortest round-trip form; TOML spells the infinities inf / -inf and NaN nan.
std::string number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

std::string strings(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const auto& s : items) quoted.push_back(toml_string(s));
  return "[" + fmt::format("{}", fmt::join(quoted, ", ")) + "]";
}

std::string numbers(const std::vector<double>& items) {
  std::vector<std::string> out;
  for (double x : items) out.push_back(number(x));
  return "[" + fmt::format("{}", fmt::join(out, ", ")) + "]";
}

// A sourced number: plain when it has neither source nor distribution, else an inline
// table with the value, the distribution's parameters and the source.
std::string sourced(const Sourced<double>& s) {
  if (s.source.empty() && !s.uncertainty) return number(s.value);
  std::vector<std::string> parts{"value = " + number(s.value)};
  if (s.uncertainty) {
    const Distribution::Named d = s.uncertainty->named();
    parts.push_back("dist = " + toml_string(d.dist));
    for (const auto& [key, x] : d.numbers) parts.push_back(key + " = " + number(x));
    if (!d.values.empty()) parts.push_back("values = " + numbers(d.values));
    if (!d.weights.empty()) parts.push_back("weights = " + numbers(d.weights));
  }
  if (!s.source.empty()) parts.push_back("source = " + toml_string(s.source));
  return "{ " + fmt::format("{}", fmt::join(parts, ", ")) + " }";
}

std::string positions_table(const std::map<std::string, Sourced<double>>& positions) {
  std::vector<std::string> parts;
  for (const auto& [issue, v] : positions) parts.push_back(toml_string(issue) + " = " + sourced(v));
  return "{ " + fmt::format("{}", fmt::join(parts, ", ")) + " }";
}

std::string reschedule(const Reschedule& r) {
  return "{ probability = " + sourced(r.probability) +
         ", delay_months = " + sourced(r.delay_months) + " }";
}

class Writer {
 public:
  explicit Writer(const WriteOptions& o) : o_(o) {}

  void comments(const std::string& section) {
    auto it = o_.section_comments.find(section);
    if (it == o_.section_comments.end()) return;
    blank();
    for (const auto& line : it->second) out_ += line.empty() ? "#\n" : "# " + line + "\n";
  }
  void header(const std::string& h) {
    blank();
    out_ += h + "\n";
  }
  void key(const std::string& k, const std::string& value) { out_ += k + " = " + value + "\n"; }
  void text(const std::string& k, const std::string& value) {
    if (!value.empty()) key(k, toml_string(value));
  }
  void blank() {
    if (!out_.empty() && out_.substr(out_.size() >= 2 ? out_.size() - 2 : 0) != "\n\n")
      out_ += "\n";
  }
  std::string& out() { return out_; }

 private:
  const WriteOptions& o_;
  std::string out_;
};

// The simulation fields events and variant patches share (the reader's read_event_effects).
void write_event_effects(Writer& w, const std::optional<Sourced<double>>& probability,
                         const std::optional<Sourced<double>>& effect,
                         const std::map<std::string, Sourced<double>>& positions,
                         const std::optional<Reschedule>& rescheduled) {
  if (probability) w.key("probability", sourced(*probability));
  if (effect) w.key("effect", sourced(*effect));
  if (!positions.empty()) w.key("positions", positions_table(positions));
  if (rescheduled) w.key("reschedule", reschedule(*rescheduled));
}

void write_event_fields(Writer& w, const Event& e) {
  w.text("id", e.id);
  w.key("date", e.date.iso());
  w.key("kind", toml_string(to_string(e.kind)));
  if (e.status != EventStatus::held) w.key("status", toml_string(to_string(e.status)));
  w.key("participants", strings(e.participants));
  if (!e.targets.empty()) w.key("targets", strings(e.targets));
  w.key("title", toml_string(e.title));
  w.text("source", e.source);
  write_event_effects(w, e.probability, e.effect, e.positions, e.reschedule);
}

void write_parameters(Writer& w, const std::map<std::string, Sourced<double>>& parameters) {
  for (const auto& [name, v] : parameters) w.key(name, sourced(v));
}

}  // namespace

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f)
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        else
          out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string write_scenario_toml(const Scenario& s, const WriteOptions& options) {
  Writer w(options);
  for (const auto& line : options.header) w.out() += line.empty() ? "#\n" : "# " + line + "\n";

  w.header("[scenario]");
  w.key("id", toml_string(s.id));
  w.key("name", toml_string(s.name));
  w.text("description", s.description);
  if (s.as_of) w.key("as_of", s.as_of->iso());
  if (!s.sources.empty()) w.key("sources", strings(s.sources));

  w.comments("actor");
  for (const Actor& a : s.actors) {
    w.header("[[actor]]");
    w.key("id", toml_string(a.id));
    w.key("name", toml_string(a.name));
    w.key("capability", sourced(a.capability));
    const CapabilityComponents& c = a.components;
    std::vector<std::string> parts;
    auto add = [&](const char* k, const std::optional<double>& v) {
      if (v) parts.push_back(std::string(k) + " = " + number(*v));
    };
    add("milex", c.milex);
    add("milper", c.milper);
    add("irst", c.irst);
    add("pec", c.pec);
    add("tpop", c.tpop);
    add("upop", c.upop);
    if (c.year) parts.push_back("year = " + std::to_string(*c.year));
    if (!parts.empty())
      w.key("components", "{ " + fmt::format("{}", fmt::join(parts, ", ")) + " }");
    if (!a.tags.empty()) w.key("tags", strings(a.tags));
  }

  w.comments("issue");
  for (const Issue& is : s.issues) {
    w.header("[[issue]]");
    w.key("id", toml_string(is.id));
    w.key("name", toml_string(is.name));
    w.key("low", toml_string(is.low_label));
    w.key("high", toml_string(is.high_label));
    w.key("scale", numbers({is.scale_min, is.scale_max}));
    if (is.status_quo) w.key("status_quo", sourced(*is.status_quo));
    if (is.decision_date) w.key("decision_date", is.decision_date->iso());
    if (!is.deciders.empty()) w.key("deciders", strings(is.deciders));
    w.text("description", is.description);
  }

  w.comments("position");
  for (const Position& p : s.positions) {
    w.header("[[position]]");
    w.key("actor", toml_string(p.actor));
    w.key("issue", toml_string(p.issue));
    w.key("position", sourced(p.position));
    w.key("salience", sourced(p.salience));
    w.text("why", p.why);
  }

  w.comments("relation");
  for (const Relation& r : s.relations) {
    w.header("[[relation]]");
    w.key("a", toml_string(r.a));
    w.key("b", toml_string(r.b));
    w.key("kind", toml_string(to_string(r.kind)));
    if (r.sign != default_sign(r.kind)) w.key("sign", r.sign > 0 ? "1" : "-1");
    w.key("weight", sourced(r.weight));
    if (r.directed) w.key("directed", "true");
    if (r.since) w.key("since", r.since->iso());
    if (r.until) w.key("until", r.until->iso());
    if (r.expected) w.key("expected", "true");
    if (r.probability) w.key("probability", sourced(*r.probability));
    w.text("note", r.note);
  }

  w.comments("event");
  for (const Event& e : s.events) {
    w.header("[[event]]");
    write_event_fields(w, e);
  }

  w.comments("data");
  const ScenarioData& d = s.data;
  if (!d.event_files.empty() || d.events_format != "auto" || d.calibrate) {
    w.header("[data]");
    if (!d.event_files.empty()) w.key("events", strings(d.event_files));
    if (d.events_format != "auto") w.key("events_format", toml_string(d.events_format));
    if (d.calibrate) w.key("calibrate", "true");
  }

  w.comments("simulation");
  const SimulationSettings& sim = s.simulation;
  const bool settings = sim.start || sim.months != SimulationSettings{}.months ||
                        sim.model != "mean" || !sim.key_dyads.empty();
  if (settings) w.header("[simulation]");
  if (sim.start) w.key("start", sim.start->iso());
  if (settings) w.key("months", std::to_string(sim.months));
  if (settings) w.key("model", toml_string(sim.model));
  if (!sim.key_dyads.empty()) {
    std::vector<std::string> pairs;
    for (const auto& [a, b] : sim.key_dyads)
      pairs.push_back("[" + toml_string(a) + ", " + toml_string(b) + "]");
    w.key("key_dyads", "[" + fmt::format("{}", fmt::join(pairs, ", ")) + "]");
  }

  w.comments("dynamics");
  if (!sim.parameters.empty()) {
    w.header("[dynamics]");
    write_parameters(w, sim.parameters);
  }

  w.comments("stochastic");
  for (const StochasticEvent& e : s.stochastic_events) {
    w.header("[[stochastic]]");
    w.key("id", toml_string(e.id));
    w.key("kind", toml_string(to_string(e.kind)));
    w.key("participants", strings(e.participants));
    if (!e.targets.empty()) w.key("targets", strings(e.targets));
    w.key("monthly_probability", sourced(e.monthly_probability));
    if (e.effect) w.key("effect", sourced(*e.effect));
    if (e.from) w.key("from", e.from->iso());
    if (e.until) w.key("until", e.until->iso());
    w.key("title", toml_string(e.title));
  }

  w.comments("variant");
  for (const Variant& v : s.variants) {
    w.header("[[variant]]");
    w.key("id", toml_string(v.id));
    w.key("name", toml_string(v.name));
    w.text("description", v.description);
    if (!v.moves.empty()) w.key("moves", strings(v.moves));
    for (const EventPatch& p : v.events) {
      w.header("[[variant.event]]");
      if (p.added) {
        write_event_fields(w, *p.added);
        continue;
      }
      w.key("id", toml_string(p.id));
      if (p.date) w.key("date", p.date->iso());
      if (p.status) w.key("status", toml_string(to_string(*p.status)));
      write_event_effects(w, p.probability, p.effect, p.positions, p.reschedule);
    }
    for (const PositionPatch& p : v.positions) {
      w.header("[[variant.position]]");
      w.key("actor", toml_string(p.actor));
      w.key("issue", toml_string(p.issue));
      if (p.position) w.key("position", sourced(*p.position));
      if (p.salience) w.key("salience", sourced(*p.salience));
    }
    if (!v.parameters.empty()) {
      w.header("[variant.dynamics]");
      write_parameters(w, v.parameters);
    }
  }

  w.comments("outcome");
  for (const Outcome& o : s.outcomes) {
    w.header("[[outcome]]");
    w.key("id", toml_string(o.id));
    w.key("name", toml_string(o.name));
    w.key("kind", toml_string(to_string(o.kind)));
    switch (o.kind) {
      case OutcomeKind::event_occurs:
        w.key("event", toml_string(o.event));
        if (o.by) w.key("by", o.by->iso());
        break;
      case OutcomeKind::tie_above:
      case OutcomeKind::tie_below:
        w.key("a", toml_string(o.a));
        w.key("b", toml_string(o.b));
        w.key("threshold", number(o.threshold));
        if (o.by) w.key("date", o.by->iso());
        break;
      case OutcomeKind::issue_in_range:
        w.key("issue", toml_string(o.issue));
        w.key("min", number(o.min));
        w.key("max", number(o.max));
        break;
      case OutcomeKind::bloc_split:
        w.key("bloc", strings(o.bloc));
        if (o.by) w.key("date", o.by->iso());
        break;
    }
  }
  return w.out();
}

}  // namespace detente::io
