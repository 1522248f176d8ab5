#include "report/svg.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace detente::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double value, int digits) {
  if (!std::isfinite(value)) return "0";
  std::string s = fmt::format("{:.{}f}", value, digits);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string_view colour(std::size_t index) {
  static constexpr std::array<std::string_view, 8> kPalette = {
      "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};
  return kPalette[index % kPalette.size()];
}

}  // namespace detente::svg
