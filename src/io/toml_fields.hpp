// detente/io/toml_fields.hpp
//
// The TOML side of the scenario reader (io/scenario_toml.cpp): `Fields` reads the fields
// of one TOML table — strings, keywords, numbers in a range, sourced numbers with their
// distributions, dates, arrays — reporting each problem with file, line and field and,
// at `finish()`, every key no accessor asked for. The rules and wording shared with the
// CSV tables are in io/scenario_fields.hpp. Internal to the scenario reader.
#pragma once

#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "io/limits.hpp"
#include "core/distribution.hpp"
#include "core/error.hpp"
#include "core/scenario.hpp"
#include "io/scenario_fields.hpp"

namespace detente::io::toml_fields {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

inline int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

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
    diags_.add(at(key), fields::unknown_name(what, *text, names));
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
      return fields::date_text(*s, at(key), diags_);
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
      diags_.add(std::move(where), fields::out_of_range(v, lo, hi));
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

}  // namespace detente::io::toml_fields
