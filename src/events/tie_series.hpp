// detente/events/tie_series.hpp
//
// The tie score: one documented monthly measure of how cooperative or hostile a dyad is,
// measured from event data (docs/events.md, "Tie score"). `draft`, `calibrate`,
// `backtest --events` and the report's events section all use this one definition.
//
//     tie(i, j, month) = Σ_e g_e / (10 · N)
//
// over the N events of the month between i and j in either direction (actor countries as
// the readers give them), g_e the event's Goldstein (1992) weight in [−10, +10], so the
// score lies in [−1, 1], the scale of the scenario's tie matrix. A month without events is
// missing (NaN), not zero. The number of events is kept beside each score: a score from
// three events is noisier than one from three hundred.
//
// Cost: one pass over the events (events/dyad_series.hpp), then O(D · M) for D dyads and
// M months.
//
// Example:
//   detente::events::TieSeriesOptions opt;
//   opt.actors = {"ISR", "SYR", "LEB", "JOR", "EGY", "PAL"};
//   auto ties = detente::events::read_tie_series({"keds_levant.cameo.tsv"}, opt);
//   double x = ties.score[ties.dyad_index("ISR", "SYR")][0];   // first month, or NaN
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "events/dyad_series.hpp"

namespace detente::events {

struct TieSeriesOptions {
  ReadOptions read;
  std::vector<std::string> actors;  // empty: the `top_actors` with most dyadic events
  int top_actors = 8;
  std::optional<Date> from, to;  // inclusive months; default: the data's first and last
};

// Monthly tie scores of every undirected dyad among `actors` (i < j in the sorted list).
struct TieSeries {
  std::vector<std::string> actors;                // sorted
  std::vector<std::pair<int, int>> dyads;         // actor indices, i < j, row-major order
  std::int32_t first_month = 0;                   // year*12 + month − 1 of column 0
  int months = 0;                                 // columns
  std::vector<std::vector<double>> score;         // [dyad][month]: tie score, NaN = no events
  std::vector<std::vector<std::int32_t>> events;  // [dyad][month]: number of events
  ReadStats stats;                                // of the event files read (empty otherwise)

  int dyad_index(const std::string& a, const std::string& b) const;  // −1 when absent
  std::string dyad_name(std::size_t d) const;                        // "ISR–SYR"
  std::string month_label(int t) const;                              // "1990-01"
  // Column of a date's month (may be outside [0, months)).
  int month_of(const Date& d) const;
  bool observed(std::size_t d, int t) const { return !std::isnan(score[d][t]); }
};

// The tie score of one aggregated cell (Goldstein mean / 10), NaN without events.
double tie_score(const DyadCell& cell);

// From undirected monthly cells (aggregate_events with directed = false and
// Period::month). Throws InputError (field "actors") when fewer than two actors remain or
// the months are empty.
TieSeries tie_series_from_cells(const DyadSeries& cells, const TieSeriesOptions& options);

// Reads and aggregates event files, then builds the series.
TieSeries read_tie_series(const std::vector<std::string>& files, const TieSeriesOptions& options);

// A dyad's tie over a window of months: the mean of its measured monthly scores (each
// measured month counts once, however many events it has), the standard error of that mean
// from their spread, sd / √months (NaN with fewer than two months), the measured months and
// the events. `draft` writes mean ± se as the dyad's measured tie; the months without events
// are left out, not counted as zero.
struct WindowTie {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double se = std::numeric_limits<double>::quiet_NaN();
  int months = 0;
  std::int64_t events = 0;
};
WindowTie window_tie(const TieSeries& series, std::size_t dyad, int begin, int end);

// The columns [0, end) of a series (the data before month `end`, for out-of-sample fits).
TieSeries truncate(const TieSeries& series, int end);

}  // namespace detente::events
