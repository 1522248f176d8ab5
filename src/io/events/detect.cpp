// Per-file event format detection from the first line (see detect.hpp).
#include "io/events/detect.hpp"

#include <algorithm>

namespace detente::events::detail {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

Detected detect(std::string_view first_line, InputFormat requested) {
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
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
