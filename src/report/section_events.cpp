// The event-data section of the main job; see section_events.hpp.
#include "report/section_events.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/ties.hpp"
#include "events/tie_series.hpp"
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
  double score;  // tie score (events/tie_series.hpp)
};

struct DyadView {
  std::string name;
  std::vector<Point> points;
  std::optional<double> coded;  // the scenario's combined relation on the reference date
};

const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

// Chart of tie scores per period (y from −1 to +1), each dyad's coded relation as a dashed
// horizontal line in its colour, scenario events as dashed vertical lines.
std::string chart_svg(const std::vector<DyadView>& series, const Scenario& scenario,
                      std::int32_t first, std::int32_t last, std::int32_t step, int& marked) {
  const double W = 720, H = 300, left = 48, right = 150, top = 20, bottom = 36;
  const double pw = W - left - right, ph = H - top - bottom;
  const double span = std::max<std::int32_t>(1, last - first);
  auto x = [&](std::int32_t day) { return left + pw * (day - first) / span; };
  auto y = [&](double g) { return top + ph * (1.0 - g) / 2.0; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"Tie score per "
      "period of the key dyads, with their coded relations\">\n",
      W, H, W, H);
  for (double g : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
    svg += fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"1\"/><text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{:g}</text>\n",
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
    const auto& view = series[i];
    const char* colour = kColours[i % std::size(kColours)];
    if (view.coded)
      svg += fmt::format(
          "<line x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
          "stroke-width=\"1\" stroke-dasharray=\"6,3\"><title>{4}: coded relation "
          "{5:+.2f}</title></line>\n",
          left, left + pw, y(*view.coded), colour, view.name, *view.coded);
    // One polyline per run of consecutive periods: a gap in the data is not drawn over.
    std::vector<std::string> runs;
    std::int32_t prev = 0;
    for (std::size_t k = 0; k < view.points.size(); ++k) {
      const auto& p = view.points[k];
      if (k == 0 || p.period != prev + step) runs.emplace_back();
      prev = p.period;
      runs.back() +=
          fmt::format("{}{:.1f},{:.1f}", runs.back().empty() ? "" : " ", x(p.day), y(p.score));
      svg += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{} {}: {} events, "
          "tie score {:.3f}</title></circle>\n",
          x(p.day), y(p.score), colour, view.name, p.label, p.cell->events, p.score);
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
        top + 16 * static_cast<double>(i) + 9, view.name);
  }
  svg += "</svg>\n";
  return svg;
}

// The measured tie of a dyad over a window of periods, against its coded relation.
struct Comparison {
  std::int64_t events = 0;
  int periods = 0;
  double score = 0, se = 0;  // pooled tie score; standard error from the period scores
  std::string verdict;       // "contradicted", "consistent", "weak evidence", "no data", …
};

Comparison compare(const std::vector<Point>& points, std::int32_t from_day, std::int32_t to_day,
                   std::optional<double> coded) {
  Comparison c;
  std::int64_t centi = 0;
  std::vector<double> scores;
  for (const auto& p : points)
    if (p.day >= from_day && p.day < to_day) {
      c.events += p.cell->events;
      centi += p.cell->goldstein_centi;
      scores.push_back(p.score);
    }
  c.periods = static_cast<int>(scores.size());
  if (c.events == 0) {
    c.verdict = "no data";
    return c;
  }
  c.score = static_cast<double>(centi) / 1000.0 / static_cast<double>(c.events);
  if (scores.size() >= 2) {
    double m = 0, v = 0;
    for (double s : scores) m += s;
    m /= static_cast<double>(scores.size());
    for (double s : scores) v += (s - m) * (s - m);
    c.se =
        std::sqrt(v / static_cast<double>(scores.size() - 1) / static_cast<double>(scores.size()));
  }
  const bool clear = c.periods >= 3 && std::abs(c.score) > 2 * c.se;
  if (!coded)
    c.verdict = "not coded";
  else if (std::abs(*coded) < 0.1)
    c.verdict =
        clear ? "coded neutral, measured " + std::string(c.score > 0 ? "cooperative" : "hostile")
              : "coded neutral";
  else if (!clear)
    c.verdict = "weak evidence";
  else
    c.verdict = (c.score > 0) == (*coded > 0) ? "consistent" : "contradicted";
  return c;
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

std::vector<std::pair<std::string, std::string>> key_dyads(const Scenario& scenario,
                                                           std::size_t max_dyads) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](std::string a, std::string b) {
    if (a == b) return;
    if (b < a) std::swap(a, b);
    if (std::find(out.begin(), out.end(), std::pair{a, b}) == out.end() && out.size() < max_dyads)
      out.emplace_back(a, b);
  };
  for (const auto& [a, b] : scenario.simulation.key_dyads) add(a, b);
  if (!out.empty() || scenario.actors.size() < 2) return out;
  // The pairs the relations tie most strongly on the reference date, strongest first.
  const TieMatrix ties = tie_matrix(scenario, scenario.reference_date());
  std::vector<std::tuple<double, std::string, std::string>> ranked;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    for (std::size_t j = i + 1; j < scenario.actors.size(); ++j)
      if (ties(i, j) != 0)
        ranked.emplace_back(-std::abs(ties(i, j)), scenario.actors[i].id, scenario.actors[j].id);
  std::sort(ranked.begin(), ranked.end());
  for (const auto& [w, a, b] : ranked) add(a, b);
  // No relation coded: the actors' pairs in scenario order.
  for (std::size_t i = 0; out.empty() && i < scenario.actors.size(); ++i)
    for (std::size_t j = i + 1; j < scenario.actors.size(); ++j)
      add(scenario.actors[i].id, scenario.actors[j].id);
  return out;
}

Section build_events_section(const Scenario& scenario, const RunOptions& options,
                             const std::vector<std::string>& event_files,
                             const EventsSectionOptions& so) {
  if (event_files.empty()) return build_events_section(scenario, options);
  Section out{"events", "Event data"};
  const auto dyad_list = so.dyads.empty() ? key_dyads(scenario, so.max_dyads) : so.dyads;
  events::AggregateOptions ao;
  ao.period = so.period;
  ao.directed = false;
  ao.read.format = so.format;
  ao.read.threads = std::max(1, options.threads);
  std::set<std::string> actors;
  for (const auto& [a, b] : dyad_list) {
    actors.insert(a);
    actors.insert(b);
  }
  ao.filter.actors.assign(actors.begin(), actors.end());
  events::DyadSeries s = events::aggregate_events(events::expand_inputs(event_files), ao);

  // The comparison window: the 12 months before as_of, or all the data.
  const Date ref = scenario.reference_date();
  const bool windowed = scenario.as_of.has_value();
  const auto ref_day = static_cast<std::int32_t>(ref.days_since_epoch());
  const std::int32_t from_day =
      windowed ? static_cast<std::int32_t>(Date{ref.year - 1, ref.month, 1}.days_since_epoch())
               : INT32_MIN;
  const std::int32_t to_day = windowed ? ref_day : INT32_MAX;
  const TieMatrix ties = tie_matrix(scenario, ref);

  std::vector<DyadView> series;
  std::int32_t first = INT32_MAX, last = INT32_MIN;
  nlohmann::json dyads = nlohmann::json::object(), relations = nlohmann::json::array();
  std::string text, rows_html;
  int contradicted = 0;
  for (const auto& [a, b] : dyad_list) {
    std::string lo = std::min(a, b), hi = std::max(a, b);
    DyadView view;
    view.name = lo + "–" + hi;
    const Actor* x = scenario.find_actor(lo);
    const Actor* y = scenario.find_actor(hi);
    if (x && y) {
      const double t = ties(scenario.actor_index(lo), scenario.actor_index(hi));
      if (t != 0) view.coded = t;  // 0: no relation of the pair is active
    }
    nlohmann::json rows = nlohmann::json::array();
    std::int64_t events = 0;
    for (const auto& c : s.cells) {
      if (c.actor1 != lo || c.actor2 != hi) continue;
      std::int32_t day = events::period_start(c.period, s.period);
      std::string label = events::period_label(c.period, s.period);
      const double score = events::tie_score(c);
      view.points.push_back({c.period, day, label, &c, score});
      first = std::min(first, day);
      last = std::max(last, day);
      events += c.events;
      rows.push_back({{"period", label},
                      {"events", c.events},
                      {"goldstein_mean", c.goldstein_mean()},
                      {"net_coop", c.net_coop()},
                      {"tie_score", score}});
    }
    dyads[lo + "-" + hi] = rows;
    const Comparison cmp = compare(view.points, from_day, to_day, view.coded);
    contradicted += cmp.verdict == "contradicted";
    nlohmann::json rel = {
        {"dyad", lo + "-" + hi},
        {"coded_tie", view.coded ? nlohmann::json(*view.coded) : nlohmann::json()},
        {"window", windowed ? fmt::format("{} … {}", Date::from_days(from_day).iso(),
                                          Date::from_days(ref_day - 1).iso())
                            : std::string("all data")},
        {"events", cmp.events},
        {"periods", cmp.periods},
        {"verdict", cmp.verdict}};
    if (cmp.events) {
      rel["tie_score"] = cmp.score;
      rel["se"] = cmp.se;
    }
    relations.push_back(rel);
    const std::string coded_text = view.coded ? fmt::format("{:+.2f}", *view.coded) : "not coded";
    const std::string measured_text = cmp.events
                                          ? fmt::format("{:+.3f} ± {:.3f} ({} events, {} periods)",
                                                        cmp.score, cmp.se, cmp.events, cmp.periods)
                                          : "no events";
    text +=
        fmt::format("{}: {} events in {} periods; {}: tie {}; coded {}: {}\n", view.name, events,
                    view.points.size(), windowed ? "12 months before as_of" : "all data",
                    measured_text, coded_text, cmp.verdict);
    rows_html += fmt::format(
        "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        cmp.verdict == "contradicted" ? " style=\"background:#fde2e2\"" : "",
        svg::escape(view.name), coded_text, svg::escape(measured_text),
        cmp.verdict == "contradicted" ? "<strong>contradicted</strong>" : svg::escape(cmp.verdict));
    series.push_back(std::move(view));
  }
  const auto& st = s.stats;
  out.json = {{"files", event_files},
              {"period", std::string(events::to_string(s.period))},
              {"rows", st.rows},
              {"bad_rows", st.bad},
              {"tie_score", "mean Goldstein / 10 over the period's events, both directions"},
              {"dyads", dyads},
              {"relations", relations},
              {"contradicted", contradicted}};
  std::string note =
      fmt::format("{} rows read from {} file(s), {} bad.", st.rows, st.files, st.bad);
  if (contradicted)
    text += fmt::format("{} coded relation(s) contradicted by the event data.\n", contradicted);
  const std::string table = fmt::format(
      "<table><tr><th>dyad</th><th>coded relation</th><th>measured tie ({})</th><th>verdict</th>"
      "</tr>\n{}</table>\n",
      windowed ? "12 months before as_of" : "all data", rows_html);
  if (first > last) {
    out.text = text + "No events between the key dyads in these files.\n";
    out.html =
        fmt::format("<p>{} No events between the key dyads.</p>\n{}", svg::escape(note), table);
    return out;
  }
  int marked = 0;
  std::int32_t step = s.period == events::Period::week ? 7 : 1;
  std::string svg = chart_svg(series, scenario, first, last, step, marked);
  out.json["timeline_events_marked"] = marked;
  out.text = text + note + "\n";
  out.html = fmt::format(
      "<p>Tie score (mean Goldstein / 10, both directions) per {} of the key dyads; dashed "
      "horizontal lines: the scenario's coded relations; dashed vertical lines: its timeline "
      "events. {}</p>\n{}{}",
      events::to_string(s.period), svg::escape(note), svg, table);
  return out;
}

}  // namespace detente::report
