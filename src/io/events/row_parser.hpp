// detente/io/events/row_parser.hpp (internal to the event readers)
//
// One row parser for every event format: it splits a line at tabs, checks UTF-8 and hands
// the fields to the format's parser (gdelt_events.cpp: GDELT 1.0 and 2.0 events;
// gdelt_mentions.cpp; icews.cpp; cameo_tsv.cpp). The CAMEO code, QuadClass and Goldstein
// rules the formats share are here. Each row costs O(its length).
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/events/event_reader.hpp"
#include "io/events/fields.hpp"

namespace detente::events::detail {

// Goldstein values x100 of one scale for every CAMEO code, indexed by length and number.
struct GoldsteinTable {
  static constexpr std::int64_t kMissing = INT64_MIN;
  std::vector<std::int64_t> v = std::vector<std::int64_t>(5 * 10000, kMissing);
  explicit GoldsteinTable(GoldsteinScale scale);
  std::int64_t lookup(std::string_view code) const {
    int num;
    if (code.size() < 2 || code.size() > 4 || !digits_at(code, 0, code.size(), num))
      return kMissing;
    return v[code.size() * 10000 + static_cast<std::size_t>(num)];
  }
};

const GoldsteinTable& goldstein_table(GoldsteinScale scale);
// True when the codebook lists the code (O(1): a table by length and number).
bool known_cameo_code(std::string_view code);
GoldsteinScale scale_of(ValueSource v);
QuadMapping quad_mapping_of(ValueSource v);

// Column positions of the fields the readers use in one GDELT event layout.
struct GdeltColumns {
  int a1_geo, a2_geo, action_geo, date_added, url;  // url = -1 when absent
};
constexpr GdeltColumns kGdelt57{37, 44, 51, 56, -1};
constexpr GdeltColumns kGdelt58{37, 44, 51, 56, 57};
constexpr GdeltColumns kGdelt61{37, 45, 53, 59, 60};

struct ParseError {
  BadKind kind;
  int field = -1;  // 0-based column
  const char* what = "";
};

class RowParser {
 public:
  explicit RowParser(const ReadOptions& o)
      : opt_(o), gdelt_tail_(o.need_geo || o.need_url || o.date_basis == DateBasis::added) {}

  // `format` is the file's resolved format; auto_detect means "GDELT events, any layout".
  // Counts of unknown countries and codes go to `counters`.
  std::optional<ParseError> parse(std::string_view line, InputFormat format, EventRow& row,
                                  ReadStats& counters) {
    split_tabs(line, fields_, field_limit(format));
    return parse_split(line, format, row, counters);
  }

  // Splits the line that starts at `p` (up to its '\n' or `end`) for `format`; `line`
  // receives it without a trailing '\r'. Returns the line's end (its '\n' or `end`). The
  // bytes past `end` must be readable (see split_line). Then parse_split parses it.
  const char* split_next(const char* p, const char* end, InputFormat format,
                         std::string_view& line) {
    const int limit = field_limit(format);
    const char* stop = split_line(p, end, fields_, limit);
    line = std::string_view(p, static_cast<std::size_t>(stop - p));
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
      if (fields_.recorded == fields_.count) --fields_.f.end[fields_.count - 1];  // the last field
    }
    return stop;
  }

  // Parses a line whose fields split_tabs or split_next has just recorded.
  std::optional<ParseError> parse_split(std::string_view line, InputFormat format, EventRow& row,
                                        ReadStats& counters) {
    counters_ = &counters;
    if (fields_.high_bytes && !valid_utf8(line)) return ParseError{BadKind::invalid_utf8};
    switch (format) {
      case InputFormat::auto_detect:
      case InputFormat::gdelt1:
      case InputFormat::gdelt2:
        return parse_gdelt(format, row);
      case InputFormat::gdelt_mentions:
        return parse_mentions(row);
      case InputFormat::icews:
        return parse_icews(row, counters.unknown_countries);
      case InputFormat::cameo_tsv:
        return parse_cameo_tsv(row);
    }
    return ParseError{BadKind::short_row};
  }

  const Fields& fields() const { return fields_; }

 private:
  // GDELT event rows: the fields up to NumMentions (31) are always used; the rest only for
  // geography, DATEADDED or SOURCEURL.
  int field_limit(InputFormat format) const {
    const bool gdelt = format == InputFormat::auto_detect || format == InputFormat::gdelt1 ||
                       format == InputFormat::gdelt2;
    return gdelt && !gdelt_tail_ ? 32 : kMaxFields;
  }

  bool date_of(std::string_view s, std::int32_t& days, bool prefix = false) {
    // Rows of a file mostly share a few dates: remember the last one.
    if (s == last_date_text_) {
      days = last_date_days_;
      return true;
    }
    if (!parse_date(s, days, prefix)) return false;
    last_date_buf_.assign(s);
    last_date_text_ = last_date_buf_;
    last_date_days_ = days;
    return true;
  }

  std::optional<ParseError> code_values(std::string_view code, int code_field,
                                        std::string_view quad_field, int quad_col,
                                        std::string_view g_field, int g_col, EventRow& row) {
    row.event_code = code;
    row.root = cameo_root_number(code);
    if (row.root == 0) {
      std::string_view mapped = weis_to_cameo(code);
      if (mapped.empty())
        return ParseError{digits(code) ? BadKind::bad_code : BadKind::non_numeric, code_field,
                          "a CAMEO event code (2-4 digits, root 01-20)"};
      counters_->weis_codes[std::string(code)] += 1;
      if (!opt_.map_weis)
        return ParseError{BadKind::bad_code, code_field,
                          "a CAMEO event code, not a legacy WEIS code (--weis map reads it)"};
      code = row.event_code = mapped;
      row.root = cameo_root_number(code);
    } else if (!known_cameo_code(code)) {
      counters_->unknown_codes[std::string(code)] += 1;
    }
    if (opt_.quad == ValueSource::field && quad_col >= 0) {
      if (quad_field.size() != 1 || quad_field[0] < '1' || quad_field[0] > '4')
        return ParseError{BadKind::non_numeric, quad_col, "a QuadClass 1-4"};
      row.quad = quad_field[0] - '0';
    } else {
      row.quad = quad_class(code, quad_mapping_of(opt_.quad));
    }
    if (opt_.goldstein == ValueSource::field && g_col >= 0) {
      if (!parse_centi(g_field, row.goldstein_centi))
        return ParseError{BadKind::non_numeric, g_col, "a Goldstein value"};
    } else {
      std::int64_t g = goldstein_table(scale_of(opt_.goldstein)).lookup(code);
      if (g == GoldsteinTable::kMissing)
        return ParseError{BadKind::non_numeric, code_field, "a CAMEO code known to the scale"};
      row.goldstein_centi = g;
    }
    return std::nullopt;
  }

  std::optional<ParseError> parse_gdelt(InputFormat format, EventRow& row);  // gdelt_events.cpp
  std::optional<ParseError> parse_mentions(EventRow& row);                   // gdelt_mentions.cpp
  std::optional<ParseError> parse_icews(EventRow& row, std::int64_t& unknown);  // icews.cpp
  std::optional<ParseError> parse_cameo_tsv(EventRow& row);                     // cameo_tsv.cpp

  static bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return true;
  }

  const ReadOptions& opt_;
  ReadStats* counters_ = nullptr;
  bool gdelt_tail_;
  Fields fields_;
  std::string last_date_buf_;
  std::string_view last_date_text_;
  std::int32_t last_date_days_ = 0;
};

// The message of a bad row: what was expected and what the field held.
std::string describe(const ParseError& e, InputFormat format, const Fields& fields);
// "column N" for the error's field (empty when the row as a whole is bad).
std::string field_name(const ParseError& e);

}  // namespace detente::events::detail
