// GDELT 1.0 (57 columns in the 1979-2013 backfile, 58 in the daily files) and GDELT 2.0
// (61 columns) event rows; a GDELT 1.0 file may hold both 1.0 layouts, so the layout is
// decided per row by its field count.
#include "io/events/row_parser.hpp"

namespace detente::events::detail {

std::optional<ParseError> RowParser::parse_gdelt(InputFormat format, EventRow& row) {
  const int n = fields_.count;
  const GdeltColumns* cols = nullptr;
  if (n == 57 && format != InputFormat::gdelt2) {
    cols = &kGdelt57;
    row.layout = Layout::gdelt1_backfile;
  } else if (n == 58 && format != InputFormat::gdelt2) {
    cols = &kGdelt58;
    row.layout = Layout::gdelt1_daily;
  } else if (n == 61 && format != InputFormat::gdelt1) {
    cols = &kGdelt61;
    row.layout = Layout::gdelt2;
  } else {
    int want = format == InputFormat::gdelt2 ? 61 : format == InputFormat::gdelt1 ? 58 : 61;
    return ParseError{n < want ? BadKind::short_row : BadKind::long_row};
  }
  const auto& f = fields_.f;
  if (opt_.need_event_id && !parse_int(f[0], row.event_id))
    return ParseError{BadKind::non_numeric, 0, "an integer GLOBALEVENTID"};
  if (!date_of(f[1], row.event_date)) return ParseError{BadKind::bad_date, 1, "YYYYMMDD"};
  row.date = row.event_date;
  if (opt_.date_basis == DateBasis::added) {
    std::int32_t added;
    if (!parse_date(f[cols->date_added], added, true))
      return ParseError{BadKind::bad_date, cols->date_added, "YYYYMMDD[HHMMSS]"};
    row.date = added;
  }
  row.actor1_code = f[5];
  row.actor1_country = f[7];
  row.actor1_types[0] = f[12];
  row.actor1_types[1] = f[13];
  row.actor1_types[2] = f[14];
  row.actor2_code = f[15];
  row.actor2_country = f[17];
  row.actor2_types[0] = f[22];
  row.actor2_types[1] = f[23];
  row.actor2_types[2] = f[24];
  if (f[25].size() != 1 || (f[25][0] != '0' && f[25][0] != '1'))
    return ParseError{BadKind::non_numeric, 25, "IsRootEvent 0 or 1"};
  row.is_root = f[25][0] == '1';
  if (auto e = code_values(f[26], 26, f[29], 29, f[30], 30, row)) return e;
  // Bounded so that Goldstein x mentions sums cannot overflow.
  if (!parse_int(f[31], row.mentions) || row.mentions < 0 || row.mentions > 1'000'000'000)
    return ParseError{BadKind::non_numeric, 31, "an integer NumMentions (0 to 10^9)"};
  if (gdelt_tail_) {
    row.actor1_geo = f[cols->a1_geo];
    row.actor2_geo = f[cols->a2_geo];
    row.action_geo = f[cols->action_geo];
    row.url = cols->url >= 0 ? f[cols->url] : std::string_view{};
  } else {
    // Four separate stores: from the chained a = b = c = {} GCC stored the first as two
    // 8-byte halves and loaded it back 16 bytes wide, a store-forwarding stall on which
    // `perf annotate` put a quarter of this function's samples.
    row.actor1_geo = std::string_view{};
    row.actor2_geo = std::string_view{};
    row.action_geo = std::string_view{};
    row.url = std::string_view{};
  }
  return std::nullopt;
}

}  // namespace detente::events::detail
