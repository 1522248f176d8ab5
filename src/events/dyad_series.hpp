// detente/events/dyad_series.hpp
//
// Aggregation of event streams into dyad x period series, and signed relation networks per
// period. One pass over the inputs; memory grows with the number of (period, actor1,
// actor2) groups (plus the de-duplication keys when de-duplicating), never with the input.
//
// Per group the series holds: events; Goldstein sum and mean; mentions (GDELT NumMentions,
// or the number of Mentions-table rows when mention files are joined, 1 per event for
// formats without mentions); counts per QuadClass; net cooperation (q1+q2)-(q3+q4);
// mention-weighted Goldstein and net cooperation; and the period's total event volume for
// normalisation. Goldstein values are summed as exact integers (hundredths), so results do
// not depend on the order of rows or on the thread count.
//
// Example:
//   using namespace detente::events;
//   AggregateOptions opt;
//   opt.period = Period::month;
//   opt.filter.actors = {"CHN", "JPN", "KOR"};
//   DyadSeries s = aggregate_events({"gdelt2_20191024143000.export.CSV"}, opt);
//   std::string csv = to_csv(s);   // period,actor1,actor2,events,goldstein_sum,...
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "io/events/event_reader.hpp"

namespace detente::events {

enum class Period { day, week, month, quarter, year, all };
std::string_view to_string(Period p);
std::optional<Period> period_from_string(std::string_view text);

// Period number of a day (days since 1970-01-01): the day itself, the Monday of its ISO
// week, year*12+month-1, year*4+quarter-1, the year, or 0 for `all`.
std::int32_t period_of(std::int32_t days, Period p);
// "2019-10-24", "2019-W43" (ISO week), "2019-10", "2019-Q4", "2019", "all".
std::string period_label(std::int32_t period, Period p);
// First day of a period (days since epoch), for charts.
std::int32_t period_start(std::int32_t period, Period p);

// De-duplication: none; one event per (date, actor1 code, actor2 code, event code) — the
// "one-a-day" filter of Phoenix and Lowe's `events`; or one per (source URL, actor1
// country, actor2 country, event code). Keys are kept as 64-bit hashes.
enum class Dedup { none, daily, url };
std::string_view to_string(Dedup d);
std::optional<Dedup> dedup_from_string(std::string_view text);

struct EventFilter {
  std::vector<std::string> actors;  // both actors' countries in this set; empty = any
  bool actor_geo = false;           // actor countries from the Actor1/2Geo FIPS fields (GDELT)
  std::vector<std::string> roles;   // each actor has one of these CAMEO roles; empty = any
  std::optional<Date> from, to;     // inclusive, on the binning date
  bool root_only = false;           // GDELT IsRootEvent = 1
  std::vector<std::string> codes;   // event codes or prefixes ("19", "0251"); empty = any
  std::vector<int> quads;           // QuadClass values kept; empty = all
  bool allow_domestic = false;      // keep actor1 == actor2
};

struct AggregateOptions {
  ReadOptions read;
  EventFilter filter;
  Period period = Period::month;
  bool directed = true;  // false: actor1 < actor2 alphabetically, both directions summed
  Dedup dedup = Dedup::none;
  int min_confidence = 0;  // Mentions rows below this Confidence are not counted
};

struct DyadCell {
  std::int32_t period = 0;
  std::string actor1, actor2;
  std::int64_t events = 0;
  std::int64_t goldstein_centi = 0;  // sum of Goldstein x 100
  std::int64_t mentions = 0;
  std::int64_t goldstein_mentions_centi = 0;  // sum of Goldstein x mentions x 100
  std::int64_t quad[4] = {};                  // QuadClass 1..4
  std::int64_t mentions_coop = 0;             // mentions of events in QuadClass 1-2
  std::int64_t mentions_conflict = 0;         // mentions of events in QuadClass 3-4

  double goldstein_sum() const { return static_cast<double>(goldstein_centi) / 100.0; }
  double goldstein_mean() const {
    return events ? static_cast<double>(goldstein_centi) / 100.0 / static_cast<double>(events) : 0;
  }
  std::int64_t net_coop() const { return quad[0] + quad[1] - quad[2] - quad[3]; }
  double goldstein_mentions_sum() const {
    return static_cast<double>(goldstein_mentions_centi) / 100.0;
  }
  double goldstein_mentions_mean() const {
    return mentions ? goldstein_mentions_sum() / static_cast<double>(mentions) : 0;
  }
  std::int64_t net_coop_mentions() const { return mentions_coop - mentions_conflict; }
};

struct DyadSeries {
  Period period = Period::month;
  bool directed = true;
  std::vector<DyadCell> cells;                         // sorted by period, actor1, actor2
  std::map<std::int32_t, std::int64_t> period_events;  // all rows passing the non-actor filters
  ReadStats stats;                                     // of the event files
  ReadStats mention_stats;                             // of the joined mention files
  std::int64_t filtered = 0;                           // rows removed by filters
  std::int64_t no_dyad = 0;                            // rows without two 3-letter actor countries
  std::int64_t duplicates = 0;                         // rows removed by de-duplication
  std::int64_t counted = 0;                            // rows in the cells
};

// Reads `inputs` (and joins `mention_inputs`, GDELT 2.0 Mentions files, by GLOBALEVENTID:
// each event's mentions become its number of Mentions rows) and aggregates. De-duplication
// and --strict read with one thread so the first occurrence in input order is kept.
DyadSeries aggregate_events(const std::vector<std::string>& inputs, const AggregateOptions& options,
                            const std::vector<std::string>& mention_inputs = {});

struct CsvColumns {
  bool extended = false;   // + net_coop, goldstein_mw_sum, goldstein_mw_mean, net_coop_mw
  bool normalize = false;  // + period_events, events_share, goldstein_share, net_coop_share
};
// Header: period,actor1,actor2,events,goldstein_sum,goldstein_mean,mentions,quad1,quad2,
// quad3,quad4 (then the optional columns).
std::string to_csv(const DyadSeries& s, CsvColumns columns = {});
nlohmann::json to_json(const DyadSeries& s);

// Signed network per period. The score of a dyad is its net cooperation share
// ((q1+q2)-(q3+q4))/events, or its Goldstein mean / 10; both lie in [-1, 1]. An edge is
// kept when events >= min_events and |score| > threshold; sign = sign of the score,
// weight = |score|.
enum class SignBasis { net_coop, goldstein };
struct NetworkOptions {
  SignBasis basis = SignBasis::net_coop;
  double threshold = 0.1;
  std::int64_t min_events = 1;
};
struct SignedEdge {
  std::int32_t period = 0;
  std::string from, to;
  int sign = 1;
  double weight = 0;
  std::int64_t events = 0;
};
// `s` should be undirected (for the alignment part's undirected signed graphs).
std::vector<SignedEdge> signed_network(const DyadSeries& s, const NetworkOptions& options);
// Edge list `from,to,sign,weight` (the alignment part's format), with a leading `period`
// column when with_period is true.
std::string network_csv(const std::vector<SignedEdge>& edges, Period p, bool with_period);

}  // namespace detente::events
