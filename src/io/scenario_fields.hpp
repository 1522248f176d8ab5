// detente/io/scenario_fields.hpp
//
// The rules of the scenario's fields, in one table both scenario readers apply — the TOML
// reader (io/scenario_toml.cpp) and the [tables] CSV reader (positions.csv,
// relations.csv) — so that a field means the same and fails with the same words whichever
// file it is in. Each check reports into `Diagnostics` at the location given and returns
// the value when it is admissible.
//
// Example:
//   if (auto w = detente::io::fields::check(detente::io::fields::kWeight, 1.5, where, diags)) …
//   // diags: "1.5 is out of range: expected a number in (0, 1]"
#pragma once

#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/scenario.hpp"

namespace detente::io::fields {

// A number's admissible interval: [lo, hi], or (lo, hi] when lo_open.
struct NumberRule {
  std::string_view name;
  double lo;
  double hi;
  bool lo_open = false;
};

inline constexpr NumberRule kWeight{"weight", 0, 1, true};
// An event_tie's weight is the measured tie score itself, sign included.
inline constexpr NumberRule kSignedWeight{"weight", -1, 1, false};
inline constexpr const NumberRule& weight_rule(RelationKind kind) {
  return kind == RelationKind::event_tie ? kSignedWeight : kWeight;
}
inline constexpr NumberRule kSalience{"salience", 0, 1};
inline constexpr NumberRule kProbability{"probability", 0, 1};

// "… is out of range: expected a number in [lo, hi]" — the one wording for ranges.
std::string out_of_range(double value, double lo, double hi, bool lo_open = false);

std::optional<double> check(const NumberRule& rule, double value, const SourceLocation& where,
                            Diagnostics& diags);
// A relation's sign: +1 or −1.
std::optional<int> sign(double value, const SourceLocation& where, Diagnostics& diags);
// A relation kind by name ("alliance", …), listing the valid names otherwise.
std::optional<RelationKind> relation_kind(std::string_view text, const SourceLocation& where,
                                          Diagnostics& diags);
// A date written as text, "2024-05-27"; it must exist in the calendar.
std::optional<Date> date_text(std::string_view text, const SourceLocation& where,
                              Diagnostics& diags);
// The message for a name outside a fixed list.
std::string unknown_name(std::string_view what, std::string_view text,
                         const std::vector<std::string_view>& names);

// The checks on a relation read whole: two different actors, `until` after `since`.
// `at(field)` gives the location of one of its fields.
template <typename At>
void check_relation(const Relation& r, At at, Diagnostics& diags) {
  if (r.since && r.until && !(*r.since < *r.until))
    diags.addf(at("until"), "expected 'until' after 'since' ({}), got {}", r.since->iso(),
               r.until->iso());
  if (!r.a.empty() && r.a == r.b)
    diags.addf(at("b"), "a relation needs two actors, got '{}' twice", r.a);
}

}  // namespace detente::io::fields
