// ICEWS .tab event rows (20 columns after a header row; countries given by name).
#include "events/countries.hpp"
#include "io/events/row_parser.hpp"

namespace detente::events::detail {

namespace {

std::string_view icews_country(std::string_view name, std::int64_t& unknown) {
  if (name.empty() || name == "NA") return {};
  std::string_view iso = iso3_from_name(name);
  if (iso.empty()) ++unknown;
  return iso;
}

}  // namespace

std::optional<ParseError> RowParser::parse_icews(EventRow& row, std::int64_t& unknown) {
  const int n = fields_.count;
  if (n != 20) return ParseError{n < 20 ? BadKind::short_row : BadKind::long_row};
  const auto& f = fields_.f;
  row.layout = Layout::icews;
  if (!parse_int(f[0], row.event_id))
    return ParseError{BadKind::non_numeric, 0, "an integer Event ID"};
  if (!date_of(f[1], row.event_date))
    return ParseError{BadKind::bad_date, 1, "YYYY-MM-DD or M/D/YYYY"};
  row.date = row.event_date;
  row.actor1_code = f[2];
  row.actor1_types[0] = f[3];
  row.actor1_types[1] = row.actor1_types[2] = {};
  row.actor1_country = icews_country(f[4], unknown);
  row.actor2_code = f[8];
  row.actor2_types[0] = f[9];
  row.actor2_types[1] = row.actor2_types[2] = {};
  row.actor2_country = icews_country(f[10], unknown);
  row.is_root = true;
  if (auto e = code_values(f[6], 6, {}, -1, f[7], 7, row)) return e;
  row.mentions = 1;
  row.url = f[11];
  row.actor1_geo = row.actor2_geo = row.action_geo = {};
  return std::nullopt;
}

}  // namespace detente::events::detail
