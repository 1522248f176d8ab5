#include "io/scenario_toml.hpp"

#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "core/builtin.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv.hpp"

namespace detente::io {

namespace {

namespace fs = std::filesystem;

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

  // A number, or an inline table { value = 0.3, source = "..." }.
  std::optional<Sourced<double>> sourced(std::string_view key, bool required, double lo,
                                         double hi) {
    const toml::node* n = get(key, required, "a number or { value = …, source = \"…\" }");
    if (!n) return std::nullopt;
    if (const toml::table* t = n->as_table()) {
      Fields inner(*t, field(key), file_, diags_);
      auto v = inner.number("value", true, lo, hi);
      auto src = inner.string("source");
      inner.finish();
      if (!v) return std::nullopt;
      return Sourced<double>{*v, src.value_or(""), line_of(*n)};
    }
    auto v = check_number(*n, at(key), lo, hi);
    if (!v) return std::nullopt;
    return Sourced<double>{*v, {}, line_of(*n)};
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

constexpr double kInf = std::numeric_limits<double>::infinity();

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
  ScenarioReader(std::string file) : file_(std::move(file)) {}

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

  void read_actor(const toml::table& t, std::size_t i) {
    Actor a;
    auto id = t.get("id") ? t.get("id")->value<std::string>() : std::nullopt;
    Fields f(t, label("actor", i, id), file_, diags_);
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
    if (!a.id.empty()) {
      check_id(a.id, f.at("id"));
      if (!actor_lines_.emplace(a.id, a.line).second)
        diags_.addf(f.at("id"), "duplicate actor id '{}' (first defined on line {})", a.id,
                    actor_lines_[a.id]);
    }
    s_.actors.push_back(std::move(a));
  }

  void read_issue(const toml::table& t, std::size_t i) {
    Issue is;
    auto id = t.get("id") ? t.get("id")->value<std::string>() : std::nullopt;
    Fields f(t, label("issue", i, id), file_, diags_);
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
        if (!(is.scale_min < is.scale_max))
          diags_.addf(f.at("scale"), "expected min < max, got [{}, {}]", is.scale_min,
                      is.scale_max);
      }
    }
    is.status_quo = f.sourced("status_quo", false, is.scale_min, is.scale_max);
    is.decision_date = f.date("decision_date", false);
    f.finish();
    if (!is.id.empty()) {
      check_id(is.id, f.at("id"));
      if (!issue_lines_.emplace(is.id, is.line).second)
        diags_.addf(f.at("id"), "duplicate issue id '{}' (first defined on line {})", is.id,
                    issue_lines_[is.id]);
    }
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
    if (auto k = f.string("kind", true)) {
      if (auto kind = relation_kind_from_string(*k)) {
        r.kind = *kind;
      } else {
        diags_.addf(f.at("kind"), "unknown relation kind '{}' (expected one of: {})", *k,
                    fmt::join(relation_kind_names(), ", "));
      }
    }
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

  void read_event(const toml::table& t, std::size_t i) {
    Event e;
    auto id = t.get("id") ? t.get("id")->value<std::string>() : std::nullopt;
    Fields f(t, label("event", i, id), file_, diags_);
    e.line = f.line();
    e.id = f.string("id", true).value_or("");
    if (auto d = f.date("date", true)) e.date = *d;
    if (auto k = f.string("kind", true)) {
      if (auto kind = event_kind_from_string(*k))
        e.kind = *kind;
      else
        diags_.addf(f.at("kind"), "unknown event kind '{}' (expected one of: {})", *k,
                    fmt::join(event_kind_names(), ", "));
    }
    if (auto st = f.string("status")) {
      if (auto status = event_status_from_string(*st))
        e.status = *status;
      else
        diags_.addf(f.at("status"),
                    "unknown event status '{}' (expected held, scheduled, postponed or cancelled)",
                    *st);
    }
    if (auto p = f.strings("participants", true)) e.participants = *p;
    if (auto tg = f.strings("targets", false)) e.targets = *tg;
    e.title = f.string("title", true).value_or("");
    e.source = f.string("source").value_or("");
    f.finish();
    if (!e.id.empty()) {
      check_id(e.id, f.at("id"));
      if (!event_lines_.emplace(e.id, e.line).second)
        diags_.addf(f.at("id"), "duplicate event id '{}' (first defined on line {})", e.id,
                    event_lines_[e.id]);
    }
    s_.events.push_back(std::move(e));
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

  void read_positions_csv(const std::string& path) {
    try {
      CsvTable t = CsvTable::read_file(path);
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
      CsvTable t = CsvTable::read_file(path);
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
      if (is && (p.position.value < is->scale_min || p.position.value > is->scale_max))
        diags_.addf(at("position"), "{} is outside issue '{}' scale [{}, {}]", p.position.value,
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
    for (const Event& e : s_.events) {
      std::string field = fmt::format("event[{}]", e.id);
      for (const auto& a : e.participants) check_actor(a, {file_, e.line, field + ".participants"});
      for (const auto& a : e.targets) check_actor(a, {file_, e.line, field + ".targets"});
    }
    if (s_.actors.empty() && diags_.empty())
      diags_.add({file_, 1, "actor"}, "a scenario needs at least one [[actor]]");
  }

  std::string file_;
  Scenario s_;
  Diagnostics diags_;
  std::map<std::string, int> actor_lines_, issue_lines_, event_lines_;
  std::vector<std::pair<std::size_t, std::string>> position_files_, relation_files_;
};

}  // namespace

Scenario read_scenario(std::string_view toml_text, const std::string& file_name) {
  return ScenarioReader(file_name).read(toml_text);
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
