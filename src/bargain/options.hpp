// detente/bargain/options.hpp
//
// Reading a model's named options (`--option name=value` on the command line, KTAB XML
// ModelParameters) into its plain options struct, and echoing the values used. Unknown
// names and bad values are InputErrors naming the option.
//
// Each enumerated option has one name↔value table (a `Choices<E>`), which serves parsing,
// validation (an unknown name is an error listing the valid ones), echoing the value used
// into JSON, and help text (`describe`); models switch on the enum, never on a string.
//
// Example:
//   enum class Probability { all_pairs, pair };
//   constexpr Choices<Probability> kProbability = {{"all_pairs", Probability::all_pairs},
//                                                  {"pair", Probability::pair}};
//   OptionReader r(values, "eum");           // values: {"q": "0.5"}
//   o.q = r.number("q", o.q, 0, 1);
//   o.probability = r.choice("probability", o.probability, kProbability);
//   r.finish();                              // throws on names nobody asked for
//   r.used();                                // {"q": 0.5, "probability": "all_pairs"}
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace detente::bargain {

using OptionValues = std::map<std::string, std::string>;

// The names of an enumerated option's values, in the order help text lists them.
template <typename E>
struct Choice {
  std::string_view name;
  E value;
};
template <typename E>
using Choices = std::initializer_list<Choice<E>>;

// The name of `value` in `table` (every enumerator has one).
template <typename E>
std::string_view name_of(Choices<E> table, E value) {
  for (const auto& c : table)
    if (c.value == value) return c.name;
  return "?";
}

// "a|b|c": the valid names, for errors and help.
template <typename E>
std::string describe(Choices<E> table) {
  std::string all;
  for (const auto& c : table) (all += all.empty() ? "" : "|") += c.name;
  return all;
}

class OptionReader {
 public:
  OptionReader(const OptionValues& values, std::string model)
      : values_(values), model_(std::move(model)) {}

  double number(const std::string& name, double fallback, double lo, double hi);
  int integer(const std::string& name, int fallback, int lo, int hi);
  std::uint64_t seed(const std::string& name, std::uint64_t fallback);
  bool flag(const std::string& name, bool fallback);
  // One of `choices`; `fallback` must be one of them.
  std::string choice(const std::string& name, const std::string& fallback,
                     const std::vector<std::string>& choices);
  // The enumerator named by the option (or `fallback`), echoed by name.
  template <typename E>
  E choice(const std::string& name, E fallback, Choices<E> table) {
    std::vector<std::string> names;
    for (const auto& c : table) names.emplace_back(c.name);
    const std::string chosen = choice(name, std::string(name_of(table, fallback)), names);
    for (const auto& c : table)
      if (c.name == chosen) return c.value;
    return fallback;
  }

  // Throws InputError listing the option names that no model option matched.
  void finish() const;
  const nlohmann::json& used() const { return used_; }

 private:
  const std::string* find(const std::string& name);
  const OptionValues& values_;
  std::string model_;
  std::set<std::string> seen_;
  nlohmann::json used_ = nlohmann::json::object();
};

}  // namespace detente::bargain
