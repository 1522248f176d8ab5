// detente/io/events/detect.hpp (internal to the event readers)
//
// Which event format a file holds, decided from its first line: a header names ICEWS or
// CAMEO TSV; otherwise the field count (16 Mentions, 4 CAMEO TSV, 20 ICEWS); anything else
// is read as GDELT events with the layout decided per row.
#pragma once

#include <string>
#include <string_view>

#include "io/events/event_reader.hpp"

namespace detente::events::detail {

struct Detected {
  InputFormat format;
  bool header;
  // Non-empty when the first line shows another layout (comma-separated with a header, as
  // pandas or a spreadsheet writes it): what was found and how to get the tab-separated
  // original. The file is then refused (BadKind::other_layout), not parsed row by row.
  std::string refusal;
};

// `requested` other than auto_detect is kept; only whether the first line is a header is
// decided then.
Detected detect(std::string_view first_line, InputFormat requested);

}  // namespace detente::events::detail
