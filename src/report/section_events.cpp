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

namespace detente::report {

namespace {

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

// The scenario's timeline events dated within [first, last] (days since the epoch).
int events_within(const Scenario& scenario, std::int32_t first, std::int32_t last) {
  return static_cast<int>(
      std::count_if(scenario.events.begin(), scenario.events.end(), [&](const Event& e) {
        const auto d = static_cast<std::int32_t>(e.date.days_since_epoch());
        return d >= first && d <= last;
      }));
}

// The measured tie of a dyad over a window of periods, against its coded relation.
struct Comparison {
  std::int64_t events = 0;
  int periods = 0;
  // The mean of the period scores and its standard error: the window tie of
  // events/tie_series.hpp (window_tie), the one `detente draft` writes.
  double score = 0, se = 0;
  std::string verdict;  // "contradicted", "consistent", "weak evidence", "no data", …
};

Comparison compare(const std::vector<Point>& points, std::int32_t from_day, std::int32_t to_day,
                   std::optional<double> coded) {
  Comparison c;
  std::vector<double> scores;
  for (const auto& p : points)
    if (p.day >= from_day && p.day < to_day) {
      c.events += p.cell->events;
      scores.push_back(p.score);
    }
  c.periods = static_cast<int>(scores.size());
  if (c.events == 0) {
    c.verdict = "no data";
    return c;
  }
  double m = 0;
  for (double s : scores) m += s;
  m /= static_cast<double>(scores.size());
  c.score = m;
  if (scores.size() >= 2) {
    double v = 0;
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

  // The comparison window: the 12 whole months before as_of's month, or all the data (a
  // month that as_of falls inside would hold events after it).
  const Date ref = scenario.reference_date();
  const bool windowed = scenario.as_of.has_value();
  const auto ref_day = static_cast<std::int32_t>(Date{ref.year, ref.month, 1}.days_since_epoch());
  const std::int32_t from_day =
      windowed ? static_cast<std::int32_t>(Date{ref.year - 1, ref.month, 1}.days_since_epoch())
               : INT32_MIN;
  const std::int32_t to_day = windowed ? ref_day : INT32_MAX;
  const TieMatrix ties = tie_matrix(scenario, ref);

  std::int32_t first = INT32_MAX, last = INT32_MIN;
  nlohmann::json dyads = nlohmann::json::object(), relations = nlohmann::json::array();
  std::string text;
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
  if (first > last) {
    out.text = text + "No events between the key dyads in these files.\n";
    return out;
  }
  out.json["timeline_events_marked"] = events_within(scenario, first, last);
  out.text = text + note + "\n";
  return out;
}

}  // namespace detente::report
