#include "report/section_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/svg.hpp"

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
  if (events.empty()) {
    out.html = "<p class=note>No events.</p>\n";
    return out;
  }

  const double left = 20, right = 1000, row = 17, axis_y = 40, labels = 430;
  const double height = axis_y + row * static_cast<double>(events.size()) + 20;
  const long d0 = events.front()->date.days_since_epoch() - 30;
  const long d1 = events.back()->date.days_since_epoch() + 30;
  svg::Scale x{static_cast<double>(d0), static_cast<double>(d1), left, right - labels - 10};
  std::string g = fmt::format(
      "<svg class=chart viewBox='0 0 {0} {1}' width='{0}' height='{1}' role='img' "
      "aria-label='timeline'>\n<line x1='{2}' y1='{3}' x2='{4}' y2='{3}' stroke='#444'/>\n",
      right, svg::num(height), left, axis_y, svg::num(x(static_cast<double>(d1))));
  for (int y = events.front()->date.year; y <= events.back()->date.year + 1; ++y) {
    double xv = x(static_cast<double>(Date{y, 1, 1}.days_since_epoch()));
    if (xv < left || xv > right - labels - 10) continue;
    g += fmt::format(
        "<line x1='{0}' y1='{1}' x2='{0}' y2='{2}' stroke='#e5e5e5'/><text x='{0}' y='{3}' "
        "class=tick>{4}</text>\n",
        svg::num(xv), axis_y, svg::num(height - 10), axis_y - 8, y);
  }
  const auto& kinds = event_kind_names();
  for (std::size_t r = 0; r < events.size(); ++r) {
    const Event& e = *events[r];
    double y = axis_y + row * (static_cast<double>(r) + 1);
    double xv = x(static_cast<double>(e.date.days_since_epoch()));
    std::size_t kind = static_cast<std::size_t>(
        std::find(kinds.begin(), kinds.end(), to_string(e.kind)) - kinds.begin());
    bool held = e.status == EventStatus::held;
    g += fmt::format(
        "<line x1='{0}' y1='{1}' x2='{0}' y2='{2}' stroke='#ccc' stroke-dasharray='2 2'/>"
        "<circle cx='{0}' cy='{2}' r='5' fill='{3}' stroke='{4}' stroke-width='2'><title>{5} "
        "{6} ({7})</title></circle><text x='{8}' y='{9}' class=ev>{5} · {6}{10}</text>\n",
        svg::num(xv), axis_y, svg::num(y), held ? svg::colour(kind) : "white", svg::colour(kind),
        e.date.iso(), svg::escape(e.title), to_string(e.kind), svg::num(right - labels),
        svg::num(y + 4), held ? "" : fmt::format(" [{}]", to_string(e.status)));
  }
  g += "</svg>\n";
  std::string legend;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    bool used = std::any_of(events.begin(), events.end(),
                            [&](const Event* e) { return to_string(e->kind) == kinds[k]; });
    if (used)
      legend += fmt::format("<span style='color:{}'>●</span> {} &nbsp; ", svg::colour(k), kinds[k]);
  }
  out.html = "<p class=note>Filled dots: held; open dots: scheduled, postponed or cancelled.<br>" +
             legend + "</p>\n" + g;
  return out;
}

}  // namespace detente::report
