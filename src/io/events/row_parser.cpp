// The rules the event formats share: Goldstein tables per scale, QuadClass mappings and
// bad-row messages (see row_parser.hpp).
#include "io/events/row_parser.hpp"

#include <fmt/format.h>

#include <cmath>

namespace detente::events::detail {

GoldsteinTable::GoldsteinTable(GoldsteinScale scale) {
  for (std::size_t len = 2; len <= 4; ++len) {
    int limit = len == 2 ? 100 : len == 3 ? 1000 : 10000;
    for (int num = 0; num < limit; ++num) {
      std::string code = fmt::format("{:0{}d}", num, len);
      if (auto g = goldstein_or_base(code, scale)) v[len * 10000 + num] = std::llround(*g * 100);
    }
  }
}

const GoldsteinTable& goldstein_table(GoldsteinScale scale) {
  static const GoldsteinTable gdelt(GoldsteinScale::gdelt);
  static const GoldsteinTable schrodt(GoldsteinScale::schrodt2007);
  static const GoldsteinTable icews(GoldsteinScale::icews);
  switch (scale) {
    case GoldsteinScale::gdelt:
      return gdelt;
    case GoldsteinScale::schrodt2007:
      return schrodt;
    case GoldsteinScale::icews:
      return icews;
  }
  return gdelt;
}

bool known_cameo_code(std::string_view code) {
  static const std::vector<bool> known = [] {
    std::vector<bool> k(5 * 10000, false);
    for (const auto& c : cameo_codes()) {
      int num = 0;
      if (c.code.size() >= 2 && c.code.size() <= 4 && digits_at(c.code, 0, c.code.size(), num))
        k[c.code.size() * 10000 + static_cast<std::size_t>(num)] = true;
    }
    return k;
  }();
  int num = 0;
  if (code.size() < 2 || code.size() > 4 || !digits_at(code, 0, code.size(), num)) return false;
  return known[code.size() * 10000 + static_cast<std::size_t>(num)];
}

GoldsteinScale scale_of(ValueSource v) {
  switch (v) {
    case ValueSource::schrodt2007:
      return GoldsteinScale::schrodt2007;
    case ValueSource::icews:
      return GoldsteinScale::icews;
    default:
      return GoldsteinScale::gdelt;
  }
}

QuadMapping quad_mapping_of(ValueSource v) {
  return v == ValueSource::icews ? QuadMapping::icews : QuadMapping::gdelt;
}

std::string describe(const ParseError& e, InputFormat format, const Fields& fields) {
  switch (e.kind) {
    case BadKind::short_row:
    case BadKind::long_row: {
      std::string want = format == InputFormat::gdelt1           ? "57 or 58"
                         : format == InputFormat::gdelt2         ? "61"
                         : format == InputFormat::gdelt_mentions ? "16"
                         : format == InputFormat::icews          ? "20"
                         : format == InputFormat::cameo_tsv      ? "4"
                                                                 : "57, 58 or 61";
      std::string got = fields.count > kMaxFields ? fmt::format("more than {}", kMaxFields)
                                                  : std::to_string(fields.count);
      return fmt::format("{}: expected {} tab-separated fields, got {}", to_string(e.kind), want,
                         got);
    }
    case BadKind::invalid_utf8:
      return "invalid UTF-8 byte sequence";
    default: {
      std::string_view value =
          e.field >= 0 && e.field < fields.recorded ? fields.f[e.field] : std::string_view{};
      std::string shown(value.substr(0, 40));
      return fmt::format("{}: expected {}, got '{}'", to_string(e.kind), e.what, shown);
    }
  }
}

std::string field_name(const ParseError& e) {
  return e.field >= 0 ? fmt::format("column {}", e.field + 1) : std::string{};
}

}  // namespace detente::events::detail
