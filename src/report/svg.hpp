// detente/report/svg.hpp
//
// Small helpers for the report's inline SVG charts: escaping, compact numbers, the
// palette, and a linear scale. Charts are written as strings so that the report stays
// one self-contained file with no scripts or external requests.
//
// Example:
//   detente::svg::Scale x{0, 100, 40, 560};
//   out += fmt::format("<circle cx='{}' cy='20' r='4'/>", detente::svg::num(x(42)));
#pragma once

#include <string>
#include <string_view>

namespace detente::svg {

// Escapes &, <, >, " and ' for text and attribute values.
std::string escape(std::string_view text);

// A number with at most `digits` decimals and no trailing zeros ("12.5", "3").
std::string num(double value, int digits = 2);

// Maps [d0, d1] linearly onto [r0, r1].
struct Scale {
  double d0, d1, r0, r1;
  double operator()(double v) const {
    return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) / (d1 - d0) * (r1 - r0);
  }
};

// A qualitative palette (colour-blind safe, Okabe–Ito) indexed cyclically.
std::string_view colour(std::size_t index);
inline constexpr std::string_view kPositive = "#009E73";
inline constexpr std::string_view kNegative = "#D55E00";
inline constexpr std::string_view kNeutral = "#777777";

}  // namespace detente::svg
