// GDELT 2.0 Mentions rows (16 columns): one row per article mentioning an event.
#include "io/events/row_parser.hpp"

namespace detente::events::detail {

std::optional<ParseError> RowParser::parse_mentions(EventRow& row) {
  const int n = fields_.count;
  if (n != 16) return ParseError{n < 16 ? BadKind::short_row : BadKind::long_row};
  const auto& f = fields_.f;
  row.layout = Layout::gdelt_mentions;
  if (!parse_int(f[0], row.event_id))
    return ParseError{BadKind::non_numeric, 0, "an integer GLOBALEVENTID"};
  if (!parse_date(f[1], row.event_date, true))
    return ParseError{BadKind::bad_date, 1, "YYYYMMDDHHMMSS"};
  if (!parse_date(f[2], row.date, true)) return ParseError{BadKind::bad_date, 2, "YYYYMMDDHHMMSS"};
  std::int64_t conf;
  if (!parse_int(f[11], conf)) return ParseError{BadKind::non_numeric, 11, "an integer Confidence"};
  row.confidence = static_cast<int>(conf);
  row.mentions = 1;
  row.url = f[5];
  return std::nullopt;
}

}  // namespace detente::events::detail
