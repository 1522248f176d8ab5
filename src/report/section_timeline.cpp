#include "report/section_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace detente::report {

Section build_timeline_section(const Scenario& s, const RunOptions& /*options*/) {
  Section out{"timeline", "Timeline"};
  std::vector<const Event*> events;
  for (const auto& e : s.events) events.push_back(&e);
  std::stable_sort(events.begin(), events.end(),
                   [](const Event* a, const Event* b) { return a->date < b->date; });

  nlohmann::json list = nlohmann::json::array();
  for (const Event* e : events) {
    list.push_back({{"id", e->id},
                    {"date", e->date.iso()},
                    {"kind", to_string(e->kind)},
                    {"status", to_string(e->status)},
                    {"participants", e->participants},
                    {"title", e->title}});
    out.text += fmt::format("  {}  {:<12} {:<9} {}\n", e->date.iso(), to_string(e->kind),
                            to_string(e->status), e->title);
  }
  out.json["events"] = list;
  return out;
}

}  // namespace detente::report
