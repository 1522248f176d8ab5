// detente/events/event_reader.hpp
//
// Streaming readers for machine-coded event data: GDELT 1.0 events (57 columns in the
// 1979-2013 backfile, 58 in the daily files; both can occur in one file, so the layout is
// decided per row by its field count), GDELT 2.0 events (61), GDELT 2.0 mentions (16),
// ICEWS .tab (header row, country names) and KEDS/Phoenix-style CAMEO TSV (date, source,
// target, code). Inputs are files, zip/gzip archives (read with libarchive, every entry),
// directories (their regular files, sorted), glob patterns, or "-" for stdin. A file is read
// in blocks of a few MB and never held whole in memory.
//
// The readers split tab-separated lines by hand (these formats have no quoting) and parse
// only the fields the analyses use. Rows that are malformed (too few or too many fields, a
// bad date, a non-numeric number field, invalid UTF-8, an unknown CAMEO code) are counted
// and reported with file and line; an archive that ends early is reported too.
//
// Example:
//   using namespace detente::events;
//   ReadOptions opt;                                  // auto-detect each file's layout
//   ReadStats stats = read_events({"20191024143000.export.CSV.zip"}, opt,
//                                 [](const EventRow& r) { ... r.actor1_country ... });
#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "events/cameo.hpp"

namespace detente::events {

enum class InputFormat { auto_detect, gdelt1, gdelt2, gdelt_mentions, icews, cameo_tsv };

// The layout of one row (a GDELT 1.0 file can hold both 57- and 58-column rows).
enum class Layout : std::uint8_t {
  gdelt1_backfile,  // 57 columns
  gdelt1_daily,     // 58 columns (adds SOURCEURL)
  gdelt2,           // 61 columns (adds the three ADM2 codes)
  gdelt_mentions,   // 16 columns
  icews,            // 20 columns, header row
  cameo_tsv,        // 4 columns: date, source, target, code (optional header)
  count
};
constexpr int kLayoutCount = static_cast<int>(Layout::count);

std::string_view to_string(InputFormat f);
std::string_view to_string(Layout l);
std::optional<InputFormat> input_format_from_string(std::string_view text);

// Where Goldstein values and QuadClass come from. `field` reads the row's own field
// (GDELT's GoldsteinScale/QuadClass, ICEWS Intensity); a scale or mapping recomputes it
// from the CAMEO code. Formats without such a field fall back to GDELT's scale/mapping.
enum class ValueSource { field, gdelt, schrodt2007, icews };
std::string_view to_string(ValueSource v);
std::optional<ValueSource> value_source_from_string(std::string_view text);

// Which date a row is binned by: the event date (GDELT SQLDATE, ICEWS Event Date) or the
// date it was first reported (GDELT DATEADDED; same as the event date in other formats).
enum class DateBasis { event, added };

// The kinds of bad input the readers recognise.
enum class BadKind : std::uint8_t {
  short_row,     // too few fields for the layout
  long_row,      // too many fields for the layout
  bad_date,      // a date that is not a real calendar date
  non_numeric,   // a number field that is not a number (or an invalid CAMEO code)
  invalid_utf8,  // bytes that are not UTF-8
  truncated,     // an archive that ends early or is corrupt
  unreadable,    // a file that cannot be opened
  bad_code,      // a number that is no CAMEO event code (e.g. a legacy WEIS code 21x/22x)
  other_layout,  // a file recognisably in another layout (e.g. comma-separated with a header)
  count
};
constexpr int kBadKindCount = static_cast<int>(BadKind::count);
std::string_view to_string(BadKind k);

// One event, as views into the reader's buffer (valid only during the callback).
struct EventRow {
  Layout layout = Layout::gdelt2;
  std::int32_t date = 0;                      // days since 1970-01-01 (chosen by DateBasis)
  std::int32_t event_date = 0;                // days since 1970-01-01
  std::int64_t event_id = 0;                  // GLOBALEVENTID / ICEWS Event ID (0 when absent)
  std::string_view actor1_code, actor2_code;  // full CAMEO actor codes / ICEWS names
  std::string_view actor1_country, actor2_country;      // ISO3 (may be empty)
  std::string_view actor1_types[3], actor2_types[3];    // GDELT Type1-3; ICEWS sectors (1)
  std::string_view actor1_geo, actor2_geo, action_geo;  // FIPS country codes (GDELT)
  bool is_root = true;                                  // GDELT IsRootEvent; true elsewhere
  std::string_view event_code;                          // "0251"
  int root = 0;                                         // 1..20
  int quad = 0;                                         // 1..4
  std::int64_t goldstein_centi = 0;  // Goldstein value x 100 (exact for published scales)
  std::int64_t mentions = 1;         // GDELT NumMentions; 1 where the format has none
  std::string_view url;              // GDELT SOURCEURL; ICEWS Story ID
  // Mentions rows (Layout::gdelt_mentions) fill only event_id, date, event_date and this.
  int confidence = 0;
};

struct ReadOptions {
  InputFormat format = InputFormat::auto_detect;
  ValueSource goldstein = ValueSource::field;  // default: the field, GDELT scale elsewhere
  ValueSource quad = ValueSource::field;       // schrodt2007 is not a quad mapping
  DateBasis date_basis = DateBasis::event;
  bool strict = false;   // stop at the first bad row (InputError)
  int max_reported = 5;  // bad rows reported with file and line (per run)
  int threads = 1;       // parser threads; results do not depend on it
  // Where progress goes (core/progress.hpp): MB read, or files done when several inputs
  // are read on several threads. nullptr (the default): none. The CLI passes its
  // terminal bar, which exists only when stderr is a terminal and --quiet is not given.
  ProgressSink* progress = nullptr;
  // Fields parsed (and so validated) only when asked for: GDELT GLOBALEVENTID, the
  // geography fields and SOURCEURL. The aggregator turns off those it does not need.
  bool need_event_id = true;
  bool need_geo = true;
  bool need_url = true;
  // Legacy WEIS codes (roots 21 "seize" and 22 "force", met in older KEDS files) are bad
  // rows unless mapped to CAMEO codes by the table in docs/events.md (CLI --weis map).
  bool map_weis = false;
  // Bytes per parse block; 0 means 4 MB. Tests and fuzzers use small blocks so that rows
  // cross block boundaries.
  std::size_t block_bytes = 0;
  // Largest zip/gzip file and member inflated whole in memory; larger ones are streamed
  // (igzip). 0 means 16 MB. Tests and fuzzers use small values so that small files reach
  // the streamed paths.
  std::size_t whole_member_bytes = 0;
};

struct BadRow {
  BadKind kind;
  SourceLocation where;
  std::string message;
};

struct ReadStats {
  std::int64_t files = 0;
  std::int64_t bytes = 0;  // uncompressed bytes read
  std::int64_t lines = 0;  // data lines (headers and blank lines excluded)
  std::int64_t rows = 0;   // good rows delivered
  std::int64_t headers = 0;
  std::int64_t bad = 0;
  std::int64_t by_layout[kLayoutCount] = {};
  std::int64_t bad_by_kind[kBadKindCount] = {};
  std::int64_t unknown_countries = 0;  // ICEWS country names not in the table
  // Codes with a CAMEO root (01-20) that the codebook does not list (e.g. 065): the rows
  // are kept; the count per code is reported. At most 11,110 distinct codes (2-4 digits).
  std::map<std::string, std::int64_t> unknown_codes;
  std::map<std::string, std::int64_t> weis_codes;  // legacy WEIS codes met (mapped or bad)
  std::vector<std::string> empty_inputs;           // inputs (archive entries) with no good row
  std::int32_t min_date = INT32_MAX, max_date = INT32_MIN;  // over good rows (event date)
  std::vector<BadRow> reported;  // the first `max_reported` bad rows, in input order

  void merge(const ReadStats& other);
  std::string summary() const;  // one line: "2111 rows, 0 bad (…)"
  // Lines on the codes above ("unknown CAMEO codes: 065 ×3, 095 ×1"); empty when none.
  std::vector<std::string> code_notes() const;
};

// Expands the command-line inputs: "-" (stdin), directories (their regular files, sorted,
// not recursive), glob patterns. Throws InputError for a path or pattern that matches nothing.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args);

// Called once per good row, from one of `threads` worker threads (index `worker`).
using RowVisitor = std::function<void(const EventRow& row, int worker)>;

// Reads every input and calls `visit` for each good row. With threads > 1 rows are visited
// in parallel (each worker sees whole blocks of consecutive rows); a visitor that keeps
// per-worker state and merges it gets results that do not depend on the thread count.
// Throws InputError for --strict at the first bad row, or when an input cannot be opened
// in strict mode.
ReadStats read_events(const std::vector<std::string>& inputs, const ReadOptions& options,
                      const RowVisitor& visit);

// Reads bytes held in memory (plain text or a zip/gzip/... archive) as the file `name`,
// exactly as read_events reads a file. Used by tests and the fuzzers.
ReadStats read_event_bytes(std::string_view bytes, const std::string& name,
                           const ReadOptions& options, const RowVisitor& visit);

// Throws InputError naming every input that gave no good row (an empty or header-only file,
// or one whose every row is bad), unless `allow_empty`; the message names the option.
void require_rows(const ReadStats& stats, bool allow_empty,
                  std::string_view option = "--allow-empty");

// The CAMEO code a legacy WEIS code is read as with ReadOptions::map_weis (docs/events.md);
// empty for a code that is not WEIS 21x/22x.
std::string_view weis_to_cameo(std::string_view code);

// Parses one line (no newline) as `layout` into `row`; returns the bad kind or nullopt.
// Exposed for tests and benchmarks. `message` receives a description on failure.
std::optional<BadKind> parse_event_line(std::string_view line, Layout layout,
                                        const ReadOptions& options, EventRow& row,
                                        std::string* message = nullptr);

}  // namespace detente::events
