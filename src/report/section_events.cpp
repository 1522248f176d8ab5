// The event-data section of the main job; see section_events.hpp.
#include "report/section_events.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "report/svg.hpp"

namespace detente::report {

namespace {

// At most 28 characters, cut at a UTF-8 character boundary.
std::string short_label(const std::string& text) {
  if (text.size() <= 28) return text;
  std::size_t cut = 27;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

struct Point {
  std::int32_t period;
  std::int32_t day;  // first day of the period
  std::string label;
  const events::DyadCell* cell;
};

const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

// Chart of Goldstein means per period (y from -10 to +10), scenario events as dashed lines.
std::string chart_svg(const std::vector<std::pair<std::string, std::vector<Point>>>& series,
                      const Scenario& scenario, std::int32_t first, std::int32_t last,
                      std::int32_t step, int& marked) {
  const double W = 720, H = 300, left = 48, right = 150, top = 20, bottom = 36;
  const double pw = W - left - right, ph = H - top - bottom;
  const double span = std::max<std::int32_t>(1, last - first);
  auto x = [&](std::int32_t day) { return left + pw * (day - first) / span; };
  auto y = [&](double g) { return top + ph * (10.0 - g) / 20.0; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"Goldstein mean "
      "per period of the key dyads\">\n",
      W, H, W, H);
  for (int g : {-10, -5, 0, 5, 10}) {
    svg += fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"1\"/><text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
        left, left + pw, y(g), y(g), g == 0 ? "#888" : "#e5e5e5", left - 6, y(g) + 4, g);
  }
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text><text x=\"{:.1f}\" y=\"{:.1f}\" "
      "text-anchor=\"end\">{}</text>\n",
      left, H - 8, Date::from_days(first).iso(), left + pw, H - 8, Date::from_days(last).iso());
  marked = 0;
  for (const auto& e : scenario.events) {
    auto d = static_cast<std::int32_t>(e.date.days_since_epoch());
    if (d < first || d > last) continue;
    ++marked;
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#999\" "
        "stroke-dasharray=\"3,3\"><title>{3} {4}</title></line>\n"
        "<text x=\"{5:.1f}\" y=\"{6:.1f}\" font-size=\"9\" fill=\"#666\" "
        "transform=\"rotate(-90 {5:.1f} {6:.1f})\" text-anchor=\"end\">{7}</text>\n",
        x(d), top, top + ph, e.date.iso(), svg::escape(e.title.empty() ? e.id : e.title), x(d) + 10,
        top + 2, svg::escape(short_label(e.title.empty() ? e.id : e.title)));
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    const auto& [name, points] = series[i];
    const char* colour = kColours[i % std::size(kColours)];
    // One polyline per run of consecutive periods: a gap in the data is not drawn over.
    std::vector<std::string> runs;
    std::int32_t prev = 0;
    for (std::size_t k = 0; k < points.size(); ++k) {
      const auto& p = points[k];
      if (k == 0 || p.period != prev + step) runs.emplace_back();
      prev = p.period;
      runs.back() += fmt::format("{}{:.1f},{:.1f}", runs.back().empty() ? "" : " ", x(p.day),
                                 y(p.cell->goldstein_mean()));
      svg += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{} {}: {} events, "
          "Goldstein mean {:.2f}</title></circle>\n",
          x(p.day), y(p.cell->goldstein_mean()), colour, name, p.label, p.cell->events,
          p.cell->goldstein_mean());
    }
    for (const auto& run : runs)
      if (run.find(' ') != std::string::npos)
        svg += fmt::format(
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" points=\"{}\"/>\n", colour,
            run);
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/><text "
        "x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
        left + pw + 14, top + 16 * static_cast<double>(i), colour, left + pw + 28,
        top + 16 * static_cast<double>(i) + 9, name);
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace

Section build_events_section(const Scenario& /*scenario*/, const RunOptions& /*options*/) {
  Section out{"events", "Event data"};
  out.text =
      "No event-data files named for this scenario: name them under [data] events = [...], or run "
      "`detente events aggregate FILES` on GDELT, ICEWS or CAMEO files for dyad series.\n";
  out.json = {{"files", nlohmann::json::array()}, {"note", "no event files named"}};
  out.html =
      "<p>No event-data files are named for this scenario (add them under <code>[data] events = "
      "[…]</code>). <code>detente events aggregate</code> turns GDELT, ICEWS or CAMEO files into "
      "dyad series.</p>\n";
  return out;
}

Section build_events_section(const Scenario& scenario, const RunOptions& options,
                             const std::vector<std::string>& event_files,
                             const EventsSectionOptions& so) {
  if (event_files.empty()) return build_events_section(scenario, options);
  Section out{"events", "Event data"};
  events::AggregateOptions ao;
  ao.period = so.period;
  ao.directed = false;
  ao.read.format = so.format;
  ao.read.threads = std::max(1, options.threads);
  std::set<std::string> actors;
  for (const auto& [a, b] : so.dyads) {
    actors.insert(a);
    actors.insert(b);
  }
  ao.filter.actors.assign(actors.begin(), actors.end());
  events::DyadSeries s = events::aggregate_events(events::expand_inputs(event_files), ao);

  std::vector<std::pair<std::string, std::vector<Point>>> series;
  std::int32_t first = INT32_MAX, last = INT32_MIN;
  nlohmann::json dyads = nlohmann::json::object();
  std::string text;
  for (const auto& [a, b] : so.dyads) {
    std::string lo = std::min(a, b), hi = std::max(a, b);
    std::string name = lo + "–" + hi;
    std::vector<Point> points;
    nlohmann::json rows = nlohmann::json::array();
    std::int64_t events = 0, goldstein = 0, net = 0;
    for (const auto& c : s.cells) {
      if (c.actor1 != lo || c.actor2 != hi) continue;
      std::int32_t day = events::period_start(c.period, s.period);
      std::string label = events::period_label(c.period, s.period);
      points.push_back({c.period, day, label, &c});
      first = std::min(first, day);
      last = std::max(last, day);
      events += c.events;
      goldstein += c.goldstein_centi;
      net += c.net_coop();
      rows.push_back({{"period", label},
                      {"events", c.events},
                      {"goldstein_mean", c.goldstein_mean()},
                      {"net_coop", c.net_coop()}});
    }
    dyads[lo + "-" + hi] = rows;
    text += fmt::format(
        "{}: {} events in {} periods, Goldstein mean {:.2f}, net cooperation {}\n", name, events,
        points.size(),
        events ? static_cast<double>(goldstein) / 100.0 / static_cast<double>(events) : 0.0, net);
    series.emplace_back(name, std::move(points));
  }
  const auto& st = s.stats;
  out.json = {{"files", event_files},
              {"period", std::string(events::to_string(s.period))},
              {"rows", st.rows},
              {"bad_rows", st.bad},
              {"dyads", dyads}};
  std::string note =
      fmt::format("{} rows read from {} file(s), {} bad.", st.rows, st.files, st.bad);
  if (first > last) {
    out.text = text + "No events between the key dyads in these files.\n";
    out.html = fmt::format("<p>{} No events between the key dyads.</p>\n", svg::escape(note));
    return out;
  }
  int marked = 0;
  std::int32_t step = s.period == events::Period::week ? 7 : 1;
  std::string svg = chart_svg(series, scenario, first, last, step, marked);
  out.json["timeline_events_marked"] = marked;
  out.text = text + note + "\n";
  out.html = fmt::format(
      "<p>Goldstein mean per {} of the key dyads (both directions; dashed lines: the "
      "scenario's timeline events). {}</p>\n{}",
      events::to_string(s.period), svg::escape(note), svg);
  return out;
}

}  // namespace detente::report
