#include "io/scenario_fields.hpp"

#include <fmt/ranges.h>

#include <cmath>

namespace detente::io::fields {

std::string out_of_range(double value, double lo, double hi, bool lo_open) {
  return fmt::format("{} is out of range: expected a number in {}{}, {}]", value,
                     lo_open ? "(" : "[", lo, hi);
}

std::optional<double> check(const NumberRule& rule, double value, const SourceLocation& where,
                            Diagnostics& diags) {
  const bool below = rule.lo_open ? !(value > rule.lo) : !(value >= rule.lo);
  if (!std::isfinite(value) || below || value > rule.hi) {
    diags.add(where, out_of_range(value, rule.lo, rule.hi, rule.lo_open));
    return std::nullopt;
  }
  return value;
}

std::optional<int> sign(double value, const SourceLocation& where, Diagnostics& diags) {
  if (value == 1 || value == -1) return static_cast<int>(value);
  diags.addf(where, "expected +1 or -1, got {}", value);
  return std::nullopt;
}

std::string unknown_name(std::string_view what, std::string_view text,
                         const std::vector<std::string_view>& names) {
  return fmt::format("unknown {} '{}' (expected one of: {})", what, text, fmt::join(names, ", "));
}

std::optional<RelationKind> relation_kind(std::string_view text, const SourceLocation& where,
                                          Diagnostics& diags) {
  if (auto kind = relation_kind_from_string(text)) return kind;
  diags.add(where, unknown_name("relation kind", text, relation_kind_names()));
  return std::nullopt;
}

std::optional<Date> date_text(std::string_view text, const SourceLocation& where,
                              Diagnostics& diags) {
  if (auto d = Date::parse(std::string(text))) return d;
  diags.addf(where, "bad date '{}': expected a real calendar date YYYY-MM-DD", text);
  return std::nullopt;
}

}  // namespace detente::io::fields
