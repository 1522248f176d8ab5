// The monthly tie score per dyad; see tie_series.hpp.
#include "events/tie_series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/error.hpp"

namespace detente::events {

double tie_score(const DyadCell& cell) {
  if (cell.events <= 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(cell.goldstein_centi) / 1000.0 / static_cast<double>(cell.events);
}

int TieSeries::dyad_index(const std::string& a, const std::string& b) const {
  auto ia = std::find(actors.begin(), actors.end(), a);
  auto ib = std::find(actors.begin(), actors.end(), b);
  if (ia == actors.end() || ib == actors.end() || ia == ib) return -1;
  int i = static_cast<int>(ia - actors.begin()), j = static_cast<int>(ib - actors.begin());
  if (i > j) std::swap(i, j);
  for (std::size_t d = 0; d < dyads.size(); ++d)
    if (dyads[d] == std::pair{i, j}) return static_cast<int>(d);
  return -1;
}

std::string TieSeries::dyad_name(std::size_t d) const {
  return actors[dyads[d].first] + "–" + actors[dyads[d].second];
}

std::string TieSeries::month_label(int t) const {
  return period_label(first_month + t, Period::month);
}

int TieSeries::month_of(const Date& d) const { return d.month_index() - first_month; }

TieSeries tie_series_from_cells(const DyadSeries& cells, const TieSeriesOptions& options) {
  if (cells.period != Period::month || cells.directed)
    throw InputError({"", 0, "events"}, "tie series need undirected monthly cells");
  std::vector<std::string> actors = options.actors;
  if (actors.empty()) {
    // The actors with most events in dyads (either side), ties broken by name.
    std::map<std::string, std::int64_t> volume;
    for (const auto& c : cells.cells) {
      volume[c.actor1] += c.events;
      volume[c.actor2] += c.events;
    }
    std::vector<std::pair<std::int64_t, std::string>> ranked;
    for (const auto& [name, n] : volume) ranked.emplace_back(-n, name);
    std::sort(ranked.begin(), ranked.end());
    for (std::size_t k = 0; k < ranked.size() && static_cast<int>(k) < options.top_actors; ++k)
      actors.push_back(ranked[k].second);
  }
  std::sort(actors.begin(), actors.end());
  actors.erase(std::unique(actors.begin(), actors.end()), actors.end());
  if (actors.size() < 2)
    throw InputError({"", 0, "actors"},
                     fmt::format("a tie series needs two actors or more, got {}", actors.size()));

  TieSeries s;
  s.actors = actors;
  s.stats = cells.stats;
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < actors.size(); ++i) index[actors[i]] = static_cast<int>(i);
  for (int i = 0; i < static_cast<int>(actors.size()); ++i)
    for (int j = i + 1; j < static_cast<int>(actors.size()); ++j) s.dyads.emplace_back(i, j);

  std::int32_t lo = std::numeric_limits<std::int32_t>::max(), hi = -lo;
  for (const auto& c : cells.cells)
    if (index.count(c.actor1) && index.count(c.actor2)) {
      lo = std::min(lo, c.period);
      hi = std::max(hi, c.period);
    }
  if (options.from) lo = options.from->month_index();
  if (options.to) hi = options.to->month_index();
  if (hi < lo)
    throw InputError({"", 0, "events"}, fmt::format("no events among {} in the months asked for",
                                                    fmt::join(actors, ",")));
  s.first_month = lo;
  s.months = hi - lo + 1;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.score.assign(s.dyads.size(), std::vector<double>(static_cast<std::size_t>(s.months), nan));
  s.events.assign(s.dyads.size(), std::vector<std::int32_t>(static_cast<std::size_t>(s.months), 0));
  for (const auto& c : cells.cells) {
    auto a = index.find(c.actor1), b = index.find(c.actor2);
    if (a == index.end() || b == index.end() || a == b) continue;
    if (c.period < lo || c.period > hi) continue;
    int d = s.dyad_index(c.actor1, c.actor2);
    const std::size_t t = static_cast<std::size_t>(c.period - lo);
    s.score[d][t] = tie_score(c);
    s.events[d][t] = static_cast<std::int32_t>(c.events);
  }
  return s;
}

TieSeries read_tie_series(const std::vector<std::string>& files, const TieSeriesOptions& options) {
  AggregateOptions ao;
  ao.read = options.read;
  ao.read.need_event_id = ao.read.need_geo = ao.read.need_url = false;
  ao.period = Period::month;
  ao.directed = false;
  ao.filter.actors = options.actors;
  ao.filter.from = options.from;
  if (options.to) {
    // The filter is inclusive on days: take the whole of the last month.
    Date last = *options.to;
    last.day = 1;
    last = Date::from_days(
        Date{last.month == 12 ? last.year + 1 : last.year, last.month == 12 ? 1 : last.month + 1, 1}
            .days_since_epoch() -
        1);
    ao.filter.to = last;
  }
  if (options.from) {
    Date first = *options.from;
    first.day = 1;
    ao.filter.from = first;
  }
  DyadSeries cells = aggregate_events(expand_inputs(files), ao);
  if (cells.counted == 0)
    throw InputError({files.empty() ? "" : files.front(), 0, "events"},
                     fmt::format("no dyadic events read ({})", cells.stats.summary()));
  return tie_series_from_cells(cells, options);
}

WindowTie window_tie(const TieSeries& series, std::size_t dyad, int begin, int end) {
  WindowTie w;
  begin = std::max(begin, 0);
  end = std::min(end, series.months);
  double sum = 0, sum2 = 0;
  for (int t = begin; t < end; ++t) {
    if (!series.observed(dyad, t)) continue;
    const double x = series.score[dyad][static_cast<std::size_t>(t)];
    sum += x;
    ++w.months;
    w.events += series.events[dyad][static_cast<std::size_t>(t)];
  }
  if (w.months == 0) return w;
  w.mean = sum / w.months;
  for (int t = begin; t < end; ++t)
    if (series.observed(dyad, t)) {
      const double e = series.score[dyad][static_cast<std::size_t>(t)] - w.mean;
      sum2 += e * e;
    }
  if (w.months >= 2) w.se = std::sqrt(sum2 / (w.months - 1) / w.months);
  return w;
}

TieSeries truncate(const TieSeries& series, int end) {
  TieSeries s = series;
  end = std::clamp(end, 0, series.months);
  s.months = end;
  for (auto& row : s.score) row.resize(static_cast<std::size_t>(end));
  for (auto& row : s.events) row.resize(static_cast<std::size_t>(end));
  return s;
}

}  // namespace detente::events
