// KEDS/Phoenix-style CAMEO TSV rows: date, source, target, code (optional header).
#include "io/events/row_parser.hpp"

namespace detente::events::detail {

std::optional<ParseError> RowParser::parse_cameo_tsv(EventRow& row) {
  const int n = fields_.count;
  if (n != 4) return ParseError{n < 4 ? BadKind::short_row : BadKind::long_row};
  const auto& f = fields_.f;
  row.layout = Layout::cameo_tsv;
  row.event_id = 0;
  if (!date_of(f[0], row.event_date))
    return ParseError{BadKind::bad_date, 0, "YYYY-MM-DD or YYYYMMDD"};
  row.date = row.event_date;
  auto actor = [](std::string_view code, std::string_view& country, std::string_view* types) {
    country = code.size() >= 3 ? code.substr(0, 3) : std::string_view{};
    for (std::size_t k = 0; k < 3; ++k)
      types[k] = code.size() >= 3 + 3 * (k + 1) ? code.substr(3 + 3 * k, 3) : std::string_view{};
  };
  row.actor1_code = f[1];
  row.actor2_code = f[2];
  actor(f[1], row.actor1_country, row.actor1_types);
  actor(f[2], row.actor2_country, row.actor2_types);
  row.is_root = true;
  if (auto e = code_values(f[3], 3, {}, -1, {}, -1, row)) return e;
  row.mentions = 1;
  row.url = {};
  row.actor1_geo = row.actor2_geo = row.action_geo = {};
  return std::nullopt;
}

}  // namespace detente::events::detail
