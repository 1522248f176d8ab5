// Per-file event format detection from the first line (see detect.hpp).
#include "io/events/detect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace detente::events::detail {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A comma-separated header row (no tabs, several commas, field names with letters): the
// layout it names, or "" when it does not look like a header.
std::string comma_header_layout(std::string_view line) {
  if (line.find('\t') != std::string_view::npos) return "";
  if (std::count(line.begin(), line.end(), ',') < 2) return "";
  std::string lower(line);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto has = [&](std::string_view s) { return lower.find(s) != std::string::npos; };
  const bool index_column = lower.front() == ',' || has("unnamed: 0");
  if (has("globaleventid") && (has("mentiontimedate") || has("eventtimedate")))
    return std::string("a GDELT Mentions table saved as comma-separated text with a header") +
           (index_column ? " and an index column (pandas to_csv)" : "");
  if (has("globaleventid") && has("sqldate"))
    return "a GDELT events table saved as comma-separated text with a header";
  if (has("event id") && has("event date")) return "an ICEWS table saved as comma-separated text";
  if (has("date") && has("source") && has("target") && has("code"))
    return "a date,source,target,code table saved as comma-separated text";
  for (char c : lower)
    if (std::isalpha(static_cast<unsigned char>(c)))
      return "comma-separated text with a header row";
  return "";
}

}  // namespace

Detected detect(std::string_view first_line, InputFormat requested) {
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
  if (std::string found = comma_header_layout(first_line); !found.empty())
    return {requested == InputFormat::auto_detect ? InputFormat::auto_detect : requested, false,
            fmt::format("the file is {}, not the tab-separated layout detente reads (header "
                        "'{}'); export it again tab-separated without header or index, e.g. "
                        "pandas to_csv(sep='\\t', header=False, index=False)",
                        found, first_line.substr(0, 60))};
  bool icews_header = starts_with(first_line, "Event ID\tEvent Date\t");
  bool tsv_header = starts_with(first_line, "date\tsource\ttarget\tcode");
  if (requested != InputFormat::auto_detect)
    return {requested, (requested == InputFormat::icews && icews_header) ||
                           (requested == InputFormat::cameo_tsv && tsv_header)};
  if (icews_header) return {InputFormat::icews, true};
  if (tsv_header) return {InputFormat::cameo_tsv, true};
  std::size_t tabs =
      static_cast<std::size_t>(std::count(first_line.begin(), first_line.end(), '\t'));
  if (tabs + 1 == 16) return {InputFormat::gdelt_mentions, false};
  if (tabs + 1 == 4) return {InputFormat::cameo_tsv, false};
  if (tabs + 1 == 20) return {InputFormat::icews, false};
  return {InputFormat::auto_detect, false};  // GDELT events, layout per row
}

}  // namespace detente::events::detail
