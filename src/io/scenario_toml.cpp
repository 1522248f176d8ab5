#include "io/scenario_toml.hpp"

#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "core/builtin.hpp"
#include "core/error.hpp"
#include "core/parameters.hpp"
#include "io/atomic_file.hpp"
#include "io/csv.hpp"
#include "io/limits.hpp"
#include "io/scenario_fields.hpp"
#include "io/toml_fields.hpp"

namespace detente::io {

namespace {

namespace fs = std::filesystem;
using toml_fields::each_table;
using toml_fields::Fields;
using toml_fields::kInf;
using toml_fields::line_of;

std::string label(std::string_view kind, std::size_t index, const std::optional<std::string>& id) {
  return id && !id->empty() ? fmt::format("{}[{}]", kind, *id) : fmt::format("{}[{}]", kind, index);
}

class ScenarioReader {
 public:
  ScenarioReader(std::string file, TableSource tables)
      : file_(std::move(file)), tables_(std::move(tables)) {}

  Scenario read(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      fail({file_, static_cast<int>(e.source().begin.line)}, "not valid TOML: {}",
           std::string(e.description()));
    }
    s_.file = file_;
    Fields top(root, "", file_, diags_);
    read_meta(top);
    each_table(top, "actor", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_actor(t, i); });
    each_table(top, "issue", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_issue(t, i); });
    each_table(top, "position", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_position(t, i); });
    each_table(top, "relation", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_relation(t, i); });
    each_table(top, "event", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_event(t, i); });
    read_tables(top);
    read_data(top);
    read_simulation(top);
    each_table(top, "stochastic", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_stochastic(t, i); });
    each_table(top, "variant", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_variant(t, i); });
    each_table(top, "outcome", file_, diags_,
               [&](const toml::table& t, std::size_t i) { read_outcome(t, i); });
    top.finish();
    check_references();
    diags_.throw_if_any();
    return std::move(s_);
  }

 private:
  void read_meta(Fields& top) {
    const toml::table* meta = top.table("scenario");
    if (!meta) {
      if (!top.get("scenario", false, ""))
        diags_.add({file_, 1, "scenario"}, "missing [scenario] table with id and name");
      return;
    }
    Fields f(*meta, "scenario", file_, diags_);
    s_.id = f.string("id", true).value_or("");
    s_.name = f.string("name", true).value_or("");
    s_.description = f.string("description").value_or("");
    s_.as_of = f.date("as_of", false);
    if (auto src = f.strings("sources", false)) s_.sources = *src;
    f.finish();
    if (!s_.id.empty()) check_id(s_.id, f.at("id"));
  }

  void check_id(const std::string& id, SourceLocation where) {
    for (char c : id) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
        diags_.addf(std::move(where), "id '{}' has '{}': expected letters, digits, _ - or .", id,
                    c);
        return;
      }
    }
  }

  // The fields of the i-th [[kind]] table, labelled by its id where it has one.
  Fields fields_of(const toml::table& t, std::string_view kind, std::size_t i) {
    auto id = t.get("id") ? t.get("id")->value<std::string>() : std::nullopt;
    return Fields(t, label(kind, i, id), file_, diags_);
  }

  // Checks an id's characters and that no earlier table of its kind used it.
  void register_id(std::map<std::string, int>& lines, std::string_view kind, const std::string& id,
                   int line, Fields& f) {
    if (id.empty()) return;
    check_id(id, f.at("id"));
    if (!lines.emplace(id, line).second)
      diags_.addf(f.at("id"), "duplicate {} id '{}' (first defined on line {})", kind, id,
                  lines[id]);
  }

  void read_actor(const toml::table& t, std::size_t i) {
    Actor a;
    Fields f = fields_of(t, "actor", i);
    a.line = f.line();
    a.id = f.string("id", true).value_or("");
    a.name = f.string("name", true).value_or("");
    if (auto c = f.sourced("capability", true, 0, kInf)) a.capability = *c;
    if (auto tags = f.strings("tags", false)) a.tags = *tags;
    if (const toml::table* comp = f.table("components")) {
      Fields c(*comp, f.field("components"), file_, diags_);
      a.components.milex = c.number("milex", false, 0, kInf);
      a.components.milper = c.number("milper", false, 0, kInf);
      a.components.irst = c.number("irst", false, 0, kInf);
      a.components.pec = c.number("pec", false, 0, kInf);
      a.components.tpop = c.number("tpop", false, 0, kInf);
      a.components.upop = c.number("upop", false, 0, kInf);
      if (auto y = c.number("year", false, 1816, 2100)) a.components.year = static_cast<int>(*y);
      c.finish();
    }
    f.finish();
    register_id(actor_lines_, "actor", a.id, a.line, f);
    s_.actors.push_back(std::move(a));
  }

  void read_issue(const toml::table& t, std::size_t i) {
    Issue is;
    Fields f = fields_of(t, "issue", i);
    is.line = f.line();
    is.id = f.string("id", true).value_or("");
    is.name = f.string("name", true).value_or("");
    is.description = f.string("description").value_or("");
    is.low_label = f.string("low", true).value_or("");
    is.high_label = f.string("high", true).value_or("");
    if (const toml::node* n = f.get("scale", false, "[min, max]")) {
      const toml::array* a = n->as_array();
      if (!a || a->size() != 2 || !(*a)[0].is_number() || !(*a)[1].is_number()) {
        diags_.addf(f.at("scale"), "expected [min, max] with two numbers, got {}",
                    Fields::describe(*n));
      } else {
        is.scale_min = *(*a)[0].value<double>();
        is.scale_max = *(*a)[1].value<double>();
        for (double v : {is.scale_min, is.scale_max})
          if (auto problem = input_number_problem(v)) diags_.add(f.at("scale"), *problem);
        if (!(is.scale_min < is.scale_max))
          diags_.addf(f.at("scale"), "expected min < max, got [{}, {}]", is.scale_min,
                      is.scale_max);
      }
    }
    is.status_quo = f.sourced("status_quo", false, is.scale_min, is.scale_max);
    is.decision_date = f.date("decision_date", false);
    if (auto d = f.strings("deciders", false)) {
      is.deciders = *d;
      for (const auto& a : is.deciders) actor_refs_.push_back({a, f.at("deciders")});
      if (is.deciders.empty())
        diags_.add(f.at("deciders"), "expected at least one actor (leave it out for every actor)");
    }
    f.finish();
    register_id(issue_lines_, "issue", is.id, is.line, f);
    s_.issues.push_back(std::move(is));
  }

  void read_position(const toml::table& t, std::size_t i) {
    Position p;
    Fields f(t, fmt::format("position[{}]", i), file_, diags_);
    p.line = f.line();
    p.actor = f.string("actor", true).value_or("");
    p.issue = f.string("issue", true).value_or("");
    // The scale is checked against the issue once all issues are known.
    if (auto v = f.sourced("position", true, -kInf, kInf)) p.position = *v;
    if (auto v = f.sourced("salience", true, fields::kSalience.lo, fields::kSalience.hi))
      p.salience = *v;
    p.why = f.string("why").value_or("");
    if (auto src = f.string("source")) {
      if (p.position.source.empty()) p.position.source = *src;
      if (p.salience.source.empty()) p.salience.source = *src;
    }
    f.finish();
    s_.positions.push_back(std::move(p));
  }

  void read_relation(const toml::table& t, std::size_t i) {
    Relation r;
    Fields f(t, fmt::format("relation[{}]", i), file_, diags_);
    r.line = f.line();
    r.a = f.string("a", true).value_or("");
    r.b = f.string("b", true).value_or("");
    if (auto k = f.string("kind", true))
      r.kind = fields::relation_kind(*k, f.at("kind"), diags_).value_or(r.kind);
    r.sign = default_sign(r.kind);
    if (auto sign = f.number("sign", false, -1, 1)) {
      r.sign = fields::sign(*sign, f.at("sign"), diags_).value_or(r.sign);
      if (r.kind == RelationKind::event_tie)
        diags_.add(f.at("sign"), "an event_tie carries its sign in its weight: drop 'sign'");
    }
    const fields::NumberRule& rule = fields::weight_rule(r.kind);
    if (auto w = f.sourced("weight", false, rule.lo, rule.hi)) {
      r.weight = *w;
      fields::check(rule, w->value, f.at("weight"), diags_);
    }
    if (auto src = f.string("source"); src && r.weight.source.empty()) r.weight.source = *src;
    r.directed = f.boolean("directed").value_or(false);
    r.since = f.date("since", false);
    r.until = f.date("until", false);
    r.note = f.string("note").value_or("");
    r.expected = f.boolean("expected").value_or(false);
    r.probability =
        f.sourced("probability", false, fields::kProbability.lo, fields::kProbability.hi);
    f.finish();
    if (r.expected && !r.probability)
      diags_.add(f.at("expected"),
                 "an expected relation needs a probability (that it comes about as of as_of)");
    if (r.probability && !r.expected)
      diags_.add(f.at("probability"),
                 "a relation's probability is for an expected one: add expected = true");
    if (r.expected && !r.since)
      diags_.add(f.at("expected"), "an expected relation needs the date it would start (since)");
    if (r.since) future_relations_.push_back({*r.since, r.expected, f.at("since")});
    fields::check_relation(
        r, [&](const char* field) { return f.at(field); }, diags_);
    s_.relations.push_back(std::move(r));
  }

  void read_event(const toml::table& t, std::size_t i, const std::string& path = "") {
    Event e;
    Fields f = path.empty() ? fields_of(t, "event", i) : Fields(t, path, file_, diags_);
    e.line = f.line();
    e.id = f.string("id", true).value_or("");
    if (auto d = f.date("date", true)) e.date = *d;
    e.kind = f.keyword("kind", true, "event kind", event_kind_from_string, event_kind_names())
                 .value_or(e.kind);
    if (auto status = f.keyword("status", false, "event status", event_status_from_string,
                                event_status_names()))
      e.status = *status;
    if (auto p = f.strings("participants", true)) e.participants = *p;
    if (auto tg = f.strings("targets", false)) e.targets = *tg;
    e.title = f.string("title", true).value_or("");
    e.source = f.string("source").value_or("");
    read_event_effects(f, e.probability, e.effect, e.positions);
    e.reschedule = read_reschedule(f);
    f.finish();
    held_events_.push_back(
        {e.date, e.status == EventStatus::held, t.get("status") ? f.at("status") : f.at("date")});
    for (const auto& a : e.participants) actor_refs_.push_back({a, f.at("participants")});
    for (const auto& a : e.targets) actor_refs_.push_back({a, f.at("targets")});
    register_id(event_lines_, "event", e.id, e.line, f);
    s_.events.push_back(std::move(e));
  }

  // Simulation fields shared by events, variant patches and stochastic events.
  void read_event_effects(Fields& f, std::optional<Sourced<double>>& probability,
                          std::optional<Sourced<double>>& effect,
                          std::map<std::string, Sourced<double>>& positions) {
    probability = f.sourced("probability", false, 0, 1);
    effect = f.sourced("effect", false, -1, 1);
    if (const toml::table* t = f.table("positions")) {
      Fields p(*t, f.field("positions"), file_, diags_);
      positions =
          p.sourced_map([&](const std::string& issue,
                            SourceLocation where) -> std::optional<std::pair<double, double>> {
            position_refs_.push_back({issue, where});
            return std::pair{-kInf, kInf};  // checked against the issue's scale later
          });
      for (auto& [issue, value] : positions)
        event_positions_.push_back({issue, value, f.at("positions")});
    }
  }

  // reschedule = { probability = 0.6, delay_months = { dist = "triangular", … } }
  std::optional<Reschedule> read_reschedule(Fields& f) {
    const toml::table* t = f.table("reschedule");
    if (!t) return std::nullopt;
    Fields r(*t, f.field("reschedule"), file_, diags_);
    Reschedule out;
    out.line = r.line();
    auto p = r.sourced("probability", true, 0, 1);
    auto d = r.sourced("delay_months", true, 1, 120);
    r.finish();
    if (!p || !d) return std::nullopt;
    out.probability = *p;
    out.delay_months = *d;
    return out;
  }

  std::map<std::string, Sourced<double>> read_parameters(const toml::table& t,
                                                         const std::string& path) {
    Fields f(t, path, file_, diags_);
    return f.sourced_map([&](const std::string& name,
                             SourceLocation where) -> std::optional<std::pair<double, double>> {
      if (const ParameterSpec* spec = find_parameter(name)) return std::pair{spec->min, spec->max};
      std::vector<std::string_view> names;
      for (const auto& p : parameter_specs()) names.push_back(p.name);
      diags_.addf(std::move(where), "unknown dynamics parameter '{}' (expected one of: {})", name,
                  fmt::join(names, ", "));
      return std::nullopt;
    });
  }

  // [data] events = ["gdelt/*.CSV.zip", …], events_format = "auto"
  void read_data(Fields& top) {
    const toml::table* t = top.table("data");
    if (!t) return;
    Fields f(*t, "data", file_, diags_);
    s_.data.line = f.line();
    const fs::path base = fs::path(file_).parent_path();
    for (const auto& path : f.strings("events", false).value_or(std::vector<std::string>{}))
      s_.data.event_files.push_back(fs::path(path).is_absolute() ? path : (base / path).string());
    s_.data.events_format = f.string("events_format").value_or("auto");
    s_.data.calibrate = f.boolean("calibrate").value_or(false);
    if (s_.data.calibrate && s_.data.event_files.empty())
      diags_.add({file_, f.line(), "data.calibrate"}, "calibrate = true needs [data] events files");
    f.finish();
  }

  // [simulation] start, months, model, key_dyads; [dynamics] parameters.
  void read_simulation(Fields& top) {
    if (const toml::table* t = top.table("simulation")) {
      Fields f(*t, "simulation", file_, diags_);
      SimulationSettings& sim = s_.simulation;
      sim.line = f.line();
      sim.start = f.date("start", false);
      if (auto m = f.number("months", false, 1, 1200)) {
        if (*m != std::floor(*m))
          diags_.addf(f.at("months"), "expected a whole number of months, got {}", *m);
        sim.months = static_cast<int>(*m);
      }
      if (auto model = f.string("model")) {
        if (*model != "mean" && *model != "median")
          diags_.addf(f.at("model"), "unknown model '{}' (expected mean or median)", *model);
        sim.model = *model;
      }
      if (const toml::node* n = f.get("key_dyads", false, "")) {
        const toml::array* a = n->as_array();
        bool ok = a != nullptr;
        if (a)
          for (const auto& e : *a) {
            const toml::array* pair = e.as_array();
            if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string()) {
              ok = false;
              break;
            }
            sim.key_dyads.emplace_back(*(*pair)[0].value<std::string>(),
                                       *(*pair)[1].value<std::string>());
            actor_refs_.push_back({sim.key_dyads.back().first, f.at("key_dyads")});
            actor_refs_.push_back({sim.key_dyads.back().second, f.at("key_dyads")});
          }
        if (!ok) diags_.add(f.at("key_dyads"), "expected an array of [\"A\", \"B\"] actor pairs");
      }
      f.finish();
    }
    if (const toml::table* t = top.table("dynamics"))
      s_.simulation.parameters = read_parameters(*t, "dynamics");
  }

  void read_stochastic(const toml::table& t, std::size_t i) {
    StochasticEvent e;
    Fields f = fields_of(t, "stochastic", i);
    e.line = f.line();
    e.id = f.string("id", true).value_or("");
    e.kind = f.keyword("kind", true, "event kind", event_kind_from_string, event_kind_names())
                 .value_or(e.kind);
    if (auto p = f.strings("participants", true)) e.participants = *p;
    if (auto tg = f.strings("targets", false)) e.targets = *tg;
    if (auto r = f.sourced("monthly_probability", true, 0, 1)) e.monthly_probability = *r;
    e.effect = f.sourced("effect", false, -1, 1);
    e.from = f.date("from", false);
    e.until = f.date("until", false);
    e.title = f.string("title").value_or(e.id);
    f.finish();
    for (const auto& a : e.participants) actor_refs_.push_back({a, f.at("participants")});
    for (const auto& a : e.targets) actor_refs_.push_back({a, f.at("targets")});
    register_id(event_lines_, "event", e.id, e.line, f);
    s_.stochastic_events.push_back(std::move(e));
  }

  void read_variant(const toml::table& t, std::size_t i) {
    Variant v;
    Fields f = fields_of(t, "variant", i);
    v.line = f.line();
    v.id = f.string("id", true).value_or("");
    v.name = f.string("name", true).value_or("");
    v.description = f.string("description").value_or("");
    if (auto moves = f.strings("moves", false)) {
      v.moves = *moves;
      for (const auto& m : v.moves) moves_.push_back({m, f.at("moves")});
    }
    const std::string path = f.field("");
    each_table(f, "event", file_, diags_, [&](const toml::table& et, std::size_t k) {
      v.events.push_back(read_event_patch(et, fmt::format("{}event[{}]", path, k)));
    });
    each_table(f, "position", file_, diags_, [&](const toml::table& pt, std::size_t k) {
      Fields p(pt, fmt::format("{}position[{}]", path, k), file_, diags_);
      PositionPatch patch;
      patch.line = p.line();
      patch.actor = p.string("actor", true).value_or("");
      patch.issue = p.string("issue", true).value_or("");
      patch.position = p.sourced("position", false, -kInf, kInf);
      patch.salience = p.sourced("salience", false, 0, 1);
      p.finish();
      actor_refs_.push_back({patch.actor, p.at("actor")});
      issue_refs_.push_back({patch.issue, p.at("issue")});
      if (patch.position)
        event_positions_.push_back({patch.issue, *patch.position, p.at("position")});
      v.positions.push_back(std::move(patch));
    });
    if (const toml::table* d = f.table("dynamics"))
      v.parameters = read_parameters(*d, f.field("dynamics"));
    f.finish();
    if (v.id == "baseline")
      diags_.add(f.at("id"), "'baseline' is the scenario without changes: choose another id");
    register_id(variant_lines_, "variant", v.id, v.line, f);
    s_.variants.push_back(std::move(v));
  }

  // A variant's [[variant.event]]: patches an event by id, or adds one when it has a kind.
  EventPatch read_event_patch(const toml::table& t, const std::string& path) {
    EventPatch patch;
    patch.line = line_of(t);
    if (t.get("kind")) {  // a new event: all the fields of an [[event]]
      std::size_t before = s_.events.size();
      read_event(t, 0, path);
      patch.added = s_.events.back();
      s_.events.resize(before);
      patch.id = patch.added->id;
      return patch;
    }
    Fields f(t, path, file_, diags_);
    patch.id = f.string("id", true).value_or("");
    patch.date = f.date("date", false);
    if (auto status = f.keyword("status", false, "event status", event_status_from_string,
                                event_status_names()))
      patch.status = *status;
    read_event_effects(f, patch.probability, patch.effect, patch.positions);
    patch.reschedule = read_reschedule(f);
    f.finish();
    patched_events_.push_back({patch.id, f.at("id")});
    return patch;
  }

  void read_outcome(const toml::table& t, std::size_t i) {
    Outcome o;
    Fields f = fields_of(t, "outcome", i);
    o.line = f.line();
    o.id = f.string("id", true).value_or("");
    o.name = f.string("name", true).value_or("");
    o.kind = f.keyword("kind", true, "outcome kind", outcome_kind_from_string, outcome_kind_names())
                 .value_or(o.kind);
    switch (o.kind) {
      case OutcomeKind::event_occurs:
        o.event = f.string("event", true).value_or("");
        o.by = f.date("by", false);
        outcome_events_.push_back({o.event, f.at("event")});
        break;
      case OutcomeKind::tie_above:
      case OutcomeKind::tie_below:
        o.a = f.string("a", true).value_or("");
        o.b = f.string("b", true).value_or("");
        o.threshold = f.number("threshold", true, -1, 1).value_or(0);
        o.by = f.date("date", false);
        actor_refs_.push_back({o.a, f.at("a")});
        actor_refs_.push_back({o.b, f.at("b")});
        break;
      case OutcomeKind::issue_in_range:
        o.issue = f.string("issue", true).value_or("");
        o.min = f.number("min", true, -kInf, kInf).value_or(0);
        o.max = f.number("max", true, -kInf, kInf).value_or(0);
        if (o.min > o.max)
          diags_.addf(f.at("max"), "expected min <= max, got [{}, {}]", o.min, o.max);
        issue_refs_.push_back({o.issue, f.at("issue")});
        break;
      case OutcomeKind::bloc_split:
        o.bloc = f.strings("bloc", true).value_or(std::vector<std::string>{});
        o.by = f.date("date", false);
        for (const auto& a : o.bloc) actor_refs_.push_back({a, f.at("bloc")});
        if (o.bloc.empty()) diags_.add(f.at("bloc"), "expected at least one actor in the bloc");
        break;
    }
    f.finish();
    register_id(outcome_lines_, "outcome", o.id, o.line, f);
    s_.outcomes.push_back(std::move(o));
  }

  // [tables] positions = "positions.csv", relations = "relations.csv"
  void read_tables(Fields& top) {
    const toml::table* t = top.table("tables");
    if (!t) return;
    Fields f(*t, "tables", file_, diags_);
    fs::path base = fs::path(file_).parent_path();
    if (auto p = f.string("positions")) read_positions_csv((base / *p).string());
    if (auto p = f.string("relations")) read_relations_csv((base / *p).string());
    f.finish();
  }

  // A [tables] CSV: from the file, or from the caller's source when one is given.
  CsvTable read_table(const std::string& path) {
    if (!tables_) return CsvTable::read_file(path);
    std::istringstream in(tables_(path));
    return CsvTable::read(in, path);
  }

  void read_positions_csv(const std::string& path) {
    try {
      CsvTable t = read_table(path);
      for (const char* c : {"actor", "issue", "position", "salience"}) t.require_column(c);
      for (const auto& row : t.rows()) {
        Position p;
        p.line = row.line;
        p.actor = t.text(row, "actor");
        p.issue = t.text(row, "issue");
        p.position.value = t.number(row, "position");
        p.salience.value = t.number(row, "salience");
        fields::check(fields::kSalience, p.salience.value, t.where(row, "salience"), diags_);
        if (t.column("why")) p.why = t.text(row, "why");
        if (t.column("source")) p.position.source = p.salience.source = t.text(row, "source");
        s_.positions.push_back(std::move(p));
        position_files_.push_back({s_.positions.size() - 1, path});
      }
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) diags_.add(d.where, d.message);
    }
  }

  void read_relations_csv(const std::string& path) {
    try {
      CsvTable t = read_table(path);
      for (const char* c : {"a", "b", "kind"}) t.require_column(c);
      for (const auto& row : t.rows()) {
        Relation r;
        r.line = row.line;
        r.a = t.text(row, "a");
        r.b = t.text(row, "b");
        auto at = [&](const char* field) { return t.where(row, field); };
        r.kind = fields::relation_kind(t.text(row, "kind"), at("kind"), diags_).value_or(r.kind);
        r.sign = default_sign(r.kind);
        if (auto s = t.optional_number(row, "sign")) {
          r.sign = fields::sign(*s, at("sign"), diags_).value_or(r.sign);
          if (r.kind == RelationKind::event_tie)
            diags_.add(at("sign"), "an event_tie carries its sign in its weight: drop 'sign'");
        }
        if (auto w = t.optional_number(row, "weight"))
          r.weight.value =
              fields::check(fields::weight_rule(r.kind), *w, at("weight"), diags_).value_or(1.0);
        for (const char* c : {"since", "until"}) {
          if (!t.column(c) || t.text(row, c).empty()) continue;
          (std::string_view(c) == "since" ? r.since : r.until) =
              fields::date_text(t.text(row, c), at(c), diags_);
        }
        fields::check_relation(r, at, diags_);
        if (r.since) future_relations_.push_back({*r.since, false, t.where(row, "since")});
        if (t.column("note")) r.note = t.text(row, "note");
        if (t.column("source")) r.weight.source = t.text(row, "source");
        s_.relations.push_back(std::move(r));
        relation_files_.push_back({s_.relations.size() - 1, path});
      }
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) diags_.add(d.where, d.message);
    }
  }

  std::string file_of_position(std::size_t i) const {
    for (const auto& [idx, f] : position_files_)
      if (idx == i) return f;
    return file_;
  }
  std::string file_of_relation(std::size_t i) const {
    for (const auto& [idx, f] : relation_files_)
      if (idx == i) return f;
    return file_;
  }

  void check_actor(const std::string& id, SourceLocation where) {
    if (!id.empty() && !actor_lines_.count(id))
      diags_.addf(std::move(where), "unknown actor '{}' (not defined in any [[actor]])", id);
  }

  void check_references() {
    std::map<std::pair<std::string, std::string>, int> seen;
    for (std::size_t i = 0; i < s_.positions.size(); ++i) {
      const Position& p = s_.positions[i];
      std::string file = file_of_position(i);
      std::string field = file == file_ ? fmt::format("position[{}]", i + 1) : "";
      auto at = [&](const char* f) {
        return SourceLocation{file, p.line, field.empty() ? f : field + "." + f};
      };
      check_actor(p.actor, at("actor"));
      const Issue* is = s_.find_issue(p.issue);
      if (!p.issue.empty() && !is)
        diags_.addf(at("issue"), "unknown issue '{}' (not defined in any [[issue]])", p.issue);
      if (is &&
          (p.position.lower_bound() < is->scale_min || p.position.upper_bound() > is->scale_max))
        diags_.addf(at("position"), "{} is outside issue '{}' scale [{}, {}]",
                    p.position.uncertainty ? p.position.uncertainty->describe()
                                           : fmt::format("{}", p.position.value),
                    is->id, is->scale_min, is->scale_max);
      auto [it, fresh] = seen.emplace(std::make_pair(p.actor, p.issue), p.line);
      if (!fresh && !p.actor.empty())
        diags_.addf(at("actor"), "duplicate position of '{}' on '{}' (first on line {})", p.actor,
                    p.issue, it->second);
    }
    for (std::size_t i = 0; i < s_.relations.size(); ++i) {
      const Relation& r = s_.relations[i];
      std::string file = file_of_relation(i);
      std::string field = file == file_ ? fmt::format("relation[{}]", i + 1) : "";
      check_actor(r.a, {file, r.line, field.empty() ? "a" : field + ".a"});
      check_actor(r.b, {file, r.line, field.empty() ? "b" : field + ".b"});
    }
    for (const auto& [id, where] : actor_refs_) check_actor(id, where);
    for (const auto& [id, where] : issue_refs_)
      if (!id.empty() && !s_.find_issue(id))
        diags_.addf(where, "unknown issue '{}' (not defined in any [[issue]])", id);
    for (const auto& [id, where] : position_refs_)
      if (!s_.find_issue(id))
        diags_.addf(where, "unknown issue '{}' (not defined in any [[issue]])", id);
    for (const auto& [issue, value, where] : event_positions_) {
      const Issue* is = s_.find_issue(issue);
      if (is && (value.lower_bound() < is->scale_min || value.upper_bound() > is->scale_max))
        diags_.addf(where, "position on '{}' reaches outside its scale [{}, {}]", issue,
                    is->scale_min, is->scale_max);
    }
    for (const auto& [id, where] : patched_events_)
      if (!id.empty() && !event_lines_.count(id))
        diags_.addf(
            where, "unknown event '{}' (a new event needs kind, date, participants and title)", id);
    std::set<std::string> all_events;
    for (const auto& [id, line] : event_lines_) all_events.insert(id);
    for (const auto& v : s_.variants)
      for (const auto& p : v.events)
        if (p.added) all_events.insert(p.id);
    for (const auto& [id, where] : outcome_events_)
      if (!id.empty() && !all_events.count(id))
        diags_.addf(where, "unknown event '{}' (not an [[event]], [[stochastic]] or variant event)",
                    id);
    for (const auto& [what, where] : moves_) {
      const auto colon = what.find(':');
      const std::string kind = what.substr(0, colon),
                        id = colon == std::string::npos ? "" : what.substr(colon + 1);
      bool known = false;
      if (kind == "issue")
        known = s_.find_issue(id) != nullptr;
      else if (kind == "outcome")
        known = outcome_lines_.count(id) > 0;
      else {
        diags_.addf(where, "'{}': expected \"issue:ID\" or \"outcome:ID\"", what);
        continue;
      }
      if (!known) diags_.addf(where, "'{}' names no {} of the scenario", what, kind);
    }
    check_as_of();
    if (s_.actors.empty() && diags_.empty())
      diags_.add({file_, 1, "actor"}, "a scenario needs at least one [[actor]]");
  }

  // As-of discipline: a scenario holds only what was known on its as_of date. A relation
  // starting after it must be expected (with a probability); an event after it cannot be
  // `held`.
  void check_as_of() {
    const std::optional<Date> as_of = as_of_override_ ? as_of_override_ : s_.as_of;
    if (!as_of) return;
    for (const auto& r : future_relations_)
      if (r.date > *as_of && !r.flag)
        diags_.addf(r.where,
                    "{} is after as_of {}: a relation not in force then must be marked "
                    "expected = true with a probability",
                    r.date.iso(), as_of->iso());
    for (const auto& e : held_events_)
      if (e.date > *as_of && e.flag)
        diags_.addf(e.where,
                    "event on {} is after as_of {} but has status 'held': use status = "
                    "\"scheduled\" (with a probability) for what was expected then",
                    e.date.iso(), as_of->iso());
  }

 public:
  std::optional<Date> as_of_override_;

 private:
  struct DatedCheck {
    Date date;
    bool flag;  // relation: expected; event: status held
    SourceLocation where;
  };
  std::vector<DatedCheck> future_relations_, held_events_;
  std::vector<std::pair<std::string, SourceLocation>> moves_;
  std::string file_;
  TableSource tables_;
  Scenario s_;
  Diagnostics diags_;
  std::map<std::string, int> actor_lines_, issue_lines_, event_lines_, variant_lines_,
      outcome_lines_;
  // References checked once every table is read.
  std::vector<std::pair<std::string, SourceLocation>> actor_refs_, issue_refs_, position_refs_,
      patched_events_, outcome_events_;
  struct PositionRef {
    std::string issue;
    Sourced<double> value;
    SourceLocation where;
  };
  std::vector<PositionRef> event_positions_;
  std::vector<std::pair<std::size_t, std::string>> position_files_, relation_files_;
};

}  // namespace

Scenario read_scenario(std::string_view toml_text, const std::string& file_name,
                       const ReadOptions& options) {
  ScenarioReader reader(file_name, options.tables);
  reader.as_of_override_ = options.as_of;
  return reader.read(toml_text);
}

Scenario read_scenario_file(const std::string& path, const ReadOptions& options) {
  return read_scenario(read_file(path), input_name(path), options);
}

Scenario load_scenario(const std::string& name_or_path, const ReadOptions& options) {
  if (name_or_path == "-") return read_scenario_file(name_or_path, options);
  if (auto text = find_builtin_scenario(name_or_path))
    return read_scenario(*text, fmt::format("<builtin:{}>", name_or_path), options);
  std::error_code ec;
  if (!fs::exists(name_or_path, ec)) {
    std::vector<std::string_view> names;
    for (const auto& b : builtin_scenarios()) names.push_back(b.name);
    fail({name_or_path}, "no such file, and no built-in scenario of that name (built-in: {})",
         fmt::join(names, ", "));
  }
  return read_scenario_file(name_or_path, options);
}

}  // namespace detente::io
