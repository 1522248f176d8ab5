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

namespace detente::io {

namespace {

namespace fs = std::filesystem;

constexpr double kInf = std::numeric_limits<double>::infinity();

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Reads the fields of one TOML table, remembering which keys were used so that every
// other key can be reported as unknown.
class Fields {
 public:
  Fields(const toml::table& table, std::string path, const std::string& file, Diagnostics& diags)
      : table_(table), path_(std::move(path)), file_(file), diags_(diags) {}

  int line() const { return line_of(table_); }
  std::string field(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  }
  SourceLocation at(std::string_view key) const {
    const toml::node* n = table_.get(key);
    return {file_, n ? line_of(*n) : line(), field(key)};
  }
  SourceLocation here() const { return {file_, line(), path_}; }

  const toml::node* get(std::string_view key, bool required, std::string_view expected) {
    used_.insert(std::string(key));
    const toml::node* n = table_.get(key);
    if (!n && required) diags_.addf(at(key), "missing field: expected {}", expected);
    return n;
  }

  std::optional<std::string> string(std::string_view key, bool required = false) {
    const toml::node* n = get(key, required, "a string");
    if (!n) return std::nullopt;
    if (auto s = n->value<std::string>()) return *s;
    diags_.addf(at(key), "expected a string, got {}", describe(*n));
    return std::nullopt;
  }

  // A string that must be one of a fixed set of names (a kind, a status).
  template <typename E>
  std::optional<E> keyword(std::string_view key, bool required, std::string_view what,
                           std::optional<E> (*parse)(std::string_view),
                           const std::vector<std::string_view>& names) {
    auto text = string(key, required);
    if (!text) return std::nullopt;
    if (auto value = parse(*text)) return value;
    diags_.addf(at(key), "unknown {} '{}' (expected one of: {})", what, *text,
                fmt::join(names, ", "));
    return std::nullopt;
  }

  std::optional<bool> boolean(std::string_view key) {
    const toml::node* n = get(key, false, "true or false");
    if (!n) return std::nullopt;
    if (auto b = n->value_exact<bool>()) return *b;
    diags_.addf(at(key), "expected true or false, got {}", describe(*n));
    return std::nullopt;
  }

  std::optional<double> number(std::string_view key, bool required, double lo, double hi) {
    const toml::node* n = get(key, required, "a number");
    if (!n) return std::nullopt;
    return check_number(*n, at(key), lo, hi);
  }

  // A number, or an inline table { value = 0.3, source = "..." }, optionally with a
  // distribution: { dist = "normal", mean = 0.3, sd = 0.05, min = 0, max = 1 }. The point
  // value defaults to the distribution's mean; the distribution must stay in [lo, hi].
  std::optional<Sourced<double>> sourced(std::string_view key, bool required, double lo,
                                         double hi) {
    const toml::node* n = get(key, required, "a number or { value = …, source = \"…\" }");
    if (!n) return std::nullopt;
    if (const toml::table* t = n->as_table()) {
      Fields inner(*t, field(key), file_, diags_);
      std::optional<Distribution> dist = inner.distribution();
      auto v = inner.number("value", !dist, lo, hi);
      auto src = inner.string("source");
      inner.finish();
      if (dist) {
        if (auto problem = dist->check()) {
          diags_.addf(at(key), "invalid distribution: {}", *problem);
          return std::nullopt;
        }
        if (dist->lower() < lo || dist->upper() > hi) {
          diags_.addf(at(key), "{} reaches outside [{}, {}]: give bounds (min, max) inside it",
                      dist->describe(), lo, hi);
          return std::nullopt;
        }
        if (!v) v = dist->mean();
      }
      if (!v) return std::nullopt;
      return Sourced<double>{*v, src.value_or(""), line_of(*n), dist};
    }
    auto v = check_number(*n, at(key), lo, hi);
    if (!v) return std::nullopt;
    return Sourced<double>{*v, {}, line_of(*n), std::nullopt};
  }

  // Reads `dist` and its parameters from this table, if `dist` is present.
  std::optional<Distribution> distribution() {
    auto kind = string("dist");
    if (!kind) return std::nullopt;
    auto num = [&](const char* k, bool req) { return number(k, req, -kInf, kInf); };
    if (*kind == "uniform") {
      auto a = num("min", true), b = num("max", true);
      if (a && b) return Distribution::uniform(*a, *b);
    } else if (*kind == "normal") {
      auto m = num("mean", true), sd = num("sd", true);
      auto a = num("min", false), b = num("max", false);
      if (m && sd) return Distribution::normal(*m, *sd, a, b);
    } else if (*kind == "triangular") {
      auto a = num("min", true), c = num("mode", true), b = num("max", true);
      if (a && b && c) return Distribution::triangular(*a, *c, *b);
    } else if (*kind == "beta") {
      auto al = num("alpha", true), be = num("beta", true);
      auto a = num("min", false), b = num("max", false);
      if (al && be) return Distribution::beta(*al, *be, a.value_or(0), b.value_or(1));
    } else if (*kind == "choice") {
      auto values = numbers("values", true);
      auto weights = numbers("weights", false);
      if (values) return Distribution::choice(*values, weights.value_or(std::vector<double>{}));
    } else {
      diags_.addf(at("dist"),
                  "unknown distribution '{}' (expected uniform, normal, triangular, beta or "
                  "choice)",
                  *kind);
    }
    return std::nullopt;
  }

  std::optional<std::vector<double>> numbers(std::string_view key, bool required) {
    const toml::node* n = get(key, required, "an array of numbers");
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) {
      diags_.addf(at(key), "expected an array of numbers, got {}", describe(*n));
      return std::nullopt;
    }
    std::vector<double> out;
    for (const auto& e : *a) {
      if (!e.is_number()) {
        diags_.addf({file_, line_of(e), field(key)}, "expected a number, got {}", describe(e));
        return std::nullopt;
      }
      if (auto problem = input_number_problem(*e.value<double>())) {
        diags_.add({file_, line_of(e), field(key)}, *problem);
        return std::nullopt;
      }
      out.push_back(*e.value<double>());
    }
    return out;
  }

  // Every key of this table as a sourced number (for open-ended maps: parameters, positions).
  // `range` gives a key's admissible interval, or reports the key as unknown and returns
  // nullopt.
  using RangeOf =
      std::function<std::optional<std::pair<double, double>>(const std::string&, SourceLocation)>;
  std::map<std::string, Sourced<double>> sourced_map(const RangeOf& range) {
    std::map<std::string, Sourced<double>> out;
    for (const auto& [key, node] : table_) {
      std::string k(key.str());
      used_.insert(k);
      auto r = range(k, at(k));
      if (!r) continue;
      if (auto v = sourced(k, false, r->first, r->second)) out[k] = *v;
    }
    return out;
  }

  // A TOML date (2024-05-27) or a string "2024-05-27".
  std::optional<Date> date(std::string_view key, bool required) {
    const toml::node* n = get(key, required, "a date YYYY-MM-DD");
    if (!n) return std::nullopt;
    if (auto d = n->value_exact<toml::date>()) {
      if (Date::valid(d->year, d->month, d->day)) return Date{d->year, d->month, d->day};
    } else if (auto s = n->value_exact<std::string>()) {
      if (auto d = Date::parse(*s)) return d;
      diags_.addf(at(key), "bad date '{}': expected a real calendar date YYYY-MM-DD", *s);
      return std::nullopt;
    }
    diags_.addf(at(key), "expected a date YYYY-MM-DD, got {}", describe(*n));
    return std::nullopt;
  }

  std::optional<std::vector<std::string>> strings(std::string_view key, bool required) {
    const toml::node* n = get(key, required, "an array of strings");
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) {
      diags_.addf(at(key), "expected an array of strings, got {}", describe(*n));
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& e : *a) {
      if (auto s = e.value_exact<std::string>()) {
        out.push_back(*s);
      } else {
        diags_.addf({file_, line_of(e), field(key)}, "expected a string, got {}", describe(e));
      }
    }
    return out;
  }

  const toml::table* table(std::string_view key) {
    const toml::node* n = get(key, false, "a table");
    if (!n) return nullptr;
    if (const auto* t = n->as_table()) return t;
    diags_.addf(at(key), "expected a table, got {}", describe(*n));
    return nullptr;
  }

  // Reports every key that no accessor asked for.
  void finish() {
    for (const auto& [key, node] : table_) {
      if (used_.count(std::string(key.str())) == 0)
        diags_.addf({file_, line_of(node), field(key.str())},
                    "unknown key '{}' (expected one of: {})", key.str(), known());
    }
  }

  static std::string describe(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::string:
        return fmt::format("the string \"{}\"", *n.value<std::string>());
      case toml::node_type::integer:
      case toml::node_type::floating_point:
        return fmt::format("the number {}", *n.value<double>());
      case toml::node_type::boolean:
        return *n.value<bool>() ? "true" : "false";
      case toml::node_type::table:
        return "a table";
      case toml::node_type::array:
        return "an array";
      case toml::node_type::date:
        return "a date";
      case toml::node_type::time:
        return "a time";
      case toml::node_type::date_time:
        return "a date-time";
      default:
        return "nothing";
    }
  }

 private:
  std::optional<double> check_number(const toml::node& n, SourceLocation where, double lo,
                                     double hi) {
    if (!n.is_number()) {
      diags_.addf(std::move(where), "expected a number, got {}", describe(n));
      return std::nullopt;
    }
    double v = *n.value<double>();
    if (!std::isfinite(v) || v < lo || v > hi) {
      diags_.addf(std::move(where), "{} is out of range: expected a number in [{}, {}]", v, lo, hi);
      return std::nullopt;
    }
    if (auto problem = input_number_problem(v)) {  // unbounded fields: the input limit
      diags_.add(std::move(where), *problem);
      return std::nullopt;
    }
    return v;
  }

  std::string known() const {
    std::string out;
    for (const auto& k : used_) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  const toml::table& table_;
  std::string path_;
  const std::string& file_;
  Diagnostics& diags_;
  std::set<std::string> used_;
};

// Calls fn(table, index, line) for each element of an array of tables [[key]].
template <typename Fn>
void each_table(Fields& root, const std::string& key, const std::string& file, Diagnostics& diags,
                Fn fn) {
  const toml::node* n = root.get(key, false, "an array of tables");
  if (!n) return;
  const toml::array* a = n->as_array();
  if (!a) {
    diags.addf(root.at(key), "expected [[{}]] tables, got {}", key, Fields::describe(*n));
    return;
  }
  std::size_t i = 0;
  for (const auto& e : *a) {
    ++i;
    if (const auto* t = e.as_table()) {
      fn(*t, i);
    } else {
      diags.addf({file, line_of(e), fmt::format("{}[{}]", key, i)}, "expected a table, got {}",
                 Fields::describe(e));
    }
  }
}

std::string label(std::string_view kind, std::size_t index, const std::optional<std::string>& id) {
  return id && !id->empty() ? fmt::format("{}[{}]", kind, *id) : fmt::format("{}[{}]", kind, index);
}

class ScenarioReader {
 public:
  ScenarioReader(std::string file, const TableSource& tables)
      : file_(std::move(file)), tables_(tables) {}

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
    if (auto v = f.sourced("salience", true, 0, 1)) p.salience = *v;
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
    r.kind =
        f.keyword("kind", true, "relation kind", relation_kind_from_string, relation_kind_names())
            .value_or(r.kind);
    r.sign = default_sign(r.kind);
    if (auto sign = f.number("sign", false, -1, 1)) {
      if (*sign != 1 && *sign != -1)
        diags_.addf(f.at("sign"), "expected +1 or -1, got {}", *sign);
      else
        r.sign = static_cast<int>(*sign);
    }
    if (auto w = f.sourced("weight", false, 0, 1)) {
      r.weight = *w;
      if (w->value == 0) diags_.add(f.at("weight"), "expected a weight in (0, 1], got 0");
    }
    if (auto src = f.string("source"); src && r.weight.source.empty()) r.weight.source = *src;
    r.directed = f.boolean("directed").value_or(false);
    r.since = f.date("since", false);
    r.until = f.date("until", false);
    r.note = f.string("note").value_or("");
    f.finish();
    if (r.since && r.until && !(*r.since < *r.until))
      diags_.addf(f.at("until"), "expected 'until' after 'since' ({}), got {}", r.since->iso(),
                  r.until->iso());
    if (!r.a.empty() && r.a == r.b)
      diags_.addf(f.at("b"), "a relation needs two actors, got '{}' twice", r.a);
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
    f.finish();
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
        if (p.salience.value < 0 || p.salience.value > 1)
          diags_.addf(t.where(row, "salience"), "{} is out of range: expected a number in [0, 1]",
                      p.salience.value);
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
        const std::string& k = t.text(row, "kind");
        if (auto kind = relation_kind_from_string(k)) {
          r.kind = *kind;
        } else {
          diags_.addf(t.where(row, "kind"), "unknown relation kind '{}' (expected one of: {})", k,
                      fmt::join(relation_kind_names(), ", "));
        }
        r.sign = default_sign(r.kind);
        if (auto s = t.optional_number(row, "sign")) {
          if (*s != 1 && *s != -1)
            diags_.addf(t.where(row, "sign"), "expected +1 or -1, got {}", *s);
          else
            r.sign = static_cast<int>(*s);
        }
        if (auto w = t.optional_number(row, "weight")) {
          if (*w <= 0 || *w > 1)
            diags_.addf(t.where(row, "weight"), "expected a weight in (0, 1], got {}", *w);
          r.weight.value = *w;
        }
        for (const char* c : {"since", "until"}) {
          if (!t.column(c) || t.text(row, c).empty()) continue;
          auto d = Date::parse(t.text(row, c));
          if (!d)
            diags_.addf(t.where(row, c), "bad date '{}': expected YYYY-MM-DD", t.text(row, c));
          (std::string_view(c) == "since" ? r.since : r.until) = d;
        }
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
    if (s_.actors.empty() && diags_.empty())
      diags_.add({file_, 1, "actor"}, "a scenario needs at least one [[actor]]");
  }

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

Scenario read_scenario(std::string_view toml_text, const std::string& file_name) {
  return ScenarioReader(file_name, {}).read(toml_text);
}

Scenario read_scenario(std::string_view toml_text, const std::string& file_name,
                       const TableSource& tables) {
  return ScenarioReader(file_name, tables).read(toml_text);
}

Scenario read_scenario_file(const std::string& path) {
  return read_scenario(read_file(path), path);
}

Scenario load_scenario(const std::string& name_or_path) {
  if (auto text = find_builtin_scenario(name_or_path))
    return read_scenario(*text, fmt::format("<builtin:{}>", name_or_path));
  std::error_code ec;
  if (!fs::exists(name_or_path, ec)) {
    std::vector<std::string_view> names;
    for (const auto& b : builtin_scenarios()) names.push_back(b.name);
    fail({name_or_path}, "no such file, and no built-in scenario of that name (built-in: {})",
         fmt::join(names, ", "));
  }
  return read_scenario_file(name_or_path);
}

}  // namespace detente::io
