// detente/align/draft.hpp
//
// A scenario drafted from data (`detente draft`): for a set of states (ISO3 codes) and an
// as-of date, what the Correlates of War family of data sets and, optionally, event data
// say about them on that date — and nothing dated after it.
//
// The data year. The peacesciencer files are yearly; a year's row describes the whole year,
// so only years that ended before as_of are known on as_of: the data year is Y = the
// as_of's year − 1 (its own year when as_of is 31 December). Each data set is read at
// min(Y, its last year), and that year is written into every source.
//   - Actors: capability = COW NMC CINC of the latest year ≤ Y with a record, with the six
//     components and their year (docs/scenario-format.md, `components`).
//   - Alliances (ATOP 5 or COW 4.1, `alliances`): a pair allied in the data year gets an
//     `alliance` relation weighted by its strongest type — defence/offence 1,
//     neutrality/entente 0.5, non-aggression/consultation 0.25 (the recipe of
//     docs/models/relation-network.md) — since 1 January of the first year of its unbroken
//     run of alliance years.
//   - Rivalries (Thompson–Dreyer or the tss file, `rivalries`): a strategic rivalry whose
//     years cover the data year gives a `rivalry` relation of weight 1 (the data code
//     presence, not strength) since 1 January of its first year.
//   - Disputes (COW MID 5 or GML, `disputes`): militarised disputes of the pair in the
//     `dispute_years` years up to the data year give a `hostility` relation weighted by
//     the highest hostility level / 5 (threat 0.4 … war 1), since 1 January of the first
//     year in the window with one.
//   - Event ties (`event_files`): for every pair, the mean of its monthly tie scores
//     (events/tie_series.hpp, the one definition) over the `tie_months` whole months before
//     as_of, as an `event_tie` relation whose weight is a normal distribution with the
//     standard error of that mean, bounded to [−1, 1]; pairs measured in fewer than
//     `min_tie_months` months get none (a note says so).
// Issues, positions and saliences are not in these data: the draft has none, and the
// comments the writer adds say they are the analyst's.
//
// Errors (InputError, exit 1): an unknown ISO3 code or one that is not a COW state; fewer
// than two actors; an as_of before the data (no NMC year ≤ Y for an actor); a missing data
// file; no events among the actors in the window when event files are given.
//
// Cost: one pass over each data file (O(rows)), one over the event files, O(n²) pairs.
//
// Example:
//   detente::align::DraftOptions o;
//   o.actors = {"ISR", "SYR", "JOR", "EGY", "LBN"};
//   o.as_of = detente::Date{2005, 1, 1};
//   o.data_dir = "../shared/data/alignment/peacesciencer";
//   o.event_files = {"../shared/data/events/keds/keds_levant.cameo.tsv"};
//   detente::align::Draft d = detente::align::draft_scenario(o);
//   // d.scenario: actors with CINC 2003, relations, event ties of 2004-01 … 2004-12
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/scenario.hpp"

namespace detente::align {

struct DraftOptions {
  std::vector<std::string> actors;  // ISO3 codes of COW states
  Date as_of;
  std::string data_dir;                  // the peacesciencer CSVs
  std::vector<std::string> event_files;  // optional: measured ties
  std::string events_format = "auto";
  std::string alliances = "atop";  // "atop" (atop_alliance.csv) or "cow" (cow_alliance.csv)
  std::string disputes = "cow";    // "cow" (cow_mid_ddydisps.csv) or "gml" (gml_mid_ddydisps.csv)
  std::string rivalries = "td";    // "td" (td_rivalries.csv) or "tss" (tss_rivalries.csv)
  int dispute_years = 5;           // the window of "recent" disputes, in years up to Y
  int tie_months = 12;             // the window of the event ties, whole months before as_of
  int min_tie_months = 3;          // fewer measured months: no event tie for the pair
  int threads = 1;                 // for reading event files
};

struct Draft {
  Scenario scenario;
  int data_year = 0;                 // Y
  std::vector<std::string> sources;  // one line per data set used, with the year read
  std::vector<std::string> notes;    // what the data could not say (for comments)
  int measured_pairs = 0;            // pairs with an event tie
};

Draft draft_scenario(const DraftOptions& options);

// The COW state codes of an ISO3 code: one for most states, two for states coded twice
// over time (Germany 255 and West Germany 260, Yemen 679 and North Yemen 678; the draft
// takes the one with the latest NMC record by the data year); empty when the code names
// no COW state (e.g. PSE: COW codes no Palestinian state).
std::vector<int> cow_codes(std::string_view iso3);

}  // namespace detente::align
