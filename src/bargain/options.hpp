// detente/bargain/options.hpp
//
// Reading a model's named options (`--option name=value` on the command line, KTAB XML
// ModelParameters) into its plain options struct, and echoing the values used. Unknown
// names and bad values are InputErrors naming the option.
//
// Example:
//   OptionReader r(values, "eum");           // values: {"q": "0.5"}
//   o.q = r.number("q", o.q, 0, 1);
//   o.probability = r.choice("probability", o.probability, {"all_pairs", "pair"});
//   r.finish();                              // throws on names nobody asked for
//   r.used();                                // {"q": 0.5, "probability": "all_pairs"}
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace detente::bargain {

using OptionValues = std::map<std::string, std::string>;

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
